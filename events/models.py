"""Programs held in spaces: the listing page, the program pages (under their space)
with a recurring schedule, their materialised dates (``Occurrence``) and residents'
registrations (``Registration``, with a waitlist)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.url_routing import RouteResult

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from recurrence.fields import RecurrenceField
from taggit.models import TaggedItemBase

from core import korean
from core.i18n import active_language, page_language
from core.models import ImageWithDescription, OutboxMessage, PortalPage, SectionPage
from spaces.api_serializers import RichTextSerializer

from .widgets import ScheduleWidget


class ProgramIndexPage(SectionPage):
    """Every upcoming program date across all spaces, at ``/programs/``; new programs
    as RSS 2.0 at ``/programs/feed/`` (``events.feeds``)."""

    FEED_ROUTE = "feed"

    subpage_types = []
    template = "events/program_index_page.html"

    class Meta:
        verbose_name = _("program listing")
        verbose_name_plural = _("program listings")

    def route(self, request, path_components):
        if path_components == [self.FEED_ROUTE] and self.live:
            return RouteResult(self, kwargs={"action": self.FEED_ROUTE})
        return super().route(request, path_components)

    def serve(self, request, *args, action=None, **kwargs):
        if action == self.FEED_ROUTE:
            from . import feeds

            return feeds.serve(request, self)
        if action is not None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .listing import ProgramListing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = listing = ProgramListing(request, self)
        listing.results_page  # noqa: B018 — paging notices must exist before the page renders
        return context


class Category(models.TextChoices):
    CLASS = "class", _("Class")
    CLUB = "club", _("Club")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    EXHIBITION = "exhibition", _("Exhibition")
    GATHERING = "gathering", _("Gathering")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")
    FAMILIES = "families", _("Families")


class ProgramLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    BOTH = "ko-en", _("Korean and English")


class ProgramTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.ProgramPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProgramPage(ImageWithDescription, PortalPage):
    """A class, club, talk … held in a space, on the dates its schedule gives."""

    # Like a space's English name: shown on the English site (lists, the program's
    # page), where the program is otherwise the Korean page, until an editor makes a
    # full Wagtail translation; a program sits under its space, so it has none while
    # the space has none.
    title_en = models.CharField(
        _("English title"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the English site until the page is translated."),
    )
    summary = models.CharField(_("summary"), max_length=250, blank=True)
    summary_en = models.CharField(
        _("English summary"),
        max_length=250,
        blank=True,
        help_text=_("Shown on the English site until the page is translated."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    category = models.CharField(
        _("category"), max_length=12, choices=Category.choices, default=Category.CLASS
    )
    tags = ClusterTaggableManager(through=ProgramTag, blank=True, verbose_name=_("tags"))
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    language = models.CharField(
        _("language"), max_length=5, choices=ProgramLanguage.choices, default=ProgramLanguage.KOREAN
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_note = models.CharField(_("fee details"), max_length=250, blank=True)
    organiser_name = models.CharField(_("organiser"), max_length=120, blank=True)
    organiser_email = models.EmailField(_("organiser e-mail"), blank=True)
    organiser_phone = models.CharField(_("organiser phone"), max_length=40, blank=True)

    start_date = models.DateField(_("first date"), default=timezone.localdate)
    start_time = models.TimeField(_("starts at"), default=dt.time(19))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    schedule = RecurrenceField(
        include_dtstart=False,
        verbose_name=_("repeats"),
        blank=True,
        help_text=_("Leave empty for a single date. Dates added or left out here are whole days."),
    )
    capacity = models.PositiveIntegerField(
        _("places per date"),
        null=True,
        blank=True,
        help_text=_("Leave empty when anyone may come without registering."),
    )

    parent_page_types = ["spaces.SpacePage"]
    subpage_types = []
    template = "events/program_page.html"
    # The header marks Programs, where people find it, not the space it sits under.
    navigation_section = "events.programindexpage"

    content_panels = PortalPage.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("description"),
        FieldRowPanel(ImageWithDescription.image_panels),
        FieldRowPanel([FieldPanel("category"), FieldPanel("audience"), FieldPanel("language")]),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("start_time"),
                        FieldPanel("duration_minutes"),
                    ]
                ),
                FieldPanel(
                    "schedule",
                    widget=ScheduleWidget,
                    help_text=_(
                        "“Does not repeat” is the first date alone, plus any extra dates. "
                        "Every date takes the start time and length above."
                    ),
                ),
                FieldPanel("capacity"),
            ],
            heading=_("Schedule and places"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("fee_note")]),
                FieldRowPanel(
                    [
                        FieldPanel("organiser_name"),
                        FieldPanel("organiser_email"),
                        FieldPanel("organiser_phone"),
                    ]
                ),
            ],
            heading=_("Fee and organiser"),
        ),
    ]

    search_fields = PortalPage.search_fields + [
        index.SearchField("title_en"),
        index.SearchField("summary"),
        index.SearchField("summary_en"),
        index.SearchField("description"),
        index.FilterField("category"),
        index.FilterField("audience"),
    ]

    def search_text(self):
        return " ".join(
            [
                self.title_en,
                self.summary,
                self.summary_en,
                korean.plain(self.description),
                self.organiser_name,
            ]
        )

    # Open data (/api/v2/programs/): the schedule as RFC 5545 text and the next dates.
    api_fields = [
        APIField("title_en"),
        APIField("summary"),
        APIField("summary_en"),
        APIField("description", serializer=RichTextSerializer()),
        APIField("category"),
        APIField("audience"),
        APIField("language"),
        APIField("is_free"),
        APIField("fee_note"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("duration_minutes"),
        APIField("capacity"),
        APIField("schedule_rfc5545"),
        APIField("upcoming_dates"),
        APIField("organiser_name"),
    ]

    @property
    def display_title(self):
        """The title in the visitor's language: the English title on the English site
        while the page itself is Korean (a translation has its own title)."""
        return self.title_en if self._english_for("title_en") else self.title

    @property
    def display_language(self):
        """The language ``display_title`` is written in, for its ``lang`` attribute."""
        return active_language() if self._english_for("title_en") else page_language(self)

    @property
    def display_summary(self):
        return self.summary_en if self._english_for("summary_en") else self.summary

    @property
    def summary_language(self):
        """The language ``display_summary`` is written in."""
        return active_language() if self._english_for("summary_en") else page_language(self)

    def _english_for(self, field):
        """Whether the English ``field`` stands in for the Korean one: it is filled in
        and an English visitor is reading the Korean page."""
        return (
            bool(getattr(self, field))
            and active_language() != settings.LANGUAGE_CODE
            and page_language(self) == settings.LANGUAGE_CODE
        )

    @property
    def schedule_rfc5545(self):
        """The schedule as RFC 5545 text ("" when empty, or when it cannot be read: a
        rule saved around the editor with a part out of range, which django-recurrence
        would refuse to write out)."""
        import recurrence

        from .schedule import readable

        if not self.schedule or not readable(self.schedule, self.start_date):
            return ""
        return recurrence.serialize(self.schedule)

    @property
    def schedule_text(self):
        """The first rule in words, for the program page ("" when there is none)."""
        from .schedule import describe

        return describe(self)

    @property
    def upcoming_dates(self):
        """The next ten dates (start, end, cancelled), ISO 8601 with the Seoul offset."""
        return [
            {
                "start": timezone.localtime(o.start).isoformat(),
                "end": timezone.localtime(o.end).isoformat(),
                "cancelled": o.cancelled,
            }
            for o in self.occurrences.filter(start__gte=timezone.now()).order_by("start")[:10]
        ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    # Program changes publish directly: the "Space review" workflow on the spaces'
    # index (spaces.access) covers the space pages, not the programs under them.
    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None

    def clean(self):
        """Every part of the schedule in its RFC 5545 range and within the portal's
        limits (``events.schedule.schedule_problems``), as messages on the fields."""
        super().clean()
        from .schedule import ScheduleError, program_dates

        try:
            program_dates(self, timezone.localdate(), strict=True)
        except ScheduleError as error:
            raise ValidationError(error.errors) from error

    # <program url>register/ takes a registration (POST); <program url>calendar.ics is
    # answered by ``events.views.calendar_for_path`` (a URL pattern: Wagtail's page
    # URLs end in a slash).

    def route(self, request, path_components):
        if path_components == ["register"] and self.live:
            return RouteResult(self, kwargs={"action": "register"})
        return super().route(request, path_components)

    def serve(self, request, *args, action=None, **kwargs):
        if action == "register":
            from .views import register

            return register(request, self)
        if action is not None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    @property
    def is_source(self):
        """True for the Korean page; a translation is the same program in English."""
        from core.i18n import default_locale_id

        return self.locale_id == default_locale_id()

    @cached_property
    def source(self):
        """The Korean page of this program (itself when it is the Korean one): its dates,
        places and registrations are the program's, whatever the language."""
        if self.is_source:
            return self
        from core.i18n import default_locale_id

        source = ProgramPage.objects.filter(
            translation_key=self.translation_key, locale_id=default_locale_id()
        ).first()
        return source or self

    @cached_property
    def space(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def end_time(self):
        start = dt.datetime.combine(dt.date.min, self.start_time)
        return (start + dt.timedelta(minutes=self.duration_minutes)).time()

    def upcoming(self, limit=None):
        occurrences = self.source.occurrences.filter(end__gt=timezone.now()).order_by("start")
        return occurrences[:limit] if limit else occurrences

    def get_context(self, request, *args, **kwargs):
        from .views import program_context

        context = super().get_context(request, *args, **kwargs)
        context.update(program_context(request, self))
        return context


class Occurrence(models.Model):
    """One date of a program, materialised from its schedule (``events.schedule``) so
    listings are one indexed query. A date dropped from the schedule after people
    registered stays, marked cancelled."""

    program = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, related_name="occurrences")
    # The program's space, kept here so listings filter by district and type directly.
    space = models.ForeignKey(
        "spaces.SpacePage", on_delete=models.CASCADE, related_name="program_occurrences"
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    confirmed_count = models.PositiveIntegerField(default=0)
    waitlist_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("program date")
        verbose_name_plural = _("program dates")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["program", "start"], name="occurrence_once_per_start"),
        ]
        indexes = [models.Index(fields=["start", "cancelled"])]

    def __str__(self):
        return f"{self.program.title} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def places_left(self):
        if self.places is None:
            return None
        return max(0, self.places - self.confirmed_count)

    @property
    def is_past(self):
        return self.end <= timezone.now()


# What operators and staff see where a resident's name was, once the account is gone.
DELETED_MEMBER = _("Deleted member")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    occurrence = models.ForeignKey(
        Occurrence, verbose_name=_("date"), on_delete=models.CASCADE, related_name="registrations"
    )
    # Empty once the resident deleted their account or the date outlived the retention
    # period (``residents.rights``): the city keeps the count, not who came.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_date",
            )
        ]

    def __str__(self):
        return f"{self.resident_name} → {self.occurrence}"

    def get_absolute_url(self):
        return reverse("events:registrations")

    @property
    def resident_name(self):
        """Who registered, as operators and staff see it (listing, export)."""
        return self.user.get_username() if self.user_id else str(DELETED_MEMBER)

    @property
    def program_title(self):
        return self.occurrence.program.title

    @property
    def start_local(self):
        return _local(self.occurrence.start)

    @property
    def created_local(self):
        return _local(self.created_at)

    @property
    def promoted_local(self):
        return _local(self.promoted_at)

    @property
    def cancelled_local(self):
        return _local(self.cancelled_at)


def _local(moment):
    """Seoul wall-clock time for exports ("" when there is none)."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


class RegistrationNotice(OutboxMessage):
    """An e-mail about a registration (registered, waitlisted, moved up, cancelled),
    queued with the change and sent after commit like booking e-mails."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        PROMOTED = "promoted", _("Moved up from the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        DATE_CANCELLED = "date-off", _("Date cancelled")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("registration e-mail")
        verbose_name_plural = _("registration e-mails")

    def mail_context(self):
        registration = self.registration
        return {
            "kind": self.kind,
            "registration": registration,
            "occurrence": registration.occurrence,
            "program": registration.occurrence.program,
        }
