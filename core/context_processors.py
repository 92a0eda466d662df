from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import navigation


def portal(request):
    """Lazy values for the base layout (cached navigation), so views that never show
    the header run no query for it."""
    return {
        "site_home": SimpleLazyObject(lambda: navigation(request)["home"] or {}),
        "main_navigation": SimpleLazyObject(lambda: navigation(request)["sections"]),
        # Whether a new account must confirm its address before logging in (the page
        # after sign-up says so, or that they may log in now).
        "login_needs_confirmed_email": settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory",
    }
