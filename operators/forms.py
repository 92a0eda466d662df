"""The public "register your space" form: the essential fields of a space, up to three
photos with their descriptions, and the guards a public form needs (a honeypot field,
a minimum fill-in time, size and pixel limits on photos)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from core.images import without_metadata
from spaces import geo
from spaces.hours import validate_opening_hours
from spaces.models import District, SpaceType
from spaces.models.pages import OperatorKind

PHOTO_SLOTS = 3
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MIN_FILL_SECONDS = 3
TOKEN_SALT = "operators.proposal"


def max_photo_bytes():
    return getattr(settings, "OPERATOR_PHOTO_MAX_BYTES", 5 * 1024 * 1024)


def max_photo_pixels():
    return getattr(settings, "OPERATOR_PHOTO_MAX_PIXELS", 40_000_000)


def check_photo(upload):
    """The upload is a real photo of a sane size (raises ValidationError)."""
    if upload.size > max_photo_bytes():
        raise forms.ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB."),
            params={
                "size": f"{upload.size / 1048576:.1f}",
                "limit": f"{max_photo_bytes() / 1048576:.0f}",
            },
        )
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            # Reading the header only: the pixel count is known before decoding anything.
            width, height = image.size
            kind = image.format
            if width * height > max_photo_pixels():
                raise forms.ValidationError(
                    _("This photo is %(width)s × %(height)s pixels, which is too large."),
                    params={"width": width, "height": height},
                )
            if kind not in PHOTO_FORMATS:
                raise forms.ValidationError(_("Upload a JPEG, PNG, WebP or GIF photo."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(_("This file is not a photo we can read.")) from error
    except PILImage.DecompressionBombError as error:
        raise forms.ValidationError(_("This photo is too large.")) from error
    finally:
        upload.seek(0)
    return upload


class DistrictSelect(forms.Select):
    """Each district's option carries its centre (``data-lat``/``data-lng``): the form's
    map (static/js/point-picker.js) moves there when the district is chosen."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        district = getattr(value, "instance", None)
        if district is not None:
            option["attrs"]["data-lat"] = f"{district.latitude:.6f}"
            option["attrs"]["data-lng"] = f"{district.longitude:.6f}"
        return option


class ProposalForm(forms.Form):
    name = forms.CharField(label=_("Name of the space"), max_length=120)
    space_type = forms.ModelChoiceField(
        label=_("Space type"), queryset=SpaceType.objects.order_by("sort_order", "name")
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.order_by("sort_order", "name"),
        widget=DistrictSelect,
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=250,
        help_text=_("Road-name address, e.g. 서울특별시 마포구 월드컵로 212."),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        help_text=_("Pick the entrance on the map, or leave empty to start from the district."),
    )
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    capacity = forms.IntegerField(
        label=_("Capacity (people)"), min_value=1, max_value=10_000, required=True
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=255,
        required=False,
        help_text=_("OpenStreetMap syntax, e.g. “Mo-Fr 10:00-18:00; Sa 10:00-14:00; PH off”."),
        validators=[validate_opening_hours],
    )
    summary = forms.CharField(
        label=_("One-line summary"),
        max_length=250,
        help_text=_("Shown in the directory under the name."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What the space offers and who it is for. Separate paragraphs with a blank line."
        ),
    )
    operator_name = forms.CharField(label=_("Operator (organisation or person)"), max_length=120)
    operator_kind = forms.ChoiceField(label=_("Operator kind"), choices=OperatorKind.choices)
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Contact e-mail"), required=False)
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    consent = forms.BooleanField(
        label=_(
            "I run this space or may act for it, and agree that these details are published "
            "on the portal after review."
        )
    )
    # Left empty by people (it is hidden from them); filled in by form-filling robots.
    leave_empty = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{number}"] = forms.FileField(
                label=_("Photo %(number)s") % {"number": number},
                required=False,
                help_text=_("JPEG, PNG or WebP, up to %(limit)s MB.")
                % {"limit": f"{max_photo_bytes() / 1048576:.0f}"},
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
                ),
            )
            self.fields[f"photo_{number}_alt"] = forms.CharField(
                label=_("What photo %(number)s shows") % {"number": number},
                max_length=250,
                required=False,
                help_text=_("For people who cannot see it, e.g. “Reading room with long tables”."),
            )
        self.fields["leave_empty"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=TOKEN_SALT)

    def photo_fields(self):
        return [
            (self[f"photo_{number}"], self[f"photo_{number}_alt"])
            for number in range(1, PHOTO_SLOTS + 1)
        ]

    def main_fields(self):
        skip = {"leave_empty", "started", "consent"} | {
            name for name in self.fields if name.startswith("photo_")
        }
        return [self[name] for name in self.fields if name not in skip]

    def clean_leave_empty(self):
        if self.cleaned_data["leave_empty"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=TOKEN_SALT, max_age=86400)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Check the details and send it again.")
            ) from None
        if time.time() - float(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Check the details and send the form again.")
            )
        return started

    def clean(self):
        data = super().clean()
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        elif lat is not None and not geo.in_seoul(lat, lng):
            self.add_error(
                "latitude",
                _(
                    "The map point must lie in Seoul (latitude 37.41–37.72, longitude 126.76–127.19)."
                ),
            )
        for number in range(1, PHOTO_SLOTS + 1):
            upload = data.get(f"photo_{number}")
            alt = (data.get(f"photo_{number}_alt") or "").strip()
            if upload:
                try:
                    check_photo(upload)
                except forms.ValidationError as error:
                    self.add_error(f"photo_{number}", error)
                    continue
                data[f"photo_{number}"] = without_metadata(upload)
                if not alt:
                    self.add_error(
                        f"photo_{number}_alt",
                        _("Say what the photo shows (for people who cannot see it)."),
                    )
        if self.errors:
            # A new token so that sending the corrected form is not "very quick".
            self.data = self.data.copy()
            self.data["started"] = signing.dumps(time.time() - MIN_FILL_SECONDS, salt=TOKEN_SALT)
        return data

    def photos(self):
        """(upload, description) of each photo given."""
        return [
            (self.cleaned_data[f"photo_{number}"], self.cleaned_data[f"photo_{number}_alt"].strip())
            for number in range(1, PHOTO_SLOTS + 1)
            if self.cleaned_data.get(f"photo_{number}")
        ]
