"""The resident's own forms: their profile, how they are told about their things, and
the sign-up with the consents the Personal Information Protection Act (PIPA) asks for."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import notify
from core.accounts import PortalSignupForm
from core.i18n import active_language

from .models import Profile, Reminder, profile_for

PHONE_EXAMPLE = "010-1234-5678"
# Korean numbers, grouped as they are written: mobile 010-1234-5678 (older 011-123-4567),
# Seoul 02-123-4567, other areas 031-1234-5678, internet phones 070-1234-5678,
# nationwide 1588-1234.
_PHONE_PATTERNS = [
    re.compile(r"^(010)(\d{4})(\d{4})$"),
    re.compile(r"^(01[16789])(\d{3,4})(\d{4})$"),
    re.compile(r"^(02)(\d{3,4})(\d{4})$"),
    re.compile(r"^(0[3-6][1-5])(\d{3,4})(\d{4})$"),
    re.compile(r"^(070)(\d{4})(\d{4})$"),
    re.compile(r"^(1[5-9]\d{2})(\d{4})$"),
]


def normalise_phone(text):
    """A Korean phone number as it is usually written (``010-1234-5678``), from what
    people type: spaces, dots, hyphens, brackets or +82 in front. "" stays "";
    anything else is a ValidationError that shows an example."""
    text = (text or "").strip()
    if not text:
        return ""
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].lstrip("0")
    if digits.isdigit():
        for pattern in _PHONE_PATTERNS:
            match = pattern.match(digits)
            if match:
                return "-".join(match.groups())
    raise ValidationError(
        _("Enter a Korean phone number, such as %(example)s or 02-123-4567."),
        code="invalid_phone",
        params={"example": PHONE_EXAMPLE},
    )


class ProfileForm(forms.ModelForm):
    """Name, phone and language. The name lives on the account, the rest on the profile;
    the e-mail address stays allauth's (its page confirms a new address)."""

    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)

    class Meta:
        model = Profile
        fields = ["phone", "language"]
        labels = {"phone": _("Phone number"), "language": _("Language of the portal")}
        help_texts = {
            "phone": _("Optional. For notices by text message, if the city offers them."),
            "language": _("The portal switches to it now, and the notices we send you use it."),
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    field_order = ["last_name", "first_name", "phone", "language"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {}).update(
            first_name=user.first_name, last_name=user.last_name
        )
        super().__init__(*args, **kwargs)
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["phone"].widget.attrs["placeholder"] = PHONE_EXAMPLE

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone"))

    def save(self, commit=True):
        profile = super().save(commit=commit)
        self.user.first_name = self.cleaned_data["first_name"].strip()
        self.user.last_name = self.cleaned_data["last_name"].strip()
        if commit:
            self.user.save(update_fields=["first_name", "last_name"])
        return profile


class NotificationForm(forms.ModelForm):
    """When reminders come, by which channel, and whether saved things that change are
    worth a notice. The channel is asked only when the city configured more than
    e-mail (``core.notify``). The optional news consent given at sign-up is withdrawn
    (or given) here, as easily as it was given."""

    news = forms.BooleanField(label=_("Send me news and campaign e-mails"), required=False)

    class Meta:
        model = Profile
        fields = ["reminder", "channel", "notify_saved"]
        labels = {
            "reminder": _("Reminders before a booking or a program date"),
            "channel": _("Send notices by"),
            "notify_saved": _(
                "Tell me when a program I saved has new dates or a space I saved changes its hours"
            ),
        }
        widgets = {"reminder": forms.RadioSelect(choices=Reminder.choices)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reminder"].choices = Reminder.choices
        self.initial["news"] = self.instance.news_consent_at is not None
        channels = notify.choices()
        if len(channels) > 1:
            self.fields["channel"] = forms.ChoiceField(
                label=self._meta.labels["channel"], choices=channels, widget=forms.RadioSelect
            )
            if self.instance.channel not in dict(channels):
                self.initial["channel"] = notify.DEFAULT
        else:
            del self.fields["channel"]

    def clean_channel(self):
        name = self.cleaned_data["channel"]
        if notify.channel(name).address_for(self.instance.user) is None:
            raise ValidationError(
                _("We have no address for %(channel)s yet: add it on your profile first."),
                code="no_address",
                params={"channel": dict(notify.choices())[name]},
            )
        return name

    def save(self, commit=True):
        profile = super().save(commit=False)
        if not self.cleaned_data["news"]:
            profile.news_consent_at = None
        elif profile.news_consent_at is None:
            profile.news_consent_at = timezone.now()
        if commit:
            profile.save()
        return profile


class SignupForm(PortalSignupForm):
    """allauth's sign-up (``PortalSignupForm``: it never tells whether an address has an
    account) asking the two consents separately, as PIPA requires: the use of the
    personal data the account needs (required; refusing it means no account) and news
    mails (optional). Their times are kept on the resident's profile."""

    privacy_consent = forms.BooleanField(
        label=_("I agree to the collection and use of my personal data (required)"),
        error_messages={
            "required": _(
                "An account needs your consent to the collection and use of your personal "
                "data. Without it you can still find spaces and programs, but not sign up."
            )
        },
    )
    news_consent = forms.BooleanField(
        label=_("Send me news and campaign e-mails (optional)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "아이디", as the log-in form and My page call it (allauth: "사용자 이름").
        self.fields["username"].label = pgettext_lazy("account", "Username")

    def custom_signup(self, request, user):
        """Called by allauth inside the sign-up's transaction, once the account (and so
        its profile) exists. The profile's language is the one the form was filled in:
        log-ins and notices use it."""
        super().custom_signup(request, user)
        now = timezone.now()
        profile = profile_for(user)
        profile.privacy_consent_at = now
        profile.news_consent_at = now if self.cleaned_data.get("news_consent") else None
        profile.language = active_language()
        profile.save(update_fields=["privacy_consent_at", "news_consent_at", "language"])
