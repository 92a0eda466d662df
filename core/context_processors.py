from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .i18n import localize_pages


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _navigation(request):
    """The home page's children shown in menus, in the active language."""
    root = _site_root(request)
    if root is None:
        return []
    return localize_pages(root.get_children().live().in_menu().specific(defer=True))


def portal(request):
    """Lazy values for the base layout, so views that never show the header run no
    query for it."""
    return {
        "site_root": SimpleLazyObject(lambda: _home(request)),
        "main_navigation": SimpleLazyObject(lambda: _navigation(request)),
    }


def _home(request):
    root = _site_root(request)
    return localize_pages([root])[0] if root else None
