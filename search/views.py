from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.i18n import default_locale_id, localize_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Site search over published pages, results in the active language where a
    translation exists. Bad input (over-long query, odd page numbers) gets a notice
    and a usable page, never an error."""
    query = request.GET.get("q", "").strip()
    notice = None
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notice = _("Your search was shortened to its first %(count)d characters.") % {
            "count": MAX_QUERY_LENGTH
        }

    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1, locale_id=default_locale_id(request))
            .specific()
            .search(query, operator="and")
        )

    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_number = request.GET.get("page", 1)
    try:
        results_page = paginator.page(page_number)
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages or 1)

    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "results": localize_pages(results_page.object_list),
            "result_count": paginator.count if query else 0,
            "notice": notice,
        },
    )
