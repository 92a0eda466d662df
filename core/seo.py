"""What search engines and messengers read in a page's ``<head>``: the description,
the canonical address and its language twins (``hreflang``), Open Graph and Twitter
card tags, and the feeds a page announces. One place for every page type and view;
``{% head_tags %}`` (``core/templatetags/seo_tags.py``) writes them.

Every address comes from ``settings.PORTAL_BASE_URL`` (``core.links``), never from the
request's host. A page's twin in the other language is the address the language switch
links to: its translation when one is live, else the same page under the other prefix
(``core.models.PortalPage`` serves a Korean page at ``/en/…`` until it is translated),
so each Korean page has an English twin. The sitemap (``core.sitemap``) lists the same
addresses.

https://ogp.me/, https://developers.google.com/search/docs/specialty/international/localized-versions
"""

import logging
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from . import links, versions
from .i18n import active_language, default_locale_id

logger = logging.getLogger(__name__)

# Open Graph's locales (language_TERRITORY) for the site's languages.
OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}
# A shared link's picture: the size Facebook, KakaoTalk and X show large.
SHARE_RENDITION = "fill-1200x630"
# For pages without an image of their own (static/img/share.png, 1200×630 pixels).
DEFAULT_IMAGE = {"path": "img/share.png", "width": 1200, "height": 630}
# X shows a large card only for pictures at least this big.
LARGE_CARD = (300, 157)
# Where a page's description comes from, in order: the promote tab's "Search
# description" (Wagtail's ``search_description``), then the page's own summary.
DESCRIPTION_FIELDS = ("search_description", "summary", "lead", "intro")
DESCRIPTION_LENGTH = 160

# Views that are not pages: their title and description for sharing, by URL name.
# Others share the portal's name and its description.
VIEWS = {
    "search": (
        gettext_lazy("Search"),
        gettext_lazy("Search community spaces, programs, stories and campaigns in Seoul."),
    ),
    "account_login": (
        gettext_lazy("Log in"),
        gettext_lazy("Log in to book community spaces and register for programs."),
    ),
    "account_signup": (
        gettext_lazy("Sign up"),
        gettext_lazy(
            "Sign up to book community spaces, register for programs and save your favourites."
        ),
    ),
    "account_reset_password": (
        gettext_lazy("Forgot your password?"),
        gettext_lazy("Get a link by e-mail to choose a new password."),
    ),
    "operators:index": (
        gettext_lazy("For space operators"),
        gettext_lazy("Register your community space for free and keep its page current."),
    ),
    "operators:register": (
        gettext_lazy("Register your space"),
        gettext_lazy("Register your community space for free and keep its page current."),
    ),
}


def site_name():
    return _("Community Space")


def site_description():
    return _(
        "Community Space is the city's portal for finding, booking and sharing community "
        "spaces and the programs held in them."
    )


def head(request, page=None, og_type="website", error=False):
    """Everything ``patterns/head_tags.html`` writes, for ``page`` (a Wagtail page) or
    the view answering ``request``. ``error``: an error page, which has no address of
    its own (no canonical, no twins) and is not to be indexed."""
    if not isinstance(page, Page):
        page = None
    language = active_language()
    title, description = _title_and_description(request, page)
    addresses = {} if error or request is None else _addresses(request, page)
    canonical = addresses.get(language)
    alternates = _alternates(addresses)
    image = _image(request, page)
    open_graph = [
        ("og:type", og_type),
        ("og:site_name", site_name()),
        ("og:title", title),
        ("og:description", description),
    ]
    if canonical:
        open_graph.append(("og:url", canonical))
    open_graph += [
        ("og:image", image["url"]),
        ("og:image:width", str(image["width"])),
        ("og:image:height", str(image["height"])),
        *([("og:image:alt", image["alt"])] if image["alt"] else []),
        ("og:locale", OG_LOCALES.get(language, language)),
    ]
    open_graph += [
        ("og:locale:alternate", OG_LOCALES.get(code, code))
        for code, __ in alternates
        if code not in (language, "x-default")
    ]
    large = image["width"] >= LARGE_CARD[0] and image["height"] >= LARGE_CARD[1]
    twitter = [
        ("twitter:card", "summary_large_image" if large else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
        ("twitter:image", image["url"]),
        *([("twitter:image:alt", image["alt"])] if image["alt"] else []),
    ]
    return {
        "description": description,
        "robots": "noindex" if error else "",
        "canonical": canonical,
        "alternates": alternates,
        "feeds": _feeds(request, page, canonical) if page is not None else [],
        "open_graph": open_graph,
        "twitter": twitter,
    }


def _title_and_description(request, page):
    if page is not None:
        title = page.seo_title or getattr(page, "display_title", None) or page.title
        return title, page_description(page)
    match = getattr(request, "resolver_match", None)
    found = VIEWS.get(match.view_name if match else "")
    if found:
        return str(found[0]), str(found[1])
    return site_name(), site_description()


def page_description(page):
    """The promote tab's search description, else the page's summary (or lead, or
    introduction) cut to a snippet's length, else the portal's description."""
    if page.search_description.strip():
        return " ".join(page.search_description.split())
    for name in DESCRIPTION_FIELDS[1:]:
        text = " ".join(strip_tags(str(getattr(page, name, "") or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return site_description()


def query_kept(request):
    """The part of the query string a canonical address keeps: ``?page=N`` when the
    page number is the only thing asked (each page of an unfiltered list is a page of
    its own for a search engine), nothing otherwise. A filtered list's canonical is the
    list without its filters (their combinations are endless and each shows a part of
    the list); parameters no public view reads (``utm_source`` …) never count."""
    read = set(settings.PAGE_CACHE_QUERY_PARAMETERS.get("/", ()))
    asked = {
        name: value.strip() for name, value in request.GET.items() if name in read and value.strip()
    }
    number = asked.pop("page", "")
    if asked or not number.isdigit() or int(number) < 2:
        return ""
    return f"?page={int(number)}"


def _addresses(request, page):
    """{language: absolute address} of what is shown, in each language."""
    if page is not None:
        paths = page_addresses(request, page)
    else:
        paths = {code: translate_url(request.path, code) for code, __ in settings.LANGUAGES}
    query = query_kept(request)
    return {code: links.absolute(path) + query for code, path in paths.items() if path}


def twins(page, translations):
    """{language: the page shown at that language's address} for ``page``, given
    ``translations``: {language: its translation in any state}. A live translation is
    shown at its own address; where there is none, a Korean page is shown at the
    other language's prefix (``core.models.PortalPage`` routes it there); a draft
    translation takes that address and answers 404, so there is no twin then."""
    found = {}
    for code, __ in settings.LANGUAGES:
        translated = translations.get(code)
        if translated is None:
            if page.locale_id == default_locale_id():
                found[code] = page
        elif translated.live:
            found[code] = translated
    return found


def address(request, page, language):
    """The path of ``page`` in ``language`` (None when it has none)."""
    with translation.override(language):
        parts = page.get_url_parts(request)
    return parts[2] if parts else None


def page_addresses(request, page):
    """{language: path} of ``page``'s twins (``twins``), remembered for where pages
    are and the page's own version (core.versions): one query on a miss."""

    def build():
        translations = {
            found.locale.language_code: page if found.pk == page.pk else found
            for found in page.get_translations(inclusive=True).select_related("locale")
        }
        return {
            code: address(request, shown, code) for code, shown in twins(page, translations).items()
        }

    if page.pk is None:
        return {}
    if getattr(request, "is_preview", False):
        return build()
    host = request.get_host() if request is not None else ""
    return versions.remember(
        "twins",
        host,  # Wagtail leaves out the host only when the site has one
        page.pk,
        build=build,
        base=versions.STRUCTURE,
        tags=(versions.page(page),),
    )


def _alternates(addresses):
    """[(hreflang, address)] for each language with an address of its own, then
    ``x-default`` (the Korean one: the site's language); none for a page without a
    twin."""
    found, seen = [], set()
    for code, __ in settings.LANGUAGES:
        address = addresses.get(code)
        if address and address not in seen:
            found.append((code, address))
            seen.add(address)
    if len(found) < 2:
        return []  # no twin: nothing to name
    if addresses.get(settings.LANGUAGE_CODE):
        found.append(("x-default", addresses[settings.LANGUAGE_CODE]))
    return found


def _feeds(request, page, canonical):
    """The feeds ``settings.HEAD_FEEDS`` names for the page's type, their addresses
    relative to the page's own (``feed/`` on the listing, ``../feed/`` on a story), in
    the active language; a feed that takes filters (a 4th item: their names) keeps the
    ones the list is showing, so a filtered list offers its own feed."""
    if not canonical:
        return []
    path = urlsplit(canonical).path
    feeds = []
    for kind, relative, title, *kept in settings.HEAD_FEEDS.get(page._meta.label, ()):
        names = kept[0] if kept else ()
        query = urlencode([(n, v) for n in names for v in request.GET.getlist(n) if v.strip()])
        url = urljoin(path, relative) + (f"?{query}" if query else "")
        feeds.append({"type": kind, "title": str(title), "url": url})
    return feeds


def _image(request, page):
    """The picture a shared link shows: the page's own image as a rendition (its real
    width and height), else the portal's default picture."""
    own = _page_image(request, page) if page is not None else None
    if own:
        return own
    url = static(DEFAULT_IMAGE["path"])
    return {
        "url": links.file_url(url),
        "width": DEFAULT_IMAGE["width"],
        "height": DEFAULT_IMAGE["height"],
        "alt": site_name(),
    }


def _page_image(request, page):
    """{url, width, height, alt} of the page's image, or None. Remembered for the page's
    own version (core.versions): finding the image and its rendition costs queries, and
    a new image comes with a publication (an image edited bumps ``STRUCTURE``)."""

    def build():
        image, alt = own_image(page)
        if image is None:
            return None
        try:
            rendition = image.get_rendition(SHARE_RENDITION)
        except SourceImageIOError:  # its file is gone from storage: the portal's own image
            logger.warning("Image %s has no file; shared with the default image", image.pk)
            return None
        url = rendition.url
        return {
            "url": links.file_url(url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }

    if page.pk is None or getattr(request, "is_preview", False):
        return build()
    return versions.remember(
        "share-image",
        page.pk,
        build=build,
        base=versions.STRUCTURE,
        tags=(versions.page(page),),
    )


def own_image(page):
    """(image, description) a page shows first: its ``image`` (programs, stories'
    covers, campaigns), else the first photo of its gallery (spaces), else the first
    image block of its body (a story without a cover); (None, "") when none."""
    if getattr(page, "image_id", None):
        return page.image, getattr(page, "image_alt", "")
    for photo in getattr(page, "photos", None) or ():
        if getattr(photo, "image", None) is not None:
            return photo.image, getattr(photo, "alt_text", "")
    body = getattr(page, "body", None)
    if hasattr(body, "raw_data"):  # a StreamField
        for block in body:
            if block.block_type == "image" and block.value.get("image"):
                return block.value["image"], block.value.get("alt_text", "")
    return None, ""
