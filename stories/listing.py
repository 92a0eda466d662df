"""The /stories/ listing: published stories newest first, filtered by topic (tag) and
district, paged. Lenient like the other listings: an unknown filter value is dropped
with a notice and a bad page number shows a usable page, never an error.

Listings are built from the Korean stories (the source of every translation) and shown
in the visitor's language: ``prepare()`` swaps in live translations and attaches each
card's topics and district, in a fixed number of queries whatever the page holds."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from taggit.models import Tag

from core import versions
from core.i18n import active_language, default_locale_id, localize_pages
from core.paging import page_or_notice
from core.privacy import restricted
from spaces.taxonomy_cache import Taxonomies

from .models import StoryPage, StoryTag

PAGE_SIZE = 12


def published(request=None):
    """Live Korean stories that anyone may read (translations are swapped in when
    shown). Stories a view restriction covers, in either language, are left out in
    SQL (``core.privacy``)."""
    return (
        StoryPage.objects.live().filter(locale_id=default_locale_id(request)).exclude(restricted())
    )


def newest_first(stories):
    return stories.order_by("-date", "-pk")


def prepare(stories, language=None, tags=True):
    """``stories`` (Korean pages) as shown in ``language`` (the active one by default):
    each replaced by its live translation where there is one, with ``card_district``
    and (unless ``tags`` is false) ``card_tags`` attached. At most two queries for any
    number of stories."""
    stories = list(stories)
    if not stories:
        return []
    shown = localize_pages(stories, language, queryset=StoryPage.objects.select_related("image"))
    found = defaultdict(list)
    if tags:
        # The topics of the page shown: a translation carries its own, in its language.
        for item in (
            StoryTag.objects.filter(content_object_id__in=[s.pk for s in shown])
            .select_related("tag")
            .order_by("pk")
        ):
            found[item.content_object_id].append(item.tag)
    taxonomies = Taxonomies()
    for source, page in zip(stories, shown, strict=True):
        page.card_tags = found[page.pk]
        page.card_district = taxonomies.district(source.district_id)
    return shown


def _translations(stories, language):
    """The live translations in ``language`` of ``stories`` (Korean pages) that no view
    restriction covers."""
    return (
        StoryPage.objects.live()
        .filter(
            locale__language_code=language,
            translation_key__in=stories.values("translation_key"),
        )
        .exclude(restricted())
    )


def topics(locale_id, language=None):
    """[(slug, name, number of stories)] of the tags public live stories carry as they
    are shown in ``language`` (the active one by default): a translated story's own
    topics, in its language, else the Korean story's. Most used first (remembered for
    the site's data version, core.versions)."""
    language = language or active_language()

    def build():
        public = StoryPage.objects.live().filter(locale_id=locale_id).exclude(restricted())
        shown = Q(stories_storytag_items__content_object__in=public)
        if language != settings.LANGUAGE_CODE:
            translations = _translations(public, language)
            shown = Q(
                stories_storytag_items__content_object__in=public.exclude(
                    translation_key__in=translations.values("translation_key")
                )
            ) | Q(stories_storytag_items__content_object__in=translations)
        return list(
            Tag.objects.filter(shown)
            .annotate(stories=Count("stories_storytag_items", distinct=True))
            .order_by("-stories", "name")
            .values_list("slug", "name", "stories")
        )

    return versions.remember("story-topics", locale_id, language, build=build)


@dataclass
class StoryFilters:
    tag: tuple | None = None  # (slug, name, count)
    district: object = None  # spaces.District
    notices: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.tag or self.district)


def parse_filters(params, tag_rows, districts):
    """Filters from the query string; a value that names no topic or district is
    dropped with a notice."""
    filters = StoryFilters()
    raw = params.get("tag", "").strip()
    if raw:
        wanted = raw.casefold()
        filters.tag = next(
            (row for row in tag_rows if wanted in (row[0].casefold(), row[1].casefold())), None
        )
        if filters.tag is None:
            filters.notices.append(
                _("“%(value)s” is not a known %(name)s; that filter was ignored.")
                % {"value": raw[:40], "name": _("topic")}
            )
    raw = params.get("district", "").strip()
    if raw:
        wanted = raw.casefold()
        filters.district = next(
            (
                d
                for d in districts
                if wanted in (d.slug, d.name.casefold(), (d.name_en or "").casefold())
            ),
            None,
        )
        if filters.district is None:
            filters.notices.append(
                _("“%(value)s” is not a known %(name)s; that filter was ignored.")
                % {"value": raw[:40], "name": _("district")}
            )
    return filters


def filtered(stories, filters, language=None):
    """``stories`` (Korean pages) with the filters applied; a topic matches a story
    or, off the Korean site, its translation in ``language`` (the active one)."""
    language = language or active_language()
    if filters.tag and language == settings.LANGUAGE_CODE:
        stories = stories.filter(tagged_items__tag__slug=filters.tag[0])
    elif filters.tag:
        tagged = StoryTag.objects.filter(tag__slug=filters.tag[0]).values("content_object_id")
        stories = stories.filter(
            Q(pk__in=tagged)
            | Q(
                translation_key__in=StoryPage.objects.live()
                .filter(locale__language_code=language, pk__in=tagged)
                .values("translation_key")
            )
        )
    if filters.district:
        stories = stories.filter(district=filters.district)
    return stories


class StoryListing:
    def __init__(self, request):
        self.request = request
        self.locale_id = default_locale_id(request)
        self.taxonomies = Taxonomies()
        self.topics = topics(self.locale_id)
        self.filters = parse_filters(request.GET, self.topics, self.taxonomies.districts)

    @cached_property
    def results_page(self):
        stories = newest_first(filtered(published(self.request), self.filters))
        stories = stories.select_related("image")
        number = self.request.GET.get("page", "1")
        return page_or_notice(stories, PAGE_SIZE, number, self.filters.notices)

    @cached_property
    def stories(self):
        return prepare(self.results_page.object_list)

    @property
    def count(self):
        return self.results_page.paginator.count

    def options(self):
        chosen_tag = self.filters.tag[0] if self.filters.tag else None
        return {
            "tags": [(slug, name, count, slug == chosen_tag) for slug, name, count in self.topics],
            "districts": [
                (d.slug, d.label, d == self.filters.district) for d in self.taxonomies.districts
            ],
        }
