from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .privacy import restricted


class PortalSitemap(Sitemap):
    """Wagtail's sitemap over every language tree of the site, not only the Korean
    one: each Korean page and each English translation at its own address. Private
    pages are left out in both languages (``core.privacy``: a restriction covers the
    page's translations too, which Wagtail's ``public()`` does not know)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(or_, (Q(path__startswith=root.path) for root in roots))
        return (
            Page.objects.live()
            .exclude(restricted())
            .filter(in_a_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
