"""Lenient paging for public listings: a bad or too-high ``page`` shows the first or
last page with a notice, never a 404 or a 500."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


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
