"""The space directory's filters: parse the query string, narrow the spaces, describe
what was applied. Lenient by design: an unknown or malformed value is dropped with a
notice, the rest of the search still works, and nothing here can raise a 500.

Query parameters (all combinable, all optional, repeatable where plural):
``q``, ``type``, ``district``, ``amenity``, ``accessibility``, ``min_capacity``,
``open_now``, ``near=LAT,LNG`` or ``near=PLACE`` (a district, a 동 or part of an address
we hold) with ``radius=1|2|5|10`` (km; by default 2 around a 동 or a point, 5 around a
district), ``bbox=W,S,E,N`` (the map's area), ``date=YYYY-MM-DD&start=HH:MM&end=HH:MM``
(open and free for that whole window), ``free_now``, ``sort=name|newest|nearest``
(nearest by default near a place), ``page``.
The GeoJSON API takes the same parameters and answers 400 where the page gives a notice.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db import connection
from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Value,
)
from django.db.models.functions import Lower
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import versions
from core.i18n import default_locale_id, localize_pages
from core.paging import page_or_notice, remembered_page
from core.privacy import without_private
from core.text import fold, one_line

from . import geo, hours, places
from .models import OpeningPeriod, SpaceClosure, SpaceGalleryImage, SpacePage
from .taxonomy_cache import Taxonomies

FREE_NOW_MINUTES = 30  # "free now" means free for at least this long
WINDOW_FILTERS = []  # functions (queryset, start, end) -> queryset; see register_window_filter
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
# Control characters (NUL among them, which no PostgreSQL text column takes) are no
# part of words: typed text is read with them as spaces.

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
# How far from today a time window may lie; the calendar's ends (year 1, year 9999) are
# out of reach of time zones and of "24:00", and no booking is that far off.
MAX_WINDOW_DAYS = 366 * 5
MAX_CAPACITY = 100_000
SORTS = ("name", "newest", "nearest")
# Near a place the directory holds the spaces within this many km (the radius control's
# choices); by default a distance that fits the place: a 동 is smaller than a 구.
RADII = (1, 2, 5, 10)
DEFAULT_RADIUS = 2
DISTRICT_RADIUS = 5
ADDRESS = "address"  # the kind of a place found in the spaces' own addresses


@dataclass
class Filters:
    """What the visitor asked for, cleaned; ``notices`` explain what was ignored."""

    q: str = ""
    # Per word of ``q``: (the word folded, ids of the space types and districts whose
    # name holds it).
    q_words: list = field(default_factory=list)
    types: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    amenities: list = field(default_factory=list)
    accessibility: list = field(default_factory=list)
    min_capacity: int | None = None
    open_now: bool = False
    near: tuple | None = None  # (latitude, longitude), rounded to 6 decimals
    near_text: str = ""  # what was typed
    near_place: places.Place | None = None  # the place it names, when not coordinates
    near_label: str = ""  # that place as shown in the active language
    near_suggestions: list = field(default_factory=list)  # places, when it names none
    radius: int | None = None  # km around ``near``
    radius_given: bool = False
    bbox: tuple | None = None  # (west, south, east, north)
    window: tuple | None = None  # (start, end), aware: open and free for all of it
    free_now: bool = False
    sort: str = "name"
    sort_given: bool = False  # else the default: nearest near a place, otherwise by name
    notices: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (parameter, message)

    def problem(self, parameter, message):
        """Note a value that was ignored, with the parameter it came from."""
        self.problems.append((parameter, str(message)))
        self.notices.append(message)

    @property
    def active(self):
        return bool(
            self.q
            or self.types
            or self.districts
            or self.amenities
            or self.accessibility
            or self.min_capacity
            or self.open_now
            or self.bbox
            or self.window
            or self.free_now
            or self.near
        )


def parse_filters(params, taxonomies):
    filters = Filters()
    problem = filters.problem

    q = words(params.get("q", ""))
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH]
        problem(
            "q",
            _("Your search words were shortened to %(count)d characters.")
            % {"count": MAX_QUERY_LENGTH},
        )
    filters.q = q
    for word in map(fold, q.split()):
        named = (
            [term.pk for term in terms if word in fold(f"{term.name} {term.name_en}")]
            for terms in (taxonomies.types, taxonomies.districts)
        )
        filters.q_words.append((word, *named))

    for param, attr, terms, label in (
        ("type", "types", taxonomies.types, _("space type")),
        ("district", "districts", taxonomies.districts, _("district")),
        ("amenity", "amenities", taxonomies.amenities, _("amenity")),
        ("accessibility", "accessibility", taxonomies.accessibility, _("accessibility feature")),
    ):
        by_slug = {term.slug: term for term in terms}
        chosen = []
        for value in params.getlist(param):
            value = value.strip()
            if not value:
                continue
            term = by_slug.get(value.lower())
            if term is None:
                problem(
                    param,
                    _("There is no %(label)s “%(value)s”; that filter was ignored.")
                    % {"label": label, "value": value[:60]},
                )
            elif term not in chosen:
                chosen.append(term)
        setattr(filters, attr, chosen)

    raw = params.get("min_capacity", "").strip()
    if raw:
        try:
            number = int(raw)
            if not 1 <= number <= MAX_CAPACITY:
                raise ValueError
            filters.min_capacity = number
        except ValueError:
            problem(
                "min_capacity",
                _(
                    "“%(value)s” is not a number of people between 1 and %(max)s; the size filter was ignored."
                )
                % {"value": raw[:20], "max": f"{MAX_CAPACITY:,}"},
            )

    filters.open_now = params.get("open_now", "").strip().lower() in {"1", "on", "true", "yes"}

    _parse_near(params, taxonomies, filters)

    filters.window = _parse_window(params, problem)
    filters.free_now = params.get("free_now", "").strip().lower() in {"1", "on", "true", "yes"}

    raw = params.get("bbox", "").strip()
    if raw:
        try:
            filters.bbox = geo.parse_bbox(raw)
        except ValueError as error:
            problem("bbox", error)

    given = params.get("sort", "").strip()
    sort = given or ("nearest" if filters.near else "name")
    if sort not in SORTS:
        problem("sort", _("Unknown sort order “%(value)s”; sorted by name.") % {"value": sort[:30]})
        sort = given = "name"
    if sort == "nearest" and not filters.near:
        if not filters.near_text:  # else the place was not found, and that was said
            problem("sort", _("Sorting by distance needs a location; sorted by name."))
        sort = "name"
    filters.sort = sort
    filters.sort_given = bool(given)
    return filters


def _parse_near(params, taxonomies, filters):
    """``near`` (coordinates or a place's name) and ``radius`` into ``filters``."""
    raw = words(params.get("near", ""))[:MAX_QUERY_LENGTH]
    filters.near_text = raw
    if raw and geo.looks_like_latlng(raw):
        try:
            filters.near = geo.parse_latlng(raw)
        except ValueError as error:
            swapped = _swapped_latlng(raw)
            if swapped is None:
                filters.problem("near", error)
            filters.near = swapped
    elif raw:
        place = find_place(raw, taxonomies)
        if place is not None:
            filters.near_place = place
            filters.near = (place.lat, place.lon)
            filters.near_label = place.label(translation.get_language())
        elif named := places.lookup(raw):  # 신사동: in 강남구, 은평구 and 관악구
            filters.near_suggestions = named[:5]
            filters.problem(
                "near",
                _("Places in several districts are called “%(value)s”; choose one.")
                % {"value": raw[:60]},
            )
        else:
            filters.near_suggestions = places.suggest(raw, limit=5)  # 망원도 → 망원동
            filters.problem(
                "near",
                _(
                    "No district or address matches “%(value)s”; give a district (e.g. Mapo-gu), "
                    "a neighbourhood we hold (e.g. Mangwon-dong) or latitude,longitude."
                )
                % {"value": raw[:60]},
            )
    if filters.near:
        # The page and the map (which is sent the page's point) compute from one point.
        filters.near = (round(filters.near[0], 6), round(filters.near[1], 6))

    raw = params.get("radius", "").strip().lower().removesuffix("km").strip()
    radius = None
    if raw:
        try:
            radius = float(raw)
            if radius not in RADII:
                raise ValueError
        except ValueError:
            radius = None
            filters.problem(
                "radius",
                _("Choose a distance of 1, 2, 5 or 10 km; “%(value)s” was ignored.")
                % {"value": raw[:20]},
            )
    if filters.near:  # without a place a distance means nothing: it is left aside
        filters.radius_given = radius is not None
        filters.radius = int(radius) if radius is not None else default_radius(filters.near_place)


def _swapped_latlng(text):
    """Coordinates given as longitude,latitude (as GeoJSON writes them), when that
    reading puts them in Seoul; else None."""
    first, _comma, second = text.partition(",")
    try:
        latitude, longitude = geo.parse_latlng(f"{second},{first}")
    except ValueError:
        return None
    return (latitude, longitude) if geo.in_seoul(latitude, longitude) else None


def default_radius(place):
    """km around a place when none was chosen: a district is bigger than a 동."""
    return (
        DISTRICT_RADIUS if place is not None and place.kind == places.DISTRICT else DEFAULT_RADIUS
    )


def words(text):
    """Typed text with control characters and runs of spaces as single spaces."""
    return one_line(text)


def register_window_filter(function):
    """Let another app narrow the "free for this window" filter: ``function(queryset,
    start, end)`` returns the spaces that are free then (the bookings app drops the
    spaces booked at that time). The directory itself checks opening hours."""
    WINDOW_FILTERS.append(function)
    return function


def _parse_window(params, problem):
    """(start, end) aware datetimes from date/start/end, or None; problems noted."""
    texts = {name: params.get(name, "").strip() for name in ("date", "start", "end")}
    if not any(texts.values()):
        return None
    if not all(texts.values()):
        missing = [name for name, text in texts.items() if not text]
        problem(
            missing[0],
            _(
                "To find free spaces give a date, a start and an end time; the time filter was ignored."
            ),
        )
        return None
    day = None
    if _DATE.match(texts["date"]):
        try:
            day = dt.date.fromisoformat(texts["date"])
        except ValueError:
            day = None
    today = timezone.localdate()
    if day is not None and day < today:
        problem(
            "date",
            _(
                "%(date)s has passed: free times are found from today on; the time filter was ignored."
            )
            % {"date": day.isoformat()},
        )
        return None
    if day is not None and (day - today).days > MAX_WINDOW_DAYS:
        problem(
            "date",
            _("Free times are found up to %(last)s; the time filter was ignored.")
            % {"last": (today + dt.timedelta(days=MAX_WINDOW_DAYS)).isoformat()},
        )
        return None
    if day is None:
        problem(
            "date",
            _("“%(value)s” is not a date like 2026-12-05; the time filter was ignored.")
            % {"value": texts["date"][:20]},
        )
        return None
    moments = {}
    for name in ("start", "end"):
        match = _TIME.match(texts[name])
        if not match or (match.group(1) == "24" and match.group(2) != "00"):
            problem(
                name,
                _("“%(value)s” is not a time like 14:30; the time filter was ignored.")
                % {"value": texts[name][:20]},
            )
            return None
        naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            hours=int(match.group(1)), minutes=int(match.group(2))
        )
        moments[name] = timezone.make_aware(naive)
    if moments["end"] <= moments["start"]:
        problem(
            "end", _("The end time must come after the start time; the time filter was ignored.")
        )
        return None
    return moments["start"], moments["end"]


def open_and_free(queryset, start, end):
    """Spaces open for the whole of [start, end) and free then. The typical week
    (``OpeningPeriod``) answers in SQL; on a public holiday the spaces whose rule
    mentions holidays ("PH off") are checked exactly. A window across midnight must be
    covered on both days."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    day = local_start.date()
    pieces = [(local_start, local_end)]
    midnight = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    if local_end > midnight:
        pieces = [(local_start, midnight), (midnight, local_end)]
    for piece_start, piece_end in pieces:
        closes = dt.time.max if piece_end == midnight else timezone.localtime(piece_end).time()
        piece_day = timezone.localtime(piece_start).date()
        queryset = queryset.filter(
            pk__in=OpeningPeriod.objects.filter(
                weekday=piece_day.weekday(),
                opens__lte=timezone.localtime(piece_start).time(),
                closes__gte=closes,
            ).values("space_id")
        ).exclude(
            pk__in=SpaceClosure.objects.filter(start_date__lte=piece_day)
            .filter(Q(end_date__gte=piece_day) | Q(end_date__isnull=True, start_date=piece_day))
            .values("page_id")
        )
        if hours.is_public_holiday(piece_day):
            naive = (timezone.make_naive(piece_start), timezone.make_naive(piece_end))
            closed = [
                pk
                for pk, rule in queryset.filter(opening_hours__icontains="PH").values_list(
                    "pk", "opening_hours"
                )
                if not hours.open_throughout(rule, *naive)
            ]
            queryset = queryset.exclude(pk__in=closed)
    for narrow in WINDOW_FILTERS:
        queryset = narrow(queryset, start, end)
    return queryset


def find_place(text, taxonomies):
    """The place (``places.Place``) typed by name, without any outside service: a
    district of the taxonomy by its Korean or English name or slug (마포구, 마포, Mapo,
    mapo; at the centre the District has), else what the gazetteer makes of it (a 동 or
    a district, in either language, with or without its ending: 망원동, 망원1동, 망원,
    Mangwon-dong), else the middle of the spaces whose address holds the text (a road, a
    building). None when nothing matches, or when several places share the name."""
    key = text.strip().lower()
    for district in taxonomies.districts:
        names = {district.slug, district.name.lower(), district.name_en.lower()}
        names |= {district.name.removesuffix("구"), district.name_en.lower().removesuffix("-gu")}
        if key in names and district.latitude is not None and district.longitude is not None:
            return places.Place(
                name=district.name,
                district=district.name,
                lat=district.latitude,
                lon=district.longitude,
                kind=places.DISTRICT,
                name_en=district.name_en,
                district_en=district.name_en,
                code=district.slug,
            )
    place = places.resolve(text)
    if place is not None or places.lookup(text):
        return place
    centre = base_queryset().filter(address__icontains=text.strip(), latitude__isnull=False)
    centre = centre.aggregate(n=Count("pk"), lat=Avg("latitude"), lng=Avg("longitude"))
    if centre["n"]:
        return places.Place(
            name=text.strip(), district="", lat=centre["lat"], lon=centre["lng"], kind=ADDRESS
        )
    return None


def distance_sq(point):
    """The squared distance from ``point`` in degrees of latitude, as SQL: the
    equirectangular approximation (exact enough within a city), portable between
    PostgreSQL and SQLite."""
    lat, lng = point
    k = math.cos(math.radians(lat)) ** 2
    return ExpressionWrapper(
        (F("latitude") - Value(lat)) * (F("latitude") - Value(lat))
        + (F("longitude") - Value(lng)) * (F("longitude") - Value(lng)) * Value(k),
        output_field=FloatField(),
    )


def within(queryset, point, km):
    """The spaces within ``km`` of ``point``: the square around it first (the indexed
    columns narrow it), then the circle."""
    west, south, east, north = geo.box_around(point, km)
    degrees = km / geo.KM_PER_DEGREE
    return (
        queryset.filter(
            latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
        )
        .alias(near_distance_sq=distance_sq(point))
        .filter(near_distance_sq__lte=degrees * degrees)
    )


class HasGrams(Func):
    """PostgreSQL: ``portal_grams(text)`` holds every gram of a tsquery (``text`` and
    the query text as the two expressions): the GIN index of spaces/migrations/0010."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        text, query = (compiler.compile(e) for e in self.get_source_expressions())
        return f"portal_grams({text[0]}) @@ CAST({query[0]} AS tsquery)", [*text[1], *query[1]]


def _tsquery(grams):
    return " & ".join("'" + gram.replace("\\", "\\\\").replace("'", "''") + "'" for gram in grams)


def word_found(word, type_ids, district_ids):
    """The spaces whose ``match_text`` holds ``word`` (folded), or whose type or
    district is one of these. On PostgreSQL a word of two or more characters is looked
    up by its two-character grams in the index, then compared, and the spaces of the
    types and districts by their indexes: no other space is read. (One condition
    ``grams OR type OR district`` made PostgreSQL work out each space's grams again.)"""
    named = Q(space_type__in=type_ids) | Q(district__in=district_ids)
    if len(word) < 2 or connection.vendor != "postgresql":
        return Q(match_text__contains=word) | named
    grams = sorted({word[i : i + 2] for i in range(len(word) - 1)})
    spaces = SpacePage.objects.order_by()  # ids only: no join to the page tree
    found = spaces.filter(
        HasGrams(F("match_text"), Value(_tsquery(grams))), match_text__contains=word
    ).values("pk")
    if type_ids or district_ids:
        found = found.union(spaces.filter(named).values("pk"))
    return Q(pk__in=found)


def filter_spaces(queryset, filters, now=None):
    """Apply ``filters`` to a SpacePage queryset (every filter combinable)."""
    for word, type_ids, district_ids in filters.q_words:
        # Every word somewhere in the space's own text (one folded column) or in the
        # name of its type or district.
        queryset = queryset.filter(word_found(word, type_ids, district_ids))
    if filters.types:
        queryset = queryset.filter(space_type__in=filters.types)
    if filters.districts:
        queryset = queryset.filter(district__in=filters.districts)
    for term in filters.amenities:  # every chosen amenity must be there
        queryset = queryset.filter(amenities=term)
    for term in filters.accessibility:
        queryset = queryset.filter(accessibility=term)
    if filters.min_capacity:
        queryset = queryset.filter(capacity__gte=filters.min_capacity)
    if filters.window:
        queryset = open_and_free(queryset, *filters.window)
    if filters.free_now:
        start = (now or timezone.now()).replace(second=0, microsecond=0)
        queryset = open_and_free(queryset, start, start + dt.timedelta(minutes=FREE_NOW_MINUTES))
    if filters.near and filters.radius:
        queryset = within(queryset, filters.near, filters.radius)
    if filters.bbox:
        west, south, east, north = filters.bbox
        queryset = queryset.filter(
            longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north
        )
    if filters.open_now:
        now = timezone.localtime(now)
        queryset = queryset.filter(
            pk__in=OpeningPeriod.objects.covering(now.weekday(), now.time()).values("space_id")
        )
    return queryset


def sort_spaces(queryset, filters):
    if filters.sort == "nearest":
        return queryset.annotate(distance_sq=distance_sq(filters.near)).order_by(
            F("distance_sq").asc(nulls_last=True), "pk"
        )
    if filters.sort == "newest":
        return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    return queryset.order_by(Lower("title"), "pk")


def base_queryset(request=None):
    """Live Korean spaces that no view restriction covers, in either language
    (``core.privacy``): the directory and the map are shared by every visitor. The
    private pages are read first, by id (none, usually: then no condition at all); as
    a condition on every row, their subquery's estimated cost steered PostgreSQL to
    nested loops over tens of thousands of spaces."""
    return without_private(SpacePage.objects.live().filter(locale_id=default_locale_id(request)))


def note_page_cache_dependencies(request, filters):
    """An answer filtered by free time shows bookings; one filtered by "now" changes as
    the clock turns, and so does one filtered by free time: an unanswered request stops
    holding its slot when its answer time runs out, with nothing saved then
    (core.pagecache)."""
    from core import pagecache

    from .tags import AVAILABILITY

    if filters.window or filters.free_now:
        pagecache.depends_on(request, AVAILABILITY)
    if filters.open_now or filters.free_now or filters.window:
        pagecache.expires_within(request, 60)


@dataclass
class Hit:
    """A space on a remembered page of results: what its card's key needs."""

    pk: int
    latitude: float | None
    longitude: float | None
    open_now: bool

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


class Directory:
    """Everything the directory template shows, computed lazily once."""

    def __init__(self, request, page):
        self.request = request
        self.page = page
        self.taxonomies = Taxonomies()
        self.filters = parse_filters(request.GET, self.taxonomies)
        note_page_cache_dependencies(request, self.filters)

    @cached_property
    def now(self):
        return timezone.localtime()

    @cached_property
    def open_periods(self):
        """The opening periods covering this moment ("open now")."""
        return OpeningPeriod.objects.covering(self.now.weekday(), self.now.time())

    @cached_property
    def queryset(self):
        """The matching spaces in order, each with ``open_now``: what a card's cache key
        needs (the cards themselves load the rest, for the spaces not shown before)."""
        spaces = filter_spaces(base_queryset(self.request), self.filters, self.now)
        return (
            sort_spaces(spaces, self.filters)
            .annotate(open_now=Exists(self.open_periods.filter(space_id=OuterRef("pk"))))
            .only("pk", "latitude", "longitude")  # narrow rows: the sort reads them all
        )

    @cached_property
    def results_page(self):
        number = self.request.GET.get("page", "1")
        if self.filters.window or self.filters.free_now:
            # Answers that follow the bookings are always asked afresh.
            return page_or_notice(self.queryset, PAGE_SIZE, number, self.filters.notices)
        return self.remembered_page(number)

    def remembered_page(self, number):
        """The page of results, its ids and positions remembered for the site's data
        version (core.versions): which spaces match and in what order changes only when
        a page is published, and, with "open now", when the minute turns (opening hours
        are whole minutes); "open now" for the cards is read afresh, in one query."""
        params = sorted((k, v) for k in self.request.GET for v in self.request.GET.getlist(k))
        params = [(k, v) for k, v in params if k != "page"]
        minute = self.now.strftime("%Y-%m-%d %H:%M") if self.filters.open_now else ""
        page, found = remembered_page(
            "directory",
            (translation.get_language(), params, minute),
            PAGE_SIZE,
            number,
            find=lambda: (self.queryset, {}),
            keep=lambda space: (space.pk, space.latitude, space.longitude),
            timeout=120 if minute else None,
        )
        self.filters.notices += found["notices"]
        open_now = set(
            self.open_periods.filter(
                space_id__in=[pk for pk, _lat, _lng in page.object_list]
            ).values_list("space_id", flat=True)
        )
        page.object_list = [Hit(pk, lat, lng, pk in open_now) for pk, lat, lng in page.object_list]
        return page

    @cached_property
    def window_query(self):
        """``?date=…&start=…&end=…`` of the time the spaces are free for, or "": a card's
        link carries it, so the space page shows that day and its booking link asks for
        that time."""
        if not self.filters.window:
            return ""
        start, end = (timezone.localtime(moment) for moment in self.filters.window)
        until = f"{end:%H:%M}" if end.date() == start.date() else "24:00"
        return "?" + urlencode(
            {"date": f"{start:%Y-%m-%d}", "start": f"{start:%H:%M}", "end": until}
        )

    @cached_property
    def cards(self):
        """The HTML card of each space on this page of results (core.versions): a card
        is rendered once for its data version, language, "open now", distance and, when
        the spaces are filtered by a free time, that time (its link carries it)."""
        ordered = list(self.results_page.object_list)
        for space in ordered:
            space.distance_km = (
                geo.distance_km(self.filters.near, space.point)
                if self.filters.near and space.point
                else None
            )
        language = translation.get_language()

        def parts(space):
            distance = "" if space.distance_km is None else floatformat(space.distance_km, 1)
            return (language, space.pk, space.open_now, distance, self.window_query)

        return [
            mark_safe(card)  # noqa: S308 (rendered by our template)
            for card in versions.remember_many("space-card", ordered, parts, self.render_cards)
        ]

    def render_cards(self, spaces):
        """Cards for ``spaces`` (from ``queryset``), with everything they show loaded in a
        fixed number of queries however many there are."""
        loaded = SpacePage.objects.select_related("space_type", "district").prefetch_related(
            Prefetch(
                "gallery_images",
                queryset=SpaceGalleryImage.objects.filter(image__isnull=False)
                .select_related("image")
                .prefetch_related("image__renditions"),
            )
        )
        loaded = loaded.in_bulk([space.pk for space in spaces])
        full = []
        for space in spaces:
            page = loaded.get(space.pk)
            if page is not None:  # else deleted since the page was counted
                page.open_at_now, page.distance_km = space.open_now, space.distance_km
                page.thumbnail = next(iter(page.gallery_images.all()), None)
            full.append(page)
        found = [page for page in full if page is not None]
        translations = {p.translation_key: p for p in localize_pages(found)}
        for page in found:
            translated = translations.get(page.translation_key, page)
            page.localized_url = translated.get_url(self.request) + self.window_query
            page.translated_title = translated.title if translated is not page else None
        return [
            render_to_string("spaces/includes/space_card.html", {"space": page}) if page else ""
            for page in full
        ]

    @property
    def count(self):
        return self.results_page.paginator.count

    def chips(self):
        """Active filters, each with a link that removes just that one."""
        params = self.request.GET
        chips = []

        def without(param, value=None):
            pairs = [
                (k, v)
                for k in params
                for v in params.getlist(k)
                if k != "page" and not (k == param and (value is None or v == value))
            ]
            return "?" + urlencode(pairs) if pairs else self.page.get_url(self.request)

        def without_all(names):
            pairs = [
                (k, v) for k in params for v in params.getlist(k) if k != "page" and k not in names
            ]
            return "?" + urlencode(pairs) if pairs else self.page.get_url(self.request)

        if self.filters.q:
            chips.append({"label": f"“{self.filters.q}”", "url": without("q")})
        for param, terms in (
            ("type", self.filters.types),
            ("district", self.filters.districts),
            ("amenity", self.filters.amenities),
            ("accessibility", self.filters.accessibility),
        ):
            for term in terms:
                chips.append({"label": term.label, "url": without(param, term.slug)})
        if self.filters.min_capacity:
            chips.append(
                {
                    "label": _("%(count)s+ people") % {"count": self.filters.min_capacity},
                    "url": without("min_capacity"),
                }
            )
        if self.filters.open_now:
            chips.append({"label": _("Open now"), "url": without("open_now")})
        if self.filters.window:
            start, end = (timezone.localtime(m) for m in self.filters.window)
            chips.append(
                {
                    "label": _("Free %(day)s %(start)s–%(end)s")
                    % {"day": f"{start:%m/%d}", "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
                    "url": without_all(("date", "start", "end")),
                }
            )
        if self.filters.free_now:
            chips.append({"label": _("Free now"), "url": without("free_now")})
        if self.filters.bbox:
            chips.append({"label": _("In the map area"), "url": without("bbox")})
        if self.filters.near:
            chips.append({"label": self.near_description, "url": self.without_near()})
        return chips

    @property
    def near_description(self):
        """Within 2 km of 마포구 망원동 (of a location, for coordinates)."""
        radius = self.filters.radius
        if self.filters.near_label:
            return _("Within %(radius)s km of %(place)s") % {
                "radius": radius,
                "place": self.filters.near_label,
            }
        return _("Within %(radius)s km of a location") % {"radius": radius}

    @property
    def near_place_name(self):
        return self.filters.near_label or _("the location")

    def with_params(self, **changes):
        """This search's address with some parameters changed (None: removed), from its
        first page."""
        pairs = [
            (k, v)
            for k in self.request.GET
            for v in self.request.GET.getlist(k)
            if k != "page" and k not in changes
        ]
        pairs += [(k, v) for k, v in changes.items() if v is not None]
        return "?" + urlencode(pairs) if pairs else self.page.get_url(self.request)

    def without_map_area(self):
        """This search without the map's area (``bbox``): the whole radius or city."""
        return self.with_params(bbox=None)

    def without_near(self):
        """Removing the place removes its distance, and the order by distance."""
        sort = None if self.request.GET.get("sort") == "nearest" else self.request.GET.get("sort")
        return self.with_params(near=None, radius=None, sort=sort)

    @cached_property
    def radius_options(self):
        """The radius control's choices; "" fits the place (``default_radius``)."""
        given = self.request.GET.get("radius", "").strip().lower().removesuffix("km").strip()
        return [
            {"value": str(radius), "selected": given in (str(radius), f"{radius}.0")}
            for radius in RADII
        ]

    @cached_property
    def near_suggestions(self):
        """Links that search again near each place the typed name may have meant."""
        language = translation.get_language()
        return [
            {"label": place.label(language), "url": self.with_params(near=place.label(language))}
            for place in self.filters.near_suggestions
        ]

    @cached_property
    def wider(self):
        """When nothing lies within the radius: the smallest of the radius choices that
        holds the nearest matching space ({"radius", "url"}), or None when even the
        widest holds none. One query, asked only then."""
        filters = self.filters
        if not filters.near or self.count:
            return None
        unbounded = Filters(**{**filters.__dict__, "radius": None})
        nearest = (
            filter_spaces(base_queryset(self.request), unbounded, self.now)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .aggregate(d=Min(distance_sq(filters.near)))["d"]
        )
        if nearest is None:
            return None
        km = math.sqrt(nearest) * geo.KM_PER_DEGREE
        radius = next((r for r in RADII if r > filters.radius and r >= km), None)
        if radius is None:
            return None
        return {"radius": radius, "url": self.with_params(radius=str(radius))}

    def options(self, terms, chosen):
        chosen = {term.pk for term in chosen}
        return [{"term": term, "checked": term.pk in chosen} for term in terms]

    @cached_property
    def type_options(self):
        return self.options(self.taxonomies.types, self.filters.types)

    @cached_property
    def district_options(self):
        return self.options(self.taxonomies.districts, self.filters.districts)

    @cached_property
    def amenity_options(self):
        return self.options(self.taxonomies.amenities, self.filters.amenities)

    @cached_property
    def accessibility_options(self):
        return self.options(self.taxonomies.accessibility, self.filters.accessibility)
