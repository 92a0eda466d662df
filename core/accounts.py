"""The portal's touches to django-allauth's account forms."""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm


class PortalLoginForm(LoginForm):
    """Residents log in with their username or their e-mail address: the field says so
    (allauth labels it just "Login")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or e-mail")
        # No account name or address is longer; a longer value is refused before it
        # reaches the database (a 100 kB lookup pattern is too much for SQLite).
        self.fields["login"].max_length = 254
        self.fields["login"].validators.append(MaxLengthValidator(254))
        self.fields["login"].widget.attrs["maxlength"] = "254"
