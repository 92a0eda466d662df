"""A resident's own calendar feed (RFC 5545): their confirmed bookings and the program
dates they hold a place on, from ``DAYS_BACK`` days ago on, at a secret address
(``/accounts/calendar/<token>.ics``) that calendar apps fetch without logging in.

The token is the only key: ``Profile.calendar_token``, random, reset by the resident
(the old address stops at once). Requests still waiting, waitlisted places and
anything cancelled by the resident are left out; a date the program cancelled stays,
marked cancelled, so a subscribed calendar drops it. UIDs are those of the single
files (``booking-<pk>@host`` as ``bookings.views.booking_ics``; ``registration-<pk>@host``),
so an item keeps its identity however often the feed is fetched."""

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
    resident's). A fixed number of queries however many items there are."""
    from icalendar import Calendar, Event

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

    calendar = Calendar()
    calendar.add("prodid", "-//Community Space//my calendar//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Community Space — my schedule"))
    calendar.add("x-wr-timezone", "Asia/Seoul")
    host = request.get_host()

    def event(uid, stamp, start, end, summary, space, page, description, status):
        item = Event()
        item.add("uid", f"{uid}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("summary", summary)
        item.add("location", f"{shown[space.pk].title}, {space.address}")
        if description:
            item.add("description", description)
        url = shown[page.pk].get_url(request)
        if url:
            item.add("url", request.build_absolute_uri(url))
        if space.latitude is not None:
            item.add("geo", (space.latitude, space.longitude))
        item.add("status", status)
        calendar.add_component(item)

    for booking in bookings:
        space = booking.space
        event(
            f"booking-{booking.pk}",
            booking.decided_at or booking.created_at,
            booking.start,
            booking.end,
            f"{shown[space.pk].title} ({_('booking')})",
            space,
            space,
            booking.purpose,
            "CONFIRMED",
        )
    for registration in registrations:
        occurrence = registration.occurrence
        program = occurrence.program
        event(
            f"registration-{registration.pk}",
            registration.promoted_at or registration.created_at,
            occurrence.start,
            occurrence.end,
            shown[program.pk].title,
            occurrence.space,
            program,
            shown[program.pk].summary,
            "CANCELLED" if occurrence.cancelled else "CONFIRMED",
        )
    return calendar.to_ical()
