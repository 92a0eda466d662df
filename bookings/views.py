"""Residents' side of booking: the request form at ``<space url>book/``, "My bookings"
at ``/accounts/bookings/``, a booking's page, cancelling, and its calendar file."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import ratelimit

from . import services
from .models import ACTIVE, Booking, Status

WEEK = 7


def chosen_day(request, space, now=None):
    """The day asked for with ?date=YYYY-MM-DD, else the first day one can book."""
    now = timezone.localtime(now)
    first = (now + dt.timedelta(hours=space.booking_lead_hours)).date()
    raw = request.GET.get("date", "") or request.POST.get("date", "")
    try:
        day = dt.date.fromisoformat(raw.strip()) if raw else first
    except ValueError:
        day = first
    # Never before today; never past the booking horizon (plus a week to look at).
    last = now.date() + dt.timedelta(days=space.booking_horizon_days + WEEK)
    return min(max(day, now.date()), last)


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
    """GET: the form and the day's free time. POST: request the booking."""
    space = canonical_space(space)
    if not space.bookable or not space.live:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"page": space, "space": space, "errors": {}, "suggestions": []}
    status = 200
    values = {
        "date": "",
        "start": "",
        "end": "",
        "headcount": "",
        "purpose": "",
    }
    if request.method == "POST":
        values.update({name: request.POST.get(name, "")[:600] for name in values})
        try:
            if ratelimit.over_limit(request, "booking"):
                raise RateLimited
            booking = services.request_booking(request.user, space, request.POST)
        except RateLimited:
            context["errors"] = {
                "": [_("Too many booking requests in a short time. Please try again later.")]
            }
            status = 429
        except services.BookingError as error:
            context["errors"] = error.errors
            status = 400
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
            return HttpResponseRedirect(booking.get_absolute_url(), status=303)
    elif request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    day = chosen_day(request, space)
    if not values["date"]:
        values["date"] = day.isoformat()
    context.update(
        values=values,
        capacity=services.capacity_of(space),
        step_seconds=(space.booking_slot_minutes or 30) * 60,
        **availability(space, day),
    )
    return render(request, "bookings/book.html", context, status=status)


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
        {"upcoming": upcoming, "past": past, "now": now},
    )


def own_booking(request, pk):
    """The resident's own booking; anyone else's is a 404, never someone's data."""
    return get_object_or_404(Booking.objects.select_related("space"), pk=pk, user=request.user)


@login_required
def booking_detail(request, pk):
    services.expire_overdue(user=request.user)
    booking = own_booking(request, pk)
    return render(request, "bookings/booking_detail.html", {"booking": booking})


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = own_booking(request, pk)
    if not booking.can_cancel:
        return render(
            request,
            "bookings/booking_detail.html",
            {"booking": booking, "error": _("This booking can no longer be cancelled.")},
            status=409,
        )
    try:
        services.decide(booking, "cancel", by=request.user)
    except services.InvalidTransition as error:
        return render(
            request,
            "bookings/booking_detail.html",
            {"booking": booking, "error": str(error)},
            status=409,
        )
    return HttpResponseRedirect(reverse("bookings:detail", args=[booking.pk]), status=303)


@login_required
def booking_ics(request, pk):
    """An iCalendar file (RFC 5545) of a confirmed booking."""
    from icalendar import Calendar, Event

    booking = own_booking(request, pk)
    if booking.status != Status.CONFIRMED:
        raise Http404
    space = booking.space
    calendar = Calendar()
    calendar.add("prodid", "-//Community Space//booking//KO")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", f"{space.title} ({_('booking')})")
    event.add("location", space.address)
    event.add("description", booking.purpose)
    event.add("url", request.build_absolute_uri(space.get_url(request) or "/"))
    if space.latitude is not None:
        event.add("geo", (space.latitude, space.longitude))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.pk}.ics"'
    return response
