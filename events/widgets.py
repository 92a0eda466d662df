"""The program schedule editor: native controls in Wagtail's page editor that read and
write the same django-recurrence value (RRULE, RDATE, EXDATE) as before.

django-recurrence's own widget drew its controls under the next field, in English,
and needed Django admin's jQuery beside Wagtail's. This one is a plain Django widget:
a select for how the program repeats, a number for "every N", weekday checkboxes,
the monthly day, how it ends (a date or a number of times), and lists of
``<input type="date">`` for dates added and dates left out. It works without
JavaScript (a few empty date rows are shown); ``static/js/schedule-editor.js`` only
shows the part that applies, adds and removes date rows.

``ScheduleField`` turns what was posted into a ``recurrence.Recurrence``, with a
message on the field for anything it cannot read; ``ProgramPage.clean`` then applies
the portal's limits (``events.schedule.schedule_problems``). A schedule the editor
cannot show as these controls (several rules, a yearly rule, a rule leaving dates out)
is kept as it is ("Keep the current rule") unless the operator picks another repeat.
Posting the RFC 5545 text itself as ``schedule`` (scripts, the old widget's format)
still works.

Every date is a whole day in Seoul, stored as Seoul midnight (``...T150000Z``)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.forms.models import register_form_field_override

import recurrence
from recurrence import exceptions as recurrence_errors
from recurrence.base import Weekday, to_weekday
from recurrence.fields import RecurrenceField

from . import schedule as schedules

FREQUENCIES = {
    "daily": recurrence.DAILY,
    "weekly": recurrence.WEEKLY,
    "monthly": recurrence.MONTHLY,
}
NAMES = {value: key for key, value in FREQUENCIES.items()}
CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ENDS = ("never", "until", "count")
EMPTY_ROWS = 2  # blank date rows per list, for browsers without JavaScript
# Parts of a rule these controls cannot show: such a rule is kept as it is.
NOT_SHOWN = ("bysetpos", "bymonth", "byyearday", "byweekno", "byhour", "byminute", "bysecond")


def blank_state():
    return {
        "repeat": "",
        "interval": "1",
        "weekdays": [],
        "monthly": "day",
        "monthday": "1",
        "position": "1",
        "position_day": "MO",
        "end": "never",
        "until": "",
        "count": "",
        "rdates": [],
        "exdates": [],
        "rules": "",
    }


def _day(value):
    return schedules._local_date(value)


def _iso_dates(values):
    days = set()
    for value in values or []:
        if schedules._safe_date(value):  # not a date at the calendar's very ends
            days.add(_day(value))
    return [d.isoformat() for d in sorted(days)]


def _rule_state(rule):
    """The controls' values for one rule, or None when they cannot show it."""
    repeat = NAMES.get(rule.freq)
    if repeat is None or any(getattr(rule, part, None) for part in NOT_SHOWN):
        return None
    if rule.wkst not in (None, 0):
        return None
    interval = rule.interval
    if not schedules._whole(interval) or not 1 <= interval <= schedules.MAX_INTERVAL:
        return None
    if rule.count is not None and (
        not schedules._whole(rule.count) or not 1 <= rule.count <= schedules.MAX_COUNT
    ):
        return None
    try:
        days = [to_weekday(d) for d in rule.byday or []]
    except (TypeError, ValueError):
        return None
    if any(not 0 <= d.number <= 6 for d in days):
        return None
    month_days = list(rule.bymonthday or [])
    state = {"repeat": repeat, "interval": str(interval)}
    if repeat == "daily" and (days or month_days):
        return None
    if repeat == "weekly":
        if month_days or not days or any(d.index for d in days):
            return None
        state["weekdays"] = [CODES[n] for n in sorted({d.number for d in days})]
    if repeat == "monthly":
        if len(days) + len(month_days) != 1:
            return None
        if days:
            if days[0].index not in dict(schedules.positions()):
                return None
            state.update(
                monthly="weekday",
                position=str(days[0].index),
                position_day=CODES[days[0].number],
            )
        else:
            if month_days[0] != -1 and not 1 <= month_days[0] <= 31:
                return None
            state.update(monthly="day", monthday=str(month_days[0]))
    if rule.count is not None:
        state.update(end="count", count=str(rule.count))
    elif rule.until is not None:
        if not schedules._safe_date(rule.until):
            return None
        state.update(end="until", until=_day(rule.until).isoformat())
    return state


def _rules_text(rrules, exrules):
    """The kept rules as RFC 5545 text ("" when django-recurrence cannot write them)."""
    try:
        return recurrence.serialize(recurrence.Recurrence(rrules=rrules, exrules=exrules))
    except Exception:  # noqa: BLE001 — a rule stored around the editor; shown as unreadable
        return ""


def state_from_schedule(value):
    """The controls' values for a stored schedule (a Recurrence, or its text)."""
    state = blank_state()
    if value is None or (isinstance(value, str) and not value.strip()):
        return state
    if isinstance(value, str):
        try:
            value = recurrence.deserialize(value)
        except recurrence_errors.DeserializationError:
            state.update(repeat="custom", rules="")
            return state
    rrules = list(getattr(value, "rrules", None) or [])
    exrules = list(getattr(value, "exrules", None) or [])
    state["rdates"] = _iso_dates(getattr(value, "rdates", None))
    state["exdates"] = _iso_dates(getattr(value, "exdates", None))
    if not rrules and not exrules:
        return state
    shown = _rule_state(rrules[0]) if len(rrules) == 1 and not exrules else None
    if shown is None:
        state.update(repeat="custom", rules=_rules_text(rrules, exrules))
    else:
        state.update(shown)
    return state


def state_from_data(data, name):
    """The controls' values as posted."""

    def one(key):
        value = data.get(f"{name}-{key}", "")
        if isinstance(value, list):
            value = value[-1] if value else ""
        return str(value).strip()

    def many(key):
        if hasattr(data, "getlist"):
            values = data.getlist(f"{name}-{key}")
        else:
            values = data.get(f"{name}-{key}", [])
            values = [values] if isinstance(values, str) else list(values)
        return [str(v).strip() for v in values if str(v).strip()]

    state = blank_state()
    state.update(
        repeat=one("repeat"),
        interval=one("interval"),
        weekdays=many("weekday"),
        monthly=one("monthly") or "day",
        monthday=one("monthday"),
        position=one("position"),
        position_day=one("position_day"),
        end=one("end") or "never",
        until=one("until"),
        count=one("count"),
        rdates=many("rdate"),
        exdates=many("exdate"),
        rules=one("rules"),
    )
    state["posted"] = True
    return state


def _seoul_midnight(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), schedules.seoul())


def _whole_number(text, low, high):
    try:
        number = int(text)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def schedule_from_state(state):
    """The Recurrence the controls describe; ValidationError with every message."""
    errors = []
    rrules, exrules = [], []
    repeat = state["repeat"]
    if repeat in FREQUENCIES:
        interval = _whole_number(state["interval"] or "1", 1, schedules.MAX_INTERVAL)
        if interval is None:
            errors.append(
                _("The interval must be a whole number from 1 to %(max)d.")
                % {"max": schedules.MAX_INTERVAL}
            )
        parts = {}
        if repeat == "weekly":
            chosen = set(state["weekdays"])
            if not chosen or not chosen <= set(CODES):
                errors.append(_("Choose at least one weekday."))
            parts["byday"] = [to_weekday(code) for code in CODES if code in chosen]
        elif repeat == "monthly" and state["monthly"] == "weekday":
            place = _whole_number(state["position"], -1, 5)
            if place not in dict(schedules.positions()) or state["position_day"] not in CODES:
                errors.append(_("Choose which weekday of the month."))
            else:
                parts["byday"] = [Weekday(CODES.index(state["position_day"]), place)]
        elif repeat == "monthly":
            day = _whole_number(state["monthday"], -1, 31)
            if day in (None, 0):
                errors.append(_("Choose the day of the month."))
            else:
                parts["bymonthday"] = [day]
        if state["end"] == "count":
            count = _whole_number(state["count"], 1, schedules.MAX_COUNT)
            if count is None:
                errors.append(
                    _("A rule can end after 1 to %(max)d dates.") % {"max": schedules.MAX_COUNT}
                )
            parts["count"] = count
        elif state["end"] == "until":
            last = _date(state["until"])
            if last is None:
                errors.append(_("Enter the last date (YYYY-MM-DD)."))
            else:
                parts["until"] = _seoul_midnight(last)
        elif state["end"] not in ENDS:
            errors.append(_("Choose how the schedule ends."))
        if not errors:
            rrules.append(recurrence.Rule(FREQUENCIES[repeat], interval=interval, **parts))
    elif repeat == "custom":
        try:
            kept = recurrence.deserialize(state["rules"]) if state["rules"] else None
        except recurrence_errors.DeserializationError:
            kept = None
        if kept is None or not (kept.rrules or kept.exrules):
            errors.append(_("The current rule cannot be read: choose how the program repeats."))
        else:
            rrules, exrules = list(kept.rrules), list(kept.exrules)
    elif repeat:
        errors.append(_("Choose how the program repeats."))
    listed = {}
    for key in ("rdates", "exdates"):
        days = set()
        for text in state[key]:
            day = _date(text)
            if day is None:
                errors.append(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text})
            else:
                days.add(day)
        listed[key] = [_seoul_midnight(day) for day in sorted(days)]
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    return recurrence.Recurrence(
        rrules=rrules,
        exrules=exrules,
        rdates=listed["rdates"],
        exdates=listed["exdates"],
        include_dtstart=False,
    )


class ScheduleWidget(forms.Widget):
    """The schedule's controls (``events/widgets/schedule_editor.html``)."""

    template_name = "events/widgets/schedule_editor.html"

    class Media:
        css = {"all": ["css/schedule-editor.css"]}
        js = ["js/schedule-editor.js"]

    def value_from_datadict(self, data, files, name):
        if f"{name}-repeat" in data:
            return state_from_data(data, name)
        return data.get(name)  # RFC 5545 text, as scripts and the old widget post it

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-repeat" not in data and name not in data

    def id_for_label(self, id_):
        return id_  # the label names the "repeats" select

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        state = value if isinstance(value, dict) else state_from_schedule(value)
        context["editor"] = self.editor_context(name, state, context["widget"]["attrs"])
        return context

    def editor_context(self, name, state, attrs):
        base = attrs.get("id") or f"id_{name}"
        names = schedules.weekday_names()
        rows = {}
        for key in ("rdates", "exdates"):
            values = list(state[key]) + [""] * EMPTY_ROWS
            rows[key] = [
                {"id": f"{base}-{key[:-1]}-{n}", "number": n + 1, "value": value}
                for n, value in enumerate(values)
            ]
        # A kept rule stays on offer while the form is shown again after a mistake.
        custom = state["repeat"] == "custom" or bool(state["rules"])
        kept = state["rules"] if custom else ""
        return {
            "id": base,
            "name": name,
            "state": state,
            "repeats": [
                ("", _("Does not repeat")),
                ("daily", _("Daily")),
                ("weekly", _("Weekly")),
                ("monthly", _("Monthly")),
                *([("custom", _("Keep the current rule"))] if custom else []),
            ],
            "weekdays": [
                {"code": code, "short": short, "long": long} for code, short, long in names
            ],
            "month_days": [(str(d), str(d)) for d in range(1, 32)] + [("-1", _("last day"))],
            "positions": [(str(n), label) for n, label in schedules.positions()],
            "rows": rows,
            "kept_rules": kept,
            "max_interval": schedules.MAX_INTERVAL,
            "max_count": schedules.MAX_COUNT,
        }


class ScheduleField(forms.Field):
    """A program's schedule from the editor's controls (or its RFC 5545 text)."""

    widget = ScheduleWidget

    def to_python(self, value):
        if value is None or (isinstance(value, str) and not value.strip()):
            return recurrence.Recurrence(include_dtstart=False)
        if isinstance(value, recurrence.Recurrence):
            return value
        if isinstance(value, dict):
            return schedule_from_state(value)
        try:
            return recurrence.deserialize(str(value), include_dtstart=False)
        except recurrence_errors.DeserializationError as error:
            raise ValidationError(
                _("This schedule cannot be read: %(reason)s") % {"reason": error}
            ) from error

    def validate(self, value):
        if self.required and not (value.rrules or value.rdates):
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        try:
            return _text(self.to_python(initial)) != _text(self.to_python(data))
        except ValidationError:
            return True


def _text(schedule):
    try:
        return recurrence.serialize(schedule)
    except Exception:  # noqa: BLE001 — unreadable either way: count it as a change
        return None


# Every RecurrenceField in Wagtail's forms (only ProgramPage.schedule) gets this editor.
register_form_field_override(
    RecurrenceField,
    override={"form_class": ScheduleField, "widget": ScheduleWidget},
)
