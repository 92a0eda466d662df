"""The guards a public form needs against form-filling robots: a honeypot field that
people never see (so leave empty) and a signed "form shown at" token that must be
neither forged, older than a day, nor younger than ``MIN_FILL_SECONDS`` (nobody types
a form that fast).

Each form signs its token with its own ``token_salt``: a token a robot collects from
one form does not pass another (the proposal form and a campaign's entry form differ
in what a robot gains, and their limits are counted apart)."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

MIN_FILL_SECONDS = 3
MAX_AGE_SECONDS = 86400
GUARD_FIELDS = ("leave_empty", "started")


class GuardedForm(forms.Form):
    """A public form with the honeypot and the signed time token. Subclasses set
    ``token_salt`` to a value of their own and render ``started`` (hidden) and
    ``leave_empty`` (visually hidden, out of the tab order) in their template."""

    token_salt = None

    # Left empty by people (it is hidden from them); filled in by form-filling robots.
    leave_empty = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.token_salt:
            raise TypeError(f"{cls.__name__} needs a token_salt of its own.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A base class's fields come first; the guards belong after the form's own.
        for name in GUARD_FIELDS:
            self.fields[name] = self.fields.pop(name)
        self.fields["leave_empty"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = self.started_token()

    @classmethod
    def started_token(cls, seconds_ago=0):
        """The signed "form shown at" value, as if the form was shown ``seconds_ago``."""
        return signing.dumps(time.time() - seconds_ago, salt=cls.token_salt)

    def clean_leave_empty(self):
        if self.cleaned_data["leave_empty"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(
                self.cleaned_data["started"], salt=self.token_salt, max_age=MAX_AGE_SECONDS
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Check the details and send it again.")
            ) from None
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Check the details and send the form again.")
            )
        return started

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            # The form is shown again with a new token, so that sending the corrected
            # form at once is not "very quick".
            self.data = self.data.copy()
            self.data["started"] = self.started_token(seconds_ago=MIN_FILL_SECONDS)
