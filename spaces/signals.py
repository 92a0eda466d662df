from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import Signal

from wagtail.signals import page_published, page_unpublished, post_page_move

from . import taxonomy_cache
from .models import (
    AccessibilityFeature,
    Amenity,
    District,
    SpaceIndexPage,
    SpaceOperator,
    SpacePage,
    SpaceType,
)

# Sent when a published space's opening hours rule changes (a draft's never does), by
# ``SpacePage.save`` and the bulk save: ``space``, ``old_rule``, ``new_rule``. Apps built on
# spaces (the residents' saved spaces) listen; spaces imports none of them.
hours_changed = Signal()

for model in (SpaceType, District, Amenity, AccessibilityFeature):
    name = model.__name__
    post_save.connect(taxonomy_cache.clear, sender=model, dispatch_uid=f"taxonomy-save-{name}")
    post_delete.connect(taxonomy_cache.clear, sender=model, dispatch_uid=f"taxonomy-delete-{name}")


# --- map data version (spaces.api): any change a map could show makes answers stale ---


def _space_changed(sender, **kwargs):
    from .api import bump_version

    bump_version()


def _page_event(sender, instance=None, **kwargs):
    if isinstance(instance, SpacePage) or issubclass(sender, SpacePage):
        _space_changed(sender)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(_page_event, dispatch_uid=f"spaces-map-version-{signal!r}")
post_delete.connect(_space_changed, sender=SpacePage, dispatch_uid="spaces-map-version-delete")
for model in (SpaceType, District):
    post_save.connect(_space_changed, sender=model, dispatch_uid=f"spaces-map-{model.__name__}")
    post_delete.connect(_space_changed, sender=model, dispatch_uid=f"spaces-map-d-{model.__name__}")


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


def _space_published(sender, instance, **kwargs):
    from .access import file_photos

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
