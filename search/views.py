"""``/search/?q=…[&type=space|program|story|campaign][&page=N]``: one box over spaces,
programs, stories and campaigns — Korean partial words and particles understood, type
facets with counts, highlighted matches, "did you mean", and the search promotions
staff set in the admin. Any input gets a page, never an error."""

from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import memo, paging
from core.i18n import default_locale_id, localize_pages

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
    """The page of results shown (its ``object_list`` the pages' ids) and what else
    the search answers: the count of each kind and the notices of a page number
    replaced. Remembered for the site's data version (core.memo): results change only
    when pages are published, unpublished or made private."""

    def find():
        results, counts = engine.run(query, locale_id, kind or None)
        return results, {"counts": counts}

    return paging.remembered_page(
        memo.key("search", translation.get_language(), locale_id, query.text, kind, number),
        RESULTS_PER_PAGE,
        number,
        find,
        keep=lambda page: page.pk,
    )


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

    results_page, found = answer(query, locale_id, kind, request.GET.get("page", "1"))
    notices += found["notices"]
    counts = found["counts"]
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
        "results": localize_pages(pages_in_order(results_page.object_list)),
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
