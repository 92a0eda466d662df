from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from . import links, seo
from .i18n import default_locale_id
from .privacy import restricted


class PortalSitemap(Sitemap):
    """Every public page in every language, each address with its twins
    (``<xhtml:link rel="alternate" hreflang>``, and ``x-default``: the Korean one).

    A Korean page has an English twin whether or not it is translated: its live
    translation, else the same page at ``/en/…`` (``core.models.PortalPage`` serves it
    there in the English interface). A translation whose Korean page is not public is
    listed alone. Private pages are left out in both languages (``core.privacy``: a
    restriction covers the page's translations too, which Wagtail's ``public()`` does
    not know). Addresses start with ``PORTAL_BASE_URL`` (``core.links``), as the pages'
    canonical links do (``core.seo``).

    https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap
    """

    # Pages per file: each gives an address per language, and a file holds at most
    # 50,000 (sitemaps.org).
    limit = 50_000 // len(settings.LANGUAGES)

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        public = Page.objects.live().exclude(restricted()).filter(in_a_tree)
        korean = default_locale_id(self.request)
        return (
            public.filter(
                Q(locale_id=korean)
                | ~Q(translation_key__in=public.filter(locale_id=korean).values("translation_key"))
            )
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        translated = self._translations([item.translation_key for item in pages])
        urls, last_mods = [], []
        for item in pages:
            twins = seo.twins(item, translated.get(item.translation_key, {}))
            addresses = {}
            for code, shown in twins.items():
                path = seo.address(self.request, shown, code)
                if path:
                    addresses[code] = (links.absolute(path), self.lastmod(shown))
            alternates = [
                {"location": location, "lang_code": code}
                for code, (location, __) in addresses.items()
            ]
            if len(alternates) < 2:
                alternates = []  # no twin: nothing to name
            elif settings.LANGUAGE_CODE in addresses:
                alternates.append(
                    {"location": addresses[settings.LANGUAGE_CODE][0], "lang_code": "x-default"}
                )
            for location, lastmod in addresses.values():
                urls.append({"location": location, "lastmod": lastmod, "alternates": alternates})
                last_mods.append(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _translations(self, keys):
        """{translation key: {language: translation in any state}} of the pages with
        ``keys`` (a draft translation takes its language's address: ``seo.twins``), in
        one query (one more per page type)."""
        found = {}
        for page in (
            Page.objects.filter(translation_key__in=keys)
            .select_related("locale")
            .defer_streamfields()
            .specific()
        ):
            found.setdefault(page.translation_key, {})[page.locale.language_code] = page
        return found
