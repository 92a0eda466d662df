from django.utils.translation import gettext_lazy as _

from core.models import SectionPage


class ProgramIndexPage(SectionPage):
    """Every upcoming program date across all spaces, at ``/programs/``."""

    subpage_types = []
    template = "events/program_index_page.html"

    class Meta:
        verbose_name = _("program listing")
        verbose_name_plural = _("program listings")
