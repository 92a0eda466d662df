"""The skeleton every portal needs before any content: locales, the Korean home page
at the site root, the default Site at ``PORTAL_BASE_URL``'s host and port, and the
privacy policy, the terms of use and the accessibility statement in Korean and English
(migrations ``home.0004`` and ``home.0006`` make the same on a new database).
Idempotent; used by ``load_demo`` and by tests that start from an empty database."""

from functools import partial

from django.conf import settings

from wagtail.models import Locale, Page, Site

from core import links

from .models import HomePage, InfoPage
from .policies import PRIVACY_SLUG, privacy_policy
from .statements import ACCESSIBILITY_SLUG, TERMS_SLUG, statement

HOME_TITLE = "커뮤니티 공간"
HOME_TITLE_EN = "Community Space"


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
    ensure_info_page(home, locales, PRIVACY_SLUG, privacy_policy)
    for slug in (TERMS_SLUG, ACCESSIBILITY_SLUG):
        ensure_info_page(home, locales, slug, partial(statement, slug))
    # Wagtail caches site root paths; translations added or a flushed test database
    # would otherwise leave them stale.
    Site.clear_site_root_paths_cache()
    return home


def ensure_info_page(home, locales, slug, fields):
    """The policy page at ``slug`` under ``home`` (``/privacy/``) and its English
    translation (``/en/privacy/``, under the English home page, made first if missing),
    each created and published once and left as staff edit it afterwards.
    ``fields(language, effective_from=None)`` gives a language's first text."""
    korean = home.get_children().filter(slug=slug).specific().first()
    if korean is None:
        korean = home.add_child(
            instance=InfoPage(slug=slug, locale=home.locale, **fields(settings.LANGUAGE_CODE))
        )
        korean.save_revision().publish()
    english_locale = locales.get("en")
    if not isinstance(korean, InfoPage) or english_locale is None:
        return  # the address was taken by another page, or the site has no English
    if korean.get_translation_or_none(english_locale) is not None:
        return
    if home.get_translation_or_none(english_locale) is None:
        english_home = home.copy_for_translation(english_locale)
        english_home.title = english_home.draft_title = HOME_TITLE_EN
        english_home.save_revision().publish()
    english = korean.copy_for_translation(english_locale)
    for name, value in fields("en", korean.effective_from).items():
        setattr(english, name, value)
    english.draft_title = english.title
    english.save_revision().publish()
