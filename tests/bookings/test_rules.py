"""Every booking rule is checked on the server: a request that breaks one is answered
400 with the form again, the reason on the page in the resident's language, what they
typed kept, and no booking saved. The space's own settings (step, length, lead time,
horizon, closures, capacity) and the portal-wide limit of open requests."""

import datetime as dt

from django.test import override_settings
from django.utils.html import escape

import pytest

from bookings.models import Booking, Status
from spaces.models import SpaceClosure

from .conftest import DAY, NOW, book_url, form, make_booking

pytestmark = pytest.mark.usefixtures("clock")

# What the resident reads (the portal speaks Korean).
END_BEFORE_START = "종료 시간은 시작 시간보다 뒤여야 합니다."
PASSED = "이미 지난 시간입니다. 앞으로의 시간을 고르세요."
LEAD = "최소 2시간 전에 예약하세요."
OPENING_HOURS = "예약 시간 전체가 운영 시간 안에 있어야 합니다."
HORIZON = "예약은 60일 앞까지만 받습니다. 2027-01-30까지의 날짜를 고르세요."
STEP_30 = "시간은 30분 단위로 고르세요(예: 14:00, 14:30)."
TOO_SHORT = "최소 60분 이상 예약하세요."
TOO_LONG = "최대 240분까지 예약할 수 있습니다."
OVER_CAPACITY = "이 공간은 최대 12명까지 이용할 수 있습니다."
BAD_HEADCOUNT = "인원은 1부터 100,000까지의 정수여야 합니다."
NO_HEADCOUNT = "이용 인원을 입력하세요."
BAD_DATE = "날짜는 YYYY-MM-DD 형식으로 입력하세요(예: 2026-12-05)."
NO_DATE = "날짜를 고르세요."
BAD_START = "시작 시간은 HH:MM 형식으로 입력하세요(예: 14:30)."
BAD_END = "종료 시간은 HH:MM 형식으로 입력하세요(예: 14:30)."
NO_START = "시작 시간을 고르세요."
NO_END = "종료 시간을 고르세요."
NO_PURPOSE = "이용 목적을 간단히 적어 주세요."
NOT_MADE = "예약하지 못했습니다"


def refused(response, *messages):
    """The form came back with a 400 and every reason on it; nothing was booked."""
    assert response.status_code == 400, response.status_code
    html = response.content.decode()
    assert NOT_MADE in html
    for message in messages:
        assert escape(message) in html, message
    assert not Booking.objects.exists()
    return html


# --- the request itself ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"start": "16:00", "end": "14:00"}, [END_BEFORE_START]),
        ({"start": "14:00", "end": "14:00"}, [END_BEFORE_START]),
        ({"day": "2026-11-30"}, [PASSED]),  # yesterday
        ({"day": "2026-12-01", "start": "10:00", "end": "11:00"}, [LEAD]),  # in an hour
        ({"start": "20:00", "end": "22:00"}, [OPENING_HOURS]),  # closes at 21:00
        ({"start": "08:00", "end": "10:00"}, [OPENING_HOURS]),  # opens at 09:00
        ({"day": "2026-12-06"}, [OPENING_HOURS]),  # a Sunday: closed all day
        ({"day": "2027-02-01"}, [HORIZON]),  # a Monday 62 days ahead
        ({"start": "14:15", "end": "16:15"}, [STEP_30]),
        ({"start": "14:00", "end": "14:30"}, [TOO_SHORT]),
        ({"start": "09:00", "end": "14:00"}, [TOO_LONG]),
        ({"headcount": "13"}, [OVER_CAPACITY]),
        ({"headcount": "0"}, [BAD_HEADCOUNT]),
        ({"headcount": "-3"}, [BAD_HEADCOUNT]),
        ({"headcount": "four"}, [BAD_HEADCOUNT]),
        ({"headcount": "4.5"}, [BAD_HEADCOUNT]),
        ({"headcount": ""}, [NO_HEADCOUNT]),
        ({"day": "2026-13-45"}, [BAD_DATE]),
        ({"day": "tomorrow"}, [BAD_DATE]),
        ({"day": "2026/12/02"}, [BAD_DATE]),
        ({"day": ""}, [NO_DATE]),
        ({"start": "25:00"}, [BAD_START]),
        ({"start": "14:5"}, [BAD_START]),
        ({"start": "2pm"}, [BAD_START]),
        ({"end": "24:30"}, [BAD_END]),
        ({"end": "16:60"}, [BAD_END]),
        ({"start": ""}, [NO_START]),
        ({"purpose": "   "}, [NO_PURPOSE]),
        ({"purpose": "가" * 501}, ["이용 목적은 500자 이내로 적어 주세요(지금 501자)."]),
    ],
    ids=lambda value: (
        ",".join(f"{k}={v[:12]}" for k, v in value.items()) if isinstance(value, dict) else ""
    ),
)
def test_a_request_breaking_a_rule_is_refused_with_the_reason(as_resident, space, fields, messages):
    refused(as_resident.post(book_url(space), form(**fields)), *messages)


def test_missing_fields_are_each_named(as_resident, space):
    refused(
        as_resident.post(book_url(space), {}),
        NO_DATE,
        NO_START,
        NO_END,
        NO_HEADCOUNT,
        NO_PURPOSE,
    )


def test_the_form_comes_back_with_what_was_typed_and_the_field_marked(as_resident, space):
    html = refused(
        as_resident.post(book_url(space), form(headcount="13", purpose="동네 합창단 연습")),
        OVER_CAPACITY,
    )
    assert 'value="13"' in html
    assert "동네 합창단 연습</textarea>" in html
    assert 'id="booking-headcount" name="headcount" value="13"' in html
    # The field points to its error (after the capacity it repeats as help).
    assert 'aria-describedby="booking-headcount-help booking-headcount-error"' in html


def test_several_broken_rules_are_all_reported_at_once(as_resident, space):
    refused(
        as_resident.post(book_url(space), form(start="14:15", end="14:45", headcount="30")),
        STEP_30,
        TOO_SHORT,
        OVER_CAPACITY,
    )


def test_a_purpose_of_exactly_500_characters_is_accepted(as_resident, space):
    response = as_resident.post(book_url(space), form(purpose="가" * 500))
    assert response.status_code == 303
    assert len(Booking.objects.get().purpose) == 500


# --- the space's own settings ---------------------------------------------------------


def test_a_finer_step_accepts_quarter_hours(as_resident, bookable):
    space = bookable(booking_slot_minutes=15)
    assert as_resident.post(book_url(space), form(start="14:15", end="15:45")).status_code == 303


def test_an_hourly_step_refuses_half_hours(as_resident, bookable):
    space = bookable(booking_slot_minutes=60)
    refused(
        as_resident.post(book_url(space), form(start="14:30", end="16:30")),
        "시간은 60분 단위로 고르세요",
    )


def test_the_hourly_step_message_gives_a_real_time_as_example(as_resident, bookable):
    """With a 60-minute step the message's example times are real ones (14:00, 15:00)."""
    space = bookable(booking_slot_minutes=60)
    html = refused(as_resident.post(book_url(space), form(start="14:30", end="16:30")))
    assert "14:60" not in html


def test_the_space_sets_its_own_shortest_and_longest_booking(as_resident, bookable):
    space = bookable(booking_min_minutes=30, booking_max_minutes=90)
    refused(
        as_resident.post(book_url(space), form(start="14:00", end="16:00")),
        "최대 90분까지 예약할 수 있습니다.",
    )
    assert as_resident.post(book_url(space), form(start="14:00", end="14:30")).status_code == 303


def test_the_space_sets_its_own_lead_time(as_resident, bookable):
    space = bookable(booking_lead_hours=48)  # now is Tuesday 09:00
    refused(
        as_resident.post(book_url(space), form(day="2026-12-03", start="08:00", end="10:00")),
        "최소 48시간 전에 예약하세요.",
    )
    response = as_resident.post(book_url(space), form(day="2026-12-03", start="09:00", end="11:00"))
    assert response.status_code == 303


def test_the_space_sets_its_own_horizon(as_resident, bookable):
    space = bookable(booking_horizon_days=7)
    refused(
        as_resident.post(book_url(space), form(day="2026-12-09")),
        "예약은 7일 앞까지만 받습니다. 2026-12-08까지의 날짜를 고르세요.",
    )
    assert as_resident.post(book_url(space), form(day="2026-12-08")).status_code == 303


def test_a_date_far_in_the_future_is_refused_not_a_server_error(bookable, resident):
    """date=9999-12-31 is well formed but far beyond the horizon: refused with the
    horizon message, never a 500."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(resident)
    space = bookable()
    response = client.post(book_url(space), form(day="9999-12-31"))
    assert response.status_code == 400
    assert "예약은 60일 앞까지만 받습니다." in response.content.decode()


def test_booking_capacity_limits_a_booking_below_the_room_capacity(as_resident, bookable):
    space = bookable(capacity=30, booking_capacity=8)
    refused(
        as_resident.post(book_url(space), form(headcount="9")),
        "이 공간은 최대 8명까지 이용할 수 있습니다.",
    )
    assert as_resident.post(book_url(space), form(headcount="8")).status_code == 303


def test_booking_capacity_can_allow_more_than_the_listed_capacity(as_resident, bookable):
    space = bookable(capacity=12, booking_capacity=20)
    assert as_resident.post(book_url(space), form(headcount="20")).status_code == 303


def test_a_huge_headcount_for_a_space_without_capacity_is_refused(bookable, resident):
    """With neither capacity nor booking capacity set, a 20-digit headcount is
    refused with a clear message, never a 500."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(resident)
    space = bookable(capacity=None)
    response = client.post(book_url(space), form(headcount="99999999999999999999"))
    assert response.status_code == 400
    assert not Booking.objects.exists()


# --- closure days ---------------------------------------------------------------------------


def close(space, start_date, end_date=None, reason=""):
    """Add a closure the way an editor does: on the page, then publish."""
    space = space.get_latest_revision_as_object()
    space.closures.add(SpaceClosure(start_date=start_date, end_date=end_date, reason=reason))
    space.save_revision().publish()
    return space


def test_a_closure_day_is_refused_with_its_reason(as_resident, space):
    close(space, DAY, reason="정기 소독")
    refused(as_resident.post(book_url(space), form()), "그날은 공간이 쉽니다: 정기 소독.")


def test_a_closure_without_reason_still_says_closed(as_resident, space):
    close(space, DAY)
    refused(as_resident.post(book_url(space), form()), "그날은 공간이 쉽니다.")


def test_every_day_of_a_closure_range_is_refused_and_the_next_day_is_open(as_resident, space):
    close(space, DAY, DAY + dt.timedelta(days=2), reason="공사")
    for day in (DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)):
        refused(as_resident.post(book_url(space), form(day=day)), "그날은 공간이 쉽니다: 공사.")
    response = as_resident.post(book_url(space), form(day=DAY + dt.timedelta(days=3)))
    assert response.status_code == 303


def test_a_closure_published_after_the_form_was_seen_is_enforced(as_resident, space):
    assert as_resident.get(book_url(space), {"date": DAY.isoformat()}).status_code == 200
    close(space, DAY, reason="행사")
    refused(as_resident.post(book_url(space), form()), "그날은 공간이 쉽니다: 행사.")


# --- the portal-wide limit of open requests ---------------------------------------------


def test_a_resident_may_hold_only_so_many_open_requests(as_resident, space):
    for start, end in (("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "15:00")):
        assert as_resident.post(book_url(space), form(start=start, end=end)).status_code == 303
    response = as_resident.post(book_url(space), form(start="16:00", end="17:00"))
    assert response.status_code == 400
    assert "답변을 기다리는 신청이 이미 3건 있습니다." in response.content.decode()
    assert Booking.objects.count() == 3


@override_settings(BOOKING_MAX_OPEN_REQUESTS=1)
def test_the_limit_is_portal_wide_and_set_in_the_settings(as_resident, bookable):
    first, second = bookable(), bookable(title="성산 공유부엌")
    assert as_resident.post(book_url(first), form()).status_code == 303
    response = as_resident.post(book_url(second), form())
    assert response.status_code == 400
    assert "답변을 기다리는 신청이 이미 1건 있습니다." in response.content.decode()


@override_settings(BOOKING_MAX_OPEN_REQUESTS=1)
def test_cancelling_a_request_makes_room_for_another(as_resident, space):
    assert as_resident.post(book_url(space), form()).status_code == 303
    booking = Booking.objects.get()
    as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    assert as_resident.post(book_url(space), form(start="17:00", end="18:00")).status_code == 303


@override_settings(BOOKING_MAX_OPEN_REQUESTS=1)
def test_confirmed_declined_and_expired_bookings_do_not_count(as_resident, resident, space):
    make_booking(space, resident, start=9, end=10, status=Status.CONFIRMED)
    make_booking(space, resident, start=10, end=11, status=Status.DECLINED)
    make_booking(
        space, resident, start=11, end=12, expires_at=NOW - dt.timedelta(minutes=1)
    )  # overdue: it expires
    assert as_resident.post(book_url(space), form()).status_code == 303


@override_settings(BOOKING_MAX_OPEN_REQUESTS=1)
def test_auto_confirmed_bookings_do_not_count(as_resident, bookable):
    space = bookable(booking_auto_confirm=True)
    for start, end in (("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "15:00")):
        assert as_resident.post(book_url(space), form(start=start, end=end)).status_code == 303
    assert set(Booking.objects.values_list("status", flat=True)) == {Status.CONFIRMED}


# --- spaces that cannot be booked ------------------------------------------------------


def test_a_space_that_is_not_bookable_has_no_booking_form(as_resident, bookable):
    space = bookable(bookable=False)
    assert as_resident.get(book_url(space)).status_code == 404
    assert as_resident.post(book_url(space), form()).status_code == 404
    assert not Booking.objects.exists()
    page = as_resident.get(space.url)
    assert page.status_code == 200
    assert "이 공간 예약하기" not in page.content.decode()
    as_resident.logout()
    assert as_resident.get(book_url(space)).status_code == 404
    assert as_resident.post(book_url(space), form()).status_code == 404
