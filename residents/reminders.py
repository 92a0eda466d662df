"""Reminders before a confirmed booking or a registered program date, as far ahead as
the resident's profile says (a day, two hours, or none).

``queue_reminders`` runs every few minutes (``settings.SCHEDULED_JOBS``, or
``manage.py send_reminders``): it writes a notice for each booking and registration
whose start is now within its reminder lead and not yet begun. Nothing is reminded of
right after it was confirmed: something confirmed inside the resident's lead (booked
three hours ahead by someone who wants "the day before") is reminded at the next,
shorter lead it was confirmed before (two hours before), and something confirmed inside
the shortest one gets none (the confirmation was the news). Each reminder is keyed by
what it reminds of and its start, so a second run, a second worker or a change of the
resident's lead time never sends it again; a run missed (no worker for an hour) is
caught up by the next one while the start is still ahead."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Reminder, ResidentNotice, profile_for
from .notices import build, queue

LEADS = {Reminder.DAY: dt.timedelta(days=1), Reminder.HOURS: dt.timedelta(hours=2)}


def lead_time(user):
    """How long before a start ``user`` wants a reminder (None: no reminders)."""
    return LEADS.get(profile_for(user).reminder)


def effective_lead(user, start, confirmed_at):
    """How long before ``start`` the reminder goes: the resident's lead, or a shorter
    one when it was confirmed after the longer lead began; None when no reminder goes
    (reminders off, or confirmed inside the shortest lead)."""
    chosen = lead_time(user) if user.is_active else None
    if chosen is None:
        return None
    for lead in sorted(LEADS.values(), reverse=True):
        if lead <= chosen and confirmed_at <= start - lead:
            return lead
    return None


def is_due(user, start, confirmed_at, now):
    """Whether ``user`` is reminded now of something starting at ``start`` that was
    confirmed at ``confirmed_at``."""
    lead = effective_lead(user, start, confirmed_at)
    return lead is not None and start - lead <= now < start


def queue_reminders(now=None):
    """Write the reminders due at ``now`` that were not written before; how many."""
    from bookings.models import Booking, Status
    from events.models import Registration, RegistrationStatus

    now = now or timezone.now()
    until = now + max(LEADS.values())
    notices = []
    # A deleted member's booking (an account removed in the admin) has nobody to remind.
    bookings = Booking.objects.filter(
        status=Status.CONFIRMED, start__gt=now, start__lte=until, user__isnull=False
    ).select_related("user__profile")
    for booking in bookings:
        confirmed_at = booking.decided_at or booking.created_at
        if is_due(booking.user, booking.start, confirmed_at, now):
            start = timezone.localtime(booking.start)
            notices.append(
                build(
                    booking.user,
                    kind=ResidentNotice.Kind.BOOKING_REMINDER,
                    key=f"booking-reminder:{booking.pk}:{start:%Y%m%d%H%M}",
                    booking=booking,
                )
            )
    registrations = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        occurrence__cancelled=False,
        occurrence__start__gt=now,
        occurrence__start__lte=until,
        user__isnull=False,
    ).select_related("user__profile", "occurrence")
    for registration in registrations:
        start = registration.occurrence.start
        confirmed_at = registration.promoted_at or registration.created_at
        if is_due(registration.user, start, confirmed_at, now):
            start = timezone.localtime(start)
            notices.append(
                build(
                    registration.user,
                    kind=ResidentNotice.Kind.PROGRAM_REMINDER,
                    key=f"program-reminder:{registration.pk}:{start:%Y%m%d%H%M}",
                    registration=registration,
                )
            )
    with transaction.atomic():
        return queue(notices)
