"""Links to the portal's policies from any template: ``{% privacy_url %}`` is the
privacy policy's address in the active language (``/privacy/``, ``/en/privacy/``)."""

from django import template
from django.urls import reverse

from home.policies import PRIVACY_SLUG

register = template.Library()


@register.simple_tag
def privacy_url():
    """Built as Wagtail serves the page, under the active language's prefix, without a
    query: the footer of every page shows it. Should English have no translation, the
    English address still shows the Korean page (``core.models.PortalPage``)."""
    return reverse("wagtail_serve", args=(f"{PRIVACY_SLUG}/",))
