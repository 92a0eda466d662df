from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.models import PortalPage
from core.navigation import navigation
from spaces import geo

from .blocks import InfoBodyBlock


class HomePage(PortalPage):
    """The portal's front door: what it is, a search box and the ways in."""

    lead = models.CharField(
        _("lead"),
        max_length=250,
        blank=True,
        help_text=_("One or two sentences under the title saying what the portal is."),
    )
    body = RichTextField(
        _("about the portal"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )

    content_panels = PortalPage.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = PortalPage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    def search_text(self):
        return f"{self.lead} {self.body}"

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "spaces.SpaceIndexPage",
        "events.ProgramIndexPage",
        "stories.StoryIndexPage",
        "campaigns.CampaignIndexPage",
        "home.InfoPage",
    ]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = self.entry_points(request)
        # Where the home page's parts lead: the sections' pages, in the active language.
        urls = {entry["model"]: entry["url"] for entry in context["entry_points"] if entry["url"]}
        for name, model in (
            ("directory_url", "spaces.spaceindexpage"),
            ("programs_url", "events.programindexpage"),
            ("stories_url", "stories.storyindexpage"),
            ("campaigns_url", "campaigns.campaignindexpage"),
        ):
            context[name] = urls.get(model, "")
        context["home_map"] = self.map_settings()
        return context

    @staticmethod
    def map_settings():
        """The map of Seoul's settings, as the directory's map takes them (tiles,
        attribution, the city's bounds) and the words its script shows: the directory's
        own, so both maps say the same."""
        south, west, north, east = geo.SEOUL_BOUNDS
        return {
            "tiles": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
            "bounds": f"{west},{south},{east},{north}",
            "strings": {
                "spacesOne": _("1 space on the map"),
                "spaces": _("%(count)s spaces on the map"),
                "clusters": _("%(count)s spaces on the map, grouped; zoom in to see each one"),
                "loading": _("Loading the map…"),
                "failed": _("The map could not be loaded; the directory lists every space."),
                "zoomIn": _("%(count)s spaces here: zoom in"),
                "zoomInButton": _("Zoom in"),
                "zoomOutButton": _("Zoom out"),
                "locating": _("Finding your location…"),
                "locateFailed": _(
                    "Your location is not available; type a district or neighbourhood instead."
                ),
            },
        }

    def entry_points(self, request):
        """The sections of the portal (spaces, programs, stories, campaigns …), in
        the active language; new sections appear as soon as they are published."""
        return navigation(request)["sections"]


class InfoPage(PortalPage):
    """A policy or statement the portal must publish: the privacy policy
    (개인정보처리방침, ``/privacy/``), later the terms of use and the accessibility
    statement. Staff edit it like any page; its section headings make the table of
    contents and the date it applies from is shown under the title."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    effective_from = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("The day this version applies from."),
    )
    body = StreamField(InfoBodyBlock(), verbose_name=_("body"))
    previous_versions = RichTextField(
        _("previous versions"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("The earlier versions and the periods they applied, with links if kept."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("effective_from"),
        FieldPanel("body"),
        FieldPanel("previous_versions"),
    ]
    # Found by its title and intro: its body names every part of the portal, and a
    # search for "프로그램" should not answer with the privacy policy.
    search_fields = PortalPage.search_fields + [
        index.SearchField("intro"),
        index.FilterField("effective_from"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("effective_from"),
        APIField("body"),
        APIField("previous_versions"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "home/info_page.html"
    # Ids the template gives its own parts; no section heading takes them.
    TEMPLATE_IDS = ("main", "contents", "previous-versions")

    class Meta:
        verbose_name = _("policy or statement page")

    def search_text(self):
        return strip_tags(self.intro)

    def body_with_anchors(self):
        """The body's blocks, each heading with the ``id`` its table of contents entry
        links to: the editor's anchor, else one made from the heading (never twice)."""
        taken = set(self.TEMPLATE_IDS)
        parts = []
        for block in self.body:
            anchor = None
            if block.block_type == "heading":
                base = block.value.get("anchor") or slugify(
                    block.value["heading"], allow_unicode=True
                )
                base = base or "section"
                anchor, number = base, 2
                while anchor in taken:
                    anchor, number = f"{base}-{number}", number + 1
                taken.add(anchor)
            parts.append((block, anchor))
        return parts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parts = self.body_with_anchors()
        context["body_parts"] = parts
        context["contents"] = [
            (anchor, block.value["heading"]) for block, anchor in parts if anchor is not None
        ]
        return context
