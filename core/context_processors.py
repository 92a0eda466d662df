from django.utils.functional import SimpleLazyObject

from .navigation import navigation


def portal(request):
    """Lazy values for the base layout (cached navigation), so views that never show
    the header run no query for it."""
    return {
        "site_home": SimpleLazyObject(lambda: navigation(request)["home"] or {}),
        "main_navigation": SimpleLazyObject(lambda: navigation(request)["sections"]),
    }
