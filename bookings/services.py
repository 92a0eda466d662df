"""Booking a space: reading a request, checking it against the space's rules, holding
the slot without ever double-booking it, the free time of a day, and decisions.

Every rule is checked here, on the server, with a message a resident can act on:
``BookingError`` carries them by field. A slot taken by someone else — found before
inserting, or refused by the database a moment later — is ``SlotTaken`` with the
nearest free slots of the same length. Times are Asia/Seoul."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import versions
from core.accounts import CONFIRM_FIRST, needs_confirmation
from core.text import one_line
from spaces import hours

from .models import Booking, BookingSeries, Notice, Status

MAX_PURPOSE = 500
MAX_HEADCOUNT = 100_000
MAX_YEARS_AHEAD = 5  # a date further off is refused before any rule is looked at
MAX_ATTEMPTS = 3  # a transaction that lost a deadlock is tried again
SUGGESTIONS = 3
SEARCH_DAYS = 7  # how far the nearest free slots are looked for

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


class BookingError(Exception):
    """The request breaks a rule: ``errors`` maps a field ("" for the whole request)
    to its messages."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors

    @property
    def messages(self):
        return [m for messages in self.errors.values() for m in messages]


class SlotTaken(Exception):
    def __init__(self, suggestions):
        super().__init__("slot taken")
        self.suggestions = suggestions  # [(start, end)] aware datetimes


@dataclass
class Request:
    """A booking request read from a form, before the rules are applied."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    headcount: int | None = None
    purpose: str = ""
    errors: dict = field(default_factory=dict)

    def error(self, name, message):
        self.errors.setdefault(name, []).append(message)


def _clock(minutes):
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def local(moment):
    return timezone.localtime(moment)


def aware(day, time):
    """The Seoul moment of a date and a wall-clock time (24:00 is next midnight)."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=time[0], minutes=time[1])
    return timezone.make_aware(naive)


def parse_time(text):
    """(hours, minutes) from "HH:MM" (00:00–24:00), or None."""
    if not _TIME.match(text):
        return None
    h, m = int(text[:2]), int(text[3:])
    if m > 59 or h > 24 or (h == 24 and m):
        return None
    return h, m


def parse_request(data, *, space=None):
    """Read date, start, end, headcount and purpose from form data (strings)."""
    request = Request()
    text = {name: str(data.get(name, "") or "").strip() for name in ("date", "start", "end")}
    day = None
    if not text["date"]:
        request.error("date", _("Choose a date."))
    else:
        try:
            if not _DATE.match(text["date"]):
                raise ValueError
            day = dt.date.fromisoformat(text["date"])
        except ValueError:
            request.error("date", _("Give the date as YYYY-MM-DD, e.g. 2026-12-05."))
        else:
            today = timezone.localdate()
            if day.year > today.year + MAX_YEARS_AHEAD:
                request.error(
                    "date",
                    horizon_message(space, today)
                    if space
                    else _("Choose a date in the coming weeks."),
                )
                day = None
            elif day.year < today.year - 1:
                request.error("date", _("That time has passed; choose a time in the future."))
                day = None
    times = {}
    missing = {"start": _("Choose a start time."), "end": _("Choose an end time.")}
    for name, label in (("start", _("start")), ("end", _("end"))):
        if not text[name]:
            request.error(name, missing[name])
            continue
        value = parse_time(text[name])
        if value is None:
            request.error(
                name, _("Give the %(label)s time as HH:MM, e.g. 14:30.") % {"label": label}
            )
        else:
            times[name] = value
    # A time field cannot hold 24:00: an end of 00:00 after a later start is midnight.
    if times.get("end") == (0, 0) and times.get("start", (0, 0)) != (0, 0):
        times["end"] = (24, 0)
    if day and "start" in times:
        request.start = aware(day, times["start"])
    if day and "end" in times:
        request.end = aware(day, times["end"])

    raw = str(data.get("headcount", "") or "").strip()
    if not raw:
        request.error("headcount", _("Say how many people will come."))
    else:
        try:
            request.headcount = int(raw)
            if not 1 <= request.headcount <= MAX_HEADCOUNT:
                raise ValueError
        except ValueError:
            request.headcount = None
            request.error(
                "headcount",
                _("The number of people must be a whole number from 1 to %(max)s.")
                % {"max": f"{MAX_HEADCOUNT:,}"},
            )
    # Control characters (a NUL no database stores) read as spaces, like line breaks.
    purpose = one_line(str(data.get("purpose", "") or ""))
    if not purpose:
        request.error("purpose", _("Say briefly what the space is for."))
    elif len(purpose) > MAX_PURPOSE:
        request.error(
            "purpose",
            _("Keep the purpose to %(max)d characters (it has %(count)d).")
            % {"max": MAX_PURPOSE, "count": len(purpose)},
        )
    request.purpose = purpose[:MAX_PURPOSE]
    return request


# --- the space's rules -------------------------------------------------------------------


def horizon_message(space, today):
    last_day = today + dt.timedelta(days=space.booking_horizon_days)
    return _("Bookings open %(days)d days ahead: choose a date until %(date)s.") % {
        "days": space.booking_horizon_days,
        "date": last_day.isoformat(),
    }


def capacity_of(space):
    return space.booking_capacity or space.capacity


def closures_of(space, *, cached=True):
    """The space's closure dates, read once per page object. They are inline rows of
    the page, so they change only when it is published: their rows are remembered for
    the page's own version (a preview passes ``cached=False`` and reads its own, in
    memory)."""
    if not hasattr(space, "_closures_list"):
        # Rows a draft saved without a first day close nothing.
        found = space.closures.filter(start_date__isnull=False)
        if cached and space.live_revision_id:
            model = found.model
            rows = versions.remember(
                "closures",
                space.pk,
                build=lambda: list(found.values(*(f.attname for f in model._meta.concrete_fields))),
                base=versions.STRUCTURE,
                tags=(versions.page(space),),
            )
            space._closures_list = [model(**row) for row in rows]
        else:
            space._closures_list = list(found)
    return space._closures_list


def closure_on(space, day):
    return next((c for c in closures_of(space) if c.covers(day)), None)


def within_opening_hours(space, start, end):
    return hours.open_throughout(
        space.opening_hours, timezone.make_naive(start), timezone.make_naive(end)
    )


def rule_errors(space, start, end, headcount, *, now=None, user=None, dates=True):
    """Every rule the window breaks, as {field: [messages]}. ``dates=False`` leaves out
    the rules of the day (``date_errors``), which a weekly series checks date by date."""
    now = now or timezone.now()
    errors = {}

    def error(name, message):
        errors.setdefault(name, []).append(message)

    if not space.bookable or not space.live:
        error("", _("This space cannot be booked through the portal."))
        return errors
    if end <= start:
        error("end", _("The end must come after the start."))
        return errors
    step = space.booking_slot_minutes or 30
    for name, moment in (("start", start), ("end", end)):
        minutes = local(moment).hour * 60 + local(moment).minute
        if minutes % step or local(moment).second:
            error(
                name,
                _("Times go in steps of %(step)d minutes (e.g. %(first)s, %(second)s).")
                % {"step": step, "first": "14:00", "second": _clock(14 * 60 + step)},
            )
    length = (end - start) / dt.timedelta(minutes=1)
    if length < space.booking_min_minutes:
        error(
            "end", _("Book at least %(minutes)d minutes.") % {"minutes": space.booking_min_minutes}
        )
    if length > space.booking_max_minutes:
        error(
            "end", _("Book at most %(minutes)d minutes.") % {"minutes": space.booking_max_minutes}
        )
    if dates:
        for name, message in date_errors(space, start, end, now=now):
            error(name, message)
    capacity = capacity_of(space)
    if headcount is not None and capacity and headcount > capacity:
        error(
            "headcount",
            ngettext(
                "The space holds at most %(count)d person.",
                "The space holds at most %(count)d people.",
                capacity,
            )
            % {"count": capacity},
        )
    if user is not None:
        too_many = open_requests_error(user, now)
        if too_many:
            error("", too_many)
    return errors


def date_errors(space, start, end, *, now=None):
    """The rules that depend on the day, as [(field, message)]: passed or too soon,
    past the horizon, a closure, the opening hours."""
    now = now or timezone.now()
    found = []
    if start < now:
        found.append(("date", _("That time has passed; choose a time in the future.")))
    elif start < now + dt.timedelta(hours=space.booking_lead_hours):
        message = ngettext(
            "Book at least %(hours)d hour ahead.",
            "Book at least %(hours)d hours ahead.",
            space.booking_lead_hours,
        ) % {"hours": space.booking_lead_hours}
        found.append(("start", message))
    last_day = local(now).date() + dt.timedelta(days=space.booking_horizon_days)
    if local(start).date() > last_day:
        found.append(("date", horizon_message(space, local(now).date())))
    closure = closure_on(space, local(start).date())
    if closure:
        found.append(
            (
                "date",
                (_("The space is closed that day: %(reason)s.") % {"reason": closure.reason})
                if closure.reason
                else _("The space is closed that day."),
            )
        )
    elif not within_opening_hours(space, start, end):
        found.append(("start", _("The whole time must fall within the opening hours.")))
    return found


def open_request_count(user, now):
    """How many of ``user``'s requests wait for an answer: a weekly series is one
    request, however many of its dates wait."""
    counts = (
        Booking.objects.filter(user=user, status=Status.REQUESTED, end__gt=now)
        .exclude(expires_at__lte=now)
        .aggregate(
            single=Count("pk", filter=Q(series__isnull=True)),
            series=Count("series", distinct=True),
        )
    )
    return counts["single"] + counts["series"]


def open_requests_error(user, now):
    """The message when ``user`` already has ``BOOKING_MAX_OPEN_REQUESTS`` requests
    waiting for an answer, else None. Read here to tell every problem at once, and again
    by ``_insert`` in the transaction that books (the count that really holds)."""
    open_requests = open_request_count(user, now)
    if open_requests < settings.BOOKING_MAX_OPEN_REQUESTS:
        return None
    return ngettext(
        "You already have %(count)d request waiting for an answer; wait for it or cancel it first.",
        "You already have %(count)d requests waiting for an answer; wait for them or cancel one first.",
        open_requests,
    ) % {"count": open_requests}


# --- requesting ---------------------------------------------------------------------------


def check_confirmed(user):
    """A new account books once its sign-up address is confirmed (``core.accounts``)."""
    if needs_confirmation(user):
        raise BookingError({"": [str(CONFIRM_FIRST)]})


def request_booking(user, space, data, *, now=None):
    """Read, check and book. Returns the new Booking, or raises BookingError / SlotTaken."""
    check_confirmed(user)
    request = parse_request(data, space=space)
    errors = request.errors
    if request.start and request.end:  # tell every problem at once, not one per try
        rules = rule_errors(
            space, request.start, request.end, request.headcount, now=now, user=user
        )
        for name, messages in rules.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))
    if errors:
        raise BookingError(errors)
    for attempt in range(MAX_ATTEMPTS):
        try:
            return _insert(user, space, request, now=now)
        except SlotTaken as taken:
            taken.suggestions = nearest_free(space, request.start, request.end, now=now)
            raise
        except (IntegrityError, OperationalError) as error:
            # The database refused: the exclusion constraint (someone else holds the
            # slot now) or a lost deadlock / lock wait. Taken is taken; otherwise retry.
            if _slot_held(space, request.start, request.end) or attempt == MAX_ATTEMPTS - 1:
                raise SlotTaken(nearest_free(space, request.start, request.end, now=now)) from error
    raise AssertionError("unreachable")


def _slot_held(space, start, end):
    try:
        return Booking.objects.filter(space=space).active().overlapping(start, end).exists()
    except DatabaseError:
        return True


def _insert(user, space, request, *, now=None, windows=None, weeks=None):
    """Book in one transaction that first takes the resident's own lock, so that their
    open requests are counted and added to one at a time: checked only before it, a
    burst of parallel requests all saw the same count and all got in (12 of 12 on
    SQLite, 5 of 12 on PostgreSQL). PostgreSQL locks the user's row; SQLite's IMMEDIATE
    transactions already let one writer in at a time.

    A weekly series passes its dates as ``windows`` (and its ``weeks``): all of them are
    booked or none — one date taken meanwhile raises ``SlotTaken``, and a date the
    exclusion constraint refuses rolls the whole series back. Its resident and its
    operators get one e-mail each, queued on the first date."""
    now = now or timezone.now()
    windows = windows or [(request.start, request.end)]
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        too_many = open_requests_error(user, now)
        if too_many:
            raise BookingError({"": [too_many]})
        expire_overdue(space=space, now=now)
        if taken_windows(space, windows):
            raise SlotTaken([])
        confirmed = space.booking_auto_confirm
        series = None
        if weeks:
            series = BookingSeries.objects.create(
                space=space, user=user, weeks=weeks, created_at=now
            )
        bookings = [
            Booking.objects.create(
                space=space,
                user=user,
                start=start,
                end=end,
                headcount=request.headcount,
                purpose=request.purpose,
                status=Status.CONFIRMED if confirmed else Status.REQUESTED,
                # The answer is due before the time itself begins.
                expires_at=None
                if confirmed
                else min(now + dt.timedelta(hours=space.booking_request_hours), start),
                decided_at=now if confirmed else None,
                created_at=now,
                series=series,
            )
            for start, end in windows
        ]
        booking = bookings[0]
        notify(booking, Notice.Kind.CONFIRMED if confirmed else Notice.Kind.RECEIVED)
        if not confirmed:
            notify_operator(booking)
    return booking


def taken_windows(space, windows):
    """The windows of ``windows`` that an active booking of the space overlaps (one
    query for a whole series)."""
    overlaps = Q()
    for start, end in windows:
        overlaps |= Q(start__lt=end, end__gt=start)
    held = list(
        Booking.objects.filter(space=space).active().filter(overlaps).values_list("start", "end")
    )
    return [(s, e) for s, e in windows if any(a < e and b > s for a, b in held)]


def expire_overdue(*, space=None, user=None, now=None):
    """Requests nobody answered in time expire and free their slot. Returns how many."""
    now = now or timezone.now()
    overdue = Booking.objects.overdue_requests(now)
    if space is not None:
        overdue = overdue.filter(space=space)
    if user is not None:
        overdue = overdue.filter(user=user)
    count = 0
    told = set()  # a recurring request's dates expiring together: one e-mail
    for booking in overdue.select_related("user", "space"):
        # Conditional, so two processes expiring at once tell the resident once.
        changed = Booking.objects.filter(pk=booking.pk, status=Status.REQUESTED).update(
            status=Status.EXPIRED, decided_at=now
        )
        if changed:
            booking.status, booking.decided_at = Status.EXPIRED, now
            if booking.series_id is None or booking.series_id not in told:
                notify(booking, Notice.Kind.EXPIRED)
                told.add(booking.series_id)
            count += 1
    return count


# --- weekly series -----------------------------------------------------------------------

MAX_SERIES_WEEKS = 12


def series_weeks_limit(space):
    """The most weeks a series may ask for: as many as the horizon holds, at most 12."""
    return min(MAX_SERIES_WEEKS, space.booking_horizon_days // 7 + 1)


@dataclass
class SeriesDate:
    """One date of a weekly series and why it cannot be booked (empty: it can)."""

    start: dt.datetime
    end: dt.datetime
    problems: list = field(default_factory=list)

    @property
    def day(self):
        return local(self.start).date()


class SeriesConflicts(Exception):
    """Some dates of a series cannot be booked: nothing was booked. ``dates`` are all
    of them, each with its problems; ``skipped`` the days the resident left out."""

    def __init__(self, dates, weeks, skipped=()):
        super().__init__("series conflicts")
        self.dates = dates
        self.weeks = weeks
        self.skipped = set(skipped)

    @property
    def bookable(self):
        return [d for d in self.dates if not d.problems]


def parse_weeks(data, space, request):
    """The number of weeks of a series (2 to ``series_weeks_limit``), or None with the
    error on ``request``."""
    limit = series_weeks_limit(space)
    raw = str(data.get("weeks", "") or "").strip()
    if not raw:
        request.error("weeks", _("Say for how many weeks."))
        return None
    try:
        weeks = int(raw)
        if not 2 <= weeks <= limit:
            raise ValueError
    except ValueError:
        request.error("weeks", _("Choose from 2 to %(max)d weeks.") % {"max": max(limit, 2)})
        return None
    return weeks


def series_dates(space, start, end, weeks, *, now=None):
    """The series' dates, the same weekday and time each week, each checked with the
    rules of its day and against the bookings holding it (one query for all)."""
    now = now or timezone.now()
    dates = [
        SeriesDate(start + dt.timedelta(weeks=n), end + dt.timedelta(weeks=n)) for n in range(weeks)
    ]
    held = list(
        Booking.objects.filter(space=space)
        .active()
        .exclude(status=Status.REQUESTED, expires_at__lte=now)
        .overlapping(dates[0].start, dates[-1].end)
        .values_list("start", "end", "status")
    )
    for date in dates:
        date.problems = [
            message for _name, message in date_errors(space, date.start, date.end, now=now)
        ]
        statuses = {s for a, b, s in held if a < date.end and b > date.start}
        if Status.CONFIRMED in statuses:
            date.problems.append(_("Someone has booked that time."))
        elif statuses:
            date.problems.append(_("Someone's request holds that time."))
    return dates


def _skipped_days(data):
    values = data.getlist("skip") if hasattr(data, "getlist") else data.get("skip", [])
    days = set()
    for value in values if isinstance(values, list | tuple) else [values]:
        try:
            days.add(dt.date.fromisoformat(str(value).strip()[:10]))
        except ValueError:
            continue
    return days


def request_series(user, space, data, *, now=None):
    """Read, check and book the same time every week. Every date is checked like a
    single request; the rules that do not depend on the day (length, steps, capacity,
    the open-request limit — a series counts once) refuse the whole form with
    ``BookingError``. When a date cannot be booked, nothing is booked: ``SeriesConflicts``
    lists every date with its problems, and the resident sends the form again with the
    days to leave out (``skip``). Returns the series' first Booking."""
    check_confirmed(user)
    now = now or timezone.now()
    request = parse_request(data, space=space)
    weeks = parse_weeks(data, space, request)
    errors = request.errors
    if request.start and request.end:
        rules = rule_errors(
            space, request.start, request.end, request.headcount, now=now, user=user, dates=False
        )
        for name, messages in rules.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))
    if errors:
        raise BookingError(errors)
    skipped = _skipped_days(data)
    for attempt in range(MAX_ATTEMPTS):
        dates = series_dates(space, request.start, request.end, weeks, now=now)
        wanted = [d for d in dates if d.day not in skipped]
        if not wanted or any(d.problems for d in wanted):
            raise SeriesConflicts(dates, weeks, skipped)
        windows = [(d.start, d.end) for d in wanted]
        try:
            return _insert(user, space, request, now=now, windows=windows, weeks=weeks)
        except SlotTaken:
            continue  # taken meanwhile: the dates are checked again, and named
        except (IntegrityError, OperationalError):
            # The exclusion constraint refused a date someone took meanwhile (the whole
            # series rolled back), or a lost deadlock: check again, then retry.
            if attempt == MAX_ATTEMPTS - 1:
                break
    raise SeriesConflicts(
        series_dates(space, request.start, request.end, weeks, now=now), weeks, skipped
    )


# --- decisions -----------------------------------------------------------------------


TRANSITIONS = {
    "confirm": ({Status.REQUESTED}, Status.CONFIRMED, Notice.Kind.CONFIRMED),
    "decline": ({Status.REQUESTED, Status.CONFIRMED}, Status.DECLINED, Notice.Kind.DECLINED),
    "cancel": ({Status.REQUESTED, Status.CONFIRMED}, Status.CANCELLED, Notice.Kind.CANCELLED),
}


class InvalidTransition(Exception):
    pass


def decide(booking, action, *, by=None, reason="", now=None):
    """Confirm, decline or cancel; the change and its e-mail are one transaction."""
    allowed, status, kind = TRANSITIONS[action]
    now = now or timezone.now()
    # An overdue request expires first, for good (and its resident is told), whatever
    # becomes of the decision.
    with transaction.atomic():
        expire_overdue(space=booking.space, now=now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in allowed:
            raise InvalidTransition(
                _("This booking is %(status)s and cannot be changed that way.")
                % {"status": booking.get_status_display()}
            )
        booking.status = status
        booking.reason = reason[:300]
        booking.decided_by = by
        booking.decided_at = now
        booking.expires_at = None
        booking.save(update_fields=["status", "reason", "decided_by", "decided_at", "expires_at"])
        notify(booking, kind)
        if action == "cancel" and by == booking.user:
            notify_operator(booking, Notice.Kind.CANCELLED)
    return booking


# --- notices -----------------------------------------------------------------------------


def notify(booking, kind):
    """Queue an e-mail to the resident (sent after commit, retried until it goes out)."""
    if booking.user and booking.user.email:  # not for a deleted member
        _queue(booking, kind, booking.user.email)


def notify_operator(booking, kind=Notice.Kind.REQUESTED):
    """Queue the e-mail to the space's contact address and to each operator account; a
    space with neither (e.g. one the city imported) has its requests sent to City staff,
    so a request never waits unseen until it expires."""
    from spaces.access import STAFF_GROUP
    from spaces.models import SpaceOperator

    recipients = [booking.space.email] + list(
        SpaceOperator.objects.filter(
            space_id=booking.space_id, status=SpaceOperator.Status.ACTIVE
        ).values_list("user__email", flat=True)
    )
    if not any(recipients):
        recipients = list(
            get_user_model()
            .objects.filter(groups__name=STAFF_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    for email in dict.fromkeys(address.strip().lower() for address in recipients if address):
        _queue(booking, kind, email)


def _queue(booking, kind, recipient):
    from .tasks import send_notices

    Notice.objects.create(
        booking=booking, kind=kind, recipient=recipient, language=settings.LANGUAGE_CODE
    )
    transaction.on_commit(lambda: send_notices.enqueue(), robust=True)


# --- free time -----------------------------------------------------------------------


@dataclass
class Slot:
    start: dt.datetime
    end: dt.datetime
    free: bool
    late: bool = False  # not free because it has passed or is too soon to book

    @property
    def label(self):
        return f"{local(self.start):%H:%M}–{local(self.end):%H:%M}"


def day_slots(space, day, *, now=None, bookings=None):
    """The day's opening hours cut into the space's steps, each free or taken (taken:
    an active booking overlaps it, or it has passed, or it is too soon to book)."""
    now = now or timezone.now()
    if not space.opening_hours or closure_on(space, day):
        return []
    step = dt.timedelta(minutes=space.booking_slot_minutes or 30)
    start_of_day = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    try:
        intervals = list(
            hours.open_intervals(
                space.opening_hours,
                timezone.make_naive(start_of_day),
                timezone.make_naive(start_of_day) + dt.timedelta(days=1),
            )
        )
    except Exception:
        return []
    if bookings is None:
        bookings = list(
            Booking.objects.filter(space=space)
            .active()
            .exclude(status=Status.REQUESTED, expires_at__lte=now)
            .overlapping(start_of_day, start_of_day + dt.timedelta(days=1))
            .only("start", "end")
        )
    earliest = now + dt.timedelta(hours=space.booking_lead_hours)
    slots = []
    for a, b in intervals:
        cursor = timezone.make_aware(a)
        closes = timezone.make_aware(b)
        while cursor + step <= closes:
            end = cursor + step
            late = cursor < earliest
            taken = late or any(x.start < end and x.end > cursor for x in bookings)
            slots.append(Slot(cursor, end, not taken, late))
            cursor = end
    return slots


def nearest_free(space, start, end, *, now=None, count=SUGGESTIONS):
    """Free windows of the same length as [start, end), nearest to it first: the same
    day, then the following days."""
    now = now or timezone.now()
    length = end - start
    found = []
    for offset in range(SEARCH_DAYS):
        day = local(start).date() + dt.timedelta(days=offset)
        slots = day_slots(space, day, now=now)
        step = dt.timedelta(minutes=space.booking_slot_minutes or 30)
        need = max(1, round(length / step))
        for i in range(len(slots) - need + 1):
            run = slots[i : i + need]
            contiguous = all(run[k].end == run[k + 1].start for k in range(len(run) - 1))
            if contiguous and all(s.free for s in run):
                window = (run[0].start, run[-1].end)
                if not rule_errors(space, *window, None, now=now):
                    found.append(window)
        if len(found) >= count and offset > 0:
            break
    found.sort(key=lambda w: abs((w[0] - start).total_seconds()))
    return found[:count]


# --- the week of free and taken times ----------------------------------------------------

FREE, TAKEN, REQUESTED, CLOSED, PAST = "free", "taken", "requested", "closed", "past"


@dataclass
class Cell:
    """One step of a day in the week view: free, taken (a confirmed booking), requested
    (a request waiting for an answer holds it), closed (outside the opening hours) or
    past (gone, or too soon for the lead time). Never whose booking it is."""

    start: dt.datetime
    end: dt.datetime
    state: str

    @property
    def free(self):
        return self.state == FREE


@dataclass
class WeekDay:
    """A day of the week view. ``cells`` is empty when nothing can be booked that day:
    ``closure`` closes it, it is past the horizon (``beyond``), or the space does not
    open."""

    date: dt.date
    cells: list = field(default_factory=list)
    closure: object = None
    beyond: bool = False

    @property
    def free_minutes(self):
        return sum(int((c.end - c.start) / dt.timedelta(minutes=1)) for c in self.cells if c.free)


def _midnight(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _open_minutes(space, first, last):
    """{date: [(from, to)]}: the opening hours of the days ``first`` to ``last`` as
    minutes after the day's midnight (to 1440), holidays included; one reading of the
    rule for them all."""
    spans = {}
    if not space.opening_hours:
        return spans
    begin = timezone.make_naive(_midnight(first))
    try:
        intervals = hours.open_intervals(
            space.opening_hours, begin, begin + dt.timedelta(days=(last - first).days + 1)
        )
    except Exception:
        return spans
    for a, b in intervals:
        cursor = a
        while cursor < b:
            midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            until = min(b, midnight)
            opens = cursor.hour * 60 + cursor.minute + (1 if cursor.second else 0)
            closes = 1440 if until == midnight else until.hour * 60 + until.minute
            spans.setdefault(cursor.date(), []).append((opens, closes))
            cursor = until
    return spans


def first_bookable_day(space, *, now=None):
    """The first day one can still book some time on (the shortest booking, on the
    space's steps): after the lead time, open, not closed, within the horizon. None
    when there is none. Reads the rule once and no booking: a day fully booked is
    still a day the space takes bookings."""
    now = now or timezone.now()
    step = space.booking_slot_minutes or 30
    need = max(space.booking_min_minutes, step)
    earliest = local(now + dt.timedelta(hours=space.booking_lead_hours))
    last = local(now).date() + dt.timedelta(days=space.booking_horizon_days)
    if earliest.date() > last:
        return None
    spans = _open_minutes(space, earliest.date(), last)
    for day in sorted(spans):
        if closure_on(space, day):
            continue
        floor = 0
        if day == earliest.date():
            floor = earliest.hour * 60 + earliest.minute + (1 if earliest.second else 0)
        for opens, closes in spans[day]:
            begin = -(-max(opens, floor) // step) * step  # the first step inside
            if closes - begin >= need:
                return day
    return None


def week(space, first, *, now=None, days=7):
    """The week view from ``first``: each day's steps with their state, rows aligned
    across the days (the same times from the earliest opening to the latest closing of
    the week). One query for the week's bookings, whatever their number."""
    now = now or timezone.now()
    step = space.booking_slot_minutes or 30
    dates = [first + dt.timedelta(days=n) for n in range(days)]
    last_day = local(now).date() + dt.timedelta(days=space.booking_horizon_days)
    spans = _open_minutes(space, dates[0], dates[-1])
    result = []
    shown = {}
    for day in dates:
        closure = closure_on(space, day)
        if day <= last_day and not closure and spans.get(day):
            shown[day] = spans[day]
        result.append(WeekDay(day, closure=closure, beyond=day > last_day))
    if not shown:
        return result
    top = min(opens for day_spans in shown.values() for opens, _c in day_spans) // step * step
    bottom = max(closes for day_spans in shown.values() for _o, closes in day_spans)
    bottom = -(-bottom // step) * step
    bookings = list(
        Booking.objects.filter(space=space)
        .active()
        .exclude(status=Status.REQUESTED, expires_at__lte=now)
        .overlapping(_midnight(dates[0]), _midnight(dates[-1] + dt.timedelta(days=1)))
        .values_list("start", "end", "status")
    )
    earliest = now + dt.timedelta(hours=space.booking_lead_hours)
    for entry in result:
        day_spans = shown.get(entry.date)
        if not day_spans:
            continue
        midnight = _midnight(entry.date)
        for minute in range(top, bottom, step):
            start = midnight + dt.timedelta(minutes=minute)
            end = start + dt.timedelta(minutes=step)
            if not any(a <= minute and minute + step <= b for a, b in day_spans):
                state = CLOSED
            elif start < earliest:
                state = PAST
            else:
                holding = {s for a, b, s in bookings if a < end and b > start}
                state = TAKEN if Status.CONFIRMED in holding else REQUESTED if holding else FREE
            entry.cells.append(Cell(start, end, state))
    return result


# --- recurring bookings: one answer, one e-mail ---------------------------------------

SERIES_DECISIONS = {
    "confirm": (Status.CONFIRMED, Notice.Kind.CONFIRMED),
    "decline": (Status.DECLINED, Notice.Kind.DECLINED),
}


def _lock_dates(series):
    """The series' dates, locked like ``decide`` locks one booking (PostgreSQL; SQLite's
    IMMEDIATE transactions let one writer in at a time), in date order."""
    return list(Booking.objects.select_for_update().filter(series=series).order_by("start", "pk"))


def decide_series(series, action, *, by=None, reason="", now=None):
    """Confirm or decline every date of a recurring request that still waits for an
    answer, in one transaction with one e-mail to the resident; dates already answered,
    cancelled or expired keep their status. Returns the dates changed."""
    status, kind = SERIES_DECISIONS[action]
    now = now or timezone.now()
    # Overdue dates expire first, for good, whatever becomes of the decision.
    with transaction.atomic():
        expire_overdue(space=series.space_id, now=now)
    with transaction.atomic():
        dates = [date for date in _lock_dates(series) if date.status == Status.REQUESTED]
        if not dates:
            raise InvalidTransition(_("No date of this recurring booking waits for an answer."))
        for date in dates:
            date.status = status
            date.reason = reason[:300]
            date.decided_by = by
            date.decided_at = now
            date.expires_at = None
            date.save(update_fields=["status", "reason", "decided_by", "decided_at", "expires_at"])
        notify(dates[0], kind)
    return dates


def cancel_series(series, *, by=None, now=None):
    """Cancel every date of a recurring booking that is still active and not over, in
    one transaction: one e-mail to the resident and, when they cancel it themselves,
    one to the space's operators. Returns the dates cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        expire_overdue(space=series.space_id, now=now)
    with transaction.atomic():
        dates = [date for date in _lock_dates(series) if date.is_active and date.end > now]
        if not dates:
            raise InvalidTransition(_("No date of this recurring booking can be cancelled."))
        for date in dates:
            date.status = Status.CANCELLED
            date.reason = ""
            date.decided_by = by
            date.decided_at = now
            date.expires_at = None
            date.save(update_fields=["status", "reason", "decided_by", "decided_at", "expires_at"])
        notify(dates[0], Notice.Kind.CANCELLED)
        if by is not None and by.pk == series.user_id:
            notify_operator(dates[0], Notice.Kind.CANCELLED)
    return dates
