"""Opening hours in OpenStreetMap's ``opening_hours`` syntax, read by the
opening-hours-py library (https://wiki.openstreetmap.org/wiki/Key:opening_hours).

The space page evaluates the rule exactly (public holidays of Korea included). The
directory's "open now" filter needs a query, so each space's rule is also stored as a
typical week of ``OpeningPeriod`` rows (see ``weekly_periods``)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

import opening_hours

from core.dates import weekday_names

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


# --- the rule in words ----------------------------------------------------------------

# A public holiday on a weekday just before the typical week: how the rule treats
# holidays is read from it.
HOLIDAY = dt.date(2025, 6, 6)  # 현충일, a Friday
# Weeks spread over the year: a rule that opens otherwise in any of them (public
# holidays aside) changes with the season or the date.
OTHER_MONDAYS = [dt.date(2025, 1, 13), dt.date(2025, 4, 14), dt.date(2025, 9, 15)]
MIDNIGHT = dt.time()


def _week(rule, monday):
    """The open spans of the week from ``monday`` by weekday (Monday = 0), each
    (opens, closes): ``closes`` is None for "until midnight", and a span past midnight
    stays whole, on the day it starts (``closes`` before ``opens``)."""
    days = [[] for _day in range(7)]
    for day, opens, closes in daily_spans(rule, monday):
        days[(day - monday).days].append((opens, closes))
    for weekday, spans in enumerate(days):
        following = days[(weekday + 1) % 7]
        if (
            spans
            and spans[-1][1] is None
            and spans[-1][0] != MIDNIGHT
            and following
            and following[0][0] == MIDNIGHT
            and following[0][1] is not None
        ):
            spans[-1] = (spans[-1][0], following.pop(0)[1])
    return days


def _holidays(start, end):
    """The public holidays from ``start`` to ``end`` (dates)."""
    found = set()
    begin, until = dt.datetime.combine(start, MIDNIGHT), dt.datetime.combine(end, MIDNIGHT)
    for a, b in open_intervals("PH 00:00-24:00", begin, until):
        day = a.date()
        while dt.datetime.combine(day, MIDNIGHT) < b:
            found.add(day)
            day += dt.timedelta(days=1)
    return found


def _join(items):
    """ "Mon–Wed and Fri" — in Korean "월–수·금"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    separator = pgettext("list separator", ", ")
    return gettext("%(first)s and %(last)s") % {
        "first": separator.join(items[:-1]),
        "last": items[-1],
    }


def _days_items(weekdays):
    """Runs of three days and more as a range: [0, 1, 2, 4] → ["Mon–Wed", "Fri"]."""
    names = [short for __, short, __ in weekday_names()]
    runs = []
    for weekday in weekdays:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    items = []
    for run in runs:
        if len(run) >= 3:
            items.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            items.extend(names[weekday] for weekday in run)
    return items


def _days_text(weekdays):
    """ "Mon–Wed and Fri" ("월–수·금")."""
    return _join(_days_items(weekdays))


def _spans_text(spans):
    if spans == [(MIDNIGHT, None)]:
        return pgettext("opening hours", "24 hours")
    return _join(
        f"{opens:%H:%M}–{'24:00' if closes is None else format(closes, '%H:%M')}"
        for opens, closes in spans
    )


@dataclass
class HoursText:
    sentence: str  # "월–금 10:00–21:00, 토 10:00–18:00, 일요일·공휴일 휴무"
    varies: bool  # other weeks of the year differ from the one described


def describe(rule):
    """The typical week of ``rule`` in one sentence in the active language, public
    holidays included: "Mon–Fri 10:00–21:00, Sat 10:00–18:00, closed Sun and public
    holidays" ("월–금 10:00–21:00, 토 10:00–18:00, 일요일·공휴일 휴무"); ``varies`` when
    another time of the year opens otherwise (months, dates or week numbers in the
    rule). None for an empty or unreadable rule."""
    if not rule:
        return None
    try:
        week = _week(rule, TYPICAL_MONDAY)
        holiday_monday = HOLIDAY - dt.timedelta(days=HOLIDAY.weekday())
        holiday_week = _week(rule, holiday_monday)
        others = [(monday, _week(rule, monday)) for monday in OTHER_MONDAYS]
    except ValidationError:
        return None
    groups = {}
    for weekday, spans in enumerate(week):
        if spans:
            groups.setdefault(tuple(spans), []).append(weekday)
    parts = []
    for spans, weekdays in groups.items():
        days = pgettext("opening hours", "Daily") if len(weekdays) == 7 else _days_text(weekdays)
        parts.append(f"{days} {_spans_text(list(spans))}")
    on_holiday = holiday_week[HOLIDAY.weekday()]
    holiday_differs = on_holiday != week[HOLIDAY.weekday()]
    if holiday_differs and on_holiday:
        parts.append(
            pgettext("opening hours", "public holidays %(hours)s")
            % {"hours": _spans_text(on_holiday)}
        )
    closed = [weekday for weekday, spans in enumerate(week) if not spans]
    holidays_closed = holiday_differs and not on_holiday
    if len(closed) == 7:  # never open on a weekday: holidays only, or not at all
        if not parts:
            parts.append(pgettext("opening hours", "Closed"))
    elif closed and holidays_closed:
        separator = pgettext("list separator", ", ")
        parts.append(
            pgettext("opening hours", "closed %(days)s and public holidays")
            % {"days": separator.join(_days_items(closed))}
        )
    elif closed:
        parts.append(pgettext("opening hours", "closed %(days)s") % {"days": _days_text(closed)})
    elif holidays_closed:
        parts.append(pgettext("opening hours", "closed on public holidays"))
    holidays = _holidays(min(OTHER_MONDAYS), max(OTHER_MONDAYS) + dt.timedelta(days=7))
    varies = any(
        spans != week[weekday]
        for monday, days in [*others, (holiday_monday, holiday_week)]
        for weekday, spans in enumerate(days)
        if monday + dt.timedelta(days=weekday) not in holidays
    )
    if all(spans == [(MIDNIGHT, None)] for spans in week) and not holiday_differs:
        parts = [pgettext("opening hours", "Open 24 hours, every day")]
    # Parts that list days with commas ("Mon, Wed and Fri 10:00–12:00") are set apart
    # by semicolons.
    sentence = ("; " if any("," in part for part in parts) else ", ").join(parts)
    return HoursText(sentence[:1].upper() + sentence[1:], varies)
