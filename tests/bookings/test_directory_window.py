"""The directory at /spaces/ and the map data at /api/spaces.geojson, asked for a time
window (date/start/end) or "free now": only the spaces open for the whole window and
not booked during it. A booking hides its space for its own time only; a cancelled,
declined or expired one hides nothing."""

import datetime as dt
import json
import re

import pytest

from bookings.models import Status

from .conftest import DAY, NOW, book_url, form, make_booking, seoul
from .test_rules import close

pytestmark = pytest.mark.usefixtures("clock")

SEOUL = "126.76,37.41,127.19,37.72"
WINDOW = {"date": DAY.isoformat(), "start": "14:00", "end": "16:00"}


def listed(client, **params):
    response = client.get("/spaces/", params)
    assert response.status_code == 200
    return sorted(
        re.findall(
            r'<h3 class="space-card__title"><a href="[^"]+">([^<]+)</a>',
            response.content.decode(),
        )
    )


def mapped(client, **params):
    response = client.get("/api/spaces.geojson", {"bbox": SEOUL, **params})
    assert response.status_code == 200, response.content
    return sorted(f["properties"]["title"] for f in json.loads(response.content)["features"])


def both(client, **params):
    """What the list and the map show for the same question (they must agree)."""
    titles = listed(client, **params)
    assert mapped(client, **params) == titles
    return titles


@pytest.fixture
def spaces(bookable):
    return {
        "library": bookable(),  # Mo-Sa 09:00-21:00, 12 people
        "kitchen": bookable(title="성산 공유부엌", capacity=30),
        "morning": bookable(title="아침 공부방", opening_hours="Mo-Fr 09:00-12:00", capacity=8),
    }


ALL = ["망원 작은도서관", "성산 공유부엌", "아침 공부방"]


def test_without_a_window_every_space_is_listed(client, spaces):
    assert both(client) == ALL


def test_a_booked_space_disappears_for_its_time(client, spaces, resident):
    make_booking(spaces["library"], resident, status=Status.CONFIRMED)  # 14:00-16:00
    assert both(client, **WINDOW) == ["성산 공유부엌"]  # the morning room is closed then
    assert both(client, **{**WINDOW, "start": "15:00", "end": "17:00"}) == ["성산 공유부엌"]
    assert both(client, **{**WINDOW, "start": "13:30", "end": "14:30"}) == ["성산 공유부엌"]


def test_a_booked_space_is_free_at_other_times(client, spaces, resident):
    make_booking(spaces["library"], resident, status=Status.CONFIRMED)
    back_to_back = {**WINDOW, "start": "16:00", "end": "18:00"}
    assert both(client, **back_to_back) == ["망원 작은도서관", "성산 공유부엌"]
    assert both(client, **{**WINDOW, "start": "12:00", "end": "14:00"}) == [
        "망원 작은도서관",
        "성산 공유부엌",
    ]
    assert both(client, **{**WINDOW, "date": "2026-12-03"}) == ["망원 작은도서관", "성산 공유부엌"]


def test_a_pending_request_also_holds_the_space(client, spaces, resident):
    make_booking(spaces["library"], resident)
    assert both(client, **WINDOW) == ["성산 공유부엌"]


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.DECLINED, Status.EXPIRED])
def test_a_closed_booking_does_not_hold_the_space(client, spaces, resident, status):
    make_booking(spaces["library"], resident, status=status)
    assert both(client, **WINDOW) == ["망원 작은도서관", "성산 공유부엌"]


def test_an_overdue_request_does_not_hold_the_space(client, spaces, resident):
    make_booking(spaces["library"], resident, expires_at=NOW - dt.timedelta(minutes=1))
    assert both(client, **WINDOW) == ["망원 작은도서관", "성산 공유부엌"]


def test_a_space_closed_at_that_time_is_not_listed(client, spaces):
    assert both(client, date=DAY.isoformat(), start="10:00", end="11:00") == ALL
    assert both(client, date=DAY.isoformat(), start="11:00", end="13:00") == [
        "망원 작은도서관",
        "성산 공유부엌",
    ]
    assert both(client, date=DAY.isoformat(), start="20:00", end="22:00") == []
    assert both(client, date="2026-12-06", start="10:00", end="11:00") == []  # Sunday


def test_a_closure_day_hides_the_space_that_day_only(client, spaces):
    close(spaces["library"], DAY, reason="정기 소독")
    assert both(client, **WINDOW) == ["성산 공유부엌"]
    assert both(client, **{**WINDOW, "date": "2026-12-03"}) == ["망원 작은도서관", "성산 공유부엌"]


def test_a_public_holiday_closure_in_the_opening_hours_hides_the_space(
    client, as_resident, bookable
):
    """On a public holiday (Christmas) a space whose hours say "PH off" is not listed
    as open and free, just as its booking form refuses that day."""
    space = bookable(opening_hours="Mo-Sa 09:00-21:00; PH off")
    christmas = {"date": "2026-12-25", "start": "14:00", "end": "16:00"}  # a Friday
    assert as_resident.post(book_url(space), form(day="2026-12-25")).status_code == 400
    assert listed(client, **christmas) == []
    assert mapped(client, **christmas) == []


def test_the_window_combines_with_the_size_filter(client, spaces):
    assert both(client, min_capacity="10", date=DAY.isoformat(), start="10:00", end="11:00") == [
        "망원 작은도서관",
        "성산 공유부엌",
    ]
    assert both(client, min_capacity="20", **WINDOW) == ["성산 공유부엌"]


def test_booking_through_the_form_updates_the_map_answer(client, as_resident, spaces):
    assert mapped(client, **WINDOW) == ["망원 작은도서관", "성산 공유부엌"]
    as_resident.post(book_url(spaces["library"]), form())
    assert mapped(client, **WINDOW) == ["성산 공유부엌"]
    booking = spaces["library"].bookings.get()
    as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    assert mapped(client, **WINDOW) == ["망원 작은도서관", "성산 공유부엌"]


def test_an_incomplete_or_bad_window_is_ignored_on_the_page_and_refused_by_the_api(
    client, spaces, resident
):
    make_booking(spaces["library"], resident, status=Status.CONFIRMED)
    for params in (
        {"date": DAY.isoformat(), "start": "14:00"},
        {**WINDOW, "start": "16:00", "end": "14:00"},
        {**WINDOW, "date": "2026-13-45"},
        {**WINDOW, "start": "25:00"},
    ):
        assert listed(client, **params) == ALL
        response = client.get("/api/spaces.geojson", {"bbox": SEOUL, **params})
        assert response.status_code == 400
        assert json.loads(response.content)["problems"]


# --- free now ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "free"),
    [
        (10, 0, ALL),
        (11, 45, ["망원 작은도서관", "성산 공유부엌"]),  # the morning room closes at noon
        (14, 30, ["성산 공유부엌"]),  # the library is booked 14:00-16:00
        (15, 45, ["성산 공유부엌"]),  # ... until 16:00, within the next half hour
        (16, 0, ["망원 작은도서관", "성산 공유부엌"]),
        (20, 45, []),  # closing at 21:00
    ],
)
def test_free_now(client, spaces, resident, clock, hour, minute, free):
    make_booking(spaces["library"], resident, status=Status.CONFIRMED)
    clock.move_to(seoul(DAY, hour, minute))
    assert both(client, free_now="1") == free


def test_a_window_until_midnight_finds_a_space_open_until_midnight(client, bookable):
    bookable(title="늦은 밤 공부방", opening_hours="Mo-Su 09:00-24:00")
    bookable(title="저녁 공방", opening_hours="Mo-Su 09:00-23:00")
    assert both(client, date=DAY.isoformat(), start="22:00", end="24:00") == ["늦은 밤 공부방"]


def test_free_now_just_before_midnight_needs_the_next_half_hour_open(client, bookable, clock):
    """ "Free now" means free for the next 30 minutes: at 23:45 that runs past
    midnight, so a space closing at 23:50 is not free now."""
    bookable(title="저녁 공방", opening_hours="Mo-Su 18:00-23:50")
    clock.move_to(seoul(DAY, 23, 45))
    assert both(client, free_now="1") == []
