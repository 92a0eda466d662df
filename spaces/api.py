"""Open map data: ``/api/spaces.geojson?bbox=W,S,E,N&zoom=Z`` with every directory filter
(``near=LAT,LNG|PLACE&radius=KM`` among them).

An RFC 7946 FeatureCollection of the live spaces with a map point, ``[lon, lat]``, each
with the properties ``id, title, url, type, district, capacity, bookable`` (plus
labels and the type's colour for map popups and legends). When the area holds more
than ``SPACES_MAP_MAX_POINTS`` spaces it answers with clusters instead — one feature
per grid cell of about ``CLUSTER_PIXELS`` screen pixels at ``zoom``, with
``cluster: true``, ``count`` and the cell's ``bbox`` — so that a national deployment's
whole map costs one grouped query, not a hundred thousand points.

Only spaces that no view restriction covers are shown, in either language
(``core.privacy``), whoever asks.

Malformed or out-of-range parameters answer 400 with a JSON error naming each
parameter; anyone may read it from another site (CORS ``*``). Answers carry an ETag
derived from the site's data version (any publish, unpublish, move, delete, term or
privacy change; with a free-time filter, the bookings' too: ``spaces.tags``) and are
cached under it (core.versions)."""

import hashlib
import json
import math
from urllib.parse import quote

from django.conf import settings
from django.db.models import Avg, Count, F, Max, Min
from django.db.models.functions import Floor
from django.http import HttpResponse, JsonResponse, QueryDict
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core import links, versions

from . import services
from .directory import base_queryset, filter_spaces, note_page_cache_dependencies, parse_filters
from .tags import AVAILABILITY
from .taxonomy_cache import Taxonomies

# Browsers ask again every time (with the ETag: a 304 costs no body), so the map never
# disagrees with the list after a booking or a publication; the page cache still keeps
# the answer.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
CLUSTER_PIXELS = 60  # the grid cell's side on screen at the requested zoom
TILE_PIXELS = 256
MAX_ZOOM = 22
# Parameters that change the answer; others (the list's sort and page, a cache-busting
# "_") are ignored. Near a place (``near`` with ``radius``) the answer holds the spaces
# within the radius, as the list does; the directory's map sends the point the page
# resolved the place to, so both count the same spaces.
FILTERS = (
    "bbox",
    "near",
    "radius",
    "q",
    "type",
    "district",
    "amenity",
    "accessibility",
    "min_capacity",
    "open_now",
    "date",
    "start",
    "end",
    "free_now",
)
PARAMETERS = (*FILTERS, "zoom", "lang")
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def max_points():
    return getattr(settings, "SPACES_MAP_MAX_POINTS", 1000)


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


def _error(status, message, problems=()):
    body = {"error": message}
    if problems:
        body["problems"] = [{"parameter": p, "message": m} for p, m in problems]
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return _cors(response)


@csrf_exempt  # read-only open data: a POST gets the 405 below, not a CSRF page
def spaces_geojson(request):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Max-Age"] = "86400"
        return _cors(response)
    if request.method not in ("GET", "HEAD"):
        response = _error(405, "Only GET is allowed here.")
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    language = request.GET.get("lang", settings.LANGUAGE_CODE).strip() or settings.LANGUAGE_CODE
    if language not in LANGUAGES:
        return _error(
            400,
            "Unknown language.",
            [("lang", f"Use one of: {', '.join(sorted(LANGUAGES))}.")],
        )
    with translation.override(language):
        return _answer(request, language)


def _answer(request, language):
    params = request.GET
    problems = []
    only_filters = QueryDict(mutable=True)
    for name in FILTERS:
        only_filters.setlist(name, params.getlist(name))
    filters = parse_filters(only_filters, Taxonomies())
    note_page_cache_dependencies(request, filters)
    problems.extend(filters.problems)
    zoom = None
    raw_zoom = params.get("zoom", "").strip()
    if raw_zoom:
        try:
            zoom = int(raw_zoom)
            if not 0 <= zoom <= MAX_ZOOM:
                raise ValueError
        except ValueError:
            problems.append(("zoom", _("zoom must be a whole number from 0 to %d.") % MAX_ZOOM))
    if problems:
        return _error(400, _("Some parameters are not valid."), problems)

    etag = _etag(request, language, filters)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        body = versions.remember(
            "geojson",
            etag,
            build=lambda: json.dumps(
                _collection(request, filters, zoom), ensure_ascii=False, separators=(",", ":")
            ),
        )
        response = HttpResponse(body, content_type="application/geo+json")
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ["Origin"])
    return _cors(response)


def _etag(request, language, filters):
    params = request.GET
    # The answer's links are absolute, from the public address (core.links).
    parts = [
        str(versions.current(versions.SITE)),
        language,
        links.base_url(),
    ]
    for name in PARAMETERS:
        values = sorted(params.getlist(name))
        if values:
            parts.append(f"{name}={'|'.join(values)}")
    if filters.window or filters.free_now:
        parts.append(str(versions.current(AVAILABILITY)))
    if filters.open_now or filters.free_now:  # the answer changes as time passes
        parts.append(timezone.localtime().strftime("%Y%m%d%H%M"))
    return '"' + hashlib.sha1("&".join(parts).encode()).hexdigest()[:32] + '"'


def _collection(request, filters, zoom):
    spaces = filter_spaces(base_queryset(), filters).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    limit = max_points()
    rows = list(spaces.order_by("pk").values(*POINT_FIELDS)[: limit + 1])
    point_feature = PointFeatures(request)
    if len(rows) <= limit:
        features = [point_feature(row) for row in rows]
        return _feature_collection(features, total=len(rows), clustered=False)
    zoom = zoom if zoom is not None else _zoom_for(filters.bbox)
    cell = 360 / (2**zoom) * CLUSTER_PIXELS / TILE_PIXELS
    cells = list(
        spaces.annotate(cx=Floor(F("longitude") / cell), cy=Floor(F("latitude") / cell))
        .values("cx", "cy")
        .annotate(
            count=Count("pk"),
            lat=Avg("latitude"),
            lng=Avg("longitude"),
            south=Min("latitude"),
            north=Max("latitude"),
            west=Min("longitude"),
            east=Max("longitude"),
            first=Min("pk"),
        )
        .order_by("cy", "cx")
    )
    single = [c["first"] for c in cells if c["count"] == 1]
    points = {
        row["pk"]: row
        for row in (spaces.filter(pk__in=single).values(*POINT_FIELDS) if single else [])
    }
    features = []
    total = 0
    for c in cells:
        total += c["count"]
        if c["count"] == 1 and c["first"] in points:
            features.append(point_feature(points[c["first"]]))
        else:
            features.append(_cluster_feature(c))
    return _feature_collection(features, total=total, clustered=True, zoom=zoom)


POINT_FIELDS = (
    "pk",
    "title",
    "name_en",
    "slug",
    "space_type_id",
    "district_id",
    "capacity",
    "bookable",
    "latitude",
    "longitude",
)


def _zoom_for(bbox):
    """The zoom at which the box fills a map about 1,000 pixels wide."""
    if bbox is None:
        return 11
    width = max(bbox[2] - bbox[0], 1e-6)
    return max(0, min(MAX_ZOOM, int(math.log2(360 * 4 / width))))


def _coordinates(lng, lat):
    return [round(lng, 6), round(lat, 6)]


class PointFeatures:
    """Builds point features; the terms' slugs, labels and colours are looked up once
    per answer, not once per space (an answer may hold a thousand points)."""

    def __init__(self, request):
        taxonomies = Taxonomies()
        self.types = {t.pk: (t.slug, t.label, t.colour) for t in taxonomies.types}
        self.districts = {d.pk: (d.slug, d.label) for d in taxonomies.districts}
        self.english = translation.get_language() == "en"
        self.urls = SpaceUrls(request)

    def __call__(self, row):
        type_slug, type_label, colour = self.types.get(row["space_type_id"], (None,) * 3)
        district_slug, district_label = self.districts.get(row["district_id"], (None,) * 2)
        title = (row["name_en"] or row["title"]) if self.english else row["title"]
        return {
            "type": "Feature",
            "id": row["pk"],
            "geometry": {
                "type": "Point",
                "coordinates": _coordinates(row["longitude"], row["latitude"]),
            },
            "properties": {
                "id": row["pk"],
                "title": title,
                "url": self.urls.url(row["slug"]),
                "type": type_slug,
                "type_label": type_label,
                "colour": colour,
                "district": district_slug,
                "district_label": district_label,
                "capacity": row["capacity"],
                "bookable": row["bookable"],
            },
        }


def _cluster_feature(cell):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": _coordinates(cell["lng"], cell["lat"])},
        "properties": {
            "cluster": True,
            "count": cell["count"],
            "bbox": [
                round(cell["west"], 6),
                round(cell["south"], 6),
                round(cell["east"], 6),
                round(cell["north"], 6),
            ],
        },
    }


def _feature_collection(features, *, total, clustered, zoom=None):
    collection = {"type": "FeatureCollection", "features": features}
    # Foreign members (RFC 7946 §6.1): how many spaces the features stand for.
    collection["total"] = total
    collection["clustered"] = clustered
    if zoom is not None:
        collection["zoom"] = zoom
    return collection


class SpaceUrls:
    """Absolute page addresses in the active language without loading each page:
    every space is a child of the directory, so its path is the directory's plus its
    slug (the English site serves an untranslated space at the same slug)."""

    def __init__(self, request):
        self.request = request
        self._base = None

    def url(self, slug):
        if self._base is None:
            page = services.directory()
            path = page.get_url(self.request) if page else "/"
            self._base = iri_to_uri(links.absolute(path))
        return f"{self._base}{quote(slug, safe='-_.~')}/"
