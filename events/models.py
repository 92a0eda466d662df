from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import PortalPage


class ProgramIndexPage(PortalPage):
    """Every upcoming program date across all spaces, at ``/programs/``."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("One sentence shown where the home page points to the programs."),
    )

    content_panels = PortalPage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "events/program_index_page.html"

    class Meta:
        verbose_name = _("program listing")
        verbose_name_plural = _("program listings")
