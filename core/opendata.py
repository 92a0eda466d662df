"""What the open data answers share (feeds, the directory's CSV; docs/api.md): the
licence anyone may reuse them under, and answers to "only if changed" requests.

**Licence.** ``settings.OPEN_DATA_LICENCE`` names it by its address (the city's choice;
공공누리 제1유형 by default). Feeds carry it in ``<copyright>`` / ``<rights>``, the CSV
in a ``Link: <…>; rel="license"`` header (RFC 8288's registered relation).

**Conditional GET.** A feed is the same for the same data: its ETag is a digest of
what it depends on (the kind of feed, its page, language, filters, the base URL) and of
the site's data version (``core.versions.SITE``, bumped by every publication,
unpublication, move and privacy change), so it costs a cache read and no query, never
a read of the items. Its ``Last-Modified`` is when that version of the feed was first
served (kept in the cache under the ETag for a day), not the newest item's date: a
story unpublished or made private changes the feed without a newer item, and a reader
asking "modified since" must then get it again. Django's ``condition`` decorator
answers 304 to ``If-None-Match`` / ``If-Modified-Since``
(https://docs.djangoproject.com/en/5.2/topics/conditional-view-processing/).

The page cache (``core.pagecache``) keeps a feed's 200 with these headers for the same
``SITE`` version the ETag names, and answers conditional requests from it the same way,
so a 304 is right on cached paths too."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from . import links, versions
from .i18n import active_language

FORMAT = 1  # part of every ETag: raise it when a feed's shape changes
# Answers that may be kept by browsers and proxies, but asked again each time (a 304
# while nothing changed): a page made private leaves every copy at the next request.
CACHE_CONTROL = "public, max-age=0, must-revalidate"

KNOWN_LICENCES = {
    "https://www.kogl.or.kr/info/licenseType1.do": "KOGL-Type1",
    "https://www.kogl.or.kr/info/licenseType2.do": "KOGL-Type2",
    "https://www.kogl.or.kr/info/licenseType3.do": "KOGL-Type3",
    "https://www.kogl.or.kr/info/licenseType4.do": "KOGL-Type4",
    "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
}


def licence_url():
    return settings.OPEN_DATA_LICENCE


def licence_name():
    """The licence's name in the active language (its address when it is not one we
    know)."""
    names = {
        "KOGL-Type1": _("Korea Open Government License Type 1 (attribution)"),
        "KOGL-Type2": _("Korea Open Government License Type 2 (attribution, no commercial use)"),
        "KOGL-Type3": _("Korea Open Government License Type 3 (attribution, no changes)"),
        "KOGL-Type4": _(
            "Korea Open Government License Type 4 (attribution, no commercial use, no changes)"
        ),
        "CC-BY-4.0": "CC BY 4.0",
        "CC0-1.0": "CC0 1.0",
    }
    return names.get(KNOWN_LICENCES.get(licence_url()), licence_url())


def rights():
    """One line for a feed's ``<copyright>`` / ``<rights>``."""
    return _("%(site)s open data, reusable under %(licence)s: %(url)s") % {
        "site": _("Community Space"),
        "licence": licence_name(),
        "url": licence_url(),
    }


def feed_etag(*parts):
    """The ETag of a feed showing ``parts`` (its kind, page, filters) in the active
    language from the base URL, for the current site data version: no query."""
    raw = "|".join(
        map(
            str,
            (FORMAT, *parts, active_language(), links.base_url(), versions.current(versions.SITE)),
        )
    )
    return '"' + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:32] + '"'


def conditional(request, view, *parts):
    """``view(request)`` (a feed) answered with an ETag and Last-Modified, or 304 when
    the client's copy is current."""
    etag = feed_etag(*parts)

    def feed(request):
        response = view(request)
        # Django's feeds name their newest item's date; ours is the version's (above).
        if response.has_header("Last-Modified"):
            del response["Last-Modified"]
        return response

    response = condition(
        etag_func=lambda request: etag,
        last_modified_func=lambda request: versions.first_served(etag),
    )(feed)(request)
    response["Cache-Control"] = CACHE_CONTROL
    return response


class PageFeed(Feed):
    """What every feed of pages shares (stories, new programs): absolute item links from
    the public address, ids that survive a slug change or a move (the page's translation
    key, one per page and language), the last publication as an item's update, and the
    licence line."""

    item_guid_is_permalink = False

    def feed_copyright(self):
        return rights()

    def item_link(self, page):
        return links.page_url(page)

    def item_guid(self, page):
        if active_language() == settings.LANGUAGE_CODE:
            return f"urn:uuid:{page.translation_key}"
        return f"urn:uuid:{uuid.uuid5(page.translation_key, active_language())}"

    def item_updateddate(self, page):
        return page.last_published_at or page.first_published_at
