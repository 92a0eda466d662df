"""allauth's adapter as the residents app needs it (``ACCOUNT_ADAPTER``): the portal's
(``core.accounts.PortalAccountAdapter``) that also knows the resident's language and
their My page."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation

from allauth.account.utils import get_login_redirect_url

from core.accounts import PortalAccountAdapter

from .models import profile_for


class ResidentAccountAdapter(PortalAccountAdapter):
    def get_login_redirect_url(self, request):
        """Without a ``next``, a log-in lands on My page in the language the person
        chose: the log-in page's, when its address names one (``/en/accounts/login/``),
        else their profile's (an English profile logging in on a Korean page goes to
        ``/en/accounts/``)."""
        language = translation.get_language_from_path(request.path_info)
        with translation.override(language or profile_for(request.user).language):
            return super().get_login_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        """ "You are logged in" in the language of the page the log-in lands on."""
        landing = get_login_redirect_url(request, kwargs["redirect_url"], signup=kwargs["signup"])
        language = translation.get_language_from_path(landing) or settings.LANGUAGE_CODE
        with translation.override(language):
            return super().post_login(request, user, **kwargs)

    def get_password_change_redirect_url(self, request):
        """Back to My page, where the message says the password was changed (allauth
        shows the empty form again)."""
        return resolve_url("residents:mypage")
