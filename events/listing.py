"""The /programs/ listing: upcoming dates across all spaces, filtered by date range,
district, space type, category, audience, free only and places left; lenient like the
space directory (a bad value is dropped with a notice, never a 500). Only public
programs are listed (``public_dates``)."""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import pagecache, versions
from core.i18n import default_locale_id
from core.paging import remembered_page
from core.privacy import restricted
from spaces.taxonomy_cache import Taxonomies

from .models import Audience, Category, Occurrence
from .signals import DATES, PLACES, places, places_on

PAGE_SIZE = 30
MAX_RANGE_DAYS = 366


@dataclass
class ProgramFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    districts: list = field(default_factory=list)
    types: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    free: bool = False
    available: bool = False
    notices: list = field(default_factory=list)

    @property
    def active(self):
        return bool(
            self.date_from
            or self.date_to
            or self.districts
            or self.types
            or self.categories
            or self.audiences
            or self.free
            or self.available
        )


def _date(params, name, filters):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(raw)
        today = timezone.localdate()
        if abs((day - today).days) > MAX_RANGE_DAYS * 5:
            raise ValueError
        return day
    except ValueError:
        filters.notices.append(
            _("“%(value)s” is not a date like 2026-12-05; that filter was ignored.")
            % {"value": raw[:20]}
        )
        return None


def parse_filters(params, taxonomies):
    filters = ProgramFilters()
    filters.date_from = _date(params, "from", filters)
    filters.date_to = _date(params, "to", filters)
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        filters.notices.append(_("The end date came before the start date; they were swapped."))
        filters.date_from, filters.date_to = filters.date_to, filters.date_from
    for param, attr, options, label in (
        ("district", "districts", {t.slug: t for t in taxonomies.districts}, _("district")),
        ("type", "types", {t.slug: t for t in taxonomies.types}, _("space type")),
        ("category", "categories", {c.value: c for c in Category}, _("category")),
        ("audience", "audiences", {a.value: a for a in Audience}, _("audience")),
    ):
        chosen = []
        for value in params.getlist(param):
            value = value.strip().lower()
            if not value:
                continue
            if value in options:
                if options[value] not in chosen:
                    chosen.append(options[value])
            else:
                filters.notices.append(
                    _("“%(value)s” is not a known %(name)s; that filter was ignored.")
                    % {"value": value[:40], "name": label}
                )
        setattr(filters, attr, chosen)
    truthy = {"1", "on", "true", "yes"}
    filters.free = params.get("free", "").strip().lower() in truthy
    filters.available = params.get("available", "").strip().lower() in truthy
    return filters


def public_dates():
    """The dates of live Korean programs that no view restriction covers, in either
    language (``core.privacy``; a restricted space covers its programs): every list
    and calendar of dates starts here."""
    return Occurrence.objects.filter(
        program__live=True, program__locale_id=default_locale_id()
    ).exclude(restricted("program__"))


def upcoming(filters=None, now=None):
    """Public programs' dates from now on, filtered."""
    now = now or timezone.now()
    dates = public_dates().filter(end__gt=now)
    if filters is None:
        return dates
    if filters.date_from:
        start = timezone.make_aware(dt.datetime.combine(filters.date_from, dt.time()))
        dates = dates.filter(start__gte=start)
    if filters.date_to:
        end = timezone.make_aware(
            dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time())
        )
        dates = dates.filter(start__lt=end)
    if filters.districts:
        dates = dates.filter(space__district__in=filters.districts)
    if filters.types:
        dates = dates.filter(space__space_type__in=filters.types)
    if filters.categories:
        dates = dates.filter(program__category__in=[c.value for c in filters.categories])
    if filters.audiences:
        dates = dates.filter(program__audience__in=[a.value for a in filters.audiences])
    if filters.free:
        dates = dates.filter(program__is_free=True)
    if filters.available:
        dates = dates.filter(cancelled=False).filter(
            Q(places__isnull=True) | Q(confirmed_count__lt=F("places"))
        )
    return dates


class ProgramListing:
    def __init__(self, request, page):
        self.request = request
        self.page = page
        self.taxonomies = Taxonomies()
        self.filters = parse_filters(request.GET, self.taxonomies)
        pagecache.depends_on(request, DATES)
        if self.filters.available:  # which dates have places left
            pagecache.depends_on(request, PLACES)

    @cached_property
    def results_page(self):
        """The page of dates, which and in what order remembered (core.paging) for the
        programs' dates (and places left, when only dates with places are asked for)
        and the minute (a date that has ended leaves the list)."""
        params = sorted((k, v) for k in self.request.GET for v in self.request.GET.getlist(k))
        minute = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        page, found = remembered_page(
            "program-dates",
            (translation.get_language(), [(k, v) for k, v in params if k != "page"], minute),
            PAGE_SIZE,
            self.request.GET.get("page", "1"),
            # Only what a date's cache key and its day need; render_items loads the rest.
            find=lambda: (upcoming(self.filters).only("pk", "start").order_by("start", "pk"), {}),
            keep=lambda occurrence: (occurrence.pk, occurrence.start),
            timeout=120,
            tags=(DATES, PLACES) if self.filters.available else (DATES,),
        )
        self.filters.notices += found["notices"]
        page.object_list = [Occurrence(pk=pk, start=start) for pk, start in page.object_list]
        return page

    @cached_property
    def days(self):
        """This page's dates grouped by day: [(date, [HTML of each date, …])]. Each
        date's HTML is rendered once for the data versions it shows (core.versions): the
        dates' and its own places left, so a registration renders one date again."""
        occurrences = list(self.results_page.object_list)
        language = translation.get_language()
        for occurrence in occurrences:
            pagecache.depends_on(self.request, places_on(occurrence.start))
        items = [
            mark_safe(item)  # noqa: S308 (rendered by our template)
            for item in versions.remember_many(
                "program-date",
                occurrences,
                lambda occurrence: (language, occurrence.pk),
                self.render_items,
                tags=(DATES,),
                tags_of=lambda occurrence: (places(occurrence.pk),),
            )
        ]
        groups = []
        for occurrence, item in zip(occurrences, items, strict=True):
            day = timezone.localtime(occurrence.start).date()
            if not groups or groups[-1][0] != day:
                groups.append((day, []))
            groups[-1][1].append(item)
        return groups

    def render_items(self, occurrences):
        loaded = Occurrence.objects.select_related("program", "space").in_bulk(
            [occurrence.pk for occurrence in occurrences]
        )
        items = []
        for wanted in occurrences:
            occurrence = loaded.get(wanted.pk)
            if occurrence is None:  # removed since the page was counted
                items.append("")
                continue
            occurrence.space_term_district = self.taxonomies.district(occurrence.space.district_id)
            items.append(
                render_to_string("events/includes/occurrence_item.html", {"occurrence": occurrence})
            )
        return items

    @property
    def count(self):
        return self.results_page.paginator.count

    def options(self):
        f = self.filters
        return {
            "districts": [(t.slug, t.label, t in f.districts) for t in self.taxonomies.districts],
            "types": [(t.slug, t.label, t in f.types) for t in self.taxonomies.types],
            "categories": [(c.value, c.label, c in f.categories) for c in Category],
            "audiences": [(a.value, a.label, a in f.audiences) for a in Audience],
            "open": {
                "district": bool(f.districts),
                "type": bool(f.types),
                "category": bool(f.categories),
                "audience": bool(f.audiences),
            },
        }
