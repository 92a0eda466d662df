"""The skeleton every portal needs before any content: locales, the Korean home page
at the site root and the default Site at ``PORTAL_BASE_URL``'s host and port.
Idempotent; used by ``load_demo`` and by tests that start from an empty database."""

from django.conf import settings

from wagtail.models import Locale, Page, Site

from core import links

from .models import HomePage

HOME_TITLE = "커뮤니티 공간"


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    }


def ensure_site():
    """Return the Korean home page, creating whatever is missing around it."""
    locales = ensure_locales()
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=locales[settings.LANGUAGE_CODE])
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = None
    if site is not None and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    if home is None:
        home = HomePage.objects.filter(locale=locales[settings.LANGUAGE_CODE], depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", locale=locales[settings.LANGUAGE_CODE])
        )
    hostname, port = links.site_address()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        # The address comes from PORTAL_BASE_URL, like every e-mail link: the sitemap
        # (Wagtail's full URLs) then names the same host, not the migration's localhost.
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save()
    # Wagtail caches site root paths; translations added or a flushed test database
    # would otherwise leave them stale.
    Site.clear_site_root_paths_cache()
    return home
