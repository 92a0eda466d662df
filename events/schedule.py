"""From a program's schedule to its dates, and the dates kept in ``Occurrence``.

A schedule is the first date, a start time, a length and an optional django-recurrence
rule set (RRULEs with their ends and exceptions, extra dates, left-out dates). Dates a
rule adds or leaves out are whole days (the editor's date picker gives midnight); the
program's start time applies to every date. Times are Asia/Seoul (no daylight saving).

Dates are materialised ``HORIZON_DAYS`` ahead: on publish and by the daily
``refresh_program_dates`` command, so listings never expand rules per request."""

import datetime as dt
import itertools

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil import rrule as dateutil_rrule

HORIZON_DAYS = 180
MAX_DATES = HORIZON_DAYS + 1  # at most one date a day within the horizon


class ScheduleError(Exception):
    pass


def _local_date(value):
    """The Seoul date of a rule's date value (naive = Seoul, aware = converted)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def program_dates(program, since, *, until=None, strict=False):
    """The program's dates from ``since`` to ``until`` (default: the horizon), sorted.
    With ``strict`` a schedule finer than daily, or one giving more dates than can be
    kept, raises ScheduleError with a message for the editor; otherwise it is capped."""
    until = until or since + dt.timedelta(days=HORIZON_DAYS)
    schedule = program.schedule
    rules = list(getattr(schedule, "rrules", []) or [])
    extra = {_local_date(d) for d in getattr(schedule, "rdates", []) or []}
    left_out = {_local_date(d) for d in getattr(schedule, "exdates", []) or []}
    for rule in rules:
        if rule.freq > dateutil_rrule.DAILY:  # HOURLY, MINUTELY, SECONDLY
            if strict:
                raise ScheduleError(
                    _("A program happens at most once a day: repeat it daily or less often.")
                )
            return []
    dates = set(extra)
    if rules:
        only_rules = type(schedule)(
            rrules=rules, exrules=getattr(schedule, "exrules", []), include_dtstart=False
        )
        start = dt.datetime.combine(program.start_date, dt.time())
        generated = only_rules.occurrences(dtstart=start)
        for value in itertools.islice(generated, 0, 20 * MAX_DATES):
            day = _local_date(value)
            if day > until:
                break
            dates.add(day)
    elif not extra:
        dates.add(program.start_date)
    dates = sorted(d for d in dates - left_out if since <= d <= until and d >= program.start_date)
    if len(dates) > MAX_DATES:
        if strict:
            raise ScheduleError(
                _("This schedule gives more than %(count)d dates in the next %(days)d days.")
                % {"count": MAX_DATES, "days": HORIZON_DAYS}
            )
        dates = dates[:MAX_DATES]
    return dates


def occurrence_times(program, day):
    start = timezone.make_aware(dt.datetime.combine(day, program.start_time))
    return start, start + dt.timedelta(minutes=program.duration_minutes)


@transaction.atomic
def refresh(program, *, today=None):
    """Bring the program's future dates in line with its schedule. Dates that left the
    schedule are deleted, or kept as cancelled when people registered; returned dates
    are restored; past dates are never touched. Returns (added, cancelled, removed)."""
    from .models import Occurrence, RegistrationStatus

    today = today or timezone.localdate()
    space = program.get_parent().specific
    wanted = {}
    if program.live:
        for day in program_dates(program, today):
            wanted[occurrence_times(program, day)[0]] = day
    from_now = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    existing = {o.start: o for o in Occurrence.objects.filter(program=program, start__gte=from_now)}
    added = cancelled = removed = 0
    new = []
    for start, day in wanted.items():
        occurrence = existing.get(start)
        if occurrence is None:
            _start, end = occurrence_times(program, day)
            new.append(
                Occurrence(
                    program=program, space=space, start=start, end=end, places=program.capacity
                )
            )
            added += 1
        elif (
            occurrence.cancelled
            or occurrence.places != program.capacity
            or occurrence.space_id != space.pk
        ):
            occurrence.cancelled = False
            occurrence.places = program.capacity
            occurrence.space = space
            occurrence.end = occurrence_times(program, day)[1]
            occurrence.save(update_fields=["cancelled", "places", "space", "end"])
    Occurrence.objects.bulk_create(new)
    for start, occurrence in existing.items():
        if start in wanted:
            continue
        active = occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED).exists()
        if active:
            if not occurrence.cancelled:
                occurrence.cancelled = True
                occurrence.save(update_fields=["cancelled"])
                cancelled += 1
        else:
            occurrence.delete()
            removed += 1
    return added, cancelled, removed


def refresh_all(*, today=None):
    """Roll every live program's dates forward (the daily job)."""
    from .models import ProgramPage

    totals = [0, 0, 0]
    for program in ProgramPage.objects.live().iterator():
        for i, n in enumerate(refresh(program, today=today)):
            totals[i] += n
    return tuple(totals)
