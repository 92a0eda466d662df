from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _

# What city staff may do with entries (nobody adds them in the admin).
STAFF_ENTRY_PERMISSIONS = ["view_campaignentry", "change_campaignentry", "delete_campaignentry"]


def grant_staff_permissions():
    """Give the "City staff" group (``spaces.access.STAFF_GROUP``) the entry permissions,
    when the group exists. Idempotent."""
    from django.contrib.auth.models import Group, Permission

    from spaces.access import STAFF_GROUP

    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group is None:
        return False
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="campaigns", codename__in=STAFF_ENTRY_PERMISSIONS
        )
    )
    return True


def _after_migrate(sender, **kwargs):
    """After the last app migrated (so every permission and, from ``spaces``, the staff
    group exist — the same trick as ``spaces.signals._after_migrate``)."""
    from django.apps import apps

    if sender.label == list(apps.get_app_configs())[-1].label:
        grant_staff_permissions()


def _entry_deleted(sender, instance, **kwargs):
    """An entry's photo goes with it (personal data is deletable)."""
    if instance.photo:
        instance.photo.delete(save=False)


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from . import signals  # noqa: F401 (connects the results' cache tags)
        from .models import CampaignEntry

        post_migrate.connect(_after_migrate, dispatch_uid="campaigns-staff-permissions")
        post_delete.connect(
            _entry_deleted, sender=CampaignEntry, dispatch_uid="campaigns-entry-photo-delete"
        )
