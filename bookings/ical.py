"""A booking as a calendar event (``core.ical``), the same in the booking's own file
(``views.booking_ics``) and in the resident's feed (``residents.calendar``): UID
``booking-<id>@<public host>``, DTSTAMP and SEQUENCE from its last change (asked,
decided, cancelled, or its space's page republished), so a calendar that imported an
earlier file takes the new one."""

from django.utils.translation import gettext as _

from core import ical, links

from .models import Status

STATUS = {Status.REQUESTED: "TENTATIVE", Status.CONFIRMED: "CONFIRMED"}  # else CANCELLED


def booking_event(booking, space, shown, request=None):
    """The VEVENT of ``booking`` at ``space``, named and linked as ``shown`` (the
    space's page in the reader's language; its English name where it has no
    translation)."""
    return ical.new_event(
        ical.uid("booking", booking.pk),
        start=booking.start,
        end=booking.end,
        summary=f"{shown.display_title} ({_('booking')})",
        changed=ical.last_change(
            booking.created_at,
            booking.decided_at,
            space.last_published_at,
            shown.last_published_at,
        ),
        url=links.page_url(shown, request),
        location=f"{shown.display_title}, {space.address}",
        geo=(space.latitude, space.longitude),
        description=booking.purpose,
        status=STATUS.get(booking.status, "CANCELLED"),
    )
