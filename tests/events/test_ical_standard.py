"""Calendars as Google, Apple and Outlook read them (RFC 5545), read back with
independent libraries: ``icalendar`` parses the files and ``recurring-ical-events``
expands each program's series (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) into
dates, which must be the dates the program page shows. Times carry TZID=Asia/Seoul
and a VTIMEZONE; UIDs, DTSTAMP and SEQUENCE stay the same across hosts and downloads
and move on with a publication; every calendar answers 304 to a client that has it."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import icalendar
import pytest
import recurring_ical_events

from events import services
from events.models import Occurrence, Registration, RegistrationStatus
from residents.models import profile_for

from .conftest import NOW, TODAY, page_dates, republish, seoul, translate

pytestmark = pytest.mark.usefixtures("clock")

SEOUL = ZoneInfo("Asia/Seoul")
HORIZON_END = seoul(TODAY + dt.timedelta(days=181), 0)  # past the last kept date


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse(response):
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def masters(cal):
    return [event for event in vevents(cal) if "RECURRENCE-ID" not in event]


def expanded(cal, start=NOW, end=HORIZON_END):
    """[(start, end, cancelled, summary)] of every date the calendar gives from
    ``start`` to ``end``, as a calendar app works them out."""
    found = recurring_ical_events.of(cal).between(start, end)
    return sorted(
        (
            event.decoded("DTSTART").astimezone(SEOUL),
            event.decoded("DTEND").astimezone(SEOUL),
            str(event.get("STATUS")) == "CANCELLED",
            str(event["SUMMARY"]),
        )
        for event in found
    )


def shown_dates(client, program_url):
    """(start, cancelled) of each date on the program page."""
    return [
        (dt.datetime.fromisoformat(date["when"]).astimezone(SEOUL), date["cancelled"])
        for date in page_dates(client.get(program_url))
    ]


def kept(program, since=NOW, until=HORIZON_END):
    """The program's kept dates from ``since`` to ``until``: (start, end, cancelled)."""
    dates = Occurrence.objects.filter(program=program, end__gt=since, start__lt=until)
    return [
        (timezone.localtime(o.start), timezone.localtime(o.end), o.cancelled)
        for o in dates.order_by("start")
    ]


# --- one series, the page's dates --------------------------------------------------------


@pytest.mark.parametrize("language", ["", "/en"])
def test_a_weekly_program_is_one_series_giving_the_dates_its_page_shows(
    client, make_program, language
):
    program = make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    if language:
        program = translate(program, title="Knitting circle")
    url = f"{program.url}calendar.ics"
    assert url.startswith(f"{language}/spaces/")

    cal = parse(fetch(client, url))

    [master] = vevents(cal)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU,TH"
    assert master.decoded("DTSTART") == seoul(dt.date(2026, 12, 1), 19)
    dates = expanded(cal)
    assert [(start, cancelled) for start, _end, cancelled, _s in dates] == shown_dates(
        client, program.url
    )
    assert len(dates) == 52
    assert {end - start for start, end, *_rest in dates} == {dt.timedelta(minutes=90)}
    assert {summary for *_rest, summary in dates} == {
        "Knitting circle" if language else "뜨개질 모임"
    }


def test_times_are_seoul_times_with_their_time_zone(client, make_program):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    text = fetch(client, f"{program.url}calendar.ics").content.decode()

    assert "DTSTART;TZID=Asia/Seoul:20261201T190000" in text
    assert "DTEND;TZID=Asia/Seoul:20261201T203000" in text
    cal = icalendar.Calendar.from_ical(text)
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Seoul"
    [standard] = zone.walk("STANDARD")
    assert standard["TZOFFSETTO"].to_ical() == "+0900"
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Seoul"


@pytest.mark.parametrize(
    "schedule, count",
    [
        ("RRULE:FREQ=MONTHLY;BYDAY=+2SA", 6),  # the second Saturday
        ("RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3", 3),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 13),  # the first Monday is 14 Dec
        ("RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20261225T000000", 4),  # the end day counts
        ("RRULE:FREQ=DAILY", 181),
        ("", 1),  # a single date
        ("RDATE:20261210T000000\nRDATE:20261217T000000", 3),  # and dates added
        (
            "RRULE:FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1",
            26 + 6 - 1,
        ),  # 1 Dec is both
        ("RRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXRULE:FREQ=MONTHLY;BYDAY=+1TU", 52 - 6),
    ],
)
def test_any_schedule_gives_exactly_its_kept_dates(client, make_program, schedule, count):
    program = make_program(schedule=schedule)
    cal = parse(fetch(client, f"{program.url}calendar.ics"))

    assert len(masters(cal)) == 1
    dates = [(start, end, cancelled) for start, end, cancelled, _s in expanded(cal)]
    assert dates == kept(program)
    assert len(dates) == count


def test_a_left_out_date_is_an_exdate_and_an_added_one_an_rdate(client, make_program):
    program = make_program(
        schedule="RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20261208T000000\nRDATE:20261212T000000"
    )
    cal = parse(fetch(client, f"{program.url}calendar.ics"))

    [master] = vevents(cal)
    assert "EXDATE;TZID=Asia/Seoul:20261208T190000" in master.to_ical().decode()
    assert "RDATE;TZID=Asia/Seoul:20261212T190000" in master.to_ical().decode()
    days = [start.date() for start, *_rest in expanded(cal, end=seoul(dt.date(2026, 12, 31)))]
    assert days == [dt.date(2026, 12, d) for d in (1, 12, 15, 22, 29)]
    assert [(s, e, c) for s, e, c, _t in expanded(cal)] == kept(program)


def test_a_date_cancelled_with_people_registered_is_an_override_marked_cancelled(
    client, make_program, make_resident
):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    thursday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 3)))
    services.register(make_resident(), thursday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")

    cal = parse(fetch(client, f"{program.url}calendar.ics"))

    [master] = masters(cal)
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    [override] = [event for event in vevents(cal) if "RECURRENCE-ID" in event]
    assert override.decoded("RECURRENCE-ID") == seoul(dt.date(2026, 12, 3))
    assert str(override["STATUS"]) == "CANCELLED"
    assert str(override["UID"]) == str(master["UID"])
    dates = expanded(cal)
    assert [(start, cancelled) for start, _e, cancelled, _s in dates] == shown_dates(
        client, program.url
    )
    assert (seoul(dt.date(2026, 12, 3)), True) in [(s, c) for s, _e, c, _t in dates]


def test_a_past_date_kept_at_its_old_time_is_an_override(client, make_program, clock):
    """The program moves from 19:00 to 18:00 after two dates took place: those stay at
    19:00 in the calendar, the series goes on at 18:00."""
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    clock.move_to(NOW + dt.timedelta(days=4))  # Friday 4 December
    republish(program, start_time=dt.time(18))

    cal = parse(fetch(client, f"{program.url}calendar.ics"))

    [master] = masters(cal)
    assert master.decoded("DTSTART") == seoul(dt.date(2026, 12, 1), 18)
    moved = {
        e.decoded("RECURRENCE-ID"): e.decoded("DTSTART")
        for e in vevents(cal)
        if "RECURRENCE-ID" in e
    }
    assert moved == {
        seoul(dt.date(2026, 12, 1), 18): seoul(dt.date(2026, 12, 1), 19),
        seoul(dt.date(2026, 12, 3), 18): seoul(dt.date(2026, 12, 3), 19),
    }
    since = seoul(TODAY, 0)
    assert [(s, e, c) for s, e, c, _t in expanded(cal, start=since)] == kept(program, since)


# --- identity and versions -----------------------------------------------------------------


def test_uids_and_links_are_the_same_whichever_host_or_language_is_asked(client, make_program):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    english = translate(program, title="Knitting circle")
    with translation.override("ko"):
        korean_url = program.url
    with translation.override("en"):
        english_url = english.url
    answers = [
        fetch(client, f"{korean_url}calendar.ics", host=host) for host in ("127.0.0.1", "localhost")
    ]
    answers.append(fetch(client, f"{english_url}calendar.ics", host="localhost"))
    uids = {str(event["UID"]) for answer in answers for event in vevents(parse(answer))}
    assert uids == {f"program-{program.pk}@testserver"}  # PORTAL_BASE_URL's host
    links = [str(vevents(parse(answer))[0]["URL"]) for answer in answers]
    assert links == [f"http://testserver{korean_url}"] * 2 + [f"http://testserver{english_url}"]
    assert answers[0].content == answers[1].content
    for answer in answers:
        assert b"127.0.0.1" not in answer.content and b"localhost" not in answer.content


def test_the_event_says_where_and_links_back_in_its_description(client, make_program):
    program = make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    cal = parse(fetch(client, f"{program.url}calendar.ics"))
    assert str(cal["X-WR-CALNAME"]) == "뜨개질 모임"
    [event] = vevents(cal)
    assert str(event["DESCRIPTION"]) == f"함께 뜨개질해요.\n\nhttp://testserver{program.url}"
    assert str(event["URL"]) == f"http://testserver{program.url}"
    assert str(event["LOCATION"]).startswith("망원 작은도서관, ")


def test_dtstamp_is_the_last_change_and_sequence_grows_with_each(client, make_program, clock):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    url = f"{program.url}calendar.ics"

    def version():
        [event] = vevents(parse(fetch(client, url)))
        return event.decoded("DTSTAMP"), int(event["SEQUENCE"])

    first = version()
    assert first[0] == program.last_published_at
    clock.move_to(NOW + dt.timedelta(hours=5))
    assert version() == first  # a later download is the same version

    republish(program, title="뜨개질 교실")
    second = version()
    assert second[0] == NOW + dt.timedelta(hours=5) and second[1] > first[1]

    clock.move_to(NOW + dt.timedelta(hours=6))
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=WE")
    third = version()
    assert third[1] > second[1]


def test_a_draft_changes_no_calendar(client, make_program):
    program = make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    url = f"{program.url}calendar.ics"
    before = fetch(client, url).content
    program.title = "초안 제목"
    program.save_revision()  # not published
    after = fetch(client, url).content
    assert after == before
    assert "초안 제목" not in after.decode()


# --- the calendars of a space and of every program ----------------------------------------


def test_every_program_calendar_holds_one_series_a_program_and_the_listed_dates(
    client, make_program, make_space
):
    kitchen = make_space(title="성수 공유부엌", district="seongdong", space_type="shared-kitchen")
    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    make_program(title="그림책 읽는 저녁", schedule="RRULE:FREQ=MONTHLY;BYDAY=+2SA")
    make_program(
        parent=kitchen, title="제철 요리 교실", schedule="RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3"
    )
    window_end = seoul(TODAY + dt.timedelta(weeks=8), 0)

    for url in ("/programs/calendar.ics", "/en/programs/calendar.ics"):
        cal = parse(fetch(client, url))
        assert sorted(str(e["SUMMARY"]) for e in masters(cal)) == [
            "그림책 읽는 저녁",
            "뜨개질 모임",
            "제철 요리 교실",
        ]
        listed = sorted(
            (timezone.localtime(o.start), timezone.localtime(o.end), o.cancelled, o.program.title)
            for o in Occurrence.objects.filter(start__lt=window_end).select_related("program")
        )
        assert expanded(cal, end=window_end) == listed

    cal = parse(fetch(client, f"{kitchen.url}calendar.ics"))
    assert [str(e["SUMMARY"]) for e in masters(cal)] == ["제철 요리 교실"]
    assert len(expanded(cal)) == 3


def test_the_calendar_of_every_program_costs_the_same_queries_however_many(client, make_program):
    def build_queries():
        with CaptureQueriesContext(connection) as queries:
            fetch(client, "/en/programs/calendar.ics")  # in English: translations too
        return len(queries)

    for _n in range(2):
        make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    fetch(client, "/en/programs/calendar.ics")  # memos fill
    make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=MO")  # a new version: built again
    few = build_queries()
    assert few > 0  # built, not read back
    for n in range(6):
        make_program(schedule=f"RRULE:FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE'][n % 3]}")
    many = build_queries()
    assert many <= few


# --- 304 for every calendar ------------------------------------------------------------------


@pytest.fixture
def registered(make_program, resident):
    program = make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    registration = services.register(resident, program.occurrences.order_by("start")[0].pk)
    return program, registration


def every_calendar(program, registration, resident):
    token = profile_for(resident).calendar_token
    space = program.get_parent()
    urls = {
        "every program": "/programs/calendar.ics",
        "a space": f"{space.url}calendar.ics",
        "a program": f"{program.url}calendar.ics",
        "a registration": f"/accounts/registrations/{registration.pk}/registration.ics",
        "the personal feed": f"/accounts/calendar/{token}.ics",
    }
    return urls | {
        f"{name} in English": f"/en{url}" for name, url in urls.items() if "feed" not in name
    }


@pytest.mark.parametrize(
    "which",
    [
        "every program",
        "a space",
        "a program",
        "a registration",
        "the personal feed",
        "every program in English",
        "a program in English",
        "a registration in English",
    ],
)
def test_every_calendar_answers_304_to_a_client_that_has_it(client, registered, resident, which):
    program, registration = registered
    client.force_login(resident)
    url = every_calendar(program, registration, resident)[which]
    first = fetch(client, url)
    assert first["ETag"] and first["Last-Modified"]

    for headers in (
        {"If-None-Match": first["ETag"]},
        {"If-Modified-Since": first["Last-Modified"]},
    ):
        again = client.get(url, headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again["ETag"] == first["ETag"]

    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.parametrize("which", ["a program", "a registration", "the personal feed"])
def test_a_change_gives_a_new_etag_and_the_new_file(
    client, registered, resident, committing, clock, which
):
    program, registration = registered
    client.force_login(resident)
    url = every_calendar(program, registration, resident)[which]
    first = fetch(client, url)
    clock.move_to(NOW + dt.timedelta(minutes=5))

    with committing():
        republish(program, title="뜨개질 교실")

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "뜨개질 교실" in {str(e["SUMMARY"]) for e in vevents(parse(again))}
    modified = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert modified.status_code == 200


# --- a registration's file and the personal feed ------------------------------------------------


def test_a_registration_is_the_same_event_in_its_file_and_the_feed(client, registered, resident):
    program, registration = registered
    client.force_login(resident)
    token = profile_for(resident).calendar_token
    [single] = vevents(
        parse(
            fetch(
                client,
                f"/accounts/registrations/{registration.pk}/registration.ics",
                host="localhost",
            )
        )
    )
    feed = parse(fetch(client, f"/accounts/calendar/{token}.ics", host="127.0.0.1"))
    [in_feed] = vevents(feed)
    assert str(single["UID"]) == str(in_feed["UID"]) == f"registration-{registration.pk}@testserver"
    assert single.decoded("DTSTART") == in_feed.decoded("DTSTART") == seoul(dt.date(2026, 12, 1))
    assert "DTSTART;TZID=Asia/Seoul:20261201T190000" in single.to_ical().decode()
    assert feed.walk("VTIMEZONE")
    assert int(single["SEQUENCE"]) == int(in_feed["SEQUENCE"])
    assert single.decoded("DTSTAMP") == in_feed.decoded("DTSTAMP") == registration.created_at
    assert str(single["URL"]) == f"http://testserver{program.url}"


def test_a_registrations_sequence_grows_as_it_changes(client, registered, resident, clock):
    program, registration = registered
    client.force_login(resident)
    url = f"/accounts/registrations/{registration.pk}/registration.ics"

    def version():
        [event] = vevents(parse(fetch(client, url)))
        return str(event["STATUS"]), int(event["SEQUENCE"])

    status, placed = version()
    assert status == "CONFIRMED"
    clock.move_to(NOW + dt.timedelta(hours=1))
    services.cancel(Registration.objects.get(pk=registration.pk), by=resident)
    status, cancelled = version()
    assert status == "CANCELLED" and cancelled > placed
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


def test_the_feed_names_itself_and_keeps_its_bytes_between_fetches(
    client, registered, resident, clock
):
    token = profile_for(resident).calendar_token
    first = fetch(client, f"/accounts/calendar/{token}.ics")
    clock.move_to(NOW + dt.timedelta(hours=2))
    again = fetch(client, f"/accounts/calendar/{token}.ics")
    assert again.content == first.content
    assert str(parse(first)["X-WR-CALNAME"]) == "커뮤니티 공간 — 내 일정"
    assert re.search(rb"DTSTAMP:\d{8}T\d{6}Z", first.content)


def test_the_google_link_keeps_the_date_in_seoul_time_and_links_back(client, make_program):
    from urllib.parse import parse_qs, urlsplit

    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    with translation.override("ko"):
        url = program.url
    html = client.get(url).content.decode()
    link = re.search(r'href="(https://calendar\.google\.com/calendar/render\?[^"]+)"', html)
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert query["ctz"] == ["Asia/Seoul"]
    assert query["dates"] == ["20261201T100000Z/20261201T113000Z"]
    assert query["details"][0].endswith(f"http://testserver{url}")
