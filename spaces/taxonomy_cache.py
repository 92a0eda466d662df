"""The four term lists, cached: every directory page and space page shows them, and
they change rarely (saving or deleting a term clears the cache, see spaces.signals)."""

from django.core.cache import cache

from .models.taxonomies import AccessibilityFeature, Amenity, District, SpaceType

CACHE_KEY = "spaces:taxonomies"
TIMEOUT = 60 * 60


class Taxonomies:
    def __init__(self):
        data = cache.get(CACHE_KEY)
        if data is None:
            data = {
                "types": list(SpaceType.objects.all()),
                "districts": list(District.objects.all()),
                "amenities": list(Amenity.objects.all()),
                "accessibility": list(AccessibilityFeature.objects.all()),
            }
            cache.set(CACHE_KEY, data, TIMEOUT)
        self.types = data["types"]
        self.districts = data["districts"]
        self.amenities = data["amenities"]
        self.accessibility = data["accessibility"]

    def type(self, pk):
        return next((term for term in self.types if term.pk == pk), None)

    def district(self, pk):
        return next((term for term in self.districts if term.pk == pk), None)


def clear(**kwargs):
    cache.delete(CACHE_KEY)
