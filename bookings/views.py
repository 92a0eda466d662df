"""Residents' side of booking: the request form at ``<space url>book/``, "My bookings"
at ``/accounts/bookings/``, a booking's page, cancelling, and its calendar file."""

import datetime as dt
import re
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core import dates, ratelimit

from . import series, services
from .models import ACTIVE, Booking, Status

WEEK = 7
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def chosen_day(request, space, now=None, first=None):
    """The day asked for with ?date=YYYY-MM-DD, else the first day one can book (open,
    not closed, after the lead time: ``services.first_bookable_day``)."""
    now = timezone.localtime(now)
    first = first or first_day(space, now)
    raw = request.GET.get("date", "") or request.POST.get("date", "")
    try:
        day = dt.date.fromisoformat(raw.strip()) if raw else first
    except ValueError:
        day = first
    # Never before today; never past the booking horizon (plus a week to look at).
    last = now.date() + dt.timedelta(days=space.booking_horizon_days + WEEK)
    return min(max(day, now.date()), last)


def first_day(space, now):
    """The first day one can book, or the day after the lead time when there is none."""
    return (
        services.first_bookable_day(space, now=now)
        or timezone.localtime(now + dt.timedelta(hours=space.booking_lead_hours)).date()
    )


def availability(space, day, now=None):
    """What the availability table shows: a week of days to pick from, and the
    chosen day's slots (free or taken; never who took them)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    monday = day - dt.timedelta(days=day.weekday())
    start = max(today, monday)
    days = [start + dt.timedelta(days=n) for n in range(WEEK)]
    return {
        "day": day,
        "days": days,
        "previous_week": (start - dt.timedelta(days=WEEK)) if start > today else None,
        "next_week": start + dt.timedelta(days=WEEK),
        "slots": services.day_slots(space, day, now=now),
        "closure": services.closure_on(space, day),
    }


def canonical_space(space):
    """The Korean page of a space: a translation books the same room, so bookings,
    free time and rules are always those of the source page."""
    from core.i18n import default_locale_id

    if space.locale_id == default_locale_id():
        return space
    source = (
        type(space)
        .objects.filter(translation_key=space.translation_key, locale_id=default_locale_id())
        .first()
    )
    return source or space


class RateLimited(Exception):
    pass


def book(request, space):
    """GET: the form and the week of free and taken times (a free time's link fills in
    the form). POST: request the booking, or the same time every week (``repeat``)."""
    space = canonical_space(space)
    if not space.bookable or not space.live:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    now = timezone.now()
    context = {"page": space, "space": space, "errors": {}, "suggestions": []}
    status = 200
    values = dict.fromkeys(("date", "start", "end", "headcount", "purpose", "repeat", "weeks"), "")
    if request.method == "POST":
        values.update({name: request.POST.get(name, "")[:600] for name in values})
        repeat = bool(values["repeat"])
        try:
            if ratelimit.over_limit(request, "booking"):
                raise RateLimited
            if repeat:
                booking = services.request_series(request.user, space, request.POST, now=now)
            else:
                booking = services.request_booking(request.user, space, request.POST)
        except RateLimited:
            context["errors"] = {
                "": [_("Too many booking requests in a short time. Please try again later.")]
            }
            status = 429
        except services.BookingError as error:
            context["errors"] = error.errors
            status = 400
        except services.SeriesConflicts as conflicts:
            context["series_check"] = series_check(conflicts, retry="confirm" in request.POST)
            status = 409
        except services.SlotTaken as taken:
            context["errors"] = {"": [_("Someone has just booked that time. Choose another one.")]}
            context["suggestions"] = [
                {
                    "start": s,
                    "end": e,
                    "date": timezone.localtime(s).date(),
                    # A slot that ends at midnight ends at 24:00 of its own day.
                    "end_text": "24:00"
                    if timezone.localtime(e).date() > timezone.localtime(s).date()
                    else f"{timezone.localtime(e):%H:%M}",
                }
                for s, e in taken.suggestions
            ]
            status = 409
        else:
            if repeat:
                count = Booking.objects.filter(series_id=booking.series_id).count()
                messages.success(request, series_done(space, count))
            elif booking.status == Status.CONFIRMED:
                messages.success(request, _("Booked. It is in My bookings."))
            else:
                messages.success(
                    request,
                    _(
                        "Request sent. The operator's answer will come by e-mail; it is in My bookings."
                    ),
                )
            return HttpResponseRedirect(booking.get_absolute_url(), status=303)
    elif request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    else:
        values.update(prefill(request.GET, space))
    first = first_day(space, now)
    day = chosen_day(request, space, now, first=first)
    if not values["date"]:
        values["date"] = day.isoformat()
    limit = services.series_weeks_limit(space)
    if not values["weeks"]:
        values["weeks"] = str(min(4, limit))
    chosen = chosen_window(values)
    waiting = services.open_request_count(request.user, now)
    context.update(
        open_requests=waiting,
        max_open_requests=settings.BOOKING_MAX_OPEN_REQUESTS,
        at_request_limit=waiting >= settings.BOOKING_MAX_OPEN_REQUESTS,
        values=values,
        capacity=services.capacity_of(space),
        step_seconds=(space.booking_slot_minutes or 30) * 60,
        series_limit=limit,
        summary=describe_window(*chosen) if chosen else "",
        week=week_view(
            space,
            chosen_week(request, space, day, first, now),
            now,
            chosen,
            asked=form_date(values["date"]),
        ),
        week_config=week_config(space),
    )
    return render(request, "bookings/book.html", context, status=status)


# --- the booking page's week of free times -------------------------------------------------


def prefill(query, space):
    """The date and times a free time's link asks for (``?date=…&start=…``, ``end``
    optional: the shortest booking after the start). Anything else is left out."""
    found = {}
    date = str(query.get("date", "")).strip()
    try:
        if not DATE.fullmatch(date):
            raise ValueError
        dt.date.fromisoformat(date)
    except ValueError:
        return found
    found["date"] = date
    start = services.parse_time(str(query.get("start", "")).strip())
    if start is None or start == (24, 0):
        return found
    found["start"] = clock(start[0] * 60 + start[1])
    end = services.parse_time(str(query.get("end", "")).strip())
    minutes = end[0] * 60 + end[1] if end else start[0] * 60 + start[1] + space.booking_min_minutes
    if minutes <= 24 * 60:
        found["end"] = clock(minutes)
    return found


def clock(minutes):
    """HH:MM for a time field; midnight at the end of the day is 00:00 (read back as
    24:00 after a later start: ``services.parse_request``)."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def form_date(text):
    """The form's date as a date (None when it is not one)."""
    try:
        return dt.date.fromisoformat(text) if DATE.fullmatch(text) else None
    except ValueError:
        return None


def chosen_window(values):
    """(start, end) of the date and times in the form, when they make a window."""
    read = services.parse_request({name: values[name] for name in ("date", "start", "end")})
    if read.start and read.end and read.start < read.end:
        return read.start, read.end
    return None


def chosen_week(request, space, day, first, now):
    """(first day, previous week's, next week's) of the week shown. Weeks run from the
    first day one can book; ``?week=YYYY-MM-DD`` pages them, else the week holding
    ``day`` is shown. Never before the first bookable day nor past the horizon."""
    last = timezone.localtime(now).date() + dt.timedelta(days=space.booking_horizon_days)
    start = None
    raw = str(request.GET.get("week", "")).strip()
    if DATE.fullmatch(raw):
        try:
            start = dt.date.fromisoformat(raw)
        except ValueError:
            start = None
    if start is None:
        start = first + dt.timedelta(days=max(0, (day - first).days) // WEEK * WEEK)
    start = min(max(start, first), max(last, first))
    week = dt.timedelta(days=WEEK)
    previous = max(first, start - week) if start > first else None
    following = start + week if start + week <= last else None
    return start, previous, following


def day_label(day, kind="short"):
    """A day of the week view in the page's language: "12월 10일(목)" (short), "12월 10일
    목요일" (long, for the names of the times) or "10(목)" (the day strip)."""
    if kind == "long":
        # Translators: a date format (Django's date filter), e.g. 12월 10일 목요일.
        return date_format(day, pgettext("booking day", "l j F"))
    if kind == "strip":
        return pgettext("booking day", "%(weekday)s %(day)d") % {
            "weekday": dates.short_weekday(day),
            "day": day.day,
        }
    return dates.day_label(day)


def length_text(minutes):
    """A length of time in words: "2시간", "1시간 30분"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


def describe_window(start, end):
    """The chosen time in one sentence: "12월 10일(목) 19:00–21:00, 2시간"."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    minutes = int((end - start) / dt.timedelta(minutes=1))
    return _("%(day)s %(start)s–%(end)s, %(length)s") % {
        "day": day_label(start.date()),
        "start": f"{start:%H:%M}",
        "end": "24:00" if end.date() > start.date() else f"{end:%H:%M}",
        "length": length_text(minutes),
    }


def state_labels():
    return {
        services.FREE: pgettext("time slot", "Free"),
        services.TAKEN: pgettext("time slot", "Booked"),
        services.REQUESTED: pgettext("time slot", "Requested"),
        services.CLOSED: pgettext("time slot", "Closed"),
        services.PAST: pgettext("time slot", "Too late"),
    }


def legend():
    labels = state_labels()
    helps = {
        services.FREE: _("choose it as the start, then a later one as the end"),
        services.TAKEN: _("a confirmed booking"),
        services.REQUESTED: _("a request waiting for the operator's answer"),
        services.CLOSED: _("outside the opening hours"),
        services.PAST: _("past, or too soon to book"),
    }
    return [{"state": state, "label": labels[state], "help": helps[state]} for state in labels]


def free_text(minutes):
    """The free time of a day, short: "6시간", "5.5시간"."""
    hours = minutes / 60
    return _("%(hours)s h") % {"hours": f"{hours:g}" if hours == int(hours) else f"{hours:.1f}"}


def week_view(space, week, now, chosen=None, asked=None):
    """What the week view shows: each day with its steps (a free one links to the form
    filled in with it), the notes of days without any, and the weeks around. The day
    ``asked`` (the form's date) is marked: a phone shows that day first."""
    start, previous, following = week
    labels = state_labels()
    days = []
    for day in services.week(space, start, now=now):
        iso = day.date.isoformat()
        long_label = day_label(day.date, "long")
        cells = []
        for cell in day.cells:
            begin = timezone.localtime(cell.start)
            minutes = int((cell.end - _midnight(day.date)) / dt.timedelta(minutes=1))
            time = f"{begin:%H:%M}"
            cells.append(
                {
                    "state": cell.state,
                    "time": time,
                    "end": f"{minutes // 60:02d}:{minutes % 60:02d}",
                    "label": labels[cell.state],
                    "name": _("%(day)s %(time)s, %(state)s")
                    % {"day": long_label, "time": time, "state": labels[cell.state]},
                    "href": f"?week={start.isoformat()}&date={iso}&start={time}#booking-form"
                    if cell.free
                    else "",
                    "chosen": bool(chosen and chosen[0] <= cell.start and cell.end <= chosen[1]),
                }
            )
        if day.closure:
            note = (
                _("Closed this day: %(reason)s") % {"reason": day.closure.reason}
                if day.closure.reason
                else _("Closed this day.")
            )
        elif day.beyond:
            note = _("Not open for booking yet.")
        else:
            note = _("Not open for bookings this day.")
        free = day.free_minutes
        days.append(
            {
                "iso": iso,
                "id": f"week-{iso}",
                "label": day_label(day.date),
                "strip_label": day_label(day.date, "strip"),
                "free_minutes": free,
                "free_text": free_text(free)
                if free
                else (pgettext("day", "Full") if cells else pgettext("day", "Closed")),
                "cells": cells,
                "note": "" if cells else note,
                "asked": day.date == asked,
            }
        )
    return {
        "start": start,
        "previous": previous,
        "next": following,
        "range": f"{days[0]['label']} – {days[-1]['label']}",
        "days": days,
        "legend": legend(),
    }


def _midnight(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def week_config(space):
    """What the week view's script needs (``json_script``): the space's lengths and the
    sentences it says, with {placeholders}."""
    step = space.booking_slot_minutes or 30
    holes = {name: f"{{{name}}}" for name in ("day", "start", "end", "length", "limit")}
    return {
        "step": step,
        "min": space.booking_min_minutes,
        "max": space.booking_max_minutes,
        "lengths": {str(m): length_text(m) for m in range(step, 24 * 60 + 1, step)},
        "summary": _("%(day)s %(start)s–%(end)s, %(length)s") % holes,
        "across": _(
            "%(start)s–%(end)s is not free throughout. Choose an end by %(limit)s, or "
            "another start."
        )
        % holes,
        "tooLong": _("Book at most %(length)s: choose an end by %(limit)s.") % holes,
        "tooShort": _("Book at least %(length)s: choose a later end.") % holes,
        "noRoom": _("There are not %(length)s free from %(start)s. Choose another start.") % holes,
    }


def series_check(conflicts, *, retry=False):
    """The dates of a weekly series that could not all be booked, for the page that
    lists them and sends the request again without the ones left out."""
    dates = []
    for date in conflicts.dates:
        start, end = timezone.localtime(date.start), timezone.localtime(date.end)
        label = day_label(start.date())
        end_text = "24:00" if end.date() > start.date() else f"{end:%H:%M}"
        dates.append(
            {
                "iso": date.day.isoformat(),
                "day_label": label,
                "label": f"{label} {start:%H:%M}–{end_text}",
                "problems": date.problems,
            }
        )
    bookable = len(conflicts.bookable)
    return {
        "dates": dates,
        "bookable": bookable,
        "conflicts": len(dates) - bookable,
        "retry": retry,
    }


def series_done(space, count):
    if space.booking_auto_confirm:
        return ngettext(
            "%(count)d date booked. They are all in My bookings.",
            "%(count)d dates booked. They are all in My bookings.",
            count,
        ) % {"count": count}
    return ngettext(
        "Request sent for %(count)d date. They are all in My bookings.",
        "Request sent for %(count)d dates. They are all in My bookings.",
        count,
    ) % {"count": count}


@login_required
def booking_list(request):
    now = timezone.now()
    services.expire_overdue(user=request.user, now=now)  # show overdue requests as expired
    bookings = list(
        Booking.objects.filter(user=request.user).select_related("space").order_by("-start")
    )
    upcoming = [b for b in bookings if b.end > now and b.status in ACTIVE]
    upcoming.sort(key=lambda b: b.start)
    past = [b for b in bookings if b not in upcoming]
    return render(
        request,
        "bookings/booking_list.html",
        {
            "upcoming": with_series(upcoming, bookings, now),
            "past": with_series(past, bookings, now),
            "now": now,
        },
    )


def with_series(shown, bookings, now):
    """``shown`` with each recurring booking as one item: its first date there, carrying
    ``series_dates`` (its dates in ``shown``), ``series_label`` and ``series_cancel``
    (the first of them that can still be cancelled). ``bookings`` holds all the
    resident's bookings, so a series' size is counted without another query."""
    sizes = Counter(b.series_id for b in bookings if b.series_id)
    items, groups = [], {}
    for booking in shown:
        if not booking.series_id:
            items.append(booking)
        elif booking.series_id in groups:
            groups[booking.series_id].series_dates.append(booking)
        else:
            groups[booking.series_id] = booking
            booking.series_dates = [booking]
            booking.series_label = series.describe(booking, sizes[booking.series_id])
            items.append(booking)
    for first in groups.values():
        first.series_dates.sort(key=lambda b: b.start)
        first.series_cancel = next((b for b in first.series_dates if b.can_cancel), None)
    return items


def own_booking(request, pk):
    """The resident's own booking; anyone else's is a 404, never someone's data."""
    return get_object_or_404(Booking.objects.select_related("space"), pk=pk, user=request.user)


def series_context(booking, now=None):
    """The dates of ``booking``'s series, and those the resident can still cancel."""
    if not booking.series_id:
        return {}
    dates = series.dates_of(booking.series)
    return {
        "series_dates": dates,
        "series_label": series.describe(booking, len(dates)),
        "series_position": series.position(booking, dates),
        "series_remaining": series.remaining(dates, now),
    }


def detail(request, booking, *, error=None, status=200):
    context = {
        "booking": booking,
        "error": error,
        "to_come": booking.end > timezone.now(),
        **series_context(booking),
    }
    if booking.expires_at:  # "12월 8일(화) 11:49", "Tue 8 Dec 11:49": as the portal says days
        due = timezone.localtime(booking.expires_at)
        context["answer_by"] = f"{dates.day_label(due.date())} {due:%H:%M}"
    return render(request, "bookings/booking_detail.html", context, status=status)


@login_required
def booking_detail(request, pk):
    services.expire_overdue(user=request.user)
    return detail(request, own_booking(request, pk))


@login_required
def booking_cancel(request, pk):
    """GET: what would be cancelled (for a recurring booking: this date, or every date
    still to come). POST: cancel, then back to the booking's page with a message. A
    POST without ``scope`` cancels this date."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    booking = own_booking(request, pk)
    if not booking.can_cancel:
        return detail(
            request, booking, error=_("This booking can no longer be cancelled."), status=409
        )
    context = {"booking": booking, **series_context(booking)}
    remaining = context.get("series_remaining", [])
    scope = request.POST.get("scope", "date")
    if request.method == "GET" or scope not in ("date", "series"):
        if request.method == "POST":
            context["error"] = _("Choose what to cancel: this date or every date to come.")
        status = 200 if request.method == "GET" else 400
        return render(request, "bookings/booking_cancel.html", context, status=status)
    try:
        if scope == "series" and len(remaining) > 1:
            cancelled = services.cancel_series(booking.series, by=request.user)
            done = ngettext(
                "%(count)d date of the recurring booking cancelled. We have told the operator.",
                "%(count)d dates of the recurring booking cancelled. We have told the operator.",
                len(cancelled),
            ) % {"count": len(cancelled)}
        else:
            services.decide(booking, "cancel", by=request.user)
            done = _("Booking cancelled. We have told the operator.")
    except services.InvalidTransition as error:
        return detail(request, booking, error=str(error), status=409)
    messages.success(request, done)
    return HttpResponseRedirect(reverse("bookings:detail", args=[booking.pk]), status=303)


@login_required
def booking_ics(request, pk):
    """An iCalendar file (RFC 5545) of a booking: a request is TENTATIVE, a confirmed
    booking CONFIRMED. A booking that is over by a decision (cancelled, declined,
    expired) is served as CANCELLED rather than "not found": a calendar that imported
    the tentative or confirmed event takes the same UID (the personal feed's) and drops
    it, where a 404 would leave a time the resident no longer holds. A recurring
    booking's file holds all its dates (each with its own UID and status). Built as
    every calendar is (``core.ical``, ``bookings.ical``): ETag and Last-Modified answer
    304 to a calendar that has it."""
    from core import ical
    from core.i18n import localize_pages

    from .ical import booking_event

    booking = own_booking(request, pk)
    dates = series.dates_of(booking.series) if booking.series_id else [booking]
    space = booking.space
    [shown] = localize_pages([space])
    events = [booking_event(date, space, shown, request) for date in dates]
    calendar = ical.new_calendar(f"{shown.display_title} ({_('booking')})", kind="booking")
    for event in events:
        calendar.add_component(event)
    body = ical.to_bytes(calendar)
    name = f"booking-series-{booking.series_id}" if booking.series_id else f"booking-{booking.pk}"
    response = ical.respond(
        request,
        body,
        etag=ical.etag_of(body),
        last_modified=max(event.decoded("last-modified") for event in events),
        filename=f"{name}.ics",
        disposition="attachment",
    )
    response["Cache-Control"] = "private, no-cache"
    return response
