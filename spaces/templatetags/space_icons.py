"""A space type's icon as the map draws it: the type's colour as a ring round a Lucide
icon (spaces.models.taxonomies.TYPE_ICONS). The directory's legend shows it, and the
map's pins are copies of the legend's entries, so both always agree."""

from django import template

from ..models.taxonomies import FALLBACK_ICON, icon_static_path

register = template.Library()

DEFAULT_COLOUR = "#0b5c46"


@register.inclusion_tag("spaces/includes/type_icon.html")
def type_icon(space_type=None):
    """``space_type`` None gives the fallback drawn for a type the page does not know."""
    if space_type is None:
        return {
            "slug": "",
            "icon": FALLBACK_ICON,
            "path": icon_static_path(FALLBACK_ICON),
            "colour": DEFAULT_COLOUR,
        }
    return {
        "slug": space_type.slug,
        "icon": space_type.icon,
        "path": space_type.icon_path,
        "colour": space_type.colour or DEFAULT_COLOUR,
    }
