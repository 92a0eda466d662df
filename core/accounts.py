"""The portal's touches to django-allauth's account forms."""

from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm


class PortalLoginForm(LoginForm):
    """Residents log in with their username or their e-mail address: the field says so
    (allauth labels it just "Login")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail")
