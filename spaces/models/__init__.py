from .hours import OpeningPeriod
from .operators import SpaceOperator
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
    "SpaceOperator",
    "SpacePage",
    "SpaceType",
]
