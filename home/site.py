"""The skeleton every portal needs before any content: locales, the Korean home page
at the site root and the default Site. Idempotent; used by ``load_demo`` and by tests
that start from an empty database."""

from django.conf import settings

from wagtail.models import Locale, Page, Site

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
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # Wagtail caches site root paths; translations added or a flushed test database
    # would otherwise leave them stale.
    Site.clear_site_root_paths_cache()
    return home
