from django.db.models.signals import post_delete, post_save

from . import taxonomy_cache
from .models import AccessibilityFeature, Amenity, District, SpaceType

for model in (SpaceType, District, Amenity, AccessibilityFeature):
    name = model.__name__
    post_save.connect(taxonomy_cache.clear, sender=model, dispatch_uid=f"taxonomy-save-{name}")
    post_delete.connect(taxonomy_cache.clear, sender=model, dispatch_uid=f"taxonomy-delete-{name}")
