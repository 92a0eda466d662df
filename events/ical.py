"""Programs and registrations as calendar events (RFC 5545), for every calendar that
shows them: ``/programs/calendar.ics``, a space's and a program's (``events.views``),
a registration's file and the resident's feed (``residents.calendar``). The file
itself (time zone, UIDs, DTSTAMP, SEQUENCE) is ``core.ical``'s.

**A program is one series**, as calendars store a recurring event: a master VEVENT
(UID ``program-<id>``) whose DTSTART is the first date its rule gives, with the
schedule's RRULE, and RDATE/EXDATE; then an override (same UID, RECURRENCE-ID) for
each date that differs from the series: moved (a past date kept at an earlier start
time) or cancelled (STATUS:CANCELLED, a date kept for the people registered on it).

The series is checked against the kept dates (``Occurrence``) over the calendar's
window: what the rule gives there and the program does not hold becomes an EXDATE,
what the program holds and the rule does not an RDATE. Outside the window the
schedule speaks for itself (its RRULE, its own added and left-out dates), so the
series runs on past the dates kept so far, as the schedule does. A schedule that
calendars cannot hold as one rule (several rules, rules leaving dates out, a rule
with both an end date and a count, one ``events.schedule`` would not expand) is
written as its first date plus RDATEs for its kept dates in the window.

Dates are whole days in ``events.schedule``: a day the rule gives is an event at the
program's start time, for its length."""

import datetime as dt

from django.utils import timezone

from dateutil import rrule as dateutil_rrule
from recurrence.base import to_weekday

from core import ical, links

from . import schedule as schedules

FREQUENCIES = {
    dateutil_rrule.YEARLY: "YEARLY",
    dateutil_rrule.MONTHLY: "MONTHLY",
    dateutil_rrule.WEEKLY: "WEEKLY",
    dateutil_rrule.DAILY: "DAILY",
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PARTS = ("bymonth", "bymonthday", "byyearday", "byweekno", "bysetpos")
# How far past the first date the first date of a rule is looked for (a yearly rule
# starts within a year of it).
FIRST_DATE_SEARCH = dt.timedelta(days=400)


def one_rule(program):
    """The schedule's repeating rule when calendars can hold the schedule as one RRULE
    with the same dates as ``events.schedule.program_dates``; None otherwise."""
    schedule = program.schedule
    rules = list(getattr(schedule, "rrules", None) or [])
    if len(rules) != 1 or getattr(schedule, "exrules", None):
        return None
    (rule,) = rules
    if (
        schedules._finer(rule)
        or schedules._never_matches(rule)
        or (rule.count is not None and rule.until is not None)
        or not schedules.readable(schedule, program.start_date)
    ):
        return None
    return rule


def recur(rule):
    """The rule as iCalendar RRULE parts: without a time of day (every date is at the
    program's start time), each value once, and UNTIL at the end of its Seoul day in
    UTC (RFC 5545 §3.3.10: UNTIL is UTC when DTSTART has a TZID)."""
    parts = {"freq": FREQUENCIES[rule.freq]}
    if (rule.interval or 1) > 1:
        parts["interval"] = rule.interval
    if rule.count is not None:
        parts["count"] = rule.count
    if rule.until is not None:
        last_day = schedules._local_date(rule.until)
        parts["until"] = timezone.make_aware(
            dt.datetime.combine(last_day, dt.time(23, 59, 59)), schedules.seoul()
        ).astimezone(dt.UTC)
    days = list(dict.fromkeys(to_weekday(day) for day in rule.byday or []))
    if days:
        parts["byday"] = [f"{day.index or ''}{WEEKDAYS[day.number]}" for day in days]
    for name in PARTS:
        values = sorted(set(getattr(rule, name, None) or []))
        if values:
            parts[name] = values
    if rule.wkst is not None and to_weekday(rule.wkst).number != 0:
        parts["wkst"] = WEEKDAYS[to_weekday(rule.wkst).number]
    return parts


def _rule_days(program, rule, until):
    """The days ``rule`` gives from the program's first date to ``until``."""
    found = schedules._rule_dates(program, [rule], [], until)
    return sorted(day for day in found if day >= program.start_date)


def program_events(
    program, occurrences, *, since, until=None, shown=None, space=None, request=None
):
    """[master, *overrides] for ``program`` (the Korean page, whose schedule and dates
    these are) checked against its ``occurrences`` from ``since`` (a Seoul midnight) to
    ``until`` (the next midnight after the window; None: every kept date). ``shown`` and
    ``space`` are the program and its space in the calendar's language."""
    shown = shown or program
    source_space = occurrences[0].space if occurrences else program.space
    space = space or source_space
    length = dt.timedelta(minutes=program.duration_minutes)
    first_day = timezone.localtime(since, schedules.seoul()).date()
    last_day = max(timezone.localtime(o.start, schedules.seoul()).date() for o in occurrences)
    if until is not None:
        last_day = min(
            last_day, timezone.localtime(until, schedules.seoul()).date() - dt.timedelta(days=1)
        )

    def at(day):
        return schedules.occurrence_times(program, day)[0]

    def inside(day):
        return first_day <= day <= last_day

    rule = one_rule(program)
    rule_days = []
    if rule is not None:
        rule_days = _rule_days(program, rule, max(last_day, program.start_date + FIRST_DATE_SEARCH))
        if not rule_days:
            rule = None
    anchor = rule_days[0] if rule is not None else program.start_date
    # The series' own dates in the window, before it is checked against the kept ones.
    expected = [day for day in rule_days if inside(day)] if rule is not None else []
    if rule is None and inside(anchor):
        expected = [anchor]
    instances = {at(day): day for day in expected}
    unmatched_by_day = {day: at(day) for day in expected}

    overrides, rdates = [], []
    left = []
    for occurrence in occurrences:  # the same start: the same date
        if occurrence.start in instances and instances[occurrence.start] in unmatched_by_day:
            del unmatched_by_day[instances[occurrence.start]]
            if occurrence.end - occurrence.start != length or occurrence.cancelled:
                overrides.append((occurrence.start, occurrence))
        else:
            left.append(occurrence)
    for occurrence in left:
        day = timezone.localtime(occurrence.start, schedules.seoul()).date()
        if day in unmatched_by_day:  # the same day at another time: moved
            overrides.append((unmatched_by_day.pop(day), occurrence))
            continue
        rdates.append(occurrence.start)
        if occurrence.end - occurrence.start != length or occurrence.cancelled:
            overrides.append((occurrence.start, occurrence))
    exdates = list(unmatched_by_day.values())

    # Outside the window the schedule's own added and left-out dates hold.
    schedule = program.schedule
    left_out = {schedules._local_date(d) for d in getattr(schedule, "exdates", None) or []}
    added = {schedules._local_date(d) for d in getattr(schedule, "rdates", None) or []}
    rdates += [
        at(day)
        for day in sorted(added - left_out)
        if day >= program.start_date and not inside(day) and day != anchor
    ]
    if rule is not None:
        exdates += [at(day) for day in sorted(left_out) if day >= anchor and not inside(day)]
    elif anchor < first_day and anchor not in schedules.program_dates(
        program, anchor, until=anchor
    ):
        exdates.append(at(anchor))  # the first date written is not one of its dates

    changed = ical.last_change(
        program.last_published_at,
        shown.last_published_at,
        source_space.last_published_at,
        space.last_published_at,
    )
    common = {
        "uid": ical.uid("program", program.pk),
        "summary": shown.title,
        "changed": changed,
        "url": links.page_url(shown, request),
        "location": f"{space.display_title}, {source_space.address}",
        "geo": (source_space.latitude, source_space.longitude),
        "description": shown.summary,
    }
    master = ical.new_event(start=at(anchor), end=at(anchor) + length, **common)
    if rule is not None:
        master.add("rrule", recur(rule))
    if rdates:
        master.add("rdate", [ical.local(moment) for moment in sorted(set(rdates))])
    if exdates:
        master.add("exdate", [ical.local(moment) for moment in sorted(set(exdates))])
    events = [master]
    for recurrence_id, occurrence in sorted(overrides, key=lambda pair: pair[0]):
        events.append(
            ical.new_event(
                start=occurrence.start,
                end=occurrence.end,
                recurrence_id=recurrence_id,
                status="CANCELLED" if occurrence.cancelled else "CONFIRMED",
                **common,
            )
        )
    return events


# A registration's event follows its place: waiting (TENTATIVE), held (CONFIRMED), then
# over (CANCELLED, also when the program cancelled the date).
REGISTRATION_STATUS = {"waitlisted": "TENTATIVE", "confirmed": "CONFIRMED"}


def registration_event(registration, program, space, request=None):
    """The event of one registration (UID ``registration-<id>``), as its file and the
    resident's feed both give it; ``program`` and ``space`` in the reader's language.
    Its last change is the latest of the registration's own (made, moved up,
    cancelled) and the program's and space's publications (a cancelled date comes from
    a publication)."""
    occurrence = registration.occurrence
    source_program, source_space = occurrence.program, occurrence.space
    status = REGISTRATION_STATUS.get(registration.status, "CANCELLED")
    if occurrence.cancelled:
        status = "CANCELLED"
    changed = ical.last_change(
        registration.created_at,
        registration.promoted_at,
        registration.cancelled_at,
        source_program.last_published_at,
        program.last_published_at,
        source_space.last_published_at,
        space.last_published_at,
    )
    return ical.new_event(
        ical.uid("registration", registration.pk),
        start=occurrence.start,
        end=occurrence.end,
        summary=program.title,
        changed=changed,
        url=links.page_url(program, request),
        location=f"{space.display_title}, {source_space.address}",
        geo=(source_space.latitude, source_space.longitude),
        description=program.summary,
        status=status,
    )
