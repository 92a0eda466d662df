"""Program pages' dynamic parts, registering for a date, "My registrations", and the
calendars (RFC 5545): all programs, a space's programs, one program."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import pagecache, ratelimit

from . import services
from .listing import upcoming
from .models import Occurrence, Registration, RegistrationStatus

DATES_SHOWN = 12
CALENDAR_DAYS_BACK = 30


def program_context(request, program):
    pagecache.depends_on(request, pagecache.PLACES)
    dates = list(program.upcoming(DATES_SHOWN))
    mine = {}
    if request.user.is_authenticated and dates:
        registrations = list(
            Registration.objects.filter(user=request.user, occurrence__in=dates).exclude(
                status=RegistrationStatus.CANCELLED
            )
        )
        positions = services.waitlist_positions(registrations)
        for registration in registrations:
            registration.position = positions.get(registration.pk)
            mine[registration.occurrence_id] = registration
    for occurrence in dates:
        occurrence.mine = mine.get(occurrence.pk)
    return {
        "dates": dates,
        "calendar_links": calendar_links(request, program, dates[0] if dates else None),
        "json_ld": program_json_ld(request, program, dates),
    }


def register(request, program):
    """POST ``occurrence``: register for that date (or join its waitlist)."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    if not request.user.is_authenticated:
        return redirect_to_login(program.get_url(request))
    program_url = program.get_url(request)
    program = program.source  # a translation registers for the same dates
    try:
        occurrence_id = int(request.POST.get("occurrence", ""))
    except ValueError:
        occurrence_id = None
    if occurrence_id is None or not program.occurrences.filter(pk=occurrence_id).exists():
        messages.error(request, _("Choose one of this program's dates."))
        return HttpResponseRedirect(program_url, status=303)
    if ratelimit.over_limit(request, "registration"):
        messages.error(
            request, _("Too many registrations in a short time. Please try again later.")
        )
        return HttpResponseRedirect(f"{program_url}#dates", status=303)
    try:
        registration = services.register(request.user, occurrence_id)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.info(
                request,
                _(
                    "The date is full: you are number %(position)d on the waitlist. We e-mail you if a place frees up."
                )
                % {"position": services.waitlist_position(registration)},
            )
    return HttpResponseRedirect(f"{program_url}#dates", status=303)


@login_required
def my_registrations(request):
    registrations = list(
        Registration.objects.filter(user=request.user)
        .select_related("occurrence__program")
        .order_by("occurrence__start")
    )
    now = timezone.now()
    positions = services.waitlist_positions(registrations)
    for registration in registrations:
        registration.position = positions.get(registration.pk)
    coming = [
        r
        for r in registrations
        if r.occurrence.end > now and r.status != RegistrationStatus.CANCELLED
    ]
    other = [r for r in registrations if r not in coming]
    return render(request, "events/my_registrations.html", {"coming": coming, "other": other[::-1]})


@login_required
@require_POST
def cancel_registration(request, pk):
    registration = get_object_or_404(Registration, pk=pk, user=request.user)
    if registration.occurrence.start <= timezone.now():
        messages.error(request, _("This date has already started."))
    else:
        services.cancel(registration, by=request.user)
        messages.success(request, _("Your registration is cancelled."))
    return HttpResponseRedirect("../../", status=303)


# --- calendars ----------------------------------------------------------------------


def calendar_response(request, occurrences, name):
    """An iCalendar file with one event per date (cancelled dates say so), each with a
    stable UID, the page's URL, the place's address and geo."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Community Space//programs//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Seoul")
    host = request.get_host().split(":")[0] or "community-space"
    for occurrence in occurrences:
        program, space = occurrence.program, occurrence.space
        event = Event()
        stamp = timezone.localtime(occurrence.start).strftime("%Y%m%dT%H%M")
        event.add("uid", f"program-{program.pk}-{stamp}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        event.add("summary", program.title)
        event.add("url", request.build_absolute_uri(program.get_url(request) or "/"))
        event.add("location", f"{space.title}, {space.address}")
        if space.latitude is not None:
            event.add("geo", (space.latitude, space.longitude))
        if program.summary:
            event.add("description", program.summary)
        event.add("status", "CANCELLED" if occurrence.cancelled else "CONFIRMED")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def calendar_dates(**filters):
    from core.i18n import default_locale_id

    since = timezone.now() - dt.timedelta(days=CALENDAR_DAYS_BACK)
    return (
        Occurrence.objects.filter(
            program__live=True, program__locale_id=default_locale_id(), end__gt=since, **filters
        )
        .select_related("program", "space")
        .order_by("start")
    )


def calendar_for_path(request, path=""):
    """``<page url>calendar.ics`` for the program listing (every program), a space (its
    programs) or a program: the page is found as Wagtail routes its URL."""
    from wagtail.models import Site

    from spaces.models import SpacePage

    from .models import ProgramIndexPage, ProgramPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    page = site.root_page.localized.specific.route(request, components).page.specific
    if not page.live:
        raise Http404
    if isinstance(page, ProgramIndexPage):
        dates = calendar_dates()
    elif isinstance(page, SpacePage):
        dates = calendar_dates(space=page)
    elif isinstance(page, ProgramPage):
        dates = calendar_dates(program=page.source)
    else:
        raise Http404
    return calendar_response(request, dates, page.title)


def calendar_links(request, program, occurrence):
    """ "Add to calendar" links for the next date: Google, Outlook, and our .ics."""
    url = program.get_url(request) or "/"
    links = {"ics": f"{url}calendar.ics"}
    if occurrence is None:
        return links
    space = occurrence.space
    start, end = occurrence.start.astimezone(dt.UTC), occurrence.end.astimezone(dt.UTC)
    details = f"{program.summary}\n{request.build_absolute_uri(url)}".strip()
    location = f"{space.title}, {space.address}"
    links["google"] = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": program.title,
            "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
            "details": details,
            "location": location,
        }
    )
    links["outlook"] = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "subject": program.title,
            "startdt": start.isoformat(),
            "enddt": end.isoformat(),
            "body": details,
            "location": location,
        }
    )
    return links


# --- schema.org -----------------------------------------------------------------------


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def program_json_ld(request, program, dates):
    """schema.org Event with its schedule and the next date's places left."""
    import json

    space = program.space
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": program.title,
        "url": request.build_absolute_uri(program.get_url(request) or "/"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": program.is_free,
        "inLanguage": program.language.split("-"),
        "location": {
            "@type": "Place",
            "name": space.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": space.address,
                "addressCountry": "KR",
            },
        },
        "eventSchedule": {
            "@type": "Schedule",
            "startDate": program.start_date.isoformat(),
            "startTime": program.start_time.strftime("%H:%M"),
            "endTime": program.end_time.strftime("%H:%M"),
            "duration": f"PT{program.duration_minutes}M",
            "scheduleTimezone": "Asia/Seoul",
        },
    }
    if program.summary:
        data["description"] = program.summary
    rules = list(getattr(program.schedule, "rrules", []) or [])
    if rules:
        rule = rules[0]
        data["eventSchedule"]["repeatFrequency"] = {
            0: "P1Y",
            1: "P1M",
            2: "P1W",
            3: "P1D",
        }.get(rule.freq, "P1W")
        if rule.byday:
            data["eventSchedule"]["byDay"] = [
                f"https://schema.org/{DAYS[int(getattr(d, 'weekday', d))]}" for d in rule.byday
            ]
        if rule.until:
            data["eventSchedule"]["endDate"] = (
                timezone.localtime(rule.until).date().isoformat()
                if timezone.is_aware(rule.until)
                else rule.until.date().isoformat()
            )
    if dates:
        first = dates[0]
        data["startDate"] = timezone.localtime(first.start).isoformat()
        data["endDate"] = timezone.localtime(first.end).isoformat()
        if first.places is not None:
            data["maximumAttendeeCapacity"] = first.places
            data["remainingAttendeeCapacity"] = first.places_left
        data["eventStatus"] = (
            "https://schema.org/EventCancelled"
            if first.cancelled
            else "https://schema.org/EventScheduled"
        )
    if space.latitude is not None:
        data["location"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": space.latitude,
            "longitude": space.longitude,
        }
    # Safe inside <script>: no "</script>" or "<!--" can be spelt by a title.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def whats_on(limit=6):
    """The next dates across the portal, for the home page."""
    return list(
        upcoming()
        .filter(cancelled=False)
        .select_related("program", "space")
        .order_by("start")[:limit]
    )
