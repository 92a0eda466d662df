"""Campaigns (``CampaignIndexPage`` → ``CampaignPage``) and residents' entries.

A campaign runs for a period (``opens_at`` – ``closes_at``, Seoul time); while it is open
a logged-in resident sends one entry (``CampaignEntry``): the space they chose, why,
an optional photo, a way to reach them and their two consents. City staff screen the
entries in the admin (submitted → shortlisted → selected / not selected) and publish
the winners on the campaign page, where only a masked name is shown.

Entries belong to the Korean page of a campaign; its English translation shows the same
campaign (period, form, winners) — like programs' dates (``events.ProgramPage.source``).
"""

import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import korean
from core.models import ImageWithDescription, PortalPage, SectionPage

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CampaignIndexPage(SectionPage):
    """Every campaign at ``/campaigns/``: open now, coming soon and past ones."""

    subpage_types = ["campaigns.CampaignPage"]
    template = "campaigns/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign listing")
        verbose_name_plural = _("campaign listings")

    def campaigns(self, request=None):
        """The live campaigns under this listing's Korean page, each shown in the
        active language where translated, grouped as {"open", "upcoming", "past"}."""
        from core.i18n import default_locale_id, localize_pages

        korean_locale = default_locale_id(request)
        source = self
        if self.locale_id != korean_locale:
            source = (
                CampaignIndexPage.objects.filter(
                    translation_key=self.translation_key, locale_id=korean_locale
                ).first()
                or self
            )
        from core.privacy import restricted

        pages = list(  # private campaigns, in either language, are left out (core.privacy)
            CampaignPage.objects.child_of(source)
            .live()
            .exclude(restricted())
            .order_by("-opens_at", "pk")
        )
        # Every field loaded (a listing shows each page's lead) and the covers with their
        # renditions, in a fixed number of queries.
        shown_pages = localize_pages(
            pages,
            queryset=CampaignPage.objects.select_related("image").prefetch_related(
                "image__renditions"
            ),
        )
        now = timezone.now()
        groups = {"open": [], "upcoming": [], "past": []}
        for korean_page, shown in zip(pages, shown_pages, strict=True):
            # The period is the Korean page's (a translation may lag behind it).
            shown.period_source = korean_page
            status = korean_page.status(now)
            groups["past" if status == CampaignStatus.CLOSED else status].append(shown)
        groups["upcoming"].reverse()  # soonest first
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = self.campaigns(request)
        return context


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("campaign", "Coming soon")
    OPEN = "open", pgettext_lazy("campaign", "Open now")
    CLOSED = "closed", pgettext_lazy("campaign", "Closed")


class CampaignPage(ImageWithDescription, PortalPage):
    """A campaign residents take part in, e.g. "find and share the community space you
    love": its period, what it is about, the prizes and terms, the participation form
    (``<campaign url>enter/``) and, once staff publish them, the winners."""

    ENTRY_ROUTE = "enter"

    opens_at = models.DateTimeField(_("opens at"), help_text=_("Seoul time."))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Seoul time. Entries are refused from this moment.")
    )
    lead = models.CharField(
        _("lead"), max_length=250, blank=True, help_text=_("One or two sentences under the title.")
    )
    description = RichTextField(_("description"), blank=True, features=TEXT_FEATURES)
    prize_terms = RichTextField(
        _("prizes and terms"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("What winners receive, who may take part and how entries are chosen."),
    )
    privacy_notice = models.TextField(
        _("personal data notice"),
        blank=True,
        help_text=_(
            "What is collected, why and who sees it; shown beside the consent box, followed "
            "by how long the portal keeps entries. Leave empty for the portal's standard notice."
        ),
    )
    winners_published = models.BooleanField(
        _("show the winners"),
        default=False,
        help_text=_(
            "Lists the selected entries on the page: the space, an excerpt of why and a "
            "masked name — never contact details."
        ),
    )
    winners_intro = RichTextField(
        _("winners introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Period")),
        FieldRowPanel(ImageWithDescription.image_panels),
        FieldPanel("description"),
        FieldPanel("prize_terms"),
        FieldPanel("privacy_notice"),
        MultiFieldPanel(
            [FieldPanel("winners_published"), FieldPanel("winners_intro")],
            heading=_("Winners"),
        ),
    ]

    search_fields = PortalPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("description"),
        index.SearchField("prize_terms"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    api_fields = [
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("lead"),
        APIField("description"),
        APIField("prize_terms"),
        APIField("winners_published"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def search_text(self):
        return " ".join([self.lead, korean.plain(self.description), korean.plain(self.prize_terms)])

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A campaign must close after it opens.")})

    # --- the period -------------------------------------------------------------------

    def status(self, now=None):
        """``upcoming``, ``open`` or ``closed`` at ``now`` (closing time excluded)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return CampaignStatus.UPCOMING
        if now < self.closes_at:
            return CampaignStatus.OPEN
        return CampaignStatus.CLOSED

    def is_open(self, now=None):
        return self.status(now) == CampaignStatus.OPEN

    @property
    def is_source(self):
        """True for the Korean page; a translation is the same campaign in English."""
        from core.i18n import default_locale_id

        return self.locale_id == default_locale_id()

    @cached_property
    def source(self):
        """The Korean page of this campaign (itself when it is the Korean one): its
        period, entries and winners are the campaign's, whatever the language."""
        if self.is_source:
            return self
        from core.i18n import default_locale_id

        source = (
            CampaignPage.objects.live()
            .filter(translation_key=self.translation_key, locale_id=default_locale_id())
            .first()
        )
        return source or self

    # --- <campaign url>enter/ takes an entry (POST) -----------------------------------

    def route(self, request, path_components):
        if path_components == [self.ENTRY_ROUTE] and self.live:
            return RouteResult(self, kwargs={"action": self.ENTRY_ROUTE})
        return super().route(request, path_components)

    def serve(self, request, *args, action=None, **kwargs):
        if action == self.ENTRY_ROUTE:
            if request.method != "POST":
                return HttpResponseRedirect(f"{self.get_url(request)}#take-part")
            from .views import enter

            return enter(request, self)
        if action is not None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def entry_url(self, request=None):
        url = self.get_url(request)
        return f"{url}{self.ENTRY_ROUTE}/" if url else None

    def get_context(self, request, *args, form=None, **kwargs):
        from .views import campaign_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_context(request, self, form=form))
        return context


# --- entries ---------------------------------------------------------------------------


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("campaign entry", "Submitted")
    SHORTLISTED = "shortlisted", pgettext_lazy("campaign entry", "Shortlisted")
    SELECTED = "selected", pgettext_lazy("campaign entry", "Selected")
    NOT_SELECTED = "not_selected", pgettext_lazy("campaign entry", "Not selected")


# Where staff may move an entry from each status; nothing leaves a decision.
TRANSITIONS = {
    EntryStatus.SUBMITTED: (EntryStatus.SHORTLISTED, EntryStatus.NOT_SELECTED),
    EntryStatus.SHORTLISTED: (EntryStatus.SELECTED, EntryStatus.NOT_SELECTED),
    EntryStatus.SELECTED: (),
    EntryStatus.NOT_SELECTED: (),
}
DECIDED = (EntryStatus.SELECTED, EntryStatus.NOT_SELECTED)


def entry_photo_path(instance, filename):
    """An unguessable file name: the photo is personal data, shown to staff only."""
    extension = os.path.splitext(filename)[1].lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,5}", extension):
        extension = ".jpg"
    return f"campaigns/entries/{uuid.uuid4().hex}{extension}"


class CampaignEntryQuerySet(models.QuerySet):
    def for_campaign(self, campaign):
        return self.filter(campaign=campaign.source)

    def selected(self):
        return self.filter(status=EntryStatus.SELECTED)

    def by(self, user):
        return self.filter(user=user)


class CampaignEntry(models.Model):
    """A resident's entry in a campaign: one per resident and campaign (a database
    constraint, so a double submit cannot make two)."""

    campaign = models.ForeignKey(
        CampaignPage, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="entries"
    )
    # Empty once the resident deleted their account or the entry outlived the retention
    # period (``residents.rights``); its text, contact and photo are erased then too.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_entries",
    )
    space = models.ForeignKey(
        "spaces.SpacePage",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_entries",
    )
    # The name as chosen, kept when the space page goes away.
    space_title = models.CharField(_("space name"), max_length=255)
    why = models.TextField(_("why"), max_length=2000)
    photo = models.FileField(_("photo"), upload_to=entry_photo_path, blank=True)
    contact = models.CharField(_("contact"), max_length=254, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"))
    privacy_accepted_at = models.DateTimeField(_("personal data use accepted at"))
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    notes = models.TextField(
        _("staff notes"), blank=True, help_text=_("For city staff only; never shown on the site.")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CampaignEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign entry")
        verbose_name_plural = _("campaign entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="campaign_entry_once_per_resident"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.campaign.title} — {self.space_title} ({self.resident_name})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    _loaded_status = None

    def allowed_statuses(self):
        """The statuses staff may give this entry now (its saved status included)."""
        current = self._loaded_status or self.status
        return (current, *TRANSITIONS.get(current, ()))

    def clean(self):
        super().clean()
        current = self._loaded_status
        if current and self.status != current and self.status not in TRANSITIONS[current]:
            allowed = [str(EntryStatus(s).label) for s in TRANSITIONS[current]]
            if allowed:
                message = _("An entry that is “%(current)s” can only become: %(allowed)s.") % {
                    "current": EntryStatus(current).label,
                    "allowed": ", ".join(allowed),
                }
            else:
                message = _("“%(current)s” is a final decision; it cannot be changed.") % {
                    "current": EntryStatus(current).label
                }
            raise ValidationError({"status": message})

    # --- shown on the site and in exports ------------------------------------------------

    @property
    def public_name(self):
        return mask_name(self.user)

    @property
    def resident_name(self):
        """Who sent the entry, as staff see it (listing, export, screening)."""
        return self.user.get_username() if self.user_id else str(DELETED_MEMBER)

    @property
    def why_excerpt(self):
        text = " ".join(self.why.split())
        return text if len(text) <= 160 else f"{text[:159].rstrip()}…"

    @property
    def created_local(self):
        return _local(self.created_at)

    @property
    def decided_local(self):
        return _local(self.decided_at)

    @property
    def terms_accepted_local(self):
        return _local(self.terms_accepted_at)

    @property
    def privacy_accepted_local(self):
        return _local(self.privacy_accepted_at)

    @property
    def campaign_title(self):
        return self.campaign.title

    @property
    def photo_url(self):
        return self.photo.url if self.photo else ""

    @property
    def status_label(self):
        return str(self.get_status_display())


HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
# What staff and the winners list show where a resident's name was, once the account is
# gone.
DELETED_MEMBER = _("Deleted member")


def mask_name(user):
    """A name that says who won without saying who it is: a Korean full name keeps its
    first and last syllables (김지은 → 김*은, 이준 → 이*); otherwise the first letter of
    the first name or username and two stars (r**). "Deleted member" when the account
    is gone."""
    if user is None:
        return str(DELETED_MEMBER)
    full = f"{user.last_name}{user.first_name}".replace(" ", "")
    if full and HANGUL.match(full):
        if len(full) >= 3:
            return f"{full[0]}{'*' * (len(full) - 2)}{full[-1]}"
        return f"{full[0]}*"
    first = (user.first_name or user.username or "?").strip()[:1] or "?"
    return f"{first.upper()}**"


def _local(moment):
    """Seoul wall-clock time for exports ("" when there is none)."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""
