"""Program pages' dynamic parts, registering for a date, "My registrations", and the
calendars (RFC 5545): all programs, a space's programs, one program."""

import datetime as dt
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _

from core import jsonld, pagecache, ratelimit, versions
from core.accounts import CONFIRM_FIRST, needs_confirmation, pending_addresses
from core.calendar_links import event_links as calendar_links_for_event
from core.dates import day_label

from . import services
from .listing import public_dates, upcoming
from .models import Registration, RegistrationStatus
from .schedule import described_rules
from .signals import DATES, PLACES

DATES_SHOWN = None  # every kept date (at most the 180-day horizon); the page folds the rest
DATES_OPEN = 8  # the dates listed before "Show N more dates"
# A space's or a program's calendar: its dates from a month back. The calendar of every
# program: today and the next eight weeks (its size and cost stay bounded however many
# programs there are; each page has its own calendar of all its dates).
CALENDAR_DAYS_BACK = 30
CALENDAR_WEEKS = 8
CALENDAR_MAX_AGE = 300
CALENDAR_CACHE_PREFIX = "calendar:"
CALENDAR_STAMP_SECONDS = 60 * 60 * 24  # when an answer was first built (Last-Modified)
CALENDAR_FORMAT = 1  # part of the ETag: raise it when the file's shape changes


# Where a refused registration is said again: beside the date the resident chose (or at
# the top of the dates, for a refusal that is not about one date), read once by the page.
REFUSAL_KEY = "events:refused_registration"


def program_context(request, program):
    pagecache.depends_on(request, DATES)
    pagecache.depends_on(request, PLACES)
    dates = list(program.upcoming(DATES_SHOWN))
    refusal = None
    if request.user.is_authenticated:  # an anonymous page stays free of the session
        refusal = request.session.pop(REFUSAL_KEY, None)
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
    refused_date = refusal["date"] if refusal else None
    for occurrence in dates:
        occurrence.mine = mine.get(occurrence.pk)
        occurrence.refused = refusal["message"] if occurrence.pk == refused_date else ""
    return {
        "dates": dates,
        # The account's addresses while none is confirmed: the dates then start with the
        # "confirm first" notice and its resend button (``{% confirm_email_notice %}``).
        "pending_addresses": pending_addresses(request.user),
        "refusal": refusal if refusal and not any(d.refused for d in dates) else None,
        "refused_later": any(d.refused for d in dates[DATES_OPEN:]),
        "calendar_links": calendar_links(request, program, dates[0] if dates else None),
        "json_ld": program_json_ld(request, program, dates),
    }


def refuse(request, program_url, message, *, date=None, inline=None):
    """Back to the program page with ``message``: in the messages at the top of the page,
    as everywhere, and again where the resident is, beside the date they chose (or at
    the top of the dates, above the "confirm first" notice, when ``date`` is None): on a
    phone the top of the page is far above the dates. ``inline`` is the wording there
    when it differs."""
    messages.error(request, message)
    request.session[REFUSAL_KEY] = {"date": date, "message": str(inline or message)}
    anchor = f"date-{date}" if date else "registration-refused"
    return HttpResponseRedirect(f"{program_url}#{anchor}", status=303)


def register(request, program):
    """POST ``occurrence``: register for that date (or join its waitlist), then back to
    that date on the program page, which says what happened."""
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
        # Not a date the page offered (a made-up request): the message at the top does.
        messages.error(request, _("Choose one of this program's dates."))
        return HttpResponseRedirect(program_url, status=303)
    if needs_confirmation(request.user):
        # The services refuse it too; said here, the refusal stands above the notice
        # with the button that sends the confirmation mail again.
        return refuse(
            request,
            program_url,
            CONFIRM_FIRST,
            inline=_("You are not registered: please confirm your e-mail address first."),
        )
    if ratelimit.over_limit(request, "registration"):
        return refuse(
            request,
            program_url,
            _("Too many registrations in a short time. Please try again later."),
            date=occurrence_id,
        )
    try:
        registration = services.register(request.user, occurrence_id)
    except services.RegistrationError as error:
        return refuse(request, program_url, str(error), date=occurrence_id)
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
    return HttpResponseRedirect(f"{program_url}#date-{occurrence_id}", status=303)


@login_required
def my_registrations(request):
    registrations = list(
        Registration.objects.filter(user=request.user)
        .select_related("occurrence__program", "occurrence__space")
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
def cancel_registration(request, pk):
    """GET: what would be cancelled (program, date, time, place). POST: cancel, then
    back to "My registrations" with a message, which says when the freed place went to
    the first person waiting."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    registration = get_object_or_404(
        Registration.objects.select_related("occurrence__program", "occurrence__space"),
        pk=pk,
        user=request.user,
    )
    if registration.occurrence.start <= timezone.now():
        messages.error(request, _("This date has already started."))
    elif request.method == "GET":
        if registration.status != RegistrationStatus.CANCELLED:
            return render(
                request,
                "events/cancel_registration.html",
                {
                    "registration": registration,
                    "position": services.waitlist_position(registration)
                    if registration.status == RegistrationStatus.WAITLISTED
                    else None,
                },
            )
        messages.info(request, _("This registration is already cancelled."))
    else:
        __, promoted = services.cancel(registration, by=request.user)
        names = {
            "program": registration.occurrence.program.title,
            "day": day_label(timezone.localtime(registration.occurrence.start).date()),
        }
        messages.success(
            request,
            _(
                "Your registration for ‘%(program)s’ on %(day)s is cancelled. Your place "
                "went to the next person on the waitlist."
            )
            % names
            if promoted
            else _("Your registration for ‘%(program)s’ on %(day)s is cancelled.") % names,
        )
    return HttpResponseRedirect("../../", status=303)


# --- calendars ----------------------------------------------------------------------


# Each change is a new version of the event, so a calendar that imported an earlier
# file takes the new one: waiting, then a place, then over (as bookings' files do).
REGISTRATION_ICS = {
    RegistrationStatus.WAITLISTED: ("TENTATIVE", 0),
    RegistrationStatus.CONFIRMED: ("CONFIRMED", 1),
}


@login_required
def registration_ics(request, pk):
    """The calendar file (RFC 5545) of one of the resident's registrations, in their
    language: its date, place and program page. Anyone else's is a 404. A place on the
    waitlist is TENTATIVE; a registration or date cancelled is served as CANCELLED under
    the same UID (the personal feed's, ``residents.calendar``), so a calendar that
    imported it drops it."""
    from icalendar import Calendar, Event

    from core.i18n import localize_pages

    registration = get_object_or_404(
        Registration.objects.select_related("occurrence__program", "occurrence__space"),
        pk=pk,
        user=request.user,
    )
    occurrence = registration.occurrence
    program, space = localize_pages([occurrence.program, occurrence.space])
    status, sequence = REGISTRATION_ICS.get(registration.status, ("CANCELLED", 2))
    if occurrence.cancelled:
        status, sequence = "CANCELLED", 2
    calendar = Calendar()
    calendar.add("prodid", "-//Community Space//registration//KO")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"registration-{registration.pk}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)
    event.add("status", status)
    event.add("sequence", sequence)
    event.add("summary", program.title)
    event.add("location", f"{space.title}, {occurrence.space.address}")
    if program.summary:
        event.add("description", program.summary)
    event.add("url", request.build_absolute_uri(program.get_url(request) or "/"))
    if occurrence.space.latitude is not None:
        event.add("geo", (occurrence.space.latitude, occurrence.space.longitude))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registration-{registration.pk}.ics"'
    return response


def calendar_body(request, occurrences, name, description=""):
    """An iCalendar file (bytes) with one event per date (cancelled dates say so), each
    with a stable UID, the page's URL, the place's address and geo. The same dates give
    the same bytes (DTSTAMP is the program's last publication), so an answer can be kept
    and compared by its ETag."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Community Space//programs//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", "Asia/Seoul")
    host = request.get_host().split(":")[0] or "community-space"
    urls = {}  # a program's address, built once however many dates it has
    for occurrence in occurrences:
        program, space = occurrence.program, occurrence.space
        if program.pk not in urls:
            urls[program.pk] = request.build_absolute_uri(program.get_url(request) or "/")
        event = Event()
        stamp = timezone.localtime(occurrence.start).strftime("%Y%m%dT%H%M")
        event.add("uid", f"program-{program.pk}-{stamp}@{host}")
        event.add("dtstamp", program.last_published_at or occurrence.start)
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        event.add("summary", program.title)
        event.add("url", urls[program.pk])
        event.add("location", f"{space.title}, {space.address}")
        if space.latitude is not None:
            event.add("geo", (space.latitude, space.longitude))
        if program.summary:
            event.add("description", program.summary)
        event.add("status", "CANCELLED" if occurrence.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_dates(since, until=None, **filters):
    """The dates a calendar shows: public programs' (``listing.public_dates``) ending
    after ``since`` and starting before ``until``, with only what an event shows."""
    dates = public_dates().filter(end__gt=since, **filters)
    if until is not None:
        dates = dates.filter(start__lt=until)
    return dates.select_related("program", "space").only(*CALENDAR_FIELDS).order_by("start", "pk")


CALENDAR_FIELDS = (
    "start",
    "end",
    "cancelled",
    "program__title",
    "program__url_path",
    "program__summary",
    "program__last_published_at",
    "space__title",
    "space__address",
    "space__latitude",
    "space__longitude",
)


def calendar_for_path(request, path=""):
    """``<page url>calendar.ics`` for the program listing (the next ``CALENDAR_WEEKS``
    weeks of every program), a space (its programs) or a program (a month back and
    every date ahead): the page is found as Wagtail routes its URL. A private page
    (``core.privacy``) has no calendar: calendars are shared, whoever asks.

    A calendar is the same all day for the same data (``calendar_etag``). A client that
    sends its ETag back (``If-None-Match``), or its ``Last-Modified`` time (when this
    answer was first built), gets 304 without a query; others get the answer kept under
    the ETag, so an address the page cache does not know (``?r=…``) costs a cache read,
    not a build."""
    from wagtail.models import Site

    from spaces.models import SpacePage

    from .models import ProgramIndexPage, ProgramPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    page = site.root_page.localized.specific.route(request, components).page.specific
    if not page.live or not isinstance(page, ProgramIndexPage | SpacePage | ProgramPage):
        raise Http404
    if list(page.get_view_restrictions()):  # memoised: no query
        raise Http404
    today = timezone.localdate()
    etag = calendar_etag(request, page, today)
    digest = etag.strip('"')
    # When this answer was first built is its Last-Modified time, kept for the day.
    stamp_key = f"{CALENDAR_CACHE_PREFIX}{digest}"
    built_at = int(timezone.now().timestamp())
    if not versions.cache.add(stamp_key, built_at, CALENDAR_STAMP_SECONDS):
        built_at = versions.cache.get(stamp_key) or built_at
    response = get_conditional_response(request, etag=etag, last_modified=built_at)
    if response is None:
        body = versions.remember(
            "calendar", digest, build=lambda: build_calendar(request, page, today)
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(built_at)
    response["Cache-Control"] = f"public, max-age={CALENDAR_MAX_AGE}"
    return response


def calendar_etag(request, page, today):
    """What a calendar shows depends on: the page, the language, the host, the day (its
    window) and the site's data version. Program dates change only by a publication
    (which starts a new site version, as any privacy change does) or by the daily roll
    forward (a new day); registrations change no calendar."""
    from core.i18n import active_language

    parts = [
        CALENDAR_FORMAT,
        page.pk,
        active_language(),
        request.build_absolute_uri("/"),  # the events' links are absolute
        today.isoformat(),
        versions.current(versions.SITE),
    ]
    digest = hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False)
    return f'"{digest.hexdigest()[:32]}"'


def build_calendar(request, page, today):
    """The calendar file of ``page`` on ``today``: every program's dates from today for
    ``CALENDAR_WEEKS`` weeks (said in X-WR-CALDESC), or a space's or a program's dates
    from ``CALENDAR_DAYS_BACK`` days ago on. Days start at midnight, so the file is the
    same all day."""
    from spaces.models import SpacePage

    from .models import ProgramIndexPage

    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    since = midnight - dt.timedelta(days=CALENDAR_DAYS_BACK)
    if isinstance(page, ProgramIndexPage):
        until = midnight + dt.timedelta(weeks=CALENDAR_WEEKS)
        dates = calendar_dates(midnight, until)
        last_day = until.date() - dt.timedelta(days=1)
        description = _(
            "Every program's dates from %(start)s to %(end)s (the next %(weeks)d weeks). "
            "Each space and each program has a calendar of all its dates on its page."
        ) % {"start": today.isoformat(), "end": last_day.isoformat(), "weeks": CALENDAR_WEEKS}
        return calendar_body(request, dates, page.title, description)
    if isinstance(page, SpacePage):
        return calendar_body(request, calendar_dates(since, space=page), page.title)
    return calendar_body(request, calendar_dates(since, program=page.source), page.title)


def calendar_links(request, program, occurrence):
    """ "Add to calendar" links for the next date (``core.calendar_links``): Google,
    Outlook, and the program's own .ics with all its dates."""
    url = program.get_url(request) or "/"
    if occurrence is None:
        return {"ics": f"{url}calendar.ics"}
    space = occurrence.space
    return calendar_links_for_event(
        program.title,
        occurrence.start,
        occurrence.end,
        location=f"{space.title}, {space.address}",
        details=f"{program.summary}\n{request.build_absolute_uri(url)}".strip(),
        ics=f"{url}calendar.ics",
    )


# --- schema.org -----------------------------------------------------------------------


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def program_json_ld(request, program, dates):
    """schema.org Event with its schedule and the next date's places left."""
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
    rules = described_rules(program)
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
    return jsonld.dumps(data)


def whats_on(limit=6):
    """The next dates across the portal, for the home page."""
    return list(
        upcoming()
        .filter(cancelled=False)
        .select_related("program", "space")
        .order_by("start")[:limit]
    )
