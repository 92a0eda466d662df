"""Seoul's district and neighbourhood outlines, as open data and as the maps' own base
layer: ``/api/districts.geojson`` (the 25 자치구, each with its number of spaces) and
``/api/neighbourhoods.geojson?district=<slug>`` (the 법정동 of one district).

Every map of the portal draws these under its markers (``static/js/map-outlines.js``),
so a map is readable where tiles cannot load: offline, a blocked tile server, a kiosk.
The outlines are files shipped with the portal (``spaces/data/``, sources and credit in
``spaces/data/SOURCES.md``), read once per process; only the counts come from the
database, in one grouped query over the spaces every public list shows
(``directory.base_queryset``: live, no view restriction).

Districts are matched to the directory's ``District`` terms by their Korean name, so a
feature carries the same ``slug`` the directory's ``?district=`` filter takes."""

import hashlib
import json
import math
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _

from core import versions

from .directory import base_queryset
from .models import District

DATA = Path(__file__).resolve().parent / "data"
CREDIT = "행정구역: 통계청·행정안전부"
PRECISION = 5  # decimal places of a coordinate: about a metre, a third of the bytes
LANGUAGES = {code for code, _name in settings.LANGUAGES}
# Outlines change with a release only; counts are asked again after a day at most, and
# revalidated by ETag (a 304 costs one version read).
CACHE_CONTROL = "public, max-age=0, must-revalidate"
NEIGHBOURHOODS_CACHE_CONTROL = "public, max-age=86400"


def _rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(value, PRECISION) for value in coordinates]
    return [_rounded(part) for part in coordinates]


@cache
def _features(name):
    with open(DATA / name, encoding="utf-8") as file:
        collection = json.load(file)
    for feature in collection["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = _rounded(geometry["coordinates"])
    return collection["features"]


def district_features():
    return _features("seoul-districts.geojson")


def neighbourhood_features():
    return _features("seoul-neighbourhoods.geojson")


def _language(request):
    language = request.GET.get("lang", "").strip() or settings.LANGUAGE_CODE
    return language if language in LANGUAGES else None


def _error(message, parameter, detail):
    body = {"error": message, "problems": [{"parameter": parameter, "message": detail}]}
    response = JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _geojson(features, language, **members):
    body = {"type": "FeatureCollection", "features": features, **members}
    body["attribution"] = CREDIT
    body["language"] = language
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        content_type="application/geo+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def _unknown_language():  # in no language we know: plain English, as spaces.geojson
    return _error("Unknown language.", "lang", f"Use one of: {', '.join(sorted(LANGUAGES))}.")


def districts_geojson(request):
    """The 25 districts with ``slug, code, name, name_ko, name_en, spaces, centre``."""
    language = _language(request)
    if language is None:
        return _unknown_language()
    etag = (
        '"'
        + hashlib.sha1(
            f"districts|{versions.current(versions.SITE)}|{language}".encode()
        ).hexdigest()[:32]
        + '"'
    )
    response = get_conditional_response(request, etag=etag)
    if response is None:
        terms = {term.name: term for term in District.objects.all()}
        counts = dict(
            base_queryset()
            .order_by()
            .values_list("district_id")
            .annotate(n=Count("pk"))
            .values_list("district_id", "n")
        )
        features = []
        for feature in district_features():
            names = feature["properties"]
            term = terms.get(names["name_ko"])
            properties = {
                "slug": term.slug if term else None,
                "code": names["code"],
                "name": names["name_en"] if language == "en" else names["name_ko"],
                "name_ko": names["name_ko"],
                "name_en": names["name_en"],
                "spaces": counts.get(term.pk, 0) if term else 0,
                # Where the district's name goes on a map: its centre, [lon, lat].
                "centre": [term.longitude, term.latitude] if term else None,
            }
            features.append({**feature, "properties": properties})
        response = _geojson(features, language)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response


def neighbourhoods_geojson(request):
    """The 법정동 of ``?district=<slug>``: ``code, name, name_ko, name_en, district,
    centre`` (a point inside it, ``[lon, lat]``)."""
    language = _language(request)
    if language is None:
        return _unknown_language()
    with translation.override(language):
        return _neighbourhoods(request, language)


@cache
def _label_points():
    """{법정동 code: [lon, lat]} of a point inside each neighbourhood (the gazetteer's,
    ``spaces/data/seoul-places.tsv``): where a map writes its name (a polygon's middle
    may lie outside it)."""
    from . import places

    return {
        row["code"]: [float(row["lon"]), float(row["lat"])]
        for row in places.rows()
        if row["kind"] == places.LEGAL
    }


def _neighbourhoods(request, language):
    slug = request.GET.get("district", "").strip()
    if not slug:
        return _error(
            _("Name a district."), "district", _("Give a district's slug, e.g. district=mapo.")
        )
    term = District.objects.filter(slug=slug).first()
    if term is None:
        return _error(
            _("Unknown district."),
            "district",
            _("No district has the slug “%s”: /api/districts.geojson lists them.") % slug,
        )
    features = [
        {
            **feature,
            "properties": {
                "code": feature["properties"]["code"],
                "name": feature["properties"]["name_en" if language == "en" else "name_ko"],
                "name_ko": feature["properties"]["name_ko"],
                "name_en": feature["properties"]["name_en"],
                "district": term.slug,
                "centre": _label_points().get(feature["properties"]["code"]),
            },
        }
        for feature in neighbourhood_features()
        if feature["properties"]["district_ko"] == term.name
    ]
    response = _geojson(features, language, district=term.slug)
    response["Cache-Control"] = NEIGHBOURHOODS_CACHE_CONTROL
    return response


# --- A district map drawn on the server (the staff statistics' choropleths) ---------

MAP_WIDTH = 320  # SVG user units; the map scales with its box
LEVELS = 5  # shades of a choropleth, besides "none"


@cache
def district_paths():
    """(viewBox height, [(Korean name, SVG path data)]) of the districts, projected
    equirectangularly at Seoul's latitude into a box MAP_WIDTH wide: an SVG needs no
    script, no tiles and no map library."""
    features = district_features()
    points = [point for feature in features for point in _points(feature["geometry"])]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    scale = MAP_WIDTH / ((east - west) * squash)
    height = round((north - south) * scale, 1)

    def xy(point):
        return f"{(point[0] - west) * squash * scale:.1f},{(north - point[1]) * scale:.1f}"

    paths = []
    for feature in features:
        data = " ".join(
            "M" + " L".join(xy(point) for point in ring) + " Z"
            for polygon in _polygons(feature["geometry"])
            for ring in polygon
        )
        paths.append((feature["properties"]["name_ko"], data))
    return height, paths


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]  # MultiPolygon


def _points(geometry):
    return [point for polygon in _polygons(geometry) for ring in polygon for point in ring]


def choropleth(counts):
    """A district map shaded by ``counts`` ({Korean district name: number}): the
    areas (``name``, ``d``, ``count``, ``level`` 0–LEVELS, 0 for none) and the legend
    (``level``, ``low``, ``high``), equal steps up to the largest count."""
    height, paths = district_paths()
    top = max(counts.values(), default=0)
    areas = []
    for name, data in paths:
        count = counts.get(name, 0)
        level = math.ceil(LEVELS * count / top) if count and top else 0
        areas.append(
            {
                "name": name,
                "d": data,
                "count": count,
                "level": level,
            }
        )
    legend = [{"level": 0, "low": 0, "high": 0}]
    if top:
        bounds = [math.floor(top * step / LEVELS) for step in range(LEVELS + 1)]
        for level in range(1, LEVELS + 1):
            low, high = bounds[level - 1] + 1, bounds[level]
            if high >= low:
                legend.append({"level": level, "low": low, "high": high})
    return {"width": MAP_WIDTH, "height": height, "areas": areas, "legend": legend}
