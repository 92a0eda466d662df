"""The portal's touches to the log-in and sign-up forms: django-allauth's for residents
(in the portal's words, ``ACCOUNT_FORMS``), Wagtail's for the admin, and Wagtail's
front-end log-in handed to allauth's; allauth's e-mails written as the portal's and its
rules for addresses and log-out (``PortalAccountAdapter``); and "confirm your address
first" (``needs_confirmation``), which bookings and program registrations ask, with the
confirmation mail sent again on request (``send_confirmation_again``).

Guessing passwords is limited once for all of them in ``core.auth``; the forms here only
say so ("too many attempts", not "wrong password") when that limit refused a log-in."""

import math
import time
from types import SimpleNamespace
from urllib.parse import quote

from django.core.cache import cache
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
from allauth.account.forms import (
    AddEmailForm,
    ChangePasswordForm,
    LoginForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SignupForm,
)
from allauth.account.internal import flows
from allauth.account.internal.userkit import filter_users_by_email, filter_users_by_username
from allauth.account.models import EmailAddress, Login
from allauth.account.views import SignupView
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit

from . import auth, links
from .adminaccess import has_admin_access


def too_many_attempts():
    return ValidationError(auth.TOO_MANY_ATTEMPTS, code="too_many_login_attempts")


def in_portal_words(form, labels):
    """Give ``form``'s fields the portal's labels (allauth says "Email", "Remember Me",
    "Current Password") and no placeholders: every label stands above its field, and a
    placeholder repeating it only looks like something already typed."""
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


class PortalLoginForm(LoginForm):
    """Residents log in with their username or their e-mail address: the field says so
    (allauth labels it just "Login")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, {"login": _("Username or e-mail"), "remember": _("Remember me")})
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, {"email": _("E-mail")})

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


class PortalAddEmailForm(AddEmailForm):
    """Adding an address on the e-mail page (``ACCOUNT_FORMS["add_email"]``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, {"email": _("New e-mail address")})


class PortalResetPasswordForm(ResetPasswordForm):
    """ "Forgot your password?" (``ACCOUNT_FORMS["reset_password"]``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, {"email": _("E-mail")})


NEW_PASSWORD_LABELS = {"password1": _("New password"), "password2": _("New password (again)")}


class PortalResetPasswordKeyForm(ResetPasswordKeyForm):
    """The new password, from the link in the reset mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, NEW_PASSWORD_LABELS)


class PortalChangePasswordForm(ChangePasswordForm):
    """Changing the password while logged in. A wrong current password is called wrong:
    allauth answers "Please type your current password" even when one was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_portal_words(self, {"oldpassword": _("Current password"), **NEW_PASSWORD_LABELS})

    def clean_oldpassword(self):
        try:
            return super().clean_oldpassword()
        except ValidationError:
            raise ValidationError(
                _("That is not your current password. Please type it again."),
                code="incorrect_password",
            ) from None


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


# --- the confirmation mail again -------------------------------------------------------


def confirmation_mail_wait(request, email):
    """Seconds until ``email`` may be sent another confirmation mail (0: now). allauth
    sends one per ``ACCOUNT_EMAIL_CONFIRMATION_COOLDOWN`` to an address and skips the
    ones asked for sooner without a word; the portal tells how long to wait instead, so
    this reads allauth's own count (its rate limit "confirm_email", keyed by address)."""
    now = time.time()
    wait = 0
    for rate in ratelimit.get_rates(app="allauth.account", action="confirm_email"):
        key = ratelimit.get_cache_key(
            request, app="allauth.account", action="confirm_email", rate=rate, key=email.lower()
        )
        recent = [moment for moment in cache.get(key, []) if moment > now - rate.duration]
        if len(recent) >= rate.amount:
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return math.ceil(wait)


def send_confirmation_again(request, address):
    """Send ``address`` (an unconfirmed ``EmailAddress``) its confirmation mail again:
    0 when sent (allauth says so in a message), else the seconds to wait."""
    wait = confirmation_mail_wait(request, address.email)
    if wait:
        return wait
    if flows.email_verification.send_verification_email_to_address(request, address):
        return 0
    return max(confirmation_mail_wait(request, address.email), 1)  # another request won


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

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # One log-in field takes a username or an address; the answer is the same for both.
        "username_password_mismatch": _(
            "The username or e-mail and the password do not match. Please check them."
        ),
        "email_password_mismatch": _(
            "The username or e-mail and the password do not match. Please check them."
        ),
    }

    def can_delete_email(self, email_address):
        """Never the account's last address, nor its main one while it has others (another
        becomes the main one first): without an address nobody could reset the password
        or be told about a booking. allauth keeps the last address only when log-in is
        by e-mail alone; here it is by username too."""
        if not email_address.pk:
            return True
        if email_address.primary:
            return False
        others = EmailAddress.objects.filter(user_id=email_address.user_id)
        return others.exclude(pk=email_address.pk).exists()

    def get_logout_redirect_url(self, request):
        """The home page in the language the visitor was reading (allauth's default,
        "/", is the Korean home even after logging out of an English page)."""
        return reverse("wagtail_serve", args=("",))

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
