"""Calendar files (RFC 5545) as Google, Apple and Outlook read them, in one place for
every calendar the portal serves: the programs' (all, a space's, one program's), a
registration's file and the resident's own feed.

- Times carry ``TZID=Asia/Seoul`` and the file its ``VTIMEZONE`` (calendars that do not
  know the zone by name still place the event right); ``X-WR-TIMEZONE`` is kept for
  Google and Apple.
- UIDs are ``<kind>-<id>@<host of PORTAL_BASE_URL>``: the same from any host the portal
  answers on (``127.0.0.1``, ``localhost``, a proxy's name) and on every download.
- DTSTAMP and LAST-MODIFIED are the item's last change, not the download time, and
  SEQUENCE is that time in seconds since ``EPOCH``: it grows with every change, and the
  same data gives the same bytes. (A file without METHOD, so DTSTAMP is "last revised",
  RFC 5545 §3.8.7.2.)
- Each event has its URL and a description that ends with that URL (some calendars
  show the description only).

Answers: ``respond`` sends ETag and Last-Modified and answers 304 to ``If-None-Match``
or ``If-Modified-Since`` (Django's ``get_conditional_response``)."""

import datetime as dt
import hashlib

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import links

TIME_ZONE = "Asia/Seoul"
# The years the VTIMEZONE covers (schedules' dates fall between 2000 and 2100,
# ``events.schedule``); Seoul has kept +09:00 without daylight saving since 1988.
ZONE_YEARS = (dt.date(2000, 1, 1), dt.date(2101, 1, 1))
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)  # SEQUENCE counts seconds from here


def seoul():
    return timezone.get_default_timezone()


def host():
    """The host name UIDs end with: the configured public address's."""
    return links.split(links.base_url())[1] or "community-space"


def uid(kind, pk):
    """``program-12@portal.example.org``: stable across hosts and downloads."""
    return f"{kind}-{pk}@{host()}"


def last_change(*moments):
    """The latest of ``moments`` (None ignored), or ``EPOCH`` when none is known."""
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else EPOCH


def sequence(changed):
    """SEQUENCE for an item last changed at ``changed``: seconds since ``EPOCH``, so it
    grows with every change without a counter to keep (and fits a 32-bit integer until
    2088)."""
    return max(int((changed - EPOCH).total_seconds()), 0)


def local(moment):
    """``moment`` on Seoul's clock, written with ``TZID=Asia/Seoul``."""
    return timezone.localtime(moment, seoul())


def new_calendar(name, *, kind, description=""):
    """An empty calendar named ``name`` (X-WR-CALNAME), ``kind`` naming its product."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//Community Space//{kind}//KO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TIME_ZONE)
    return calendar


def new_event(
    uid,
    *,
    start,
    end,
    summary,
    changed,
    url=None,
    location="",
    geo=None,
    description="",
    status="CONFIRMED",
    recurrence_id=None,
):
    """A VEVENT: ``changed`` (aware) gives DTSTAMP, LAST-MODIFIED and SEQUENCE; the
    description ends with ``url``."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", changed.astimezone(dt.UTC))
    event.add("last-modified", changed.astimezone(dt.UTC))
    event.add("sequence", sequence(changed))
    if recurrence_id is not None:
        event.add("recurrence-id", local(recurrence_id))
    event.add("dtstart", local(start))
    event.add("dtend", local(end))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if geo is not None and geo[0] is not None:
        event.add("geo", geo)
    if url:
        event.add("url", url)
    text = "\n\n".join(part for part in (description, url) if part)
    if text:
        event.add("description", text)
    event.add("status", status)
    return event


def to_bytes(calendar):
    """The file, with a VTIMEZONE for every zone its times name."""
    calendar.add_missing_timezones(*ZONE_YEARS)
    return calendar.to_ical()


def etag_of(body):
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:32] + '"'


def respond(request, body, *, etag, last_modified, filename, disposition="inline"):
    """The calendar ``body`` (bytes, or a function building them, called only when the
    client's copy is not current) with its validators; 304 when the client's copy is
    current. ``last_modified`` is a Unix time or an aware datetime."""
    if isinstance(last_modified, dt.datetime):
        last_modified = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        if callable(body):
            body = body()
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response
