from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .i18n import localize_pages


def site_root(request):
    """The site's Korean home page (Wagtail remembers the Site on the request)."""
    site = Site.find_for_request(request)
    return site.root_page if site else None


def sections(request):
    """The portal's sections (the home page's live children shown in menus: spaces,
    programs, stories …) in the active language, computed once per request and shared
    by the main menu and the home page's entry points."""
    if not hasattr(request, "_portal_sections"):
        root = site_root(request)
        children = root.get_children().live().in_menu().specific() if root else []
        request._portal_sections = localize_pages(children)
    return request._portal_sections


def portal(request):
    """Lazy values for the base layout, so views that never show the header run no
    query for it."""
    return {
        "site_root": SimpleLazyObject(lambda: _home(request)),
        "main_navigation": SimpleLazyObject(lambda: sections(request)),
    }


def _home(request):
    root = site_root(request)
    return localize_pages([root])[0] if root else None
