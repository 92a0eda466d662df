"""The staff's statistics of use: bookings and registrations counted by district and
month over a date range the staff member chooses, as tables and as CSV.

Months are Seoul's calendar months whatever the database's or the admin user's time
zone (``TruncMonth`` with ``tzinfo``, which Django runs on SQLite and PostgreSQL
alike), and each model is counted in one grouped query, however long the range."""

import codecs
import csv
import datetime as dt
import io

from django import forms
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.export import SEOUL, SafeWriter

MAX_MONTHS = 60  # five years of columns
FIRST_YEAR, LAST_YEAR = 2000, 2100


def seoul_today():
    return timezone.localdate(timezone=SEOUL)


def month_starts(start, end):
    """The first day of every month from ``start``'s to ``end``'s, in order."""
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def default_range(today):
    """The last twelve months: from the first day of the month eleven months ago to
    today."""
    first = today.replace(day=1)
    for __ in range(11):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, today


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RangeForm(forms.Form):
    """The period the tables count: two days, both included."""

    start = forms.DateField(label=_("First day"), widget=DateInput)
    end = forms.DateField(label=_("Last day"), widget=DateInput)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:  # tie each message to its field for screen readers
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name in ("start", "end"):
            day = data.get(name)
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Choose a day between %(first)d and %(last)d.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if self.errors or not (start and end):
            return data
        if end < start:
            self.add_error("end", _("The last day cannot be before the first day."))
        elif len(month_starts(start, end)) > MAX_MONTHS:
            self.add_error(
                "end",
                _("Choose at most %(months)d months (five years).") % {"months": MAX_MONTHS},
            )
        return data


def range_form(params, today):
    """The form bound to the request's ``start``/``end``, or to the default range when
    neither is given (so a first visit shows the last twelve months)."""
    if not params.get("start") and not params.get("end"):
        start, end = default_range(today)
        params = {"start": start.isoformat(), "end": end.isoformat()}
    return RangeForm({"start": params.get("start", ""), "end": params.get("end", "")})


class Table:
    """One measure as district rows × month columns, with totals."""

    def __init__(self, key, title, description, districts, months, counts):
        self.key = key
        self.title = title
        self.description = description
        self.months = months
        self.rows = []
        for district in districts:
            cells = [counts.get((district.pk, month), 0) for month in months]
            self.rows.append({"district": district, "cells": cells, "total": sum(cells)})
        self.totals = [sum(row["cells"][n] for row in self.rows) for n in range(len(months))]
        self.total = sum(self.totals)

    def csv(self):
        """The table as CSV text for Excel: UTF-8 with a byte order mark (so Korean is
        read right), the same headings, district names and totals as on the screen."""
        out = io.StringIO()
        writer = SafeWriter(csv.writer(out))
        writer.writerow(
            [str(_("District"))] + [f"{m:%Y-%m}" for m in self.months] + [str(_("Total"))]
        )
        for row in self.rows:
            writer.writerow([row["district"].name, *row["cells"], row["total"]])
        writer.writerow([str(_("Total")), *self.totals, self.total])
        return codecs.BOM_UTF8.decode() + out.getvalue()


def _moment(day):
    return dt.datetime.combine(day, dt.time(), tzinfo=SEOUL)


def _month(value):
    """A truncated month as a date (the database may give a datetime or a date)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(SEOUL)
        return value.date()
    return value


def _grouped(queryset, district, status, moment, start, end):
    """{(district id, status, first day of month): count} for rows whose ``moment``
    falls between the Seoul days ``start`` and ``end`` (both included)."""
    rows = (
        queryset.filter(**{f"{moment}__gte": _moment(start)})
        .filter(**{f"{moment}__lt": _moment(end + dt.timedelta(days=1))})
        .values(district, status, month=TruncMonth(moment, tzinfo=SEOUL))
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row[district], row[status], _month(row["month"])): row["count"] for row in rows}


def _sum(grouped, statuses=None):
    counts = {}
    for (district, status, month), count in grouped.items():
        if statuses is None or status in statuses:
            counts[district, month] = counts.get((district, month), 0) + count
    return counts


MEASURES = {
    "bookings": (
        _("Booking requests"),
        _("Every booking asked for, whatever became of it, by the month of the booked time."),
    ),
    "bookings-confirmed": (
        _("Confirmed bookings"),
        _("Bookings confirmed by the space, by the month of the booked time."),
    ),
    "registrations": (
        _("Registrations with a place"),
        _("Program registrations holding a place now, by the month people registered."),
    ),
    "registrations-waitlisted": (
        _("Registrations on the waitlist"),
        _("Program registrations still waiting for a place, by the month people registered."),
    ),
}


class Statistics:
    """The four tables (in ``MEASURES``' order) and the per-month totals of bookings and
    registrations (any status) for the Seoul days ``start``–``end``, from three queries:
    the districts, the bookings and the registrations, each grouped in the database."""

    def __init__(self, start, end, districts=None):
        from bookings.models import Booking, Status
        from events.models import Registration, RegistrationStatus
        from spaces.models import District

        if districts is None:
            districts = list(District.objects.order_by("sort_order", "name"))
        self.months = month_starts(start, end)
        bookings = _grouped(Booking.objects.all(), "space__district", "status", "start", start, end)
        registrations = _grouped(
            Registration.objects.all(),
            "occurrence__space__district",
            "status",
            "created_at",
            start,
            end,
        )
        counts = {
            "bookings": _sum(bookings),
            "bookings-confirmed": _sum(bookings, {Status.CONFIRMED}),
            "registrations": _sum(registrations, {RegistrationStatus.CONFIRMED}),
            "registrations-waitlisted": _sum(registrations, {RegistrationStatus.WAITLISTED}),
        }
        self.tables = [
            Table(key, title, description, districts, self.months, counts[key])
            for key, (title, description) in MEASURES.items()
        ]
        self.by_key = {table.key: table for table in self.tables}
        every_registration = _sum(registrations)
        self.monthly = [
            {
                "month": month,
                "bookings": total,
                "registrations": sum(
                    count for (__, m), count in every_registration.items() if m == month
                ),
            }
            for month, total in zip(self.months, self.by_key["bookings"].totals, strict=True)
        ]
