from .hours import OpeningPeriod
from .pages import SpaceClosure, SpaceGalleryImage, SpaceIndexPage, SpacePage
from .taxonomies import AccessibilityFeature, Amenity, District, SpaceType

__all__ = [
    "AccessibilityFeature",
    "Amenity",
    "District",
    "OpeningPeriod",
    "SpaceClosure",
    "SpaceGalleryImage",
    "SpaceIndexPage",
    "SpacePage",
    "SpaceType",
]
