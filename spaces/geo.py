"""Points and distances. Coordinates are WGS84 degrees; the map widget stores a point as
``SRID=4326;POINT(lng lat)`` and we keep indexed float columns beside it."""

import math
import re

from django.utils.translation import gettext_lazy as _

# Seoul's extent with a small margin (south, west, north, east).
SEOUL_BOUNDS = (37.41, 126.76, 37.72, 127.19)
SEOUL_CENTRE = (37.5665, 126.9780)
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # along a meridian

_POINT = re.compile(r"POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)", re.IGNORECASE)


def in_seoul(latitude, longitude):
    south, west, north, east = SEOUL_BOUNDS
    return south <= latitude <= north and west <= longitude <= east


def point_string(latitude, longitude):
    return f"SRID=4326;POINT({longitude:.6f} {latitude:.6f})"


def parse_point(value):
    """(latitude, longitude) from the widget's string, or None."""
    match = _POINT.search(value or "")
    if not match:
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    return latitude, longitude


def parse_latlng(value):
    """(latitude, longitude) from "LAT,LNG", or raise ValueError with a reason."""
    try:
        lat_text, lng_text = (part.strip() for part in value.split(","))
        latitude, longitude = float(lat_text), float(lng_text)
    except (AttributeError, ValueError) as error:
        raise ValueError(
            _("Give a location as latitude,longitude, e.g. 37.5665,126.9780.")
        ) from error
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or math.isnan(latitude + longitude):
        raise ValueError(_("That location is not on Earth: latitude −90…90, longitude −180…180."))
    return latitude, longitude


def distance_km(a, b):
    """Great-circle distance between two (lat, lng) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def box_around(point, km):
    """(west, south, east, north) of the square that holds the circle of ``km`` around
    ``point`` (lat, lng)."""
    latitude, longitude = point
    dlat = km / KM_PER_DEGREE
    dlng = dlat / max(math.cos(math.radians(latitude)), 0.01)
    return longitude - dlng, latitude - dlat, longitude + dlng, latitude + dlat


def looks_like_latlng(value):
    """True when the text is meant as coordinates (digits, signs, dots and one comma)."""
    return bool(re.fullmatch(r"\s*[-+\d.eE]+\s*,\s*[-+\d.eE]+\s*", value or ""))


def parse_bbox(value):
    """(west, south, east, north) from "W,S,E,N" (degrees), or raise ValueError with a
    reason. A box may not cross the antimeridian (no place we list needs it)."""
    parts = (value or "").split(",")
    if len(parts) != 4:
        raise ValueError(
            _("Give the map area as bbox=west,south,east,north, e.g. 126.76,37.41,127.19,37.72.")
        )
    try:
        west, south, east, north = (float(part.strip()) for part in parts)
    except ValueError as error:
        raise ValueError(
            _("The map area must be four numbers: west,south,east,north (degrees).")
        ) from error
    if not all(math.isfinite(n) for n in (west, south, east, north)):
        raise ValueError(_("The map area must be four numbers: west,south,east,north (degrees)."))
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError(_("The map area's longitudes must lie between −180 and 180."))
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise ValueError(_("The map area's latitudes must lie between −90 and 90."))
    if west >= east or south >= north:
        raise ValueError(
            _("The map area is empty: west must be less than east, and south less than north.")
        )
    return west, south, east, north
