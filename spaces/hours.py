"""Opening hours in OpenStreetMap's ``opening_hours`` syntax, read by the
opening-hours-py library (https://wiki.openstreetmap.org/wiki/Key:opening_hours).

The space page evaluates the rule exactly (public holidays of Korea included). The
directory's "open now" filter needs a query, so each space's rule is also stored as a
typical week of ``OpeningPeriod`` rows (see ``weekly_periods``)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import opening_hours

COUNTRY = "KR"
# A week with no public holiday in Korea, standing for "a normal week".
TYPICAL_MONDAY = dt.date(2025, 6, 9)


def parse(rule):
    """The parsed rule, or ``ValidationError`` with the parser's explanation."""
    try:
        return opening_hours.OpeningHours(rule, country=COUNTRY)
    except (opening_hours.ParserError, SyntaxError, ValueError) as error:
        message = str(error).strip().splitlines()
        raise ValidationError(
            _(
                "“%(rule)s” is not valid opening hours (OpenStreetMap syntax, e.g. "
                "“Mo-Fr 09:00-18:00; Sa 10:00-14:00”). %(detail)s"
            ),
            code="invalid_opening_hours",
            params={"rule": rule, "detail": message[-1] if message else ""},
        ) from error


def validate_opening_hours(rule):
    if rule:
        parse(rule)


def seoul_now():
    """The current wall-clock time in Seoul, without tzinfo (the library's input)."""
    return timezone.localtime().replace(tzinfo=None)


def open_intervals(rule, start, end):
    """(start, end) pairs of naive Seoul datetimes when the place is open."""
    hours = parse(rule)
    return [
        (a, b)
        for a, b, state, _comment in hours.intervals(start, end)
        if str(state) == "open" and a < b
    ]


def daily_spans(rule, monday):
    """The open spans of the week starting on ``monday``, each within one day:
    (date, opens, closes) with ``closes`` None for "until midnight"; a span across
    midnight comes as two."""
    start = dt.datetime.combine(monday, dt.time())
    for a, b in open_intervals(rule, start, start + dt.timedelta(days=7)):
        cursor = a
        while cursor < b:
            midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            until = min(b, midnight)
            yield cursor.date(), cursor.time(), None if until == midnight else until.time()
            cursor = until


def weekly_periods(rule):
    """The typical week as (weekday, opens, closes) triples, Monday = 0; "until
    midnight" is stored as 23:59:59.999999."""
    if not rule:
        return []
    return [
        (day.weekday(), opens, closes or dt.time.max)
        for day, opens, closes in daily_spans(rule, TYPICAL_MONDAY)
    ]


@dataclass
class DayHours:
    date: dt.date
    spans: list  # [(time, time)]
    is_today: bool

    @property
    def closed(self):
        return not self.spans


def week_table(rule, today=None):
    """This week's hours, Monday to Sunday, holidays included."""
    today = today or seoul_now().date()
    monday = today - dt.timedelta(days=today.weekday())
    days = [DayHours(monday + dt.timedelta(days=i), [], False) for i in range(7)]
    for day in days:
        day.is_today = day.date == today
    for date, opens, closes in daily_spans(rule, monday):
        days[(date - monday).days].spans.append((opens, closes))
    return days


def is_open(rule, at=None):
    """True/False, or None when the rule is empty or says nothing about that time."""
    if not rule:
        return None
    state, _comment = parse(rule).state(at or seoul_now())
    return {"open": True, "closed": False}.get(str(state))


def is_public_holiday(day):
    """True on a Korean public holiday (the parser's own calendar)."""
    start = dt.datetime.combine(day, dt.time())
    return bool(open_intervals("PH 00:00-24:00", start, start + dt.timedelta(days=1)))


def open_throughout(rule, start, end):
    """True when the rule keeps the place open for all of [start, end) (naive Seoul
    datetimes), holidays and exceptions included."""
    if not rule:
        return False
    day = dt.timedelta(days=1)
    try:
        intervals = open_intervals(rule, start - day, end + day)
    except ValidationError:
        return False
    return any(a <= start and end <= b for a, b in intervals)
