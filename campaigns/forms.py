"""The participation form on a campaign page, and the admin form staff screen entries
with. The public form has the portal's guards (``core.antispam``: a honeypot field, a
signed "form shown at" token with this form's own salt; ``core.images``: photo checks
from the header)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from core.antispam import GuardedForm
from core.i18n import active_language
from core.images import check_photo, max_photo_bytes, without_metadata

from . import services

WHY_MAX = 2000
PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/gif"
TOKEN_SALT = "campaigns.entry"


def example_space_name():
    """A name the form can give as an example: a space an entry may name (the first
    in the directory's tree), as the visitor's language shows it; None without one."""
    names = services.live_spaces().order_by("path").values_list("title", "name_en").first()
    if names is None:
        return None
    title, name_en = names
    return name_en if name_en and active_language() != settings.LANGUAGE_CODE else title


class EntryForm(GuardedForm):
    token_salt = TOKEN_SALT

    space = forms.CharField(
        label=_("The community space you love"),
        max_length=120,
        help_text=_(
            "Type its name as the space directory shows it. Part of the name is enough "
            "when only one space matches."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # Set when a name matched several spaces and the resident picked one of them.
    space_id = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )
    why = forms.CharField(
        label=_("Why you love it"),
        max_length=WHY_MAX,
        help_text=_("What happens there, what it means to you (up to 2,000 characters)."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": WHY_MAX}),
    )
    photo = forms.FileField(
        label=_("A photo of the space (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES}),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail to reach you"),
        max_length=254,
        required=False,
        help_text=_("Only city staff see it, to tell winners about their prize."),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I have read the prizes and terms of this campaign and accept them."),
        error_messages={"required": _("Accept the campaign's terms to take part.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("I agree that my entry and contact details are used as the notice above says."),
        error_messages={
            "required": _("Agree to the use of your personal data to take part (see the notice).")
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        example = example_space_name()
        if example:
            self.fields["space"].help_text = _(
                "Type its name as the space directory shows it, e.g. “%(name)s”. Part of "
                "the name is enough when only one space matches."
            ) % {"name": example}
        self.fields["photo"].help_text = _(
            "JPEG, PNG or WebP, up to %(limit)s MB. Only city staff see it."
        ) % {"limit": f"{max_photo_bytes() / 1048576:.0f}"}
        self.fields["accept_privacy"].widget.attrs["aria-describedby"] = "privacy-notice"
        self.candidates = []  # spaces a name matched, to choose from
        self.chosen_space = None
        if not self.is_bound and user is not None and user.email:
            self.initial["contact"] = user.email

    def main_fields(self):
        return [self[name] for name in ("space", "why", "photo", "contact")]

    def clean_why(self):
        why = self.cleaned_data["why"].strip()
        if len(why) < 10:
            raise forms.ValidationError(_("Tell us a little more (at least 10 characters)."))
        return why

    def clean_contact(self):
        return " ".join(self.cleaned_data["contact"].split())

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            check_photo(upload)
            upload = without_metadata(upload)
        return upload

    def clean(self):
        data = super().clean()
        if "space" in data:
            found = services.find_space(data["space"], chosen_id=data.get("space_id"))
            if found.space is not None:
                self.chosen_space = found.space
                # Shown again as chosen if something else needs correcting.
                self.data = self.data.copy()
                self.data["space"] = found.space.title
                self.data["space_id"] = str(found.space.pk)
            else:
                self.candidates = found.candidates
                self.add_error("space", found.problem)
        if self.errors and self.chosen_space is None:
            self.data = self.data.copy()
            self.data.pop("space_id", None)
        return data


class CampaignEntryAdminForm(WagtailAdminModelForm):
    """Staff change an entry's status and notes; a change of status records when and by
    whom (the transitions themselves are checked by ``CampaignEntry.clean``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and self.instance.pk:
            allowed = self.instance.allowed_statuses()
            labels = ", ".join(
                str(label) for value, label in self.fields["status"].choices if value in allowed[1:]
            )
            self.fields["status"].help_text = (
                _("From here it can become: %(allowed)s.") % {"allowed": labels}
                if labels
                else _("This is a final decision.")
            )

    def save(self, commit=True):
        entry = super().save(commit=False)
        if "status" in self.changed_data:
            entry.decided_at = timezone.now()
            entry.decided_by = self.for_user
        if commit:
            entry.save()
            self._save_m2m()
        return entry
