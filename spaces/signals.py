from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from . import taxonomy_cache
from .models import AccessibilityFeature, Amenity, District, SpacePage, SpaceType

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
