from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import PortalPage
from core.navigation import navigation


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
    ]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = self.entry_points(request)
        return context

    def entry_points(self, request):
        """The sections of the portal (spaces, programs, stories, campaigns …), in
        the active language; new sections appear as soon as they are published."""
        return navigation(request)["sections"]
