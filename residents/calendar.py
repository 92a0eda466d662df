"""A resident's own calendar feed (RFC 5545): their confirmed bookings and the program
dates they hold a place on, from ``DAYS_BACK`` days ago on, at a secret address
(``/accounts/calendar/<token>.ics``) that calendar apps fetch without logging in.

The token is the only key: ``Profile.calendar_token``, random, reset by the resident
(the old address stops at once). Requests still waiting, waitlisted places and
anything cancelled by the resident are left out; a date the program cancelled stays,
marked cancelled, so a subscribed calendar drops it. UIDs are those of the single
files (``booking-<pk>@host`` as ``bookings.views.booking_ics``; ``registration-<pk>@host``,
the host being ``PORTAL_BASE_URL``'s, ``core.ical.uid``), so an item keeps its identity
however often the feed is fetched and whichever host it is fetched from."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import calendar_links, links
from core.i18n import localize_pages

DAYS_BACK = 30


def feed_url(profile):
    """The feed's https:// address (the portal's public one, without a language
    prefix: it stays the same whatever language the resident reads in)."""
    with translation.override(settings.LANGUAGE_CODE):
        return links.absolute(reverse("residents:calendar", args=[profile.calendar_token]))


def feed_addresses(profile):
    """What My page offers to copy or click: ``https``, ``webcal`` and ``google`` (Google
    Calendar's "add by URL" with the feed)."""
    url = feed_url(profile)
    return {
        "https": url,
        "webcal": calendar_links.webcal(url),
        "google": calendar_links.google_subscribe(url),
    }


def confirmed_bookings(user, since):
    from bookings.models import Booking, Status

    return (
        Booking.objects.filter(user=user, status=Status.CONFIRMED, end__gt=since)
        .select_related("space")
        .order_by("start", "pk")
    )


def confirmed_registrations(user, since):
    from events.models import Registration, RegistrationStatus

    return (
        Registration.objects.filter(
            user=user, status=RegistrationStatus.CONFIRMED, occurrence__end__gt=since
        )
        .select_related("occurrence__program", "occurrence__space")
        .order_by("occurrence__start", "pk")
    )


def feed_body(request, user, now=None):
    """The feed of ``user`` as bytes, in the active language (the view sets the
    resident's), built as every calendar is (``core.ical``; registrations as their
    own files give them, ``events.ical.registration_event``). A fixed number of
    queries however many items there are."""
    from bookings.ical import booking_event
    from core import ical
    from events.ical import registration_event

    now = now or timezone.now()
    since = now - dt.timedelta(days=DAYS_BACK)
    bookings = list(confirmed_bookings(user, since))
    registrations = list(confirmed_registrations(user, since))
    # Titles in the resident's language where a translation is live (one query per
    # kind, none in Korean).
    from events.models import ProgramPage
    from spaces.models import SpacePage

    spaces = {b.space.pk: b.space for b in bookings}
    spaces.update((r.occurrence.space.pk, r.occurrence.space) for r in registrations)
    programs = {r.occurrence.program.pk: r.occurrence.program for r in registrations}
    shown = {}
    for pages, queryset in ((spaces, SpacePage.objects), (programs, ProgramPage.objects)):
        shown.update(zip(pages, localize_pages(pages.values(), queryset=queryset), strict=True))

    calendar = ical.new_calendar(_("Community Space — my schedule"), kind="my calendar")
    for booking in bookings:
        shown_space = shown[booking.space.pk]
        calendar.add_component(booking_event(booking, booking.space, shown_space, request))
    for registration in registrations:
        occurrence = registration.occurrence
        calendar.add_component(
            registration_event(
                registration,
                shown[occurrence.program.pk],
                shown[occurrence.space.pk],
                request,
            )
        )
    return ical.to_bytes(calendar)
