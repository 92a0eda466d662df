"""The portal's touches to the log-in and sign-up forms: django-allauth's for residents,
Wagtail's for the admin, and Wagtail's front-end log-in handed to allauth's; allauth's
e-mails written as the portal's (``PortalAccountAdapter``); and "confirm your address
first" (``needs_confirmation``), which bookings and program registrations ask.

Guessing passwords is limited once for all of them in ``core.auth``; the forms here only
say so ("too many attempts", not "wrong password") when that limit refused a log-in."""

from types import SimpleNamespace
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import LoginForm, SignupForm
from allauth.account.internal import flows
from allauth.account.internal.userkit import filter_users_by_email, filter_users_by_username
from allauth.account.models import EmailAddress, Login
from allauth.account.views import SignupView
from allauth.core.exceptions import ImmediateHttpResponse

from . import auth, links
from .adminaccess import has_admin_access


def too_many_attempts():
    return ValidationError(auth.TOO_MANY_ATTEMPTS, code="too_many_login_attempts")


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

    def clean(self):
        """allauth reads any refusal as a wrong password; say when it was the limit."""
        try:
            return super().clean()
        except ValidationError:
            if auth.is_limited(self.request):
                raise too_many_attempts() from None
            raise


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin log-in (``WAGTAILADMIN_USER_LOGIN_FORM``): says when the limit
    refused a log-in, and lets in only people with admin access. Residents would
    otherwise be logged in here and sent on to an admin that refuses them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label, so Django shows its name ("Password") in English.
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        if auth.is_limited(self.request):
            return too_many_attempts()
        return super().get_invalid_login_error()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not has_admin_access(user):
            raise ValidationError(
                _(
                    "This log-in is for the portal's staff and space operators. "
                    "Residents, please log in on the site: %(url)s"
                ),
                code="no_admin_access",
                params={"url": reverse("account_login")},
            )


# Wagtail's front-end log-in (``wagtailcore_login``, for pages restricted to logged-in
# visitors) is the site's: one log-in form for residents, keeping ``next``.
frontend_login = RedirectView.as_view(pattern_name="account_login", query_string=True)


class SignupConflict(Exception):
    """The sign-up lost a race for its username; the form now says so."""


class PortalSignupForm(SignupForm):
    """allauth's sign-up form, telling no one whether an e-mail address has an account.

    A registered address is not refused on the form: its owner gets allauth's "account
    already exists" e-mail and the visitor the same "we have sent you an e-mail" page as
    for a new address (allauth does this only when every log-in needs a verified
    address; here sign-up always ends on that page, see ``PortalSignupView``). A taken
    username is still said to be taken: usernames are public, not personal data.

    The database holds e-mail addresses and usernames unique ignoring case (migration
    ``core.0001``): of simultaneous sign-ups the losers meet an IntegrityError, read
    here as the sign-up that came first would have been."""

    def validate_unique_email(self, value):
        self.account_already_exists = bool(filter_users_by_email(value))
        return get_adapter().validate_unique_email(value)

    def try_save(self, request):
        if not self.account_already_exists:
            try:
                with transaction.atomic():
                    return super().try_save(request)
            except IntegrityError:
                if filter_users_by_username(self.cleaned_data["username"]).exists():
                    self.add_error("username", get_adapter().validation_error("username_taken"))
                    raise SignupConflict from None
                if not filter_users_by_email(self.cleaned_data["email"]):
                    raise
        return None, self.respond_registered_address(request)

    def respond_registered_address(self, request):
        """allauth's enumeration prevention: mail the owner, answer "check your mail"."""
        login = Login(
            user=None,
            email=self.cleaned_data["email"],
            signup=True,
            email_verification=EmailVerificationMethod.MANDATORY,
        )
        return flows.login.perform_login(request, login)


class PortalSignupView(SignupView):
    """allauth's sign-up, ending on "we have sent you an e-mail" whether the address was
    new or not: the sign-up asks for the address to be confirmed as allauth's
    "mandatory" verification does. Logging a new resident in at once would tell anyone
    that the address had no account yet. They then log in with their password (later
    log-ins follow ``ACCOUNT_EMAIL_VERIFICATION``: with "optional", before confirming
    too)."""

    def form_valid(self, form):
        try:
            self.user, response = form.try_save(self.request)
        except SignupConflict:
            return self.form_invalid(form)
        if response:
            return response
        try:
            return flows.signup.complete_signup(
                self.request,
                user=self.user,
                email_verification=EmailVerificationMethod.MANDATORY,
                redirect_url=self.get_success_url(),
                by_passkey=form.by_passkey,
            )
        except ImmediateHttpResponse as error:
            return error.response


signup = PortalSignupView.as_view()


# --- confirm the address first --------------------------------------------------------


CONFIRM_FIRST = _(
    "Please confirm your e-mail address first: follow the link in the mail we sent you "
    "when you signed up. To get the mail again, use “Send the confirmation mail again” "
    "on My page."
)


def pending_addresses(user, addresses=None):
    """The addresses ``user`` must confirm before booking or registering: all of the
    account's allauth e-mail addresses while none of them is verified, else none.
    Accounts made by staff (or in tests) have no such rows and are not held back.
    ``addresses`` are the account's rows when the caller has them (else one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if addresses is None:
        addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    addresses = list(addresses)
    return [] if any(address.verified for address in addresses) else addresses


def needs_confirmation(user):
    """Whether ``user`` signed up and has not confirmed the address yet."""
    return bool(pending_addresses(user))


# --- allauth's e-mails as the portal's -------------------------------------------------


class PortalAccountAdapter(DefaultAccountAdapter):
    """allauth's mails (confirm your address, reset your password, …) signed by the
    portal and linking to its one public address.

    Without ``django.contrib.sites`` allauth names the site after the host the request
    came in on ("안녕하세요 127.0.0.1:8101입니다!") and builds its links from it; here the
    name is the portal's and every link starts with ``PORTAL_BASE_URL`` (``core.links``),
    as the portal's own e-mails do. The texts are the templates in
    ``templates/account/email/``; https://docs.allauth.org/en/latest/common/email.html
    and https://docs.allauth.org/en/latest/account/adapter.html."""

    def send_mail(self, template_prefix, email, context):
        context = {
            **context,
            "current_site": SimpleNamespace(
                name=gettext("Community Space"), domain=links.split(links.base_url())[1]
            ),
            "portal_url": links.url("wagtail_serve", ""),  # the home page, in this language
        }
        if "signup_url" in context:  # "unknown account" and "account already exists"
            context["signup_url"] = links.url("account_signup")
        if template_prefix.endswith("account_already_exists"):
            context["password_reset_url"] = links.url("account_reset_password")
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return links.url("account_confirm_email", emailconfirmation.key)

    def get_reset_password_from_key_url(self, key):
        # allauth's own way of putting its opaque key into the address.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return links.absolute(path.replace("UID-KEY", quote(key)))
