"""Lenient paging for public listings: a bad or too-high ``page`` shows the first or
last page with a notice, never a 404 or a 500. ``remembered_page`` keeps a listing's
page of results (which items, in what order) for the data it was built from."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _

from . import versions


def page_or_notice(items, per_page, number, notices):
    """The page ``number`` of ``items``; a notice explains any substitute page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        notices.append(
            _("“%(value)s” is not a page number; showing the first page.") % {"value": number[:10]}
        )
        return paginator.page(1)
    except EmptyPage:
        notices.append(
            _("There is no page %(value)s; showing the last page.") % {"value": number[:10]}
        )
        return paginator.page(paginator.num_pages)


def remembered_page(kind, parts, per_page, number, find, keep, timeout=None, tags=()):
    """The page ``number`` of a listing, remembered (core.versions) for ``parts``, the
    site's data version and ``tags``: ``find()`` answers ``(items, extra)`` and is asked only
    when nothing is remembered; of each item on the page only ``keep(item)`` is kept.
    Returns the page, its ``object_list`` the kept values, and the remembered dict:
    ``notices`` (a substitute page explained) and whatever ``extra`` held."""

    def build():
        items, extra = find()
        notices = []
        page = page_or_notice(items, per_page, number, notices)
        return {
            **extra,
            "count": page.paginator.count,
            "number": page.number,
            "kept": [keep(item) for item in page.object_list],
            "notices": [str(notice) for notice in notices],
        }

    found = versions.remember(kind, *parts, number, build=build, timeout=timeout, tags=tags)
    page = Paginator(range(found["count"]), per_page).page(found["number"])
    page.object_list = found["kept"]
    return page, found
