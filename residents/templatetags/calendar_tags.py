"""Calendars in templates: "add to calendar" links for a booking or a program date
(``core.calendar_links``), and the resident's own feed addresses for My page.

Booking and program templates load this library (template-level links only);
``bookings`` and ``events`` never import ``residents``."""

from django import template

from core import calendar_links, links

from ..calendar import feed_addresses
from ..models import profile_for

register = template.Library()


@register.inclusion_tag("residents/includes/add_to_calendar.html", takes_context=True)
def add_to_calendar(
    context, title, start, end, place="", address="", note="", url="", ics="", described_by=""
):
    """Google, Outlook and .ics links for one event. ``place`` and ``address`` make
    its location, ``note`` and ``url`` (a path on the portal) its details, ``ics`` is
    its calendar file if it has one. Where a page lists several events,
    ``described_by`` names the element(s) saying which one (``aria-describedby``): the
    links' own names stay "Google Calendar", so they never contain the event's title
    and a link found by that title is the event's own."""
    if url:
        url = links.absolute(url)
    details = "\n".join(part for part in (note, url) if part)
    location = ", ".join(part for part in (place, address) if part)
    return {
        "links": calendar_links.event_links(
            title, start, end, location=location, details=details, ics=ics
        ),
        "described_by": described_by,
    }


@register.simple_tag(takes_context=True)
def calendar_feed(context):
    """The resident's feed addresses (``https``, ``webcal``, ``google``), or None."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return None
    return feed_addresses(profile_for(user))
