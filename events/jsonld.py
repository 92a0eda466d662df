"""A program page's schema.org ``Event`` (JSON-LD): the next date (or, with none to
come, the last one held, so the event stays valid for search engines), the repeating
schedule as ``eventSchedule``, the space as its location, who organises it, its
image, the fee as an ``Offer`` and the places left on the next date.

Google's rules: https://developers.google.com/search/docs/appearance/structured-data/event"""

import datetime as dt
import re

from django.utils import timezone

from core import jsonld, links

from .schedule import described_rules

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FREQUENCIES = {0: "P1Y", 1: "P1M", 2: "P1W", 3: "P1D"}  # dateutil's YEARLY … DAILY
SCHEMA = "https://schema.org/"

# An amount in won in the operator's fee note: "재료비 5,000원", "₩5,000", "5000 won".
WON = re.compile(
    r"(?:₩|KRW)\s*(\d{1,3}(?:,\d{3})+|\d+)|(\d{1,3}(?:,\d{3})+|\d+)\s*(?:원|won\b|KRW)",
    re.IGNORECASE,
)


def fee_amount(note):
    """The one amount in won that ``note`` names, or None (none, or several)."""
    amounts = {int((a or b).replace(",", "")) for a, b in WON.findall(note or "")}
    return amounts.pop() if len(amounts) == 1 else None


def program_json_ld(program, dates):
    """schema.org Event for ``program`` (the page in the visitor's language) with
    ``dates``, its dates to come in order."""
    space = program.space
    url = links.page_url(program)
    shown = dates[0] if dates else last_date(program)
    if shown is not None:
        start, end = timezone.localtime(shown.start), timezone.localtime(shown.end)
    else:  # never materialised (a schedule that gives no date): its first day and time
        start = timezone.make_aware(dt.datetime.combine(program.start_date, program.start_time))
        end = start + dt.timedelta(minutes=program.duration_minutes)
    cancelled = shown is not None and shown.cancelled
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Event",
        "name": program.title,
        "url": url,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "isAccessibleForFree": program.is_free,
        "inLanguage": program.language.split("-"),
        "location": place(space),
        "organizer": organizer(program, space),
    }
    if program.summary:
        data["description"] = program.summary
    images = jsonld.image_urls(program.image)
    if images:
        data["image"] = images
    schedule = event_schedule(program)
    if schedule:
        data["eventSchedule"] = schedule
    places_left = None
    if dates and dates[0].places is not None:
        data["maximumAttendeeCapacity"] = dates[0].places
        places_left = data["remainingAttendeeCapacity"] = dates[0].places_left
    data["offers"] = offer(program, url, places_left, upcoming=bool(dates))
    return jsonld.dumps(data)


def last_date(program):
    """The latest date the program had, when none is to come (one query)."""
    return program.source.occurrences.order_by("-start").first()


def place(space):
    data = {
        "@type": "Place",
        "name": space.display_title,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": space.address,
            "addressLocality": space.district_term.name,
            "addressRegion": "서울특별시",
            "addressCountry": "KR",
        },
    }
    url = links.page_url(space)
    if url:
        data["url"] = url
    if space.latitude is not None and space.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": space.latitude,
            "longitude": space.longitude,
        }
    return data


def organizer(program, space):
    """Who the program page names as organiser, else whoever runs the space."""
    if program.organiser_name:
        return {"@type": "Organization", "name": program.organiser_name}
    data = {"@type": "Organization", "name": space.operator_name or space.display_title}
    url = space.website or links.page_url(space)
    if url:
        data["url"] = url
    return data


def offer(program, url, places_left, upcoming):
    """Free (price 0) or the fee: the amount in won when the fee note names one, the
    note itself as the description."""
    data = {"@type": "Offer", "url": url, "priceCurrency": "KRW"}
    if program.is_free:
        data["price"] = 0
    else:
        amount = fee_amount(program.fee_note)
        if amount is not None:
            data["price"] = amount
    if program.fee_note:
        data["description"] = program.fee_note
    if upcoming:  # a program whose dates are all past offers nothing
        data["availability"] = SCHEMA + ("SoldOut" if places_left == 0 else "InStock")
    return data


def event_schedule(program):
    """schema.org Schedule of a repeating program (None for single dates)."""
    rules = described_rules(program)
    if not rules:
        return None
    rule = rules[0]
    schedule = {
        "@type": "Schedule",
        "startDate": program.start_date.isoformat(),
        "startTime": program.start_time.strftime("%H:%M"),
        "endTime": program.end_time.strftime("%H:%M"),
        "duration": f"PT{program.duration_minutes}M",
        "repeatFrequency": FREQUENCIES.get(rule.freq, "P1W"),
        "scheduleTimezone": "Asia/Seoul",
    }
    if rule.byday:
        schedule["byDay"] = [SCHEMA + DAYS[int(getattr(day, "weekday", day))] for day in rule.byday]
    if rule.until:
        until = timezone.localtime(rule.until) if timezone.is_aware(rule.until) else rule.until
        schedule["endDate"] = until.date().isoformat()
    return schedule
