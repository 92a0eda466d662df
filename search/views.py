"""``/search/?q=…[&type=space|program|story|campaign][&page=N]``: one box over spaces,
programs, stories and campaigns — Korean partial words and particles understood, type
facets with counts, highlighted matches, "did you mean", and the search promotions
staff set in the admin. Any input gets a page, never an error."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import memo
from core.i18n import default_locale_id, localize_pages
from core.paging import page_or_notice

from . import engine

RESULTS_PER_PAGE = 10


def _promotions(query):
    """Staff's picks for this query (and the query's hit count for their reports)."""
    from wagtail.contrib.search_promotions.models import Query as PromotedQuery

    promoted = PromotedQuery.get(query.text)
    promoted.add_hit()
    return [
        pick
        for pick in promoted.editors_picks.select_related("page").order_by("sort_order")
        if pick.page is None or pick.page.live
    ]


def answer(query, locale_id, kind, number):
    """What the search answers: the count of each kind, the number of results, the page
    shown and the ids on it (with the notices of a page number replaced). Remembered for
    the site's data version (core.memo): results change only when pages are published,
    unpublished or made private."""
    memo_key = memo.key("search", translation.get_language(), locale_id, query.text, kind, number)
    found = memo.get(memo_key)
    if not memo.missing(found):
        return found
    results, counts = engine.run(query, locale_id, kind or None)
    notices = []
    results_page = page_or_notice(results, RESULTS_PER_PAGE, number, notices)
    found = {
        "counts": counts,
        "count": results_page.paginator.count,
        "number": results_page.number,
        "ids": [page.pk for page in results_page.object_list],
        "notices": notices,
    }
    memo.put(memo_key, found)
    return found


def pages_in_order(ids):
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [pages[pk] for pk in ids if pk in pages]


def search(request):
    query = engine.Query.read(request.GET.get("q", ""))
    notices = []
    if query.shortened:
        notices.append(
            _("Your search was shortened to its first %(count)d characters.")
            % {"count": engine.MAX_QUERY_LENGTH}
        )
    kind = request.GET.get("type", "")
    kinds = {key: label for key, __, label in engine.TYPES if key in engine.models()}
    if kind and kind not in kinds:
        notices.append(
            _("“%(value)s” is not a kind of result; showing all.") % {"value": kind[:30]}
        )
        kind = ""
    locale_id = default_locale_id(request)

    found = answer(query, locale_id, kind, request.GET.get("page", "1"))
    notices += found["notices"]
    counts = found["counts"]
    results_page = Paginator(range(found["count"]), RESULTS_PER_PAGE).page(found["number"])
    # With no kind chosen the listing is "all" (sections too): the paginator counted it.
    total = results_page.paginator.count if query.terms and not kind else sum(counts.values())
    context = {
        "search_query": query.text,
        "query_words": engine.korean.words(query.text),
        "kind": kind,
        "facets": [
            {"key": key, "label": label, "count": counts.get(key, 0)}
            for key, label in kinds.items()
        ],
        "total": total,
        "results_page": results_page,
        "results": localize_pages(pages_in_order(found["ids"])),
        "result_count": results_page.paginator.count if query.terms else 0,
        "notices": notices,
        "suggestion": None,
        "promotions": [],
        "no_words": bool(query.text) and not query.terms,
    }
    if query.terms:
        if results_page.number == 1:
            context["promotions"] = _promotions(query)
        if total == 0:
            context["suggestion"] = engine.suggestion(query, locale_id)
    return render(request, "search/search.html", context)
