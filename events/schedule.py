"""From a program's schedule to its dates, and the dates kept in ``Occurrence``.

A schedule is the first date, a start time, a length and an optional django-recurrence
rule set (RRULEs with their ends and exceptions, extra dates, left-out dates). Dates a
rule adds or leaves out are whole days (the editor's date picker gives midnight); the
program's start time applies to every date. Times are Asia/Seoul (no daylight saving).

Dates are materialised ``HORIZON_DAYS`` ahead: on publish and by the daily
``refresh_program_dates`` command, so listings never expand rules per request."""

import copy
import datetime as dt
import warnings

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
        finer = rule.freq > dateutil_rrule.DAILY  # HOURLY, MINUTELY, SECONDLY
        timed = any(getattr(rule, name, None) for name in ("byhour", "byminute", "bysecond"))
        if finer or timed:
            if strict:
                raise ScheduleError(
                    _(
                        "A program happens at most once a day, at its start time: repeat it "
                        "daily or less often, without hours or minutes in the rule."
                    )
                )
            if finer:
                return []
    one_off = not rules and not extra
    rules = [rule for rule in rules if not _never_matches(rule)]
    dates = set(extra)
    if rules:
        # Every rule gets an end at the horizon, so one that never matches (30 February)
        # stops there instead of searching to the year 9999; the time of day is the
        # program's start time, not the rule's.
        limit = dt.datetime.combine(until, dt.time.max)
        bounded = []
        for rule in rules:
            rule = copy.copy(rule)
            rule.byhour = rule.byminute = rule.bysecond = []
            rule_until = rule.until
            if rule_until is not None and timezone.is_aware(rule_until):
                rule_until = timezone.make_naive(rule_until)
            if rule_until is None or rule_until > limit:
                rule.until = limit
            bounded.append(rule)
        only_rules = type(schedule)(
            rrules=bounded, exrules=getattr(schedule, "exrules", []), include_dtstart=False
        )
        start = dt.datetime.combine(program.start_date, dt.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # COUNT with our UNTIL: dateutil warns
            for value in only_rules.occurrences(dtstart=start):
                day = _local_date(value)
                if day > until:
                    break
                dates.add(day)
    elif one_off:
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


def _never_matches(rule):
    """A rule whose month days never exist in its months (30 February): dateutil would
    look for a match until the year 9999 before giving up."""
    months = [int(m) for m in (getattr(rule, "bymonth", None) or [])]
    days = [int(d) for d in (getattr(rule, "bymonthday", None) or [])]
    if not months or not days:
        return False
    longest = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
    return all(
        (day > 0 and day > longest.get(month, 31)) or (day < 0 and -day > longest.get(month, 31))
        for month in months
        for day in days
    )


def occurrence_times(program, day):
    start = timezone.make_aware(dt.datetime.combine(day, program.start_time))
    return start, start + dt.timedelta(minutes=program.duration_minutes)


@transaction.atomic
def refresh(program, *, today=None):
    """Bring the program's future dates in line with its schedule. Dates that left the
    schedule are deleted, or kept as cancelled when people registered; returned dates
    are restored; past dates are never touched. Returns (added, cancelled, removed)."""
    from . import services
    from .models import Occurrence, RegistrationStatus

    today = today or timezone.localdate()
    if not program.is_source:  # a translation shares its source's dates
        return 0, 0, 0
    space = program.get_parent().specific
    wanted = {}
    if program.live:
        for day in program_dates(program, today):
            wanted[occurrence_times(program, day)[0]] = day
    from_now = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    existing = {o.start: o for o in Occurrence.objects.filter(program=program, start__gte=from_now)}
    added = cancelled = removed = 0
    new = []
    to_fill = []
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
        else:
            end = occurrence_times(program, day)[1]
            state = (occurrence.cancelled, occurrence.places, occurrence.space_id, occurrence.end)
            if state != (False, program.capacity, space.pk, end):
                more_places = occurrence.places is not None and (
                    program.capacity is None or program.capacity > occurrence.places
                )
                came_back = occurrence.cancelled
                occurrence.cancelled = False
                occurrence.places = program.capacity
                occurrence.space = space
                occurrence.end = end
                occurrence.save(update_fields=["cancelled", "places", "space", "end"])
                if more_places or came_back:
                    to_fill.append(occurrence)
    Occurrence.objects.bulk_create(new)
    for start, occurrence in existing.items():
        if start in wanted:
            continue
        active = occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED).exists()
        if active:
            if not occurrence.cancelled:
                occurrence.cancelled = True
                occurrence.save(update_fields=["cancelled"])
                services.tell_date_cancelled(occurrence)
                cancelled += 1
        else:
            occurrence.delete()
            removed += 1
    for occurrence in to_fill:  # more places, or a date back: the waitlist moves up
        services.fill_places(occurrence)
    return added, cancelled, removed


def refresh_all(*, today=None):
    """Roll every live program's dates forward (the daily job)."""
    from .models import ProgramPage

    totals = [0, 0, 0]
    for program in ProgramPage.objects.live().iterator():
        for i, n in enumerate(refresh(program, today=today)):
            totals[i] += n
    return tuple(totals)
