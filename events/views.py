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
from django.utils.translation import gettext as _

from core import pagecache, ratelimit, versions
from core.accounts import CONFIRM_FIRST, needs_confirmation, pending_addresses
from core.calendar_links import event_links as calendar_links_for_event
from core.dates import day_label

from . import services
from .jsonld import program_json_ld
from .listing import public_dates, upcoming
from .models import Registration, RegistrationStatus
from .signals import DATES, PLACES

DATES_SHOWN = None  # every kept date (at most the 180-day horizon); the page folds the rest
DATES_OPEN = 8  # the dates listed before "Show N more dates"
# A space's or a program's calendar: its dates from a month back. The calendar of every
# program: today and the next eight weeks (its size and cost stay bounded however many
# programs there are; each page has its own calendar of all its dates).
CALENDAR_DAYS_BACK = 30
CALENDAR_WEEKS = 8
CALENDAR_MAX_AGE = 300
CALENDAR_FORMAT = 2  # part of the ETag: raise it when the file's shape changes


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
        "json_ld": program_json_ld(program, dates),
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


@login_required
def registration_ics(request, pk):
    """The calendar file (RFC 5545) of one of the resident's registrations, in their
    language: its date, place and program page. Anyone else's is a 404. A place on the
    waitlist is TENTATIVE; a registration or date cancelled is served as CANCELLED under
    the same UID (the personal feed's, ``residents.calendar``), so a calendar that
    imported it drops it. Built by ``events.ical.registration_event``; ETag and
    Last-Modified (its last change) answer 304 to a calendar that has it."""
    from core import ical
    from core.i18n import localize_pages

    from .ical import registration_event

    registration = get_object_or_404(
        Registration.objects.select_related("occurrence__program", "occurrence__space"),
        pk=pk,
        user=request.user,
    )
    occurrence = registration.occurrence
    program, space = localize_pages([occurrence.program, occurrence.space])
    event = registration_event(registration, program, space, request)
    calendar = ical.new_calendar(program.title, kind="registration")
    calendar.add_component(event)
    body = ical.to_bytes(calendar)
    response = ical.respond(
        request,
        body,
        etag=ical.etag_of(body),
        last_modified=event.decoded("last-modified"),
        filename=f"registration-{registration.pk}.ics",
        disposition="attachment",
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def calendar_body(request, occurrences, name, description="", *, since, until=None):
    """An iCalendar file (bytes): each program with dates in ``occurrences`` as one
    series (``events.ical.program_events``: RRULE, RDATE/EXDATE, overrides for moved
    and cancelled dates) checked against those dates from ``since`` to ``until``, in
    the active language where a translation is live. The same data gives the same
    bytes (DTSTAMP is the last publication), so an answer can be kept and compared by
    its ETag. A fixed number of queries: the dates, and in English the translations."""
    from core import ical
    from core.i18n import localize_pages
    from spaces.models import SpacePage

    from .ical import program_events
    from .models import ProgramPage

    by_program = {}  # in the order of their first date
    for occurrence in occurrences:
        by_program.setdefault(occurrence.program_id, []).append(occurrence)
    programs = [dates[0].program for dates in by_program.values()]
    spaces = {dates[0].space.pk: dates[0].space for dates in by_program.values()}
    shown = dict(
        zip(
            by_program,
            localize_pages(programs, queryset=ProgramPage.objects.only(*SHOWN_FIELDS)),
            strict=True,
        )
    )
    shown_spaces = dict(
        zip(
            spaces,
            localize_pages(spaces.values(), queryset=SpacePage.objects.only(*SHOWN_FIELDS)),
            strict=True,
        )
    )
    calendar = ical.new_calendar(name, kind="programs", description=description)
    for program_id, dates in by_program.items():
        for event in program_events(
            dates[0].program,
            dates,
            since=since,
            until=until,
            shown=shown[program_id],
            space=shown_spaces[dates[0].space.pk],
            request=request,
        ):
            calendar.add_component(event)
    return ical.to_bytes(calendar)


# What a translation shows in a calendar.
SHOWN_FIELDS = ("title", "summary", "url_path", "translation_key", "last_published_at")


def calendar_dates(since, until=None, **filters):
    """The dates a calendar checks its series against: public programs'
    (``listing.public_dates``) starting from ``since`` and before ``until``, with only
    what an event shows."""
    dates = public_dates().filter(start__gte=since, **filters)
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
    "program__translation_key",
    "program__last_published_at",
    "program__start_date",
    "program__start_time",
    "program__duration_minutes",
    "program__schedule",
    "space__title",
    "space__address",
    "space__latitude",
    "space__longitude",
    "space__translation_key",
    "space__last_published_at",
)


def calendar_for_path(request, path=""):
    """``<page url>calendar.ics`` for the program listing (the programs with dates in
    the next ``CALENDAR_WEEKS`` weeks), a space (its programs) or a program: the page
    is found as Wagtail routes its URL. A private page (``core.privacy``) has no
    calendar: calendars are shared, whoever asks.

    A calendar is the same all day for the same data (``calendar_etag``). A client that
    sends its ETag back (``If-None-Match``), or its ``Last-Modified`` time (when this
    answer was first built), gets 304 without a query; others get the answer kept under
    the ETag, so an address the page cache does not know (``?r=…``) costs a cache read,
    not a build."""
    from wagtail.models import Site

    from core import ical
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
    etag = calendar_etag(page, today)
    digest = etag.strip('"')
    response = ical.respond(
        request,
        lambda: versions.remember(
            "calendar", digest, build=lambda: build_calendar(request, page, today)
        ),
        etag=etag,
        last_modified=versions.first_served(etag),  # when this answer was first built
        filename="calendar.ics",
    )
    response["Cache-Control"] = f"public, max-age={CALENDAR_MAX_AGE}"
    return response


def calendar_etag(page, today):
    """What a calendar shows depends on: the page, the language, the day (its window)
    and the site's data version (its links come from ``PORTAL_BASE_URL``, whatever host
    was asked). Program dates change only by a publication (which starts a new site
    version, as any privacy change does) or by the daily roll forward (a new day);
    registrations change no calendar."""
    from core.i18n import active_language

    parts = [
        CALENDAR_FORMAT,
        page.pk,
        active_language(),
        today.isoformat(),
        versions.current(versions.SITE),
    ]
    digest = hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False)
    return f'"{digest.hexdigest()[:32]}"'


def build_calendar(request, page, today):
    """The calendar file of ``page`` on ``today``: the programs with dates from today
    for ``CALENDAR_WEEKS`` weeks (said in X-WR-CALDESC), or a space's or a program's,
    each series checked against its dates from ``CALENDAR_DAYS_BACK`` days ago on. Days
    start at midnight, so the file is the same all day."""
    from spaces.models import SpacePage

    from .models import ProgramIndexPage

    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    since = midnight - dt.timedelta(days=CALENDAR_DAYS_BACK)
    if isinstance(page, ProgramIndexPage):
        until = midnight + dt.timedelta(weeks=CALENDAR_WEEKS)
        dates = calendar_dates(midnight, until)
        last_day = until.date() - dt.timedelta(days=1)
        description = _(
            "The programs with a date from %(start)s to %(end)s (the next %(weeks)d "
            "weeks), each with its whole schedule. Each space and each program has a "
            "calendar of its own on its page."
        ) % {"start": today.isoformat(), "end": last_day.isoformat(), "weeks": CALENDAR_WEEKS}
        return calendar_body(request, dates, page.title, description, since=midnight, until=until)
    if isinstance(page, SpacePage):
        dates = calendar_dates(since, space=page)
    else:
        dates = calendar_dates(since, program=page.source)
    return calendar_body(request, dates, page.title, since=since)


def calendar_links(request, program, occurrence):
    """ "Add to calendar" links for the next date (``core.calendar_links``): Google,
    Outlook, and the program's own .ics with all its dates. The description's link
    is the configured public address's (``PORTAL_BASE_URL``)."""
    from core.links import page_url

    url = program.get_url(request) or "/"
    if occurrence is None:
        return {"ics": f"{url}calendar.ics"}
    space = occurrence.space
    return calendar_links_for_event(
        program.title,
        occurrence.start,
        occurrence.end,
        location=f"{space.title}, {space.address}",
        details=f"{program.summary}\n{page_url(program, request) or ''}".strip(),
        ics=f"{url}calendar.ics",
    )


def whats_on(limit=6, until=None):
    """The next dates across the portal (those starting before ``until``), for the
    home page."""
    dates = upcoming().filter(cancelled=False)
    if until is not None:
        dates = dates.filter(start__lt=until)
    return list(dates.select_related("program", "space").order_by("start")[:limit])
