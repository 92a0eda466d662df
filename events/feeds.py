"""New programs as an RSS 2.0 feed: ``/programs/feed/?district=<slug>&type=<slug>``
(``/en/…`` in English), newest first by first publication, answered by
``ProgramIndexPage`` through Wagtail's routing. ``district`` and ``type`` take the
program listing's slugs (``events.listing.parse_filters``), each repeatable; an unknown
one answers 400 (a feed reader must not silently get every program instead).

Only live programs no view restriction covers (their own, their space's, either
language's: ``core.privacy``) under a live space are listed; links are absolute from
the portal's one public address (``core.links``); ETag / Last-Modified and 304 come from
``core.opendata``. https://docs.djangoproject.com/en/5.2/ref/contrib/syndication/"""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import links, opendata
from core.i18n import default_locale_id, localize_pages
from core.privacy import restricted
from spaces.models import SpacePage
from spaces.taxonomy_cache import Taxonomies

from .models import ProgramPage

ITEMS = 30


def new_programs(filters):
    """Live Korean programs anyone may see, whose space is live and (when asked) in
    one of ``filters.districts`` and of ``filters.types``, newest first: one query."""
    step = Page.steplen
    space = SpacePage.objects.live().filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - step)
    )
    if filters.districts:
        space = space.filter(district__in=filters.districts)
    if filters.types:
        space = space.filter(space_type__in=filters.types)
    return (
        ProgramPage.objects.live()
        .filter(locale_id=default_locale_id())
        .filter(Exists(space))
        .exclude(restricted())
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


class ProgramFeed(opendata.PageFeed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, filters, query):
        self.index = index
        self.filters = filters
        self.query = f"?{query}" if query else ""

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        chosen = [term.label for term in (*self.filters.districts, *self.filters.types)]
        return " · ".join([_("New programs"), *chosen, str(_("Community Space"))])

    def link(self, index):
        """The program listing, filtered the same way."""
        return f"{links.page_url(index)}{self.query}"

    def feed_url(self, index):
        return f"{links.page_url(index)}{index.FEED_ROUTE}/{self.query}"

    def description(self, index):
        return _("Programs newly published in community spaces, newest first.")

    def items(self, index):
        programs = list(new_programs(self.filters)[:ITEMS])
        return localize_pages(programs, queryset=ProgramPage.objects.all())

    def item_title(self, program):
        return program.title

    def item_description(self, program):
        return program.summary

    def item_pubdate(self, program):
        return program.first_published_at or program.last_published_at

    def item_categories(self, program):
        return [str(program.get_category_display())]


def parse(params):
    """The districts and space types asked for (their slugs, each repeatable) and the
    problems with the rest."""
    taxonomies = Taxonomies()
    terms = {
        "district": ({t.slug: t for t in taxonomies.districts}, _("district")),
        "type": ({t.slug: t for t in taxonomies.types}, _("space type")),
    }
    chosen, problems = {"district": [], "type": []}, []
    for name, (options, label) in terms.items():
        for value in params.getlist(name):
            value = value.strip().lower()
            if value in options:
                if options[value] not in chosen[name]:
                    chosen[name].append(options[value])
            elif value:
                problems.append(
                    _("“%(value)s” is not a known %(name)s.") % {"value": value[:40], "name": label}
                )
    return SimpleNamespace(districts=chosen["district"], types=chosen["type"]), problems


def serve(request, index):
    """The feed of ``index`` for the district and type filters in the query string."""
    filters, problems = parse(request.GET)
    if problems:
        return HttpResponseBadRequest(" ".join(problems), content_type="text/plain; charset=utf-8")
    pairs = [("district", t.slug) for t in filters.districts] + [
        ("type", t.slug) for t in filters.types
    ]
    query = urlencode(sorted(pairs))
    feed = ProgramFeed(index, filters, query)
    return opendata.conditional(request, feed, "programs", index.pk, query)
