""" "Add to calendar" links for one event: Google Calendar and Outlook open their own
"new event" form filled in (nothing is sent until the person saves it there), and a
calendar file (.ics) for Apple's and every other calendar. The same links serve a
program date, a booking and a registration, so they are built in one place.

Neither Google nor Outlook documents these addresses as an API; they are the links
their own "share event" buttons make, used the same way by most public sites."""

import datetime as dt
from urllib.parse import quote, urlencode

GOOGLE = "https://calendar.google.com/calendar/render?"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose?"
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r?cid="
TIME_ZONE = "Asia/Seoul"


def event_links(title, start, end, *, location="", details="", ics=None):
    """{"google", "outlook", "ics"} for an event from ``start`` to ``end`` (aware
    datetimes): ``ics`` is the address of its calendar file, when it has one."""
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    links = {
        "google": GOOGLE
        + urlencode(
            {
                "action": "TEMPLATE",
                "text": title,
                "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
                "ctz": TIME_ZONE,  # the event is kept in Seoul time, as our files say
                "details": details,
                "location": location,
            }
        ),
        "outlook": OUTLOOK
        + urlencode(
            {
                "subject": title,
                "startdt": start.isoformat(),
                "enddt": end.isoformat(),
                "body": details,
                "location": location,
            }
        ),
    }
    if ics:
        links["ics"] = ics
    return links


def webcal(url):
    """A feed's ``https://`` (or ``http://``) address as ``webcal://``: phones and
    desktop calendars open it as a subscription instead of downloading the file once."""
    scheme, sep, rest = url.partition("://")
    return f"webcal://{rest}" if sep and scheme in ("http", "https") else url


def google_subscribe(url):
    """Google Calendar's "add this calendar by URL" page for the feed at ``url``."""
    return GOOGLE_SUBSCRIBE + quote(webcal(url), safe="")
