"""Managed lists that describe spaces: types, Seoul's districts, amenities and
accessibility features. Each term has a Korean and an English name and a stable slug;
the directory's filters, the import and the API all speak in slugs."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from core.i18n import active_language


class TermQuerySet(models.QuerySet):
    def matching(self, value):
        """Terms whose slug, Korean name or English name (any case) is ``value``."""
        value = (value or "").strip()
        return self.annotate(_name_en_lower=Lower("name_en")).filter(
            models.Q(slug=value.lower())
            | models.Q(name=value)
            | models.Q(_name_en_lower=value.lower())
        )


class Term(index.Indexed, models.Model):
    name = models.CharField(_("Korean name"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TermQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the visitor's language."""
        return self.name_en if active_language() == "en" and self.name_en else self.name

    @classmethod
    def allowed_values(cls):
        return ", ".join(cls.objects.values_list("slug", flat=True))


# Each space type's map pin and legend icon: a Lucide icon (npm ``lucide-static``,
# served from static/vendor/lucide-static/), so pins differ by shape as well as colour.
# A type that staff add later gets the fallback until it is named here.
TYPE_ICONS = {
    "small-library": "library",
    "club-room": "users",
    "village-bookstore": "book-open",
    "workshop": "hammer",
    "shared-kitchen": "chef-hat",
    "study-room": "notebook-pen",
    "maker-space": "drill",
    "youth-space": "backpack",
    "senior-space": "armchair",
    "childcare-room": "baby",
    "community-cafe": "coffee",
    "multipurpose-hall": "presentation",
    "gallery-practice-room": "palette",
}
FALLBACK_ICON = "map-pin"


def icon_static_path(name):
    """The icon's path for ``{% static %}``."""
    return f"vendor/lucide-static/{name}.svg"


class SpaceType(Term):
    colour = models.CharField(
        _("map colour"),
        max_length=7,
        default="#0b5c46",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #0b5c46."))],
        help_text=_("Colour of this type's markers on the map."),
    )

    panels = Term.panels + [FieldPanel("colour")]

    class Meta(Term.Meta):
        verbose_name = _("space type")
        verbose_name_plural = _("space types")

    @property
    def icon(self):
        """The Lucide icon name of this type's pins and legend entry."""
        return TYPE_ICONS.get(self.slug, FALLBACK_ICON)

    @property
    def icon_path(self):
        return icon_static_path(self.icon)


class District(Term):
    """One of Seoul's 25 autonomous districts (자치구), with a centre point used to
    place the map and to sort by distance from a district."""

    latitude = models.FloatField(_("centre latitude"))
    longitude = models.FloatField(_("centre longitude"))

    panels = Term.panels + [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])]

    class Meta(Term.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Amenity(Term):
    class Meta(Term.Meta):
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")


class AccessibilityFeature(Term):
    class Meta(Term.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")
