"""From a program's schedule to its dates, and the dates kept in ``Occurrence``.

A schedule is the first date, a start time, a length and an optional django-recurrence
rule set (RRULEs with their ends and exceptions, extra dates, left-out dates). Dates a
rule adds or leaves out are whole days (the editor, ``events.widgets``, stores a Seoul
midnight); the program's start time applies to every date. Without a repeating rule the
first date is a date, and so is every date added to it; with one, the first date is
where the rule starts (a Tue/Thu rule starting on a Monday does not happen that Monday).
Times are Asia/Seoul (no daylight saving).

Dates are materialised ``HORIZON_DAYS`` ahead: on publish and by the daily
``refresh_program_dates`` command, so listings never expand rules per request.

**Bounded, whatever is stored.** dateutil, which expands the rules, trusts them: with
``INTERVAL=0`` it loops for ever, with ``BYSETPOS=-99999999`` or ``BYDAY=+40MO`` it
raises, and a rule that never matches (``BYSETPOS=2`` in a daily rule) is searched for
up to the year 9999, seconds of work. So:

- the editor refuses a schedule with any part outside its RFC 5545 range or our limits
  (``schedule_problems``, called by ``ProgramPage.clean``: messages on the field);
- ``program_dates`` is the one place rules are expanded. A schedule it cannot read
  safely (``readable``: parts out of range, too many rules or values, a first date
  outside ``FIRST_YEAR``–``LAST_YEAR``) gives no dates; any other is expanded with a
  horizon (every rule ends at ``until``), a count (at most ``MAX_EXPANDED`` values are
  taken from the rules) and in the calendar's last four hundred years (``_era``), where
  dateutil's own stop at the year 9999 ends any search within a few hundred years;
- what shows a schedule (``describe``, ``described_rules``, the API's RFC 5545 text)
  asks ``readable`` first: django-recurrence's own text and serializer fail on the
  same values. ``describe`` writes its sentence with our own words in the active
  language (django-recurrence's ``to_text`` is English only, "weekly, each 화요일")."""

import copy
import datetime as dt
import warnings
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dateutil import rrule as dateutil_rrule
from recurrence.base import to_weekday

from core.dates import weekday_names

HORIZON_DAYS = 180
MAX_DATES = HORIZON_DAYS + 1  # at most one date a day within the horizon

# What a schedule may hold. The editor refuses more; RFC 5545 gives the ranges.
MAX_RULES = 10  # repeating rules and rules leaving dates out, together
MAX_LISTED_DATES = 366  # dates added and dates left out, together
MAX_INTERVAL = 366
MAX_COUNT = 1000
MAX_VALUES = 366  # values in one part of a rule (BYMONTHDAY=1,15 holds two)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # first dates, ends and listed dates fall in between
# At most one date a day from FIRST_YEAR to LAST_YEAR: an expansion never takes more.
MAX_EXPANDED = 366 * (LAST_YEAR - FIRST_YEAR + 1)
# 400 Gregorian years are exactly 146,097 days (20,871 weeks): every date falls on the
# same weekday, in a year of the same length, 400 years later.
ERA = dt.timedelta(days=146_097)
# Room left before dateutil's end of the calendar (a period may run a few days past the
# last day asked for).
CALENDAR_END = dt.date(9998, 1, 1)

DAILY_OR_LESS = (
    dateutil_rrule.YEARLY,
    dateutil_rrule.MONTHLY,
    dateutil_rrule.WEEKLY,
    dateutil_rrule.DAILY,
)
TIMED = ("byhour", "byminute", "bysecond")
# Days in the set a rule's BYSETPOS picks from, for each frequency.
SET_SIZE = {
    dateutil_rrule.YEARLY: 366,
    dateutil_rrule.MONTHLY: 31,
    dateutil_rrule.WEEKLY: 7,
    dateutil_rrule.DAILY: 1,
}


class ScheduleError(Exception):
    """A schedule the editor refuses; ``errors`` maps fields to messages."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(m for messages in errors.values() for m in messages))


def _part_labels():
    return {
        "bymonth": _("Month"),
        "bymonthday": _("Day of the month"),
        "byyearday": _("Day of the year"),
        "byweekno": _("Week of the year"),
        "bysetpos": _("Position in the set"),
        "byday": _("Weekday"),
    }


def _ranges(freq):
    """{part: (highest, counted back from the end too)} in a rule of ``freq``."""
    return {
        "bymonth": (12, False),
        "bymonthday": (31, True),
        "byyearday": (366, True),
        "byweekno": (53, True),
        "bysetpos": (SET_SIZE.get(freq, 366), True),
    }


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _rule_problems(rule, *, times_allowed=False):
    """Why a rule (RRULE or EXRULE) cannot be expanded as written: RFC 5545's ranges and
    combinations, at most daily, no time of day, no more values than ``MAX_VALUES``.
    With ``times_allowed`` a time of day is not a problem (the expansion drops it)."""
    problems = []
    labels = _part_labels()
    freq = rule.freq
    once_a_day = _(
        "A program happens at most once a day, at its start time: repeat it "
        "daily or less often, without hours or minutes in the rule."
    )
    if freq not in DAILY_OR_LESS:
        return [once_a_day]  # nothing else in it means anything to a program
    if not times_allowed and any(getattr(rule, name, None) for name in TIMED):
        problems.append(once_a_day)
    if not _whole(rule.interval) or not 1 <= rule.interval <= MAX_INTERVAL:
        problems.append(
            _("The interval must be a whole number from 1 to %(max)d.") % {"max": MAX_INTERVAL}
        )
    if rule.count is not None and (not _whole(rule.count) or not 1 <= rule.count <= MAX_COUNT):
        problems.append(_("A rule can end after 1 to %(max)d dates.") % {"max": MAX_COUNT})
    if rule.wkst is not None:
        try:
            if not 0 <= to_weekday(rule.wkst).number <= 6:
                raise ValueError
        except (ValueError, TypeError):
            problems.append(_("“%(value)s” is not a weekday.") % {"value": rule.wkst})
    for part, (high, from_end) in _ranges(freq).items():
        values = list(getattr(rule, part, None) or [])
        if len(values) > MAX_VALUES:
            problems.append(
                _("A rule can list at most %(count)d values for “%(part)s”.")
                % {"count": MAX_VALUES, "part": labels[part]}
            )
            continue
        for value in values:
            if _whole(value) and (1 <= value <= high or (from_end and -high <= value <= -1)):
                continue
            if from_end:
                message = _(
                    "“%(part)s” must be from 1 to %(high)d, or from -%(high)d to -1 "
                    "counting back from the end (not %(value)s)."
                )
            else:
                message = _("“%(part)s” must be from 1 to %(high)d (not %(value)s).")
            problems.append(message % {"part": labels[part], "high": high, "value": value})
            break
    if rule.byweekno and freq != dateutil_rrule.YEARLY:
        problems.append(
            _("“%(part)s” can only be used in a yearly rule.") % {"part": labels["byweekno"]}
        )
    if rule.byyearday and freq != dateutil_rrule.YEARLY:
        problems.append(
            _("“%(part)s” can only be used in a yearly rule.") % {"part": labels["byyearday"]}
        )
    if rule.bymonthday and freq == dateutil_rrule.WEEKLY:
        problems.append(
            _("“%(part)s” cannot be used in a weekly rule.") % {"part": labels["bymonthday"]}
        )
    days = list(getattr(rule, "byday", None) or [])
    if len(days) > MAX_VALUES:
        problems.append(
            _("A rule can list at most %(count)d values for “%(part)s”.")
            % {"count": MAX_VALUES, "part": labels["byday"]}
        )
        days = []
    highest = {dateutil_rrule.MONTHLY: 5, dateutil_rrule.YEARLY: 53}.get(freq)
    for day in days:
        try:
            weekday = to_weekday(day)
            if not 0 <= weekday.number <= 6:
                raise ValueError
        except (ValueError, TypeError):
            problems.append(_("“%(value)s” is not a weekday.") % {"value": day})
            break
        index = weekday.index
        if not index:
            continue
        if highest is None:
            problems.append(
                _(
                    "Only monthly and yearly rules can name a weekday's place "
                    "(such as the second Saturday)."
                )
            )
            break
        if (
            not _whole(index)
            or not 1 <= abs(index) <= highest
            or (freq == dateutil_rrule.YEARLY and rule.byweekno)
        ):
            problems.append(
                _(
                    "A weekday's place must be from 1 to %(high)d, or from -%(high)d to -1 "
                    "counting back from the end (not %(value)s)."
                )
                % {"high": highest, "value": index}
            )
            break
    return list(dict.fromkeys(problems))


def _datetimes(schedule):
    """Every date and time written in the schedule (ends, added and left-out dates)."""
    rules = [
        *(getattr(schedule, "rrules", None) or []),
        *(getattr(schedule, "exrules", None) or []),
    ]
    found = [rule.until for rule in rules if rule.until is not None]
    found += list(getattr(schedule, "rdates", None) or [])
    found += list(getattr(schedule, "exdates", None) or [])
    found += [
        v for v in (getattr(schedule, "dtstart", None), getattr(schedule, "dtend", None)) if v
    ]
    return found


def _in_years(value):
    """True when a date (or date and time, in any zone) falls in FIRST_YEAR–LAST_YEAR."""
    if not isinstance(value, dt.date):
        return False
    return FIRST_YEAR <= value.year <= LAST_YEAR


def schedule_problems(schedule, start_date=None):
    """Why the editor refuses this schedule: {field name: [messages]}, empty when fine."""
    rules = [
        *(getattr(schedule, "rrules", None) or []),
        *(getattr(schedule, "exrules", None) or []),
    ]
    listed = len(getattr(schedule, "rdates", None) or []) + len(
        getattr(schedule, "exdates", None) or []
    )
    problems = []
    if len(rules) > MAX_RULES:
        problems.append(_("A schedule can hold at most %(count)d rules.") % {"count": MAX_RULES})
    else:
        for rule in rules:
            problems.extend(_rule_problems(rule))
    if listed > MAX_LISTED_DATES:
        problems.append(
            _("A schedule can add and leave out at most %(count)d dates in all.")
            % {"count": MAX_LISTED_DATES}
        )
    years = {"first": FIRST_YEAR, "last": LAST_YEAR}
    if not all(_in_years(value) for value in _datetimes(schedule)):
        problems.append(
            _("The dates in a schedule must fall between %(first)d and %(last)d.") % years
        )
    if start_date is not None and _in_years(start_date):
        ends = [
            rule.until
            for rule in getattr(schedule, "rrules", None) or []
            if rule.until is not None and _in_years(rule.until)
        ]
        if any(_local_date(until) < start_date for until in ends):
            problems.append(_("The schedule ends before the first date."))
    errors = {}
    if problems:
        errors["schedule"] = list(dict.fromkeys(problems))
    if start_date is not None and not _in_years(start_date):
        errors["start_date"] = [
            _("The first date must fall between %(first)d and %(last)d.") % years
        ]
    return errors


def readable(schedule, start_date=None):
    """True when the schedule can be expanded and described safely: every rule within
    RFC 5545's ranges (a time of day is dropped, not a problem), no more than
    ``MAX_RULES`` rules and ``MAX_VALUES`` values a part, and the first date in
    ``FIRST_YEAR``–``LAST_YEAR`` (the expansion walks from it). Looser than the
    editor's check, so a schedule saved before a limit was added keeps its dates."""
    rules = [
        *(getattr(schedule, "rrules", None) or []),
        *(getattr(schedule, "exrules", None) or []),
    ]
    if len(rules) > MAX_RULES:
        return False
    if start_date is not None and not _in_years(start_date):
        return False
    if not all(_safe_date(value) for value in _datetimes(schedule)):
        return False
    return not any(_rule_problems(rule, times_allowed=True) for rule in rules if not _finer(rule))


def _finer(rule):
    return rule.freq not in DAILY_OR_LESS


def _safe_date(value):
    """A date far enough from the calendar's ends to survive a change of time zone."""
    return isinstance(value, dt.date) and 1 < value.year < 9999


def described_rules(program):
    """The program's repeating rules, for what describes them (schema.org's
    ``eventSchedule``); none when the schedule cannot be read."""
    schedule = program.schedule
    rules = [r for r in getattr(schedule, "rrules", None) or [] if not _finer(r)]
    return rules if rules and readable(schedule, program.start_date) else []


def positions():
    """A weekday's place in the month, as the editor offers it and pages say it."""
    return [
        (1, pgettext("place in the month", "first")),
        (2, pgettext("place in the month", "second")),
        (3, pgettext("place in the month", "third")),
        (4, pgettext("place in the month", "fourth")),
        (5, pgettext("place in the month", "fifth")),
        (-1, pgettext("place in the month", "last")),
    ]


def join_words(items):
    """ "Tue and Thu", "Mon, Wed and Fri" — in Korean "화·목", "월·수·금"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    separator = pgettext("list separator", ", ")
    return _("%(first)s and %(last)s") % {"first": separator.join(items[:-1]), "last": items[-1]}


def day_text(day, *, weekday=False):
    """A date in words: "31 March 2027" ("2027년 3월 31일"); with ``weekday``
    "Thu 24 December" ("12월 24일(목)")."""
    month = MONTHS[day.month]
    if weekday:
        short = weekday_names()[day.weekday()][1]
        return _("%(weekday)s %(day)d %(month)s") % {
            "weekday": short,
            "day": day.day,
            "month": month,
        }
    return _("%(day)d %(month)s %(year)d") % {"day": day.day, "month": month, "year": day.year}


def _rule_phrase(rule, start_date):
    """How one rule repeats ("Every Tue and Thu", "매월 둘째 토요일"), or None when the
    rule holds more than these words say (the page then lists its dates)."""
    freq, every = rule.freq, rule.interval or 1
    if any(getattr(rule, part, None) for part in ("bysetpos", "bymonth", "byyearday", "byweekno")):
        return None
    if rule.wkst not in (None, 0) and every > 1:
        return None
    days = [to_weekday(d) for d in rule.byday or []]
    month_days = list(rule.bymonthday or [])
    names = weekday_names()
    if freq == dateutil_rrule.DAILY and not days and not month_days:
        if every == 1:
            return _("Every day")
        return _("Every %(n)d days") % {"n": every}
    if freq == dateutil_rrule.WEEKLY and not month_days and not any(d.index for d in days):
        numbers = sorted({d.number for d in days}) or [start_date.weekday()]
        listed = join_words(names[n][1] for n in numbers)
        if every == 1:
            return _("Every %(days)s") % {"days": listed}
        return _("Every %(n)d weeks on %(days)s") % {"n": every, "days": listed}
    if freq != dateutil_rrule.MONTHLY or len(days) + len(month_days) > 1:
        return None
    if days:
        (day,) = days
        place = dict(positions()).get(day.index)
        if place is None:
            return None
        values = {"nth": place, "weekday": names[day.number][2], "n": every}
        if every == 1:
            return _("On the %(nth)s %(weekday)s of every month") % values
        return _("On the %(nth)s %(weekday)s every %(n)d months") % values
    month_day = month_days[0] if month_days else start_date.day
    if month_day == -1:
        if every == 1:
            return _("On the last day of every month")
        return _("On the last day every %(n)d months") % {"n": every}
    if not 1 <= month_day <= 31:
        return None
    if every == 1:
        return _("On day %(day)d of every month") % {"day": month_day}
    return _("On day %(day)d every %(n)d months") % {"day": month_day, "n": every}


def describe(program):
    """The schedule in one sentence in the active language, with the program's times:
    "Every Tue and Thu, 19:00–21:00, until 31 March 2027" ("매주 화·목요일
    19:00–21:00, 2027년 3월 31일까지"); "" without a repeating rule (the page shows
    the times and lists the dates) or when the schedule cannot be read."""
    schedule = program.schedule
    rules = list(getattr(schedule, "rrules", None) or [])
    if not rules or not readable(schedule, program.start_date) or any(map(_finer, rules)):
        return ""
    end = dt.datetime.combine(dt.date.min, program.start_time) + dt.timedelta(
        minutes=program.duration_minutes
    )
    times = f"{program.start_time:%H:%M}–{end:%H:%M}"
    phrase = None
    if len(rules) == 1 and not getattr(schedule, "exrules", None):
        phrase = _rule_phrase(rules[0], program.start_date)
    if phrase is None:
        return _("On the dates listed below, %(time)s") % {"time": times}
    sentence = _("%(rule)s, %(time)s") % {"rule": phrase, "time": times}
    rule = rules[0]
    if rule.count is not None:
        return _("%(schedule)s, %(count)d times") % {"schedule": sentence, "count": rule.count}
    if rule.until is not None:
        until = day_text(_local_date(rule.until))
        return _("%(schedule)s, until %(date)s") % {"schedule": sentence, "date": until}
    return sentence


def left_out_dates(program, since):
    """The dates from ``since`` to the horizon that the schedule would give but leaves
    out (its EXDATEs), for the page to say the program does not take place then."""
    schedule = program.schedule
    if not readable(schedule, program.start_date):
        return []
    left_out = {_local_date(d) for d in getattr(schedule, "exdates", None) or []}
    until = since + dt.timedelta(days=HORIZON_DAYS)
    left_out = {d for d in left_out if since <= d <= until}
    if not left_out:
        return []
    whole = copy.copy(schedule)
    whole.exdates = []
    shim = SimpleNamespace(schedule=whole, start_date=program.start_date)
    return sorted(left_out & set(program_dates(shim, since, until=max(left_out))))


def seoul():
    """The portal's time zone. Programs run on Seoul time whatever zone the editing
    user picked in their admin account (Wagtail activates it for admin requests)."""
    return timezone.get_default_timezone()


def _local_date(value):
    """The Seoul date of a rule's date value (naive = Seoul, aware = converted)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, seoul())
        return value.date()
    return value


def _naive(value):
    """A rule's end as a naive Seoul time (what the expansion works in)."""
    if isinstance(value, dt.datetime):
        return timezone.make_naive(value, seoul()) if timezone.is_aware(value) else value
    return dt.datetime.combine(value, dt.time.max)


def program_dates(program, since, *, until=None, strict=False):
    """The program's dates from ``since`` to ``until`` (default: the horizon), sorted.

    With ``strict`` (the editor) a schedule with ``schedule_problems``, or one giving
    more dates than can be kept, raises ScheduleError with messages for the editor.
    Otherwise a schedule that is not ``readable`` gives no dates, and the rest is
    expanded within the bounds described at the top of this module."""
    until = until or since + dt.timedelta(days=HORIZON_DAYS)
    schedule = program.schedule
    if strict:
        errors = schedule_problems(schedule, program.start_date)
        if errors:
            raise ScheduleError(errors)
    rules = list(getattr(schedule, "rrules", None) or [])
    if any(_finer(rule) for rule in rules) or not readable(schedule, program.start_date):
        return []
    extra = {_local_date(d) for d in getattr(schedule, "rdates", None) or []}
    left_out = {_local_date(d) for d in getattr(schedule, "exdates", None) or []}
    repeats = bool(rules)
    rules = [rule for rule in rules if not _never_matches(rule)]
    dates = set(extra)
    if rules:
        dates |= _rule_dates(program, rules, getattr(schedule, "exrules", None) or [], until)
    elif not repeats:  # no repeat: the first date, and any dates added to it
        dates.add(program.start_date)
    dates = sorted(d for d in dates - left_out if since <= d <= until and d >= program.start_date)
    if len(dates) > MAX_DATES:
        if strict:
            raise ScheduleError(
                {
                    "schedule": [
                        _(
                            "This schedule gives more than %(count)d dates in the next %(days)d days."
                        )
                        % {"count": MAX_DATES, "days": HORIZON_DAYS}
                    ]
                }
            )
        dates = dates[:MAX_DATES]
    return dates


def _era(until):
    """How far to move an expansion ending on ``until`` so that it runs in the
    calendar's last four hundred years, on the same weekdays and leap years: dateutil
    gives up searching at the year 9999, so a rule that never matches is searched for
    a few hundred years instead of eight thousand."""
    return ERA * max((CALENDAR_END - until).days // ERA.days, 0)


def _rule_dates(program, rules, exrules, until):
    """The days the rules give from the first date to ``until``, at most
    ``MAX_EXPANDED`` of them looked at. Every rule gets an end at ``until``; the time
    of day is the program's start time, not the rule's; each part's values are given
    once (dateutil does not drop repeated BYSETPOS values)."""
    limit = dt.datetime.combine(until, dt.time.max)
    start = dt.datetime.combine(program.start_date, dt.time())
    if start > limit:
        return set()
    shift = _era(until)

    def bounded(rule):
        rule = copy.copy(rule)
        rule.byhour = rule.byminute = rule.bysecond = []
        for part in ("bysetpos", "bymonth", "bymonthday", "byyearday", "byweekno"):
            setattr(rule, part, sorted(set(getattr(rule, part, None) or [])))
        rule.byday = list(dict.fromkeys(to_weekday(d) for d in rule.byday or []))
        rule_until = rule.until
        if rule_until is not None:
            rule_until = _naive(rule_until)
        rule.until = (limit if rule_until is None or rule_until > limit else rule_until) + shift
        return rule.to_dateutil_rrule(dtstart=start + shift)

    found = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # COUNT with our UNTIL: dateutil warns
        expansion = dateutil_rrule.rruleset()
        for rule in rules:
            expansion.rrule(bounded(rule))
        for rule in exrules:
            if not _finer(rule):
                expansion.exrule(bounded(rule))
        for taken, value in enumerate(expansion):
            day = (value - shift).date()
            if day > until or taken >= MAX_EXPANDED:
                break
            found.add(day)
    return found


def _never_matches(rule):
    """A rule whose month days never exist in its months (30 February): dateutil would
    look for a match until the end of the calendar before giving up."""
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
    start = timezone.make_aware(dt.datetime.combine(day, program.start_time), seoul())
    return start, start + dt.timedelta(minutes=program.duration_minutes)


@transaction.atomic
def refresh(program, *, today=None):
    """Bring the program's future dates in line with its schedule. Dates that left the
    schedule are deleted, or kept as cancelled when people registered; returned dates
    are restored; past dates are never touched. Returns (added, cancelled, removed)."""
    from . import services
    from .models import Occurrence, RegistrationStatus

    today = today or timezone.localdate(timezone=seoul())
    if not program.is_source:  # a translation shares its source's dates
        return 0, 0, 0
    space = program.get_parent().specific
    wanted = {}
    if program.live:
        for day in program_dates(program, today):
            wanted[occurrence_times(program, day)[0]] = day
    from_now = timezone.make_aware(dt.datetime.combine(today, dt.time()), seoul())
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
    _announce(program, new, today)
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


def _announce(program, new, today):
    """Send ``dates_added`` for the new dates still to come. The last day of the window
    is left out: the daily refresh adds it to every repeating program as the window moves
    on, which is not news."""
    from .signals import dates_added

    edge = today + dt.timedelta(days=HORIZON_DAYS)
    now = timezone.now()
    added = [o for o in new if o.start > now and timezone.localtime(o.start, seoul()).date() < edge]
    if added:
        dates_added.send(sender=type(program), program=program, occurrences=added)


def refresh_all(*, today=None):
    """Roll every live program's dates forward (the daily job)."""
    from .models import ProgramPage

    totals = [0, 0, 0]
    for program in ProgramPage.objects.live().iterator():
        for i, n in enumerate(refresh(program, today=today)):
            totals[i] += n
    return tuple(totals)
