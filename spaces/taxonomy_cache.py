"""The four term lists, remembered for the site's data version (core.versions: saving or
deleting a term makes every cached page stale, ``PAGE_CACHE_PURGED_BY``): every
directory page and space page shows them. The cache holds their rows; the terms are
made from them in memory."""

from core import versions

from .models.taxonomies import AccessibilityFeature, Amenity, District, SpaceType

KINDS = {
    "types": SpaceType,
    "districts": District,
    "amenities": Amenity,
    "accessibility": AccessibilityFeature,
}


def _rows():
    return {
        kind: [
            {field.attname: getattr(term, field.attname) for field in model._meta.concrete_fields}
            for term in model.objects.all()
        ]
        for kind, model in KINDS.items()
    }


class Taxonomies:
    def __init__(self):
        rows = versions.remember("taxonomies", build=_rows)
        for kind, model in KINDS.items():
            setattr(self, kind, [model(**row) for row in rows[kind]])

    def type(self, pk):
        return next((term for term in self.types if term.pk == pk), None)

    def district(self, pk):
        return next((term for term in self.districts if term.pk == pk), None)
