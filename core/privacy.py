"""Which pages are private, in SQL: the rule every public list of the portal follows.

A Wagtail view restriction (``PageViewRestriction``: log-in, password or groups) on a
page covers the page, its descendants, every translation of the page and theirs. Lists,
feeds, calendars, the map, search, the open data API and the sitemap show only pages no
restriction covers, whoever asks: their answers are cached and shared, so they cannot
depend on the visitor. The page itself is Wagtail's to guard (its log-in or password
form), through ``PortalPage.get_view_restrictions``, which follows the same rule.

Wagtail's ``PageQuerySet.public()`` reads every restriction first (a query of its own)
and only follows the tree: the English translation of a private Korean page stayed
public. ``restricted()`` is a condition in the list's own query instead, so a list
costs no extra query however many restrictions there are. Its cost grows with the
rows checked times the restrictions (an index lookup each); with no restriction at all
it is nearly free (measured on the 600-space demo, the directory's count: +0.7 ms on
PostgreSQL; with 20 restricted spaces, 32 ms)."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction


def restricted(prefix=""):
    """A condition (``Q``) true for a page under a view restriction: ``queryset.exclude(
    restricted())`` keeps the public pages, ``restricted("program__")`` asks about the
    page reached through a relation (a program date's program).

    The page is private when one of its translations (itself included) lies at or
    below a page sharing its translation key with a restricted page, i.e. below the
    restricted page or one of its translations. Trees are walked by path prefix, the
    way Wagtail's treebeard stores them; twins are found by ``translation_key``
    (indexed with the locale)."""
    # Read from the restrictions outwards (usually none or a few rows), so that each
    # page costs an index lookup of its twins and of each restricted page's, never a
    # scan of the page tree.
    restricted_twin_above = Page.objects.filter(
        translation_key=OuterRef("page__translation_key"),
        path=Substr(OuterRef(OuterRef("path")), 1, Length("path")),
    )
    covering = PageViewRestriction.objects.filter(Exists(restricted_twin_above))
    twins = Page.objects.filter(translation_key=OuterRef(f"{prefix}translation_key"))
    # Asked first and once per query (it names no row): with no restriction at all,
    # which is the usual case, no page is looked at.
    any_restriction = Exists(PageViewRestriction.objects.all())
    return Q(any_restriction) & Q(Exists(twins.filter(Exists(covering))))


def restricted_pages():
    """The ids of every private page, as a subquery: for querysets filtered by field
    lookups only (``pk__in``)."""
    return Page.objects.filter(restricted()).values("pk")


def restricted_page_ids():
    """The ids of every private page (the rule above), as a list, for querysets a search
    backend reads (it accepts field lookups such as ``pk__in``, not bare expressions).
    Read from the restrictions outwards: one query when there is none (the usual
    case), and then the search query carries no condition at all. As a subquery the
    condition cost the planner so much that it read every page for each matching index
    entry (a Korean word took 30 seconds at 60,000 spaces)."""
    keys = list(
        Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id")).values_list(
            "translation_key", flat=True
        )
    )
    if not keys:
        return []
    below = Q()
    for path in Page.objects.filter(translation_key__in=keys).values_list("path", flat=True):
        below |= Q(path__startswith=path)
    covered = Page.objects.filter(below).values("translation_key")
    return list(Page.objects.filter(translation_key__in=covered).values_list("pk", flat=True))


def without_private(queryset, private=None):
    """``queryset`` without the private pages, left out by id (``private``: those ids
    when already read, else read now); no condition at all when there are none."""
    private = restricted_page_ids() if private is None else private
    return queryset.exclude(pk__in=private) if private else queryset


def covering_restrictions(page):
    """The restrictions that cover ``page`` by the rule above (one query): those set on
    the page, an ancestor, or a translation of either, and those covering a translation
    of the page."""
    twins = Page.objects.filter(translation_key=page.translation_key)
    if page.alias_of_id:  # an alias is guarded like its source (as Wagtail does)
        twins = twins | Page.objects.filter(pk=page.alias_of_id)
    covered = Page.objects.filter(
        translation_key=OuterRef("page__translation_key"),
    ).filter(
        Exists(twins.filter(path__startswith=OuterRef("path")).values("pk")),
    )
    return PageViewRestriction.objects.filter(Exists(covered))
