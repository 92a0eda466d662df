from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import Signal

from wagtail.signals import page_published

from .models import (
    SpaceIndexPage,
    SpaceOperator,
    SpacePage,
)

# Sent when a published space's opening hours rule changes (a draft's never does), by
# ``SpacePage.save`` and the bulk save: ``space``, ``old_rule``, ``new_rule``. Apps built on
# spaces (the residents' saved spaces) listen; spaces imports none of them.
hours_changed = Signal()

# --- who runs a space (spaces.access): grants follow the SpaceOperator rows ----------


def _remember_previous_user(sender, instance, **kwargs):
    instance._previous_user_id = (
        SpaceOperator.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        if instance.pk
        else None
    )


def _role_changed(sender, instance, **kwargs):
    from django.contrib.auth import get_user_model

    from . import access

    if SpacePage.objects.filter(pk=instance.space_id).exists():  # not a cascade delete
        access.sync_space(instance.space)
    user_ids = {instance.user_id, getattr(instance, "_previous_user_id", None)} - {None}
    for user in get_user_model().objects.filter(pk__in=user_ids):
        access.sync_user(user)


pre_save.connect(_remember_previous_user, sender=SpaceOperator, dispatch_uid="space-role-pre")
post_save.connect(_role_changed, sender=SpaceOperator, dispatch_uid="space-role-save")
post_delete.connect(_role_changed, sender=SpaceOperator, dispatch_uid="space-role-delete")


def _space_published(sender, instance, created=False, **kwargs):
    from .access import file_photos

    if not created:  # a page the bulk import just created has no operators' group yet
        file_photos(instance)


page_published.connect(_space_published, sender=SpacePage, dispatch_uid="space-photos-filed")


def _space_deleted(sender, instance, **kwargs):
    from django.contrib.auth.models import Group

    from .access import space_group_name

    Group.objects.filter(name=space_group_name(instance.pk)).delete()


post_delete.connect(_space_deleted, sender=SpacePage, dispatch_uid="space-role-group-delete")


def _index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .access import ensure_roles

        ensure_roles()


post_save.connect(_index_created, sender=SpaceIndexPage, dispatch_uid="space-index-review")


def _after_migrate(sender, **kwargs):
    """Groups and the review workflow, once every app's permissions exist."""
    from django.apps import apps

    if sender.label == list(apps.get_app_configs())[-1].label:
        from .access import ensure_roles

        ensure_roles()


post_migrate.connect(_after_migrate, dispatch_uid="spaces-roles-after-migrate")
