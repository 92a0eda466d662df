"""A recurring request: the same time every week, asked once. Each date is checked like
a single booking; when some cannot be booked nothing is booked, the page lists them
with the reason, and the resident sends the request again without them. All dates go
in at once or none do; the series counts as one open request, and the resident and the
operators get one e-mail each."""

import datetime as dt
import re

from django.db import IntegrityError, connection
from django.test import override_settings
from django.utils.html import escape

import pytest

from bookings import services
from bookings.models import Booking, BookingSeries, Notice, Status

from .conftest import DAY, book_url, form, make_booking, seoul
from .test_rules import close
from .test_week import shown, week_days

pytestmark = pytest.mark.usefixtures("clock")

THURSDAY = dt.date(2026, 12, 3)


def weekly(day=THURSDAY, start="19:00", end="21:00", weeks=8, **fields):
    return {**form(day=day, start=start, end=end), "repeat": "1", "weeks": str(weeks), **fields}


def thursdays(count, first=THURSDAY):
    return [first + dt.timedelta(weeks=n) for n in range(count)]


def text(response):
    return response.content.decode()


def listed(response):
    """The dates of the conflicts page: [(date label, can be booked, reasons)]."""
    found = []
    for html in re.findall(r'<li class="series-date[^"]*">(.*?)</li>', text(response), re.S):
        label = re.search(r'series-date__when">([^<]+)<', html)[1]
        state = re.search(r'series-date__state"><span aria-hidden="true">.</span> ([^<]+)<', html)
        found.append((label, "skip" not in html, state[1].strip()))
    return found


def confirm_form(response):
    """What the conflicts page's button sends: its hidden fields and checked boxes."""
    html = re.search(r'<section class="series-check".*?</section>', text(response), re.S)[0]
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
        data[name] = value
    data["skip"] = re.findall(r'name="skip" value="([\d-]+)" checked', html)
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.fixture
def club_space(bookable):
    """Open Mo-Sa 10:00-22:00 (a club meets Thursdays 19:00-21:00)."""
    return bookable(opening_hours="Mo-Sa 10:00-22:00; PH off")


def test_a_weekly_request_books_every_date_as_one_series(as_resident, club_space, resident):
    response = as_resident.post(book_url(club_space), weekly())

    series = BookingSeries.objects.get()
    dates = list(series.bookings.order_by("start"))
    assert response.status_code == 303
    assert response["Location"] == f"/accounts/bookings/{dates[0].pk}/"
    assert (series.user, series.space, series.weeks) == (resident, club_space, 8)
    assert [d.start for d in dates] == [seoul(day, 19) for day in thursdays(8)]
    assert [d.end for d in dates] == [seoul(day, 21) for day in thursdays(8)]
    assert {d.status for d in dates} == {Status.REQUESTED}
    assert {(d.headcount, d.purpose) for d in dates} == {(4, "독서 모임")}
    page = text(as_resident.get(response["Location"]))
    assert "8개 날짜를 신청했습니다." in page


def test_a_series_sends_one_email_to_the_resident_and_one_to_the_operators(
    as_resident, club_space, committing
):
    with committing():
        as_resident.post(book_url(club_space), weekly())

    first = Booking.objects.order_by("start").first()
    notices = list(Notice.objects.values_list("booking_id", "kind", "recipient"))
    assert sorted(notices) == sorted(
        [
            (first.pk, Notice.Kind.RECEIVED, "resident1@example.org"),
            (first.pk, Notice.Kind.REQUESTED, "operator@example.org"),
        ]
    )


def test_an_auto_confirm_space_confirms_the_whole_series(as_resident, bookable, committing):
    space = bookable(booking_auto_confirm=True, opening_hours="Mo-Sa 10:00-22:00")
    with committing():
        response = as_resident.post(book_url(space), weekly(weeks=4))
    assert response.status_code == 303
    assert list(Booking.objects.values_list("status", flat=True)) == [Status.CONFIRMED] * 4
    assert list(Notice.objects.values_list("kind", flat=True)) == [Notice.Kind.CONFIRMED]
    assert "4개 날짜를 예약했습니다." in text(as_resident.get(response["Location"]))


def test_conflicting_dates_are_listed_and_nothing_is_booked(
    as_resident, club_space, other_resident
):
    taken = make_booking(
        club_space, other_resident, day=thursdays(8)[3], start=20, end=22, status="confirmed"
    )

    response = as_resident.post(book_url(club_space), weekly())

    assert response.status_code == 409
    assert Booking.objects.exclude(pk=taken.pk).count() == 0
    assert not BookingSeries.objects.exists()
    dates = listed(response)
    assert len(dates) == 8
    assert dates[3] == (
        "12월 24일(목) 19:00–21:00",
        False,
        "예약 불가: 이미 확정된 예약이 있습니다.",
    )
    assert all(free for i, (_label, free, _why) in enumerate(dates) if i != 3)
    page = text(response)
    assert "아직 아무것도 신청하지 않았습니다." in page
    assert "겹치는 날짜 빼고 7개 날짜 신청" in page
    assert 'id="series-check" tabindex="-1"' in page


def test_sending_without_the_conflicting_dates_books_the_others(
    as_resident, club_space, other_resident
):
    make_booking(club_space, other_resident, day=thursdays(8)[3], start=19, end=20)
    conflicts = as_resident.post(book_url(club_space), weekly())

    response = as_resident.post(book_url(club_space), confirm_form(conflicts))

    assert response.status_code == 303
    series = BookingSeries.objects.get()
    booked = [timezone_date(b.start) for b in series.bookings.order_by("start")]
    assert booked == [d for i, d in enumerate(thursdays(8)) if i != 3]
    assert series.weeks == 8
    assert "7개 날짜를 신청했습니다." in text(as_resident.get(response["Location"]))


def timezone_date(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


def test_keeping_a_conflicting_date_asks_again(as_resident, club_space, other_resident):
    make_booking(club_space, other_resident, day=thursdays(8)[2], start=19, end=20)
    data = confirm_form(as_resident.post(book_url(club_space), weekly()))
    data["skip"] = []  # the resident unticks "leave out"

    response = as_resident.post(book_url(club_space), data)

    assert response.status_code == 409
    assert "그사이 바뀐 날짜가 있거나" in text(response)
    assert Booking.objects.filter(series__isnull=False).count() == 0


def test_a_date_taken_before_the_resident_confirms_is_listed_again(
    as_resident, club_space, other_resident, other_client
):
    make_booking(club_space, other_resident, day=thursdays(8)[1], start=19, end=21)
    data = confirm_form(as_resident.post(book_url(club_space), weekly()))
    # Meanwhile someone else books another of the Thursdays.
    later = form(day=thursdays(8)[5], start="20:00", end="21:00")
    assert other_client.post(book_url(club_space), later).status_code == 303

    response = as_resident.post(book_url(club_space), data)

    assert response.status_code == 409
    reasons = [why for _label, free, why in listed(response) if not free]
    assert len(reasons) == 2
    assert "12월 10일(목) 19:00–21:00" in text(response)
    assert "1월 7일(목) 19:00–21:00" in text(response)
    assert not BookingSeries.objects.exists()


def test_a_date_taken_while_the_series_is_inserted_books_nothing(
    as_resident, club_space, other_resident, monkeypatch
):
    """Someone takes a date between the check and the insert: the transaction that
    books the series finds it, nothing of the series is kept, and the page lists it."""
    original = services._insert

    def racing(user, space, request, **kwargs):
        if not Booking.objects.filter(user=other_resident).exists():
            make_booking(space, other_resident, day=thursdays(8)[6], start=19, end=21)
        return original(user, space, request, **kwargs)

    monkeypatch.setattr(services, "_insert", racing)
    response = as_resident.post(book_url(club_space), weekly())

    assert response.status_code == 409
    assert [free for _l, free, _w in listed(response)] == [True] * 6 + [False, True]
    assert Booking.objects.filter(user__username="resident1").count() == 0


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_the_exclusion_constraint_alone_keeps_a_series_from_double_booking(
    as_resident, club_space, other_resident, monkeypatch
):
    """With the check in the transaction switched off, a date taken meanwhile is still
    refused by the database, and the whole series with it."""
    original = services._insert

    def racing(user, space, request, **kwargs):
        if not Booking.objects.filter(user=other_resident).exists():
            make_booking(space, other_resident, day=thursdays(8)[6], start=20, end=21)
        return original(user, space, request, **kwargs)

    monkeypatch.setattr(services, "_insert", racing)
    monkeypatch.setattr(services, "taken_windows", lambda space, windows: [])
    response = as_resident.post(book_url(club_space), weekly())

    assert response.status_code == 409
    assert [free for _l, free, _w in listed(response)] == [True] * 6 + [False, True]
    assert not Booking.objects.filter(user__username="resident1").exists()
    assert not BookingSeries.objects.exists()


def test_a_database_refusal_on_one_date_rolls_back_the_whole_series(
    as_resident, club_space, monkeypatch
):
    """The exclusion constraint (PostgreSQL) refusing the sixth date undoes the five
    before it and the series row: all dates or none."""
    create = Booking.objects.create
    calls = {"n": 0}

    def refuse_the_sixth(**fields):
        calls["n"] += 1
        if calls["n"] % 8 == 6:
            raise IntegrityError("conflicting key value violates exclusion constraint")
        return create(**fields)

    monkeypatch.setattr(Booking.objects, "create", refuse_the_sixth)
    response = as_resident.post(book_url(club_space), weekly())

    assert response.status_code == 409
    assert not Booking.objects.exists()
    assert not BookingSeries.objects.exists()
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("first", "weeks", "held", "closed", "conflicts"),
    [
        # One: a confirmed booking on the fourth Thursday.
        (THURSDAY, 8, [("2026-12-24", 20, 22, "confirmed")], [], ["2026-12-24"]),
        # Two: a request's hold, and a closure.
        (
            THURSDAY,
            8,
            [("2026-12-10", 18, 20, "requested")],
            ["2026-12-31"],
            ["2026-12-10", "2026-12-31"],
        ),
        # Three: a closure, a booking and a date past the 60-day horizon (2027-01-30).
        (
            dt.date(2026, 12, 10),
            9,
            [("2027-01-07", 19, 20, "confirmed")],
            ["2026-12-17"],
            ["2026-12-17", "2027-01-07", "2027-02-04"],
        ),
    ],
    ids=["one", "two", "three"],
)
def test_a_series_conflicts_exactly_where_the_week_shows_no_free_time(
    as_resident, club_space, other_resident, first, weeks, held, closed, conflicts
):
    for day in closed:
        close(club_space, dt.date.fromisoformat(day), reason="공사")
    for day, start, end, status in held:
        day = dt.date.fromisoformat(day)
        make_booking(club_space, other_resident, day=day, start=start, end=end, status=status)
    dates = thursdays(weeks, first)

    response = as_resident.post(book_url(club_space), weekly(day=first, weeks=weeks))

    assert response.status_code == 409
    shown_free = [free for _label, free, _why in listed(response)]
    assert [d.isoformat() for d, free in zip(dates, shown_free, strict=True) if not free] == (
        conflicts
    )
    # The week view of each date agrees: free throughout exactly where the series is.
    for day in dates:
        page = as_resident.get(book_url(club_space), {"date": day.isoformat()})
        in_week = day.isoformat() in {d for d, _c, _n in week_days(page)}
        states = shown(page, day, "19:00", "21:00") if in_week else ["none"]
        assert all(state == "free" for state in states) is (day.isoformat() not in conflicts)


# --- what refuses the whole form -----------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ("1", "2주부터 9주까지 고르세요."),
        ("10", "2주부터 9주까지 고르세요."),
        ("eight", "2주부터 9주까지 고르세요."),
        ("", "몇 주 동안 반복할지 적어 주세요."),
    ],
)
def test_the_number_of_weeks_must_fit_the_horizon(as_resident, club_space, weeks, message):
    response = as_resident.post(book_url(club_space), weekly(weeks=weeks))
    assert response.status_code == 400
    assert escape(message) in text(response)
    assert 'aria-describedby="booking-weeks-help booking-weeks-error"' in text(response)
    assert not Booking.objects.exists()


def test_rules_that_hold_for_every_date_refuse_the_form_at_once(as_resident, club_space):
    response = as_resident.post(
        book_url(club_space), weekly(start="19:15", end="19:45", headcount="30")
    )
    page = text(response)
    assert response.status_code == 400
    assert "시간은 30분 단위로 고르세요" in page
    assert "최소 60분 이상 예약하세요." in page
    assert "최대 12명까지" in page
    assert "series-check" not in page
    assert not Booking.objects.exists()


def test_without_the_box_ticked_the_weeks_are_ignored(as_resident, club_space):
    data = {**form(day=THURSDAY, start="19:00", end="21:00"), "weeks": "8"}
    assert as_resident.post(book_url(club_space), data).status_code == 303
    assert Booking.objects.get().series is None


@override_settings(BOOKING_MAX_OPEN_REQUESTS=2)
def test_a_series_counts_as_one_open_request(as_resident, club_space):
    assert as_resident.post(book_url(club_space), weekly(weeks=6)).status_code == 303
    assert as_resident.post(book_url(club_space), form(day=DAY)).status_code == 303
    refused = as_resident.post(book_url(club_space), weekly(day=dt.date(2026, 12, 4), weeks=3))
    assert refused.status_code == 400
    assert "답변을 기다리는 신청이 이미 2건 있습니다." in text(refused)
    assert Booking.objects.count() == 7
