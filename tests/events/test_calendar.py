"""Calendars (RFC 5545): every program at ``/programs/calendar.ics``, a space's at
``<space url>calendar.ics``, one program's at ``<program url>calendar.ics`` — each
program one series with a stable UID, the page's URL, the address and geo, whose dates
(expanded by ``recurring-ical-events``, as calendar apps do) are the program's;
cancelled dates say so. More in ``test_ical_standard``."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

import icalendar
import pytest
import recurring_ical_events

from events import services
from events.models import Occurrence
from tests.conftest import write_as_recorded

from .conftest import NOW, republish, seoul

pytestmark = pytest.mark.usefixtures("clock")

SEOUL = ZoneInfo("Asia/Seoul")


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


FIRST = seoul(dt.date(2026, 10, 1), 0)
PAST_THE_HORIZON = seoul(dt.date(2027, 6, 1), 0)  # the kept dates end on 29 May


def events(cal, end=PAST_THE_HORIZON):
    """Every date the calendar gives until ``end``, its series expanded."""
    found = recurring_ical_events.of(cal).between(FIRST, end)
    return sorted(found, key=lambda event: event.decoded("DTSTART"))


def series(cal):
    """The calendar's VEVENTs as written (a series and its overrides)."""
    return list(cal.walk("VEVENT"))


def starts(cal):
    return [event.decoded("DTSTART").astimezone(SEOUL) for event in events(cal)]


def summaries(cal):
    return {str(event["SUMMARY"]) for event in events(cal)}


@pytest.fixture
def programs(make_program, make_space, space):
    """Two programs in the library, one in another space (written as recorded)."""
    return write_as_recorded(
        "the calendar's programs", lambda: build_programs(make_program, make_space)
    )


def build_programs(make_program, make_space):
    other_space = make_space(
        title="성수 공유부엌",
        district="seongdong",
        space_type="shared-kitchen",
        address="서울특별시 성동구 성수이로 7",
        latitude=37.5445,
        longitude=127.0560,
    )
    return {
        "knitting": make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        "books": make_program(title="그림책 읽는 저녁", schedule="RRULE:FREQ=MONTHLY;BYDAY=+2SA"),
        "cooking": make_program(
            parent=other_space,
            title="제철 요리 교실",
            schedule="RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3",
        ),
    }


def test_a_programs_calendar_has_exactly_its_dates(client, programs):
    program = programs["knitting"]
    cal = calendar(client, f"{program.url}calendar.ics")

    expected = [
        timezone.localtime(start)
        for start in Occurrence.objects.filter(program=program)
        .order_by("start")
        .values_list("start", flat=True)
    ]
    assert len(expected) == 52
    assert starts(cal) == expected
    assert str(cal["VERSION"]) == "2.0"
    assert summaries(cal) == {"뜨개질 모임"}
    first = events(cal)[0]
    assert first.decoded("DTSTART") == seoul(dt.date(2026, 12, 1), 19)
    assert first.decoded("DTEND") == seoul(dt.date(2026, 12, 1), 20, 30)


def test_each_event_links_back_and_says_where(client, programs, space):
    program = programs["knitting"]
    for event in events(calendar(client, f"{program.url}calendar.ics")):
        assert str(event["URL"]) == f"http://testserver{program.url}"
        assert str(event["LOCATION"]) == "망원 작은도서관, 서울특별시 마포구 망원로 1"
        geo = event["GEO"]
        assert (round(geo.latitude, 4), round(geo.longitude, 4)) == (37.556, 126.91)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["DESCRIPTION"]) == f"함께 뜨개질해요.\n\nhttp://testserver{program.url}"


def test_the_uids_are_stable_across_downloads(client, programs, clock):
    url = f"{programs['knitting'].url}calendar.ics"
    first = [str(event["UID"]) for event in series(calendar(client, url))]
    clock.move_to(NOW + dt.timedelta(minutes=10))
    second = [str(event["UID"]) for event in series(calendar(client, url))]
    assert first == second
    assert first == [f"program-{programs['knitting'].pk}@testserver"]  # one series


def test_a_uid_survives_a_republish(client, programs):
    program = programs["knitting"]
    url = f"{program.url}calendar.ics"
    before = [(str(e["UID"]), e.decoded("DTSTART")) for e in events(calendar(client, url))]
    republish(program, title="뜨개질 모임 (이름 바꿈)")
    after = [(str(e["UID"]), e.decoded("DTSTART")) for e in events(calendar(client, url))]
    assert after == before


def test_a_cancelled_date_is_marked_cancelled(client, programs, make_resident):
    program = programs["knitting"]
    thursday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 3), 19))
    services.register(make_resident(), thursday.pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")

    cal = calendar(client, f"{program.url}calendar.ics")

    statuses = {
        event.decoded("DTSTART").astimezone(SEOUL).date(): str(event["STATUS"])
        for event in events(cal)
    }
    assert statuses[dt.date(2026, 12, 3)] == "CANCELLED"
    assert statuses[dt.date(2026, 12, 1)] == "CONFIRMED"
    assert dt.date(2026, 12, 10) not in statuses  # removed, nobody had registered


EIGHT_WEEKS_ON = seoul(NOW.date() + dt.timedelta(weeks=8), 0)  # the listing's calendar ends


def test_the_listings_calendar_has_every_program(client, programs):
    """Every program with dates in the next eight weeks, whose dates there are the
    program's (a program's own calendar checks all of its dates)."""
    cal = calendar(client, "/programs/calendar.ics")
    assert summaries(cal) == {"뜨개질 모임", "그림책 읽는 저녁", "제철 요리 교실"}
    assert len(series(cal)) == 3
    in_window = events(cal, end=EIGHT_WEEKS_ON)
    assert len(in_window) == Occurrence.objects.filter(start__lt=EIGHT_WEEKS_ON).count()


def test_the_english_listings_calendar_has_every_program_too(client, programs):
    cal = calendar(client, "/en/programs/calendar.ics")
    assert summaries(cal) == {"뜨개질 모임", "그림책 읽는 저녁", "제철 요리 교실"}


def test_a_spaces_calendar_has_its_programs_only(client, programs, space):
    cal = calendar(client, f"{space.url}calendar.ics")
    assert summaries(cal) == {"뜨개질 모임", "그림책 읽는 저녁"}

    kitchen = programs["cooking"].get_parent()
    cal = calendar(client, f"{kitchen.url}calendar.ics")
    assert summaries(cal) == {"제철 요리 교실"}
    assert len(events(cal)) == 3
    (location,) = {str(event["LOCATION"]) for event in events(cal)}
    assert location == "성수 공유부엌, 서울특별시 성동구 성수이로 7"


def test_an_unpublished_program_leaves_the_calendars(client, programs, space):
    programs["books"].unpublish()
    assert summaries(calendar(client, "/programs/calendar.ics")) == {
        "뜨개질 모임",
        "제철 요리 교실",
    }
    assert summaries(calendar(client, f"{space.url}calendar.ics")) == {"뜨개질 모임"}
    assert client.get(f"{programs['books'].url}calendar.ics").status_code == 404


def test_a_recent_past_date_stays_in_the_calendar(client, programs, clock):
    program = programs["knitting"]
    clock.move_to(NOW + dt.timedelta(days=10))
    dates = starts(calendar(client, f"{program.url}calendar.ics"))
    assert dates[0] == seoul(dt.date(2026, 12, 1), 19)


@pytest.mark.parametrize(
    "url",
    [
        "/calendar.ics",
        "/en/calendar.ics",
        "/nowhere/calendar.ics",
        "/spaces/nowhere/calendar.ics",
        "/spaces/calendar.ics",
        "/programs/nowhere/calendar.ics",
    ],
)
def test_other_addresses_have_no_calendar(client, programs, url):
    assert client.get(url).status_code == 404


def test_the_program_page_links_its_calendar(client, programs):
    program = programs["knitting"]
    page = client.get(program.url).content.decode()
    assert f'href="{program.url}calendar.ics"' in page
    assert "https://calendar.google.com/calendar/render?" in page
    assert "20261201T100000Z%2F20261201T113000Z" in page  # the next date, in UTC


def test_the_listing_and_the_space_page_link_their_calendars(client, programs, space):
    assert 'href="/programs/calendar.ics"' in client.get("/programs/").content.decode()
    assert f'href="{space.url}calendar.ics"' in client.get(space.url).content.decode()


def test_a_translated_program_is_in_the_calendars_once(client, programs):
    """Translating a program to English must not put each of its dates twice into the
    calendars."""
    from .conftest import translate

    translate(programs["knitting"], title="Knitting circle")

    cal = calendar(client, "/programs/calendar.ics")
    assert (
        len(events(cal, end=EIGHT_WEEKS_ON))
        == Occurrence.objects.filter(
            program__locale__language_code="ko", start__lt=EIGHT_WEEKS_ON
        ).count()
    )
    knitting = [
        e
        for e in events(cal, end=EIGHT_WEEKS_ON)
        if str(e["SUMMARY"]) in ("뜨개질 모임", "Knitting circle")
    ]
    assert len(knitting) == 16  # Tuesdays and Thursdays of the next eight weeks
    program_cal = calendar(client, f"{programs['knitting'].url}calendar.ics")
    assert len(events(program_cal)) == 52
