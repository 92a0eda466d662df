"""The public "register your space" form: the essential fields of a space, up to three
photos with their descriptions, and the guards a public form needs (``core.antispam``:
a honeypot field, a minimum fill-in time; ``core.images``: size and pixel limits on
photos)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.antispam import GuardedForm
from core.images import check_photo, max_photo_bytes, without_metadata
from spaces import geo
from spaces.hours import validate_opening_hours
from spaces.models import District, SpaceType
from spaces.models.pages import OperatorKind

PHOTO_SLOTS = 3
TOKEN_SALT = "operators.proposal"


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


class ProposalForm(GuardedForm):
    token_salt = TOKEN_SALT

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
        return data

    def photos(self):
        """(upload, description) of each photo given."""
        return [
            (self.cleaned_data[f"photo_{number}"], self.cleaned_data[f"photo_{number}_alt"].strip())
            for number in range(1, PHOTO_SLOTS + 1)
            if self.cleaned_data.get(f"photo_{number}")
        ]
