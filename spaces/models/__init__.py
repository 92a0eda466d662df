from .hours import OpeningPeriod
from .pages import SpaceGalleryImage, SpaceIndexPage, SpacePage
from .taxonomies import AccessibilityFeature, Amenity, District, SpaceType

__all__ = [
    "AccessibilityFeature",
    "Amenity",
    "District",
    "OpeningPeriod",
    "SpaceGalleryImage",
    "SpaceIndexPage",
    "SpacePage",
    "SpaceType",
]
