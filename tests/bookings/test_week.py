"""The booking page's week of free and taken times: it starts on the first day one can
book, pages by week, shows each time as free, taken, requested, closed or too late
(never whose), and a free time's link fills in the form. A table of times around
opening hours, closures, holidays, the lead time, the horizon, back-to-back bookings
and a request's hold checks that what the week shows is what booking accepts."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from bookings.models import Booking, Status

from .conftest import DAY, NOW, book_url, form, make_booking, seoul
from .test_rules import close

pytestmark = pytest.mark.usefixtures("clock")

# NOW is Tuesday 2026-12-01 09:00 in Seoul; DAY Wednesday 2026-12-02.
THURSDAY = dt.date(2026, 12, 3)
CLOSURE = dt.date(2026, 12, 9)  # a Wednesday
LAST = dt.date(2027, 1, 30)  # the 60-day horizon's last day, a Saturday


def text(response):
    return response.content.decode()


def week_days(response):
    """The days shown, in order: [(iso date, {"HH:MM": state}, note)]."""
    html = text(response)
    days = []
    for match in re.finditer(
        r'<section class="week__day[^"]*" id="week-[^"]+" data-date="([\d-]+)"(.*?)</section>',
        html,
        re.S,
    ):
        cells = {
            time: state
            for state, time in re.findall(
                r'class="week__slot week__slot--(\w+)[^"]*"[^>]*data-start="(\d\d:\d\d)"',
                match[2],
            )
        }
        note = re.search(r'<p class="week__day-note">([^<]*)</p>', match[2])
        days.append((match[1], cells, note[1] if note else ""))
    return days


def shown(response, day, start, end):
    """The states the week shows for each step of [start, end) on ``day`` ("none"
    where the day has no such time)."""
    cells = next((c for d, c, _n in week_days(response) if d == day.isoformat()), None)
    assert cells is not None, f"{day} is not in the week shown"
    h, m = map(int, start.split(":"))
    stop = tuple(map(int, end.split(":")))
    states = []
    while (h, m) < stop:
        states.append(cells.get(f"{h:02d}:{m:02d}", "none"))
        m += 30
        h, m = h + m // 60, m % 60
    return states


@pytest.fixture
def demo_space(bookable, other_resident):
    """Open Mo-Sa 10:00-22:00 except public holidays, closed on CLOSURE; Thursday has
    a confirmed booking 14:00-16:00 and a pending request 18:00-19:00; Friday an
    expired request 10:00-11:00 that holds nothing any more."""
    space = bookable(opening_hours="Mo-Sa 10:00-22:00; PH off")
    close(space, CLOSURE, reason="정기 소독")
    secret = {"purpose": "비밀 생일 파티"}
    make_booking(
        space, other_resident, day=THURSDAY, start=14, end=16, status=Status.CONFIRMED, **secret
    )
    make_booking(space, other_resident, day=THURSDAY, start=18, end=19, **secret)
    make_booking(
        space,
        other_resident,
        day=THURSDAY + dt.timedelta(days=1),
        start=10,
        end=11,
        expires_at=NOW - dt.timedelta(minutes=1),
    )
    return space


# --- the table: what the week shows is what booking accepts -------------------------------


@dataclass
class Case:
    name: str
    day: dt.date
    start: str
    end: str
    states: list  # what the week shows for each half hour
    accepted: bool


FREE, TAKEN, REQUESTED, PAST, NONE = "free", "taken", "requested", "past", "none"

CASES = [
    Case("before the lead time, today", NOW.date(), "10:00", "11:00", [PAST, PAST], False),
    Case("across the lead time's edge", NOW.date(), "10:30", "11:30", [PAST, FREE], False),
    Case("exactly at the lead time", NOW.date(), "11:00", "12:00", [FREE, FREE], True),
    Case("at opening", DAY, "10:00", "11:00", [FREE, FREE], True),
    Case("before opening", DAY, "09:30", "10:30", [NONE, FREE], False),
    Case("until closing", DAY, "21:00", "22:00", [FREE, FREE], True),
    Case("past closing", DAY, "21:30", "22:30", [FREE, NONE], False),
    Case("back to back before a booking", THURSDAY, "13:00", "14:00", [FREE, FREE], True),
    Case("back to back after a booking", THURSDAY, "16:00", "17:00", [FREE, FREE], True),
    Case("over a confirmed booking", THURSDAY, "15:30", "16:30", [TAKEN, FREE], False),
    Case("inside a confirmed booking", THURSDAY, "14:00", "15:00", [TAKEN, TAKEN], False),
    Case("up to a request's hold", THURSDAY, "17:00", "18:00", [FREE, FREE], True),
    Case("on a request's hold", THURSDAY, "18:00", "19:00", [REQUESTED, REQUESTED], False),
    Case("across a request's hold", THURSDAY, "17:30", "18:30", [FREE, REQUESTED], False),
    Case("after a request's hold", THURSDAY, "19:00", "20:00", [FREE, FREE], True),
    Case("where a request expired", dt.date(2026, 12, 4), "10:00", "11:00", [FREE, FREE], True),
    Case("on a Sunday", dt.date(2026, 12, 6), "12:00", "13:00", [NONE, NONE], False),
    Case("the day before a closure", dt.date(2026, 12, 8), "21:00", "22:00", [FREE, FREE], True),
    Case("on a closure", CLOSURE, "12:00", "13:00", [NONE, NONE], False),
    Case("the day after a closure", dt.date(2026, 12, 10), "10:00", "11:00", [FREE, FREE], True),
    Case("on a public holiday", dt.date(2026, 12, 25), "12:00", "13:00", [NONE, NONE], False),
    Case("the horizon's last day", LAST, "21:00", "22:00", [FREE, FREE], True),
    Case("past the horizon", dt.date(2027, 2, 1), "12:00", "13:00", [NONE, NONE], False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_week_shows_what_booking_accepts(as_resident, demo_space, case):
    page = as_resident.get(book_url(demo_space), {"date": case.day.isoformat()})
    states = shown(page, case.day, case.start, case.end)

    response = as_resident.post(
        book_url(demo_space), form(day=case.day, start=case.start, end=case.end)
    )

    assert states == case.states
    assert (response.status_code == 303) is case.accepted, response.status_code
    assert case.accepted is all(state == FREE for state in states)
    mine = Booking.objects.filter(space=demo_space, purpose="독서 모임", user__username="resident1")
    assert mine.exists() is case.accepted


# --- the week itself -------------------------------------------------------------------


def test_the_week_starts_on_the_first_day_one_can_book(as_resident, bookable, clock):
    """Late on Tuesday the lead time leaves nothing today; Wednesday is closed for
    works, Thursday is not an opening day: the week starts on Friday."""
    space = bookable(opening_hours="Mo-Tu,Fr-Sa 09:00-21:00")
    close(space, DAY, reason="공사")
    clock.move_to(seoul(NOW.date(), 19, 30))

    days = week_days(as_resident.get(book_url(space)))

    assert [d for d, _c, _n in days][0] == "2026-12-04"
    first_cells = days[0][1]
    assert first_cells["09:00"] == FREE
    assert 'value="2026-12-04"' in text(as_resident.get(book_url(space)))


def test_a_closed_day_in_the_week_says_why(as_resident, demo_space):
    days = {d: (c, n) for d, c, n in week_days(as_resident.get(book_url(demo_space)))}
    assert days["2026-12-06"] == ({}, "이날은 예약을 받지 않습니다.")  # Sunday
    later = as_resident.get(book_url(demo_space), {"week": "2026-12-08"})
    closure = {d: (c, n) for d, c, n in week_days(later)}["2026-12-09"]
    assert closure == ({}, "이날은 쉽니다: 정기 소독")


def test_weeks_page_from_the_first_day_to_the_horizon(as_resident, demo_space):
    first = text(as_resident.get(book_url(demo_space)))
    assert "이전 주" not in first
    assert 'href="?week=2026-12-08#week"' in first
    assert "12월 1일(화) – 12월 7일(월)" in first

    second = as_resident.get(book_url(demo_space), {"week": "2026-12-08"})
    assert 'href="?week=2026-12-01#week"' in text(second)
    assert [d for d, _c, _n in week_days(second)][0] == "2026-12-08"

    # The last week holds the horizon's last day and offers no later one.
    last = as_resident.get(book_url(demo_space), {"week": "2027-03-01"})
    days = week_days(last)
    assert days[0][0] == "2027-01-30"
    assert "다음 주" not in text(last)
    assert days[2] == ("2027-02-01", {}, "아직 예약을 받지 않는 날입니다.")


@pytest.mark.parametrize("week", ["tomorrow", "2026-13-40", "2020-01-01", "<script>", "9" * 30])
def test_a_bad_week_shows_the_first_week(as_resident, demo_space, week):
    response = as_resident.get(book_url(demo_space), {"week": week})
    assert response.status_code == 200
    assert week_days(response)[0][0] == "2026-12-01"


def test_taken_and_requested_times_never_say_whose(as_resident, demo_space):
    page = text(as_resident.get(book_url(demo_space)))
    assert "비밀 생일 파티" not in page and "resident2" not in page
    assert "예약됨" in page and "신청 중" in page
    # A legend says what each state means, in words.
    for words in ("예약 가능", "확정된 예약", "운영자의 답을 기다리는 신청", "운영 시간이 아님"):
        assert words in page


def test_each_free_time_names_its_day_and_links_to_the_form(as_resident, demo_space):
    page = text(as_resident.get(book_url(demo_space)))
    link = re.search(r'<a class="week__slot week__slot--free[^"]*" href="([^"]+)"[^>]*>', page)
    assert 'aria-label="12월 3일 목요일 19:00, 예약 가능"' in page
    assert 'rel="nofollow"' in link[0]
    assert (
        link[1].replace("&amp;", "&") == "?week=2026-12-01&date=2026-12-01&start=11:00#booking-form"
    )
    # The day strip (for narrow screens) gives each day's free time.
    assert '<span class="week__strip-date">3(목)</span>' in page


def test_a_free_times_link_fills_in_the_form(as_resident, demo_space):
    response = as_resident.get(
        book_url(demo_space), {"week": "2026-12-01", "date": "2026-12-03", "start": "19:00"}
    )
    page = text(response)
    assert 'name="date" value="2026-12-03"' in page
    assert 'name="start" value="19:00"' in page
    assert 'name="end" value="20:00"' in page  # the shortest booking, 60 minutes
    assert "12월 3일(목) 19:00–20:00, 1시간" in page
    assert page.count("is-chosen") == 2


def marked_days(response):
    """The days marked as the form's day: (in the week, in the day strip)."""
    page = text(response)
    return (
        re.findall(
            r'<section class="week__day[^"]*" id="week-[^"]+" data-date="([\d-]+)" aria-current="date"',
            page,
        ),
        re.findall(
            r'class="week__strip-day[^"]*" href="#week-[^"]+" data-day="([\d-]+)" aria-current="date"',
            page,
        ),
    )


def test_a_link_with_a_date_opens_its_week_with_that_day_marked(as_resident, demo_space):
    """A link to the booking page for 10 December (a space's "book this day", a
    suggestion, a typed address): the week that holds it, the day marked in the week
    and in the phone's day strip (which shows it first), and the form's date set."""
    response = as_resident.get(book_url(demo_space), {"date": "2026-12-10"})

    assert [d for d, _c, _n in week_days(response)][0] == "2026-12-08"
    assert marked_days(response) == (["2026-12-10"], ["2026-12-10"])
    assert 'name="date" value="2026-12-10"' in text(response)

    # Without a date, the form's (the first day one can book) is the one marked.
    assert marked_days(as_resident.get(book_url(demo_space))) == (["2026-12-01"], ["2026-12-01"])
    # A week paged to without the form's day in it marks none.
    assert marked_days(as_resident.get(book_url(demo_space), {"week": "2026-12-15"})) == ([], [])


def test_the_filled_in_form_books(as_resident, demo_space):
    page = text(as_resident.get(book_url(demo_space), {"date": "2026-12-03", "start": "19:00"}))
    values = dict(re.findall(r'name="(date|start|end)" value="([^"]*)"', page))
    response = as_resident.post(book_url(demo_space), {**form(), **values})
    assert response.status_code == 303
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end) == (seoul(THURSDAY, 19), seoul(THURSDAY, 20))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"date": "2026-12-03", "start": "7pm"}, {"date": "2026-12-03", "start": "", "end": ""}),
        ({"date": "12/03/2026", "start": "19:00"}, {"date": "2026-12-01", "start": "", "end": ""}),
        ({"date": "2026-12-03", "start": "21:30"}, {"start": "21:30", "end": "22:30"}),
        ({"date": "2026-12-03", "start": "23:30"}, {"start": "23:30", "end": ""}),
        ({"date": "2026-12-03", "start": "23:00"}, {"start": "23:00", "end": "00:00"}),
        ({"date": "2026-12-03", "start": "19:00", "end": "21:00"}, {"end": "21:00"}),
        ({"date": "2026-12-03", "start": "19:00", "end": "9pm"}, {"end": "20:00"}),
    ],
)
def test_only_well_formed_times_fill_in_the_form(as_resident, demo_space, query, expected):
    response = as_resident.get(book_url(demo_space), query)
    assert response.status_code == 200
    values = dict(re.findall(r'name="(date|start|end)" value="([^"]*)"', text(response)))
    assert {name: values[name] for name in expected} == expected


def test_an_end_of_midnight_typed_as_0000_books_until_midnight(as_resident, bookable):
    space = bookable(opening_hours="Mo-Su 09:00-24:00")
    response = as_resident.post(book_url(space), form(start="22:00", end="00:00"))
    assert response.status_code == 303
    assert Booking.objects.get().end == seoul(DAY + dt.timedelta(days=1), 0)
    refused = as_resident.post(book_url(space), form(start="00:00", end="00:00"))
    assert refused.status_code == 400


def test_the_english_page_names_days_and_states_in_english(as_resident, demo_space):
    page = text(as_resident.get("/en" + book_url(demo_space)))
    assert 'aria-label="Thursday 3 December 19:00, Free"' in page
    assert "Tue 1 Dec – Mon 7 Dec" in page
    assert "Requested" in page and "Booked" in page
    assert "Repeat weekly" in page


def test_the_page_keeps_everything_typed_after_an_error(as_resident, demo_space):
    data = {
        **form(day=THURSDAY, start="15:00", end="17:00", headcount="13", purpose="합창단 연습"),
        "repeat": "1",
        "weeks": "5",
    }
    response = as_resident.post(book_url(demo_space), data)
    page = text(response)
    assert response.status_code == 400
    assert 'id="booking-errors"' in page and 'tabindex="-1"' in page
    for name, value in (("date", "2026-12-03"), ("start", "15:00"), ("end", "17:00")):
        assert f'name="{name}" value="{value}"' in page
    assert 'name="headcount" value="13"' in page
    assert "합창단 연습</textarea>" in page
    assert 'name="repeat" value="1" checked' in page
    assert 'name="weeks" value="5"' in page
    # The week shown is the one of the date typed.
    assert week_days(response)[0][0] == "2026-12-01"


def test_the_week_is_read_with_the_same_queries_however_many_bookings(
    as_resident, demo_space, other_resident, django_assert_max_num_queries
):
    """A week with one booking or with twenty is read in as many queries (within the
    page's budget): the week's bookings are one query."""

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert as_resident.get(book_url(demo_space), {"week": "2026-12-08"}).status_code == 200
        return len(captured)

    for _visit in range(2):  # the caches warm, as for any visitor after the first ones
        as_resident.get(book_url(demo_space))
    few = queries()
    for n in range(20):
        day = dt.date(2026, 12, 10) + dt.timedelta(days=n % 4)
        hour = 10 + (n // 4) * 2
        make_booking(space=demo_space, user=other_resident, day=day, start=hour, end=hour + 1)
    assert queries() == few
    with django_assert_max_num_queries(10):
        as_resident.get(book_url(demo_space), {"week": "2026-12-08"})
