from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core import jsonld, korean, links
from core.i18n import active_language, page_language
from core.models import PortalPage, SectionPage
from core.navigation import section_for
from core.text import fold
from spaces import directions, geo, hours
from spaces.api_serializers import RichTextSerializer, TermSerializer
from spaces.widgets import LocalLeafletPanel

from .hours import OpeningPeriod
from .taxonomies import AccessibilityFeature, Amenity, District, SpaceType

# What ``SpacePage.match_text`` is made of.
MATCHED_FIELDS = {"title", "name_en", "summary", "address", "operator_name"}


class SpaceIndexPage(SectionPage):
    """The directory of community spaces at ``/spaces/``: filters, sorting, pages."""

    subpage_types = ["spaces.SpacePage"]
    template = "spaces/space_index_page.html"

    class Meta:
        verbose_name = _("space directory")
        verbose_name_plural = _("space directories")

    def get_context(self, request, *args, **kwargs):
        from spaces.directory import Directory

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = directory = Directory(request, self)
        directory.results_page  # noqa: B018 — paging notices must exist before the page renders
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
        south, west, north, east = geo.SEOUL_BOUNDS
        context["seoul_bounds"] = f"{west},{south},{east},{north}"
        context["map_strings"] = {
            # A name ending in "One" is the singular the script uses for a count of 1.
            "spacesOne": _("1 space on the map"),
            "spaces": _("%(count)s spaces on the map"),
            "clusters": _("%(count)s spaces on the map, grouped; zoom in to see each one"),
            "loading": _("Loading the map…"),
            "failed": _("The map could not be loaded; the list below still works."),
            "showOnMap": _("Show on map"),
            "capacityOne": _("up to 1 person"),
            "capacity": _("up to %(count)s people"),
            "zoomIn": _("%(count)s spaces here: zoom in"),
            "locating": _("Finding your location…"),
            "located": _("Showing spaces near your location."),
            "locateFailed": _(
                "Your location is not available; type a district or neighbourhood instead."
            ),
            "youAreHere": _("You are here"),
            "nearest": _("Nearest"),
            "zoomInButton": _("Zoom in"),
            "zoomOutButton": _("Zoom out"),
        }
        return context


class OperatorKind(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")


class SpacePage(PortalPage):
    """A community space: what it is, where, when it is open, what it offers."""

    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifier in the district's survey; re-imports update the page with it."),
    )
    name_en = models.CharField(
        _("English name"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the English site until the page is translated."),
    )
    summary = models.CharField(_("summary"), max_length=250, blank=True)
    description = RichTextField(
        _("description"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    space_type = models.ForeignKey(
        SpaceType, verbose_name=_("space type"), on_delete=models.PROTECT, related_name="spaces"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="spaces"
    )
    operator_name = models.CharField(_("operator"), max_length=120, blank=True)
    operator_kind = models.CharField(
        _("operator kind"), max_length=10, choices=OperatorKind.choices, default=OperatorKind.PUBLIC
    )
    address = models.CharField(_("address"), max_length=250)
    location = models.CharField(
        _("map point"),
        max_length=250,
        blank=True,
        help_text=_("Click the map or drag the marker to where the entrance is."),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, db_index=True, editable=False
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, db_index=True, editable=False
    )
    # The directory's words match this: the name in both languages, summary, address
    # and operator, folded (core.text.fold), kept by ``save`` (and the bulk path). One
    # column read in one pass, instead of a case-insensitive match across five.
    match_text = models.TextField(editable=False, blank=True, default="")
    # Getting there: written by the operator, shown only when filled in.
    nearest_station = models.CharField(
        _("nearest subway station"),
        max_length=120,
        blank=True,
        help_text=_("Station, exit and walk, e.g. “Mangwon station exit 2, 5 minutes on foot”."),
    )
    transit_notes = models.CharField(
        _("buses and other transport"),
        max_length=250,
        blank=True,
        help_text=_("e.g. “Village bus Mapo 08 or bus 7011, get off at Mangwon Market”."),
    )
    parking = models.CharField(
        _("parking"),
        max_length=250,
        blank=True,
        help_text=_("e.g. “Two spaces; the public car park on Poeun-ro is 100 m away”."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people the space holds.")
    )
    floor_area = models.DecimalField(
        _("floor area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    amenities = ParentalManyToManyField(Amenity, verbose_name=_("amenities"), blank=True)
    accessibility = ParentalManyToManyField(
        AccessibilityFeature, verbose_name=_("accessibility"), blank=True
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_("OpenStreetMap syntax, e.g. “Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off”."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_note = models.CharField(
        _("fee details"), max_length=250, blank=True, help_text=_("e.g. 10,000 won per hour")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    bookable = models.BooleanField(
        _("can be booked through the portal"),
        default=False,
        help_text=_("Residents can request the space for a time within its opening hours."),
    )
    booking_auto_confirm = models.BooleanField(
        _("confirm requests automatically"),
        default=False,
        help_text=_("Otherwise the operator approves or declines each request."),
    )
    booking_slot_minutes = models.PositiveSmallIntegerField(
        _("time step (minutes)"),
        choices=[(15, "15"), (30, "30"), (60, "60")],
        default=30,
        help_text=_("Bookings start and end on this step, e.g. every 30 minutes."),
    )
    booking_min_minutes = models.PositiveSmallIntegerField(
        _("shortest booking (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
    )
    booking_max_minutes = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"),
        default=240,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
    )
    booking_lead_hours = models.PositiveSmallIntegerField(
        _("book at least this many hours ahead"),
        default=2,
        validators=[MaxValueValidator(24 * 60)],
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("book at most this many days ahead"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    booking_request_hours = models.PositiveSmallIntegerField(
        _("a request waits this many hours for an answer"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
        help_text=_("After that an unanswered request expires and frees its time."),
    )
    booking_capacity = models.PositiveIntegerField(
        _("most people per booking"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the space's capacity."),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked that these details are true."),
    )

    # A translation is a new page: it must not claim the survey's identifier.
    exclude_fields_in_copy = ["external_id"]

    content_panels = PortalPage.content_panels + [
        FieldPanel("name_en"),
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("Photos"), heading=_("Photo gallery")),
    ]
    place_panels = [
        FieldRowPanel([FieldPanel("space_type"), FieldPanel("district")]),
        FieldPanel("address"),
        LocalLeafletPanel("location", address_field="address"),
        MultiFieldPanel(
            [FieldPanel("nearest_station"), FieldPanel("transit_notes"), FieldPanel("parking")],
            heading=_("Getting there"),
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("floor_area")]),
        FieldPanel("amenities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple),
    ]
    details_panels = [
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee_note")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("operator_name"), FieldPanel("operator_kind")])],
            heading=_("Operator"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website")],
            heading=_("Contact"),
        ),
        # Set by "Verify details" (staff) or "Confirm details" (the operator), never typed.
        FieldPanel("last_verified", read_only=True),
        FieldPanel("external_id", permission="spaces.oversee_spaces"),
    ]
    booking_panels = [
        FieldPanel("bookable"),
        FieldPanel("booking_auto_confirm"),
        FieldRowPanel([FieldPanel("booking_slot_minutes"), FieldPanel("booking_capacity")]),
        FieldRowPanel([FieldPanel("booking_min_minutes"), FieldPanel("booking_max_minutes")]),
        FieldRowPanel([FieldPanel("booking_lead_hours"), FieldPanel("booking_horizon_days")]),
        FieldPanel("booking_request_hours"),
        InlinePanel("closures", label=_("Closure"), heading=_("Closed dates")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(details_panels, heading=_("Hours and contact")),
            ObjectList(booking_panels, heading=_("Booking")),
            ObjectList(PortalPage.promote_panels, heading=_("Promote")),
            ObjectList(PortalPage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = PortalPage.search_fields + [
        index.SearchField("name_en"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("address"),
        index.SearchField("operator_name"),
        index.SearchField("nearest_station"),
        index.AutocompleteField("address"),
        index.FilterField("space_type"),
        index.FilterField("district"),
        index.FilterField("capacity"),
        index.RelatedFields(
            "space_type", [index.SearchField("name"), index.SearchField("name_en")]
        ),
        index.RelatedFields("district", [index.SearchField("name"), index.SearchField("name_en")]),
    ]

    def search_text(self):
        # The type and district come with the page when it is indexed
        # (``get_indexed_objects`` selects the related fields below).
        return " ".join(
            [
                self.name_en,
                self.summary,
                korean.plain(self.description),
                self.address,
                self.nearest_station,
                self.operator_name,
                self.district.name if self.district_id else "",
                self.space_type.name if self.space_type_id else "",
            ]
        )

    api_fields = [
        APIField("name_en"),
        APIField("summary"),
        APIField("description", serializer=RichTextSerializer()),
        APIField("space_type", serializer=TermSerializer()),
        APIField("district", serializer=TermSerializer()),
        APIField("operator_name"),
        APIField("operator_kind"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("nearest_station"),
        APIField("transit_notes"),
        APIField("parking"),
        APIField("capacity"),
        APIField("floor_area"),
        APIField("amenities", serializer=TermSerializer(many=True)),
        APIField("accessibility", serializer=TermSerializer(many=True)),
        APIField("opening_hours"),
        APIField("is_free"),
        APIField("fee_note"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("bookable"),
        APIField("last_verified"),
    ]

    parent_page_types = ["spaces.SpaceIndexPage"]
    # Programs live under their space (the events app), so one tree permission covers
    # a space and its programs.
    subpage_types = ["events.ProgramPage"]
    template = "spaces/space_page.html"

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        # What the lists filter and show, read from indexes alone: the rows themselves
        # are wide (descriptions, match text; 78 MB at 60,000 spaces), and a filter
        # that keeps a fifth of the spaces read them all. Capacity (the time-first
        # directory's "room for N"), a type or district (also a word naming one, "서관"
        # → 작은도서관), and the place of each result (the list's map and the GeoJSON).
        indexes = [
            models.Index(fields=["capacity", "page_ptr"]),
            models.Index(fields=["space_type", "page_ptr"]),
            models.Index(fields=["district", "page_ptr"]),
            models.Index(fields=["page_ptr", "latitude", "longitude"]),
        ]

    def permissions_for_user(self, user):
        from spaces.access import SpacePermissionTester

        return SpacePermissionTester(user, self)

    # --- derived data -------------------------------------------------------------

    def clean(self):
        super().clean()
        self.clean_point()
        low, high = self.booking_min_minutes, self.booking_max_minutes
        if low and high and low > high:
            raise ValidationError(
                {
                    "booking_max_minutes": _(
                        "The longest booking cannot be shorter than the shortest."
                    )
                }
            )

    def clean_point(self):
        """The map point must be readable and lie in Seoul (raises ValidationError)."""
        point = geo.parse_point(self.location)
        if self.location and point is None:
            raise ValidationError({"location": _("Pick the space's location on the map.")})
        if point is not None and not geo.in_seoul(*point):
            raise ValidationError(
                {
                    "location": _(
                        "The map point must lie in Seoul (latitude 37.41–37.72, longitude 126.76–127.19)."
                    )
                }
            )

    def sync_point(self):
        """Make the map point string and the indexed latitude/longitude agree (the point
        string wins; a page with only coordinates gets its point string from them)."""
        point = geo.parse_point(self.location)
        if point is not None:
            self.latitude, self.longitude = point
        elif self.latitude is not None and self.longitude is not None:
            self.location = geo.point_string(self.latitude, self.longitude)

    def sync_match_text(self):
        """Fill ``match_text`` from the fields it folds together."""
        parts = (getattr(self, name) for name in sorted(MATCHED_FIELDS))
        self.match_text = fold(" ".join(part for part in parts if part))

    def save(self, *args, **kwargs):
        self.sync_point()
        self.sync_match_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & MATCHED_FIELDS:
            kwargs["update_fields"] = {*update_fields, "match_text"}
        # Pages built from a revision (publishing) or created anew always rebuild. A save
        # of other fields (a draft's revision) leaves the stored rule and its periods.
        update_fields = kwargs.get("update_fields")
        writes_hours = update_fields is None or "opening_hours" in update_fields
        hours_changed = writes_hours and self._loaded_opening_hours != self.opening_hours
        published_hours = self._published_hours() if hours_changed and self.live else None
        result = super().save(*args, **kwargs)
        if hours_changed:
            OpeningPeriod.rebuild_for(self)
            self._loaded_opening_hours = self.opening_hours
        if published_hours is not None and published_hours != self.opening_hours:
            from spaces.signals import hours_changed as published_hours_changed

            published_hours_changed.send(
                sender=SpacePage,
                space=self,
                old_rule=published_hours,
                new_rule=self.opening_hours,
            )
        return result

    def _published_hours(self):
        """The rule of the live page in the database (None when it is new or not live):
        what a publish compares with for ``spaces.signals.hours_changed``."""
        if self.pk is None:
            return None
        return (
            SpacePage.objects.filter(pk=self.pk, live=True)
            .values_list("opening_hours", flat=True)
            .first()
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_opening_hours = instance.__dict__.get("opening_hours")
        return instance

    _loaded_opening_hours = None

    # --- presentation -------------------------------------------------------------

    # A list that found this Korean page's translation in the visitor's language sets
    # its title here (spaces.directory).
    translated_title = None

    @property
    def display_title(self):
        """The name in the visitor's language: the translation's title or the English
        name on the English site."""
        if active_language() != settings.LANGUAGE_CODE:
            if self.translated_title:
                return self.translated_title
            if self.name_en:
                return self.name_en
        return self.title

    @property
    def content_language(self):
        """The language of the page's own words (address, summary …)."""
        return page_language(self)

    @property
    def display_language(self):
        """The language ``display_title`` is written in, for its ``lang`` attribute."""
        if active_language() != settings.LANGUAGE_CODE and (self.translated_title or self.name_en):
            return active_language()
        return self.content_language

    @property
    def fee_text(self):
        """(label, note): free or paid, and the operator's details, saying "free" once —
        a note that already says it in the visitor's language ("무료 (사전 예약 필수)")
        stands alone."""
        label = str(_("Free") if self.is_free else _("Paid"))
        note = self.fee_note.strip()
        if note and label.casefold() in note.casefold():
            return "", note
        return label, note

    @cached_property
    def hours_text(self):
        """The opening hours in a sentence in the active language (spaces.hours)."""
        return hours.describe(self.opening_hours)

    @property
    def getting_there(self):
        """What the page's "Getting there" part shows: the operator's notes and, with a
        map point, links to directions in the map apps (spaces.directions)."""
        links = []
        if self.point:
            lat, lng = self.point
            links = [
                (_("Kakao Map"), directions.kakao(self.title, lat, lng)),
                (_("Naver Map"), directions.naver(self.title, lat, lng)),
                (_("OpenStreetMap"), directions.openstreetmap(lat, lng)),
            ]
        notes = [
            (label, value)
            for label, value in (
                (_("Subway"), self.nearest_station),
                (_("Bus"), self.transit_notes),
                (_("Parking"), self.parking),
            )
            if value.strip()
        ]
        return {"notes": notes, "links": links} if notes or links else None

    def get_context(self, request, *args, **kwargs):
        from core import pagecache

        if self.opening_hours:  # "Open now" changes as the clock turns (core.pagecache)
            pagecache.expires_within(request, 60)
        # Its parts note what they show of other pages (programs, stories, free times):
        # publishing another space leaves the cached page in place.
        pagecache.shows_only_its_own(request, self)
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = lambda: self.json_ld(request)  # only when not cached
        context["content_lang"] = self.content_language
        context.update(self.fragment_cache(request))
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
        directory_url = self.directory_url(request)
        if self.point and directory_url:
            context["nearby_url"] = (
                f"{directory_url}?near={self.latitude:.5f},{self.longitude:.5f}&sort=nearest"
            )
        return context

    # --- booking: <space url>book/ is routed here and answered by the bookings app
    # (its ``on_serve_page`` hook); without that app the address is a 404.

    BOOKING_ROUTE = "book"

    def route(self, request, path_components):
        if path_components == [self.BOOKING_ROUTE] and self.live:
            return RouteResult(self, kwargs={"action": self.BOOKING_ROUTE})
        return super().route(request, path_components)

    def serve(self, request, *args, action=None, **kwargs):
        if action is not None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def booking_url(self, request=None):
        url = self.get_url(request)
        return f"{url}{self.BOOKING_ROUTE}/" if url else None

    def directory_url(self, request):
        """The directory in the visitor's language, from the cached navigation."""
        section = section_for(request, self)
        return section["url"] if section else None

    @cached_property
    def type_term(self):
        from spaces.taxonomy_cache import Taxonomies

        return Taxonomies().type(self.space_type_id) or self.space_type

    @cached_property
    def district_term(self):
        from spaces.taxonomy_cache import Taxonomies

        return Taxonomies().district(self.district_id) or self.district

    @cached_property
    def photos(self):
        return list(
            # A row a draft saved before its image was chosen shows nothing.
            self.gallery_images.filter(image__isnull=False)
            .select_related("image")
            .prefetch_related("image__renditions")
        )

    @cached_property
    def amenity_terms(self):
        return self._terms["amenities"]

    @cached_property
    def accessibility_terms(self):
        return self._terms["accessibility"]

    @cached_property
    def _terms(self):
        """Both term lists in one query: the page's term ids from the two link tables
        (a UNION), the terms themselves from the cached taxonomies."""
        from django.db.models import Value

        from spaces.taxonomy_cache import Taxonomies

        amenity_links = SpacePage.amenities.through.objects.filter(spacepage_id=self.pk)
        feature_links = SpacePage.accessibility.through.objects.filter(spacepage_id=self.pk)
        rows = (
            amenity_links.annotate(kind=Value("a"))
            .values_list("kind", "amenity_id")
            .union(
                feature_links.annotate(kind=Value("f")).values_list(
                    "kind", "accessibilityfeature_id"
                ),
                all=True,
            )
        )
        ids = {"a": set(), "f": set()}
        for kind, pk in rows:
            ids[kind].add(pk)
        taxonomies = Taxonomies()
        return {
            "amenities": [t for t in taxonomies.amenities if t.pk in ids["a"]],
            "accessibility": [t for t in taxonomies.accessibility if t.pk in ids["f"]],
        }

    @cached_property
    def week(self):
        return hours.week_table(self.opening_hours) if self.opening_hours else []

    @cached_property
    def open_now(self):
        return hours.is_open(self.opening_hours)

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude

    @cached_property
    def verified_on(self):
        """ "Last verified" as saved now: "Verify details" changes it without publishing,
        so a page object remembered for the site's version may hold an older date
        (remembered for ``spaces.tags.details``, which verifying bumps)."""
        from core import versions

        from ..tags import details

        if not self.pk:
            return self.last_verified
        return versions.remember(
            "verified-on",
            self.pk,
            build=lambda: (
                SpacePage.objects.filter(pk=self.pk).values_list("last_verified", flat=True).first()
            ),
            base=versions.STRUCTURE,
            tags=(versions.page(self), details(self.pk)),
        )

    def fragment_cache(self, request):
        """Keys and lifetime of the page's cached fragments: the space's own content
        (not the free times, "open now", its programs or the stories about it). They
        carry the versions of the page itself (a publication of it or its translation),
        of what every page builds on (terms, images, moves: ``versions.STRUCTURE``), the
        day (this week's hours) and the space's own details ("last verified"), so
        publishing another page leaves them in place. A preview is never cached."""
        from core import fragments

        from ..tags import details

        return fragments.page_keys(
            request, self, timezone.localdate().isoformat(), tags=(details(self.pk),), own=True
        )

    def json_ld(self, request=None):
        """schema.org description for search engines (CivicStructure / Place), in the
        active language: the name and features in English on the English site, the
        postal address in Korean as the post delivers it, links from the public address
        (``core.jsonld``)."""
        english = active_language() != settings.LANGUAGE_CODE
        name = self.display_title
        data = {
            "@context": jsonld.CONTEXT,
            "@type": ["CivicStructure", "Place"] if self.operator_kind == "public" else "Place",
            "name": name,
            "url": links.page_url(self),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressLocality": self.district_term.name,
                "addressRegion": "서울특별시",
                "addressCountry": "KR",
            },
            "isAccessibleForFree": self.is_free,
            "publicAccess": True,
        }
        other_name = self.title if english else self.name_en
        if other_name and other_name != name:
            data["alternateName"] = other_name
        if self.summary:
            data["description"] = self.summary
        if self.point:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        if self.capacity:
            data["maximumAttendeeCapacity"] = self.capacity
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.website:
            data["sameAs"] = self.website
        features = [
            {"@type": "LocationFeatureSpecification", "name": term.label, "value": True}
            for term in [*self.amenity_terms, *self.accessibility_terms]
        ]
        if features:
            data["amenityFeature"] = features
        specs = _opening_hours_specification(hours.weekly_periods(self.opening_hours))
        if specs:
            data["openingHoursSpecification"] = specs
        if self.photos:
            data["image"] = jsonld.image_urls(self.photos[0].image)
        return jsonld.dumps(data)


DAY_URIS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def _opening_hours_specification(periods):
    """schema.org specs from (weekday, opens, closes) triples of the typical week."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": DAY_URIS[weekday],
            "opens": opens.strftime("%H:%M"),
            "closes": "23:59"
            if (closes.hour, closes.minute) == (23, 59)
            else closes.strftime("%H:%M"),
        }
        for weekday, opens, closes in sorted(periods)
    ]


class SpaceClosure(Orderable):
    """Days the space cannot be booked (holidays, works), a single day or a range."""

    page = ParentalKey(SpacePage, on_delete=models.CASCADE, related_name="closures")
    # null (never blank): a draft or an autosave keeps a row added before its dates are
    # chosen (Wagtail defers required fields of nullable columns); publishing requires it.
    # Readers skip such rows (bookings.services.closures_of, spaces.directory).
    start_date = models.DateField(_("from"), null=True)
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty for one day.")
    )
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def clean(self):
        # start_date is empty in a draft's half-filled row: nothing to compare yet.
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot come before the first.")})

    def covers(self, day):
        if self.start_date is None:  # a draft's half-filled row closes nothing
            return False
        return self.start_date <= day <= (self.end_date or self.start_date)


class SpaceGalleryImage(Orderable):
    page = ParentalKey(SpacePage, on_delete=models.CASCADE, related_name="gallery_images")
    # null, not blank: as SpaceClosure.start_date. Readers skip rows without an image.
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
