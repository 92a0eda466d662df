"""Calendars cost little however they are asked for.

``/programs/calendar.ics?r=<random>`` missed the page cache and built every date of
every program (2 s and 1.8 MB a request on the demo data; ten clients slowed the whole
site). The calendar of every program now holds the programs with a date today or in
the next eight weeks, each as one series (it says so in ``X-WR-CALDESC``; each space
and program keeps a calendar of its own), and
every calendar answers conditional requests: an ETag and a Last-Modified time, 304 when
the client has the current one, and a body kept under its ETag, so an unknown query
string costs a cache read, not a build.

Changes reach the caches once they commit; ``committing()`` runs that as a real commit
would."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import icalendar
import pytest
import recurrence
import recurring_ical_events
import time_machine

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # a Monday in Seoul
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(make_space):
    return make_space(title="망원 작은도서관")


@pytest.fixture
def program(space):
    """Every Tuesday at 19:00: its dates are kept for the next 180 days (26 of them)."""
    from events.models import ProgramPage

    page = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=90,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        )
    )
    page.save_revision().publish()
    return ProgramPage.objects.get(pk=page.pk)


def url_of(page):
    with translation.override("ko"):
        return page.url


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def days(cal, today=None, weeks=8):
    """The days the calendar's series give from ``today`` for ``weeks`` weeks (as
    calendar apps expand them)."""
    start = timezone.make_aware(dt.datetime.combine(today or NOW.date(), dt.time()))
    found = recurring_ical_events.of(cal).between(start, start + dt.timedelta(weeks=weeks))
    return sorted(event.decoded("DTSTART").astimezone(SEOUL).date() for event in found)


def calendar_urls(program):
    return {
        "every program": "/programs/calendar.ics",
        "a space": f"{url_of(program.get_parent())}calendar.ics",
        "a program": f"{url_of(program)}calendar.ics",
    }


def test_the_calendar_of_every_program_holds_today_and_the_next_eight_weeks(client, program):
    cal = calendar(client.get("/programs/calendar.ics"))

    tuesdays = [dt.date(2026, 12, 1) + dt.timedelta(weeks=n) for n in range(8)]
    assert days(cal) == tuesdays
    assert len(cal.walk("VEVENT")) == 1  # one series, not one event a date
    description = str(cal["X-WR-CALDESC"])
    assert "2026-11-30" in description and "2027-01-24" in description
    # The program's own calendar has every date (the 26 Tuesdays kept, 180 days).
    assert len(days(calendar(client.get(f"{url_of(program)}calendar.ics")), weeks=26)) == 26


def test_the_calendar_of_every_program_says_its_window_in_english_too(client, program):
    cal = calendar(client.get("/en/programs/calendar.ics"))
    assert "next 8 weeks" in str(cal["X-WR-CALDESC"])


@pytest.mark.parametrize("which", ["every program", "a space", "a program"])
def test_a_calendar_asked_again_with_its_etag_or_date_is_not_modified(client, program, which):
    url = calendar_urls(program)[which]
    first = client.get(url)
    calendar(first)
    etag, modified = first["ETag"], first["Last-Modified"]

    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        again = client.get(url, headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again["ETag"] == etag
        # Another query string (to dodge caches) changes nothing.
        dodging = client.get(f"{url}?r=81723", headers=headers)
        assert dodging.status_code == 304, headers


@pytest.mark.parametrize("which", ["every program", "a space", "a program"])
def test_a_publication_gives_a_calendar_a_new_etag_and_the_new_dates(
    client, program, committing, which
):
    url = calendar_urls(program)[which]
    first = client.get(url)

    with committing():
        program.title = "뜨개질 교실"
        program.save_revision().publish()

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert {str(event["SUMMARY"]) for event in calendar(again).walk("VEVENT")} == {"뜨개질 교실"}


def test_a_new_day_gives_the_calendar_of_every_program_a_new_etag_and_window(
    client, program, clock
):
    first = client.get("/programs/calendar.ics")
    clock.move_to(NOW + dt.timedelta(days=2))  # Wednesday: that Tuesday is past

    again = client.get("/programs/calendar.ics", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    wednesday = NOW.date() + dt.timedelta(days=2)
    assert days(calendar(again), wednesday)[0] == dt.date(2026, 12, 8)
    assert days(calendar(again), wednesday)[-1] == dt.date(2027, 1, 26)
    assert "2026-12-02" in str(calendar(again)["X-WR-CALDESC"])


def test_a_query_string_the_page_cache_does_not_know_costs_no_database_query(program):
    """The feed is kept under its ETag (as cached pieces are, core.fragments): asking
    with a fresh random query string reads it back instead of building it again."""
    with override_settings(CACHE_SECONDS=600):
        first = Client().get("/programs/calendar.ics?r=1")
        calendar(first)
        Client().get("/programs/calendar.ics?r=2")  # the memos fill over the first requests

        with CaptureQueriesContext(connection) as queries:
            again = Client().get("/programs/calendar.ics?r=3")

    assert again.status_code == 200
    assert again.content == first.content
    assert [query["sql"] for query in queries] == []
