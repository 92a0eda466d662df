"""Registering for a program date: a place while there are places, else the waitlist;
when a place frees up the first person waiting moves up and is told. The date's row is
locked while its places are counted (PostgreSQL ``SELECT … FOR UPDATE``; SQLite's
IMMEDIATE transactions take turns), so there are never more registrations than places."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.accounts import CONFIRM_FIRST, needs_confirmation

from .models import Occurrence, Registration, RegistrationNotice, RegistrationStatus

Status = RegistrationStatus


class RegistrationError(Exception):
    pass


def register(user, occurrence_id):
    """Register ``user`` for the date; returns the Registration (confirmed or
    waitlisted), or raises RegistrationError with a message for the resident. A new
    account registers once its sign-up address is confirmed (``core.accounts``)."""
    if needs_confirmation(user):
        raise RegistrationError(str(CONFIRM_FIRST))
    try:
        with transaction.atomic():
            occurrence = (
                Occurrence.objects.select_for_update()
                .select_related("program")
                .get(pk=occurrence_id)
            )
            _check_open(occurrence)
            if occurrence.registrations.filter(user=user).exclude(status=Status.CANCELLED).exists():
                raise RegistrationError(_("You are already registered for this date."))
            has_place = occurrence.places is None or occurrence.confirmed_count < occurrence.places
            registration = Registration.objects.create(
                occurrence=occurrence,
                user=user,
                status=Status.CONFIRMED if has_place else Status.WAITLISTED,
            )
            _recount(occurrence)
            _notify(registration, registration.status)
            return registration
    except IntegrityError as error:  # the same resident twice at the same moment
        raise RegistrationError(_("You are already registered for this date.")) from error


def _check_open(occurrence):
    if occurrence.cancelled:
        raise RegistrationError(_("This date is cancelled."))
    if occurrence.start <= timezone.now():
        raise RegistrationError(_("This date has already started."))
    if not occurrence.program.live:
        raise RegistrationError(_("This program is no longer published."))


def cancel(registration, *, by=None):
    """Cancel a registration; a freed place goes to the first person waiting."""
    with transaction.atomic():
        occurrence = Occurrence.objects.select_for_update().get(pk=registration.occurrence_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            return registration, None
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _notify(registration, RegistrationNotice.Kind.CANCELLED)
        promoted = _promote(occurrence) if was_confirmed else None
        _recount(occurrence)
    return registration, promoted


def fill_places(occurrence):
    """Move people up from the waitlist while there are places (more places were
    added, or a cancelled date came back)."""
    with transaction.atomic():
        occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
        while _promote(occurrence):
            pass
        _recount(occurrence)


def tell_date_cancelled(occurrence):
    """Everyone registered or waiting for a date that was cancelled is told."""
    active = occurrence.registrations.exclude(status=Status.CANCELLED).select_related("user")
    for registration in active:
        _notify(registration, RegistrationNotice.Kind.DATE_CANCELLED)


def _promote(occurrence):
    """Give a free place to the first person on the waitlist (in the order they came);
    never on a cancelled date."""
    if occurrence.cancelled:
        return None
    if occurrence.places is not None:
        confirmed = occurrence.registrations.filter(status=Status.CONFIRMED).count()
        if confirmed >= occurrence.places:
            return None
    first = (
        occurrence.registrations.filter(status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Status.CONFIRMED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    _notify(first, RegistrationNotice.Kind.PROMOTED)
    return first


def _recount(occurrence):
    counts = {Status.CONFIRMED: 0, Status.WAITLISTED: 0}
    for status in occurrence.registrations.exclude(status=Status.CANCELLED).values_list(
        "status", flat=True
    ):
        counts[status] += 1
    Occurrence.objects.filter(pk=occurrence.pk).update(
        confirmed_count=counts[Status.CONFIRMED], waitlist_count=counts[Status.WAITLISTED]
    )
    occurrence.confirmed_count = counts[Status.CONFIRMED]
    occurrence.waitlist_count = counts[Status.WAITLISTED]


def waitlist_position(registration):
    """1 for the first person waiting, 2 for the second …"""
    return waitlist_positions([registration]).get(registration.pk)


def waitlist_positions(registrations):
    """{registration pk: place on its date's waitlist}, in one query."""
    waiting = [r for r in registrations if r.status == Status.WAITLISTED]
    if not waiting:
        return {}
    queue = (
        Registration.objects.filter(
            occurrence_id__in={r.occurrence_id for r in waiting}, status=Status.WAITLISTED
        )
        .order_by("occurrence_id", "created_at", "pk")
        .values_list("pk", "occurrence_id")
    )
    positions, counts = {}, {}
    for pk, occurrence_id in queue:
        counts[occurrence_id] = counts.get(occurrence_id, 0) + 1
        positions[pk] = counts[occurrence_id]
    return {r.pk: positions.get(r.pk) for r in waiting}


def _notify(registration, kind):
    from django.conf import settings

    from .tasks import send_registration_notices

    if registration.user is None or not registration.user.email:  # a deleted member
        return
    RegistrationNotice.objects.create(
        registration=registration,
        kind=kind,
        recipient=registration.user.email,
        language=settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: send_registration_notices.enqueue(), robust=True)
