"""A recurring booking said in words ("매주 목요일 19:00–21:00, 8회"), and which of its
dates one e-mail speaks for. Each date of a series is a ``Booking`` of its own; these
helpers read them, so the e-mails, the admin, the operator's dashboard and the
resident's pages describe a series the same way."""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notice


def clock(moment, start=None):
    """HH:MM in Seoul; an end at midnight after ``start``'s day is 24:00 of that day."""
    local = timezone.localtime(moment)
    if start is not None and local.date() > timezone.localtime(start).date():
        return "24:00"
    return f"{local:%H:%M}"


def describe(booking, count):
    """The series in words, "Every Thursday 19:00–21:00, 8 dates", from one of its
    dates (they share the weekday and the times) and the number of dates meant."""
    weekday = dateformat.format(timezone.localtime(booking.start), "l")
    return ngettext(
        "Every %(weekday)s %(start)s–%(end)s, %(count)d date",
        "Every %(weekday)s %(start)s–%(end)s, %(count)d dates",
        count,
    ) % {
        "weekday": weekday,
        "start": clock(booking.start),
        "end": clock(booking.end, booking.start),
        "count": count,
    }


def position_label(number, count):
    """The place of a date in its series: "Recurring, date 3 of 8"."""
    return _("Recurring, date %(position)d of %(count)d") % {"position": number, "count": count}


def position(booking, dates):
    """``position_label`` of ``booking`` among its series' ``dates``."""
    number = next((i for i, date in enumerate(dates, 1) if date.pk == booking.pk), 1)
    return position_label(number, len(dates))


def dates_of(series):
    return list(series.bookings.order_by("start", "pk"))


def remaining(dates, now=None):
    """The dates a resident can still cancel (active and not over)."""
    now = now or timezone.now()
    return [date for date in dates if date.is_active and date.end > now]


# The kinds written once for a whole series when it is requested.
WHOLE_SERIES_KINDS = {Notice.Kind.RECEIVED, Notice.Kind.REQUESTED}


def decided_together(booking, dates, kind):
    """The dates of the series that one e-mail of ``kind`` about ``booking`` announces.

    A request and its receipt speak for every date. A decision on the whole series
    (``services.decide_series``, ``cancel_series``, an expiry run, an auto-confirmed
    request) gives its dates one status, one decider and one moment; a decision on one
    date gives that date alone its moment."""
    if kind in WHOLE_SERIES_KINDS:
        return list(dates)
    if kind == Notice.Kind.CONFIRMED and booking.decided_by_id is None:
        # Confirmed with nobody deciding: the space confirms requests by itself, and
        # the series was confirmed as it was requested.
        return [date for date in dates if date.status == booking.status]
    return [
        date
        for date in dates
        if date.status == booking.status
        and date.decided_at == booking.decided_at
        and date.decided_by_id == booking.decided_by_id
    ] or [booking]


def notice_context(booking, kind):
    """What the e-mail templates need to speak of ``booking``'s series."""
    dates = dates_of(booking.series)
    together = decided_together(booking, dates, kind)
    whole = kind in WHOLE_SERIES_KINDS or len(together) > 1
    return {
        "series_dates": dates,
        "series_label": describe(booking, len(dates)),
        "whole_series": whole,
        "decided_count": len(together),
    }
