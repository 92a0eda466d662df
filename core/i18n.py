"""Language helpers.

Korean is the content source; English pages are Wagtail translations of Korean ones.
Where a translation does not exist yet, the English interface shows the Korean page
(see ``core.models.PortalPage``). These helpers pick, in one query, the best page for
the active language and build the links of the language switch.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_supported_language_variant

from wagtail.models import Locale, Page


def active_language():
    try:
        return get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def default_locale_id(request=None):
    """The default (Korean) locale's id: from the request, else the cache, else one
    query."""
    cached = getattr(request, "_portal_default_locale_id", None)
    if cached is not None:
        return cached
    locale_id = locale_id_of(settings.LANGUAGE_CODE)
    if request is not None:
        request._portal_default_locale_id = locale_id
    return locale_id


def locale_id_of(language):
    """The id of the locale of ``language`` (None if there is none), remembered for the
    site's data version (a locale saved makes a new one)."""
    from . import versions

    return versions.remember(
        "locale",
        language,
        build=lambda: (
            Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
        ),
    )


def localize_pages(pages, language=None, queryset=None):
    """Return ``pages`` with each replaced by its translation in ``language`` (the
    active one by default) where that translation exists and is live: one query for
    the whole list, however long it is. Translations come from ``queryset`` when given
    (one page type, with what its listing needs loaded), else as deferred specific
    pages."""
    pages = list(pages)
    language = language or active_language()
    if not pages or language == settings.LANGUAGE_CODE:
        # Listings are built from Korean pages: nothing to swap on the Korean site.
        return pages
    found = (
        (Page.objects if queryset is None else queryset)
        .live()
        .filter(
            translation_key__in={p.translation_key for p in pages},
            locale__language_code=language,
        )
    )
    if queryset is None:
        found = found.specific(defer=True)
    translations = {p.translation_key: p for p in found}
    return [translations.get(p.translation_key, p) for p in pages]


def language_links(request, page=None):
    """Links for the language switch: the same page (or view) in every language, with
    the query string kept so a filtered listing stays filtered."""
    current = active_language()
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    if page is not None:
        urls = _page_language_urls(request, page)
    else:
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
    links = []
    for code, name in settings.LANGUAGES:
        url = urls[code]
        if url and query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _page_language_urls(request, page):
    """{language: the address of ``page`` in it}: its twins (``core.seo``, the rule the
    head's hreflang links and the sitemap follow too). A language where the page has
    none (its translation is a draft there, so its address answers 404) leads to that
    language's home page."""
    from .seo import page_addresses

    urls = dict(page_addresses(request, page))
    for code, _name in settings.LANGUAGES:
        if not urls.get(code):
            urls[code] = translate_url("/", code)
    return urls


def page_language(page):
    """The language of ``page``'s tree, read from Wagtail's cached site root paths
    (no query), e.g. to mark Korean content shown in the English interface."""
    for root in page._get_relevant_site_root_paths(None):
        return root.language_code
    return settings.LANGUAGE_CODE
