"""Links to the portal's policies from any template: ``{% privacy_url %}``,
``{% terms_url %}`` and ``{% accessibility_url %}`` are the pages' addresses in the
active language (``/privacy/``, ``/en/privacy/``); ``{% site_operator %}`` is who runs
the portal and how to reach them, for the footer."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.i18n import active_language
from home.policies import PRIVACY_SLUG
from home.statements import (
    ACCESSIBILITY_EMAIL,
    ACCESSIBILITY_SLUG,
    EMAIL,
    LICENCE_NAMES,
    OPERATOR,
    PHONE,
    TERMS_SLUG,
)

register = template.Library()


def _page_url(slug):
    """Built as Wagtail serves the page, under the active language's prefix, without a
    query: the footer of every page shows it. Should English have no translation, the
    English address still shows the Korean page (``core.models.PortalPage``)."""
    return reverse("wagtail_serve", args=(f"{slug}/",))


@register.simple_tag
def privacy_url():
    return _page_url(PRIVACY_SLUG)


@register.simple_tag
def terms_url():
    return _page_url(TERMS_SLUG)


@register.simple_tag
def accessibility_url():
    return _page_url(ACCESSIBILITY_SLUG)


@register.simple_tag
def site_operator(language=None):
    """Who runs the portal, in ``language`` (else the active one), with its contacts and
    the credits the footer owes: the map tiles' (a setting, trusted HTML with links);
    the boundaries' credit is a translated string. Reads settings only: the error pages
    drawn without a database use it too."""
    language = language or active_language()
    language = language if language in OPERATOR else settings.LANGUAGE_CODE
    return {
        **OPERATOR[language],
        "phone": PHONE,
        "phone_link": f"+82{PHONE[1:].replace('-', '')}",
        "email": EMAIL,
        "accessibility_email": ACCESSIBILITY_EMAIL,
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_name": LICENCE_NAMES[language],
        "tile_credit": mark_safe(settings.MAP_TILE_ATTRIBUTION),  # noqa: S308 (a setting)
    }
