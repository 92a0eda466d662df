"""A resident's side of booking: the form at ``<space url>book/``, the booking's page,
"My bookings", cancelling, the calendar file, and the space page's free and taken
times. Who may see what (login, CSRF, someone else's booking), a slot already taken
(409 with free times that really are free) and how a slot is freed again."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.test import Client

import icalendar
import pytest

from bookings import services
from bookings.models import Booking, Status

from .conftest import DAY, NOW, book_url, form, make_booking, seoul

pytestmark = pytest.mark.usefixtures("clock")

TAKEN = "방금 다른 사람이 그 시간을 예약했습니다. 다른 시간을 고르세요."


def text(response):
    return response.content.decode()


def suggestions(response):
    """The "book this instead" forms of a 409 page, as the data each would post."""
    forms = re.findall(r'<form method="post" action="[^"]*">(.*?)</form>', text(response), re.S)
    found = []
    for html in forms:
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
        fields.pop("csrfmiddlewaretoken", None)
        if "date" in fields:  # not the header's log-out form
            found.append(fields)
    return found


def would_succeed(client, space, data):
    """Post the booking and undo it: does this slot really take a booking now?"""
    with transaction.atomic():
        status = client.post(book_url(space), data).status_code
        transaction.set_rollback(True)
    return status


# --- requesting -----------------------------------------------------------------------


def test_a_request_waits_for_the_operator_and_has_its_own_page(as_resident, space, resident):
    response = as_resident.post(book_url(space), form())

    booking = Booking.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/accounts/bookings/{booking.pk}/"
    assert booking.user == resident
    assert booking.status == Status.REQUESTED
    # The operator has 48 hours to answer, but never beyond the time itself.
    assert booking.expires_at == seoul(DAY, 14)
    # The times are Seoul wall-clock times.
    assert booking.start == seoul(DAY, 14) and booking.end == seoul(DAY, 16)

    assert booking.start.astimezone(dt.UTC).hour == 5

    page = text(as_resident.get(response["Location"]))
    assert "망원 작은도서관" in page
    assert "신청됨" in page
    assert "2026-12-02 (수요일) 14:00–16:00" in page
    assert "운영자가 12월 2일(수) 14:00까지 답합니다." in page  # by the time itself
    assert "독서 모임" in page
    assert "이 예약 취소하기" in page
    # Google and Outlook links are for confirmed bookings to come; a request gets only
    # its calendar file, marked tentative.
    assert "Google" not in page
    assert "캘린더 파일(.ics) — 운영자가 확정할 때까지 '미정'으로 표시됩니다" in page


def test_a_request_for_a_time_sooner_than_the_answer_time_is_due_by_its_start(as_resident, space):
    as_resident.post(book_url(space), form(day=NOW.date(), start="15:00", end="16:00"))

    booking = Booking.objects.get()
    assert booking.expires_at == seoul(NOW.date(), 15)


def test_an_auto_confirm_space_confirms_at_once(as_resident, bookable):
    space = bookable(booking_auto_confirm=True)
    response = as_resident.post(book_url(space), form())

    booking = Booking.objects.get()
    assert response.status_code == 303
    assert booking.status == Status.CONFIRMED
    assert booking.expires_at is None
    page = text(as_resident.get(response["Location"]))
    assert "확정" in page
    assert f"/accounts/bookings/{booking.pk}/booking.ics" in page


def test_the_form_shows_the_space_rules_and_the_days_free_times(as_resident, bookable):
    space = bookable(booking_auto_confirm=True)
    response = as_resident.get(book_url(space), {"date": DAY.isoformat()})
    page = text(response)
    assert response.status_code == 200
    assert "망원 작은도서관 예약하기" in page
    assert "60분부터 240분까지, 30분 단위로 예약할 수 있습니다." in page
    assert "최대 12명." in page
    assert "신청하면 바로 확정됩니다." in page
    assert 'value="2026-12-02"' in page
    # The week of free times (tests/bookings/test_week.py): every half hour of the day.
    assert 'aria-label="12월 2일 수요일 09:00, 예약 가능"' in page
    assert 'aria-label="12월 2일 수요일 20:30, 예약 가능"' in page


def test_anonymous_visitors_are_sent_to_log_in_first(client, space):
    for response in (client.get(book_url(space)), client.post(book_url(space), form())):
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [book_url(space)]
    assert not Booking.objects.exists()


def test_my_bookings_pages_need_a_login(client, space, resident):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    for url in (
        "/accounts/bookings/",
        f"/accounts/bookings/{booking.pk}/",
        f"/accounts/bookings/{booking.pk}/booking.ics",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/accounts/bookings/")
    response = client.post(f"/accounts/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_a_post_without_the_csrf_token_is_refused(space, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    assert client.post(book_url(space), form()).status_code == 403
    assert not Booking.objects.exists()

    booking = make_booking(space, resident)
    assert client.post(f"/accounts/bookings/{booking.pk}/cancel/").status_code == 403
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED


def test_with_the_csrf_token_the_form_works(space, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = text(client.get(book_url(space)))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(book_url(space), {**form(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303


def test_another_residents_booking_is_not_found(as_resident, other_client, space, resident):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    base = f"/accounts/bookings/{booking.pk}/"
    assert other_client.get(base).status_code == 404
    assert other_client.get(base + "booking.ics").status_code == 404
    assert other_client.post(base + "cancel/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert "독서 모임" not in text(other_client.get("/accounts/bookings/"))
    assert as_resident.get(base).status_code == 200


# --- a slot already taken -------------------------------------------------------------


def test_a_taken_slot_answers_409_with_free_times_nearby(as_resident, other_client, space):
    assert as_resident.post(book_url(space), form()).status_code == 303

    response = other_client.post(book_url(space), form(start="15:00", end="17:00"))

    assert response.status_code == 409
    assert TAKEN in text(response)
    assert "가까운 빈 시간" in text(response)
    offered = suggestions(response)
    assert offered
    for data in offered:
        assert data["headcount"] == "4" and data["purpose"] == "독서 모임"
        start, end = data["start"], data["end"]
        assert (int(end[:2]) * 60 + int(end[3:])) - (int(start[:2]) * 60 + int(start[3:])) == 120
        # Really free: each one, taken on its own, is booked.
        assert would_succeed(other_client, space, data) == 303, data
    assert Booking.objects.count() == 1


def test_the_nearest_free_times_come_first(as_resident, other_client, space):
    as_resident.post(book_url(space), form())
    response = other_client.post(book_url(space), form())
    windows = [(d["date"], d["start"], d["end"]) for d in suggestions(response)]
    assert windows[:2] == [("2026-12-02", "12:00", "14:00"), ("2026-12-02", "16:00", "18:00")]


def test_the_same_slot_twice_is_taken_even_for_the_same_resident(as_resident, space):
    assert as_resident.post(book_url(space), form()).status_code == 303
    assert as_resident.post(book_url(space), form()).status_code == 409
    assert Booking.objects.count() == 1


def test_back_to_back_bookings_are_allowed(as_resident, other_client, space):
    assert as_resident.post(book_url(space), form(start="14:00", end="16:00")).status_code == 303
    assert other_client.post(book_url(space), form(start="16:00", end="18:00")).status_code == 303
    assert other_client.post(book_url(space), form(start="12:00", end="14:00")).status_code == 303
    assert Booking.objects.active().count() == 3


def test_another_space_at_the_same_time_is_free(as_resident, other_client, bookable):
    first, second = bookable(), bookable(title="성산 공유부엌")
    assert as_resident.post(book_url(first), form()).status_code == 303
    assert other_client.post(book_url(second), form()).status_code == 303


def test_a_suggestion_ending_at_midnight_can_be_booked(as_resident, other_client, bookable):
    """A space open until midnight may suggest 22:00–24:00; that one-click
    alternative books (its form sends 24:00, not 00:00)."""
    space = bookable(opening_hours="Mo-Su 09:00-24:00")
    assert as_resident.post(book_url(space), form(start="20:00", end="22:00")).status_code == 303
    response = other_client.post(book_url(space), form(start="20:00", end="22:00"))
    assert response.status_code == 409
    late = [d for d in suggestions(response) if d["start"] == "22:00"]
    assert late, suggestions(response)
    assert would_succeed(other_client, space, late[0]) == 303


def test_booking_until_midnight_is_possible(as_resident, bookable):
    space = bookable(opening_hours="Mo-Su 09:00-24:00")
    assert as_resident.post(book_url(space), form(start="22:00", end="24:00")).status_code == 303
    assert Booking.objects.get().end == seoul(DAY + dt.timedelta(days=1), 0)


def test_the_english_site_books_the_same_space(as_resident, other_client, space):
    korean = book_url(space)
    assert as_resident.post(korean, form()).status_code == 303
    assert other_client.get("/en" + korean).status_code == 200
    assert other_client.post("/en" + korean, form()).status_code == 409
    assert Booking.objects.count() == 1


def test_a_translated_space_cannot_be_double_booked_through_its_translation(
    as_resident, other_client, space
):
    """A translated space is two pages (Korean and English) but one room: booking
    through the translation books the Korean page, so the same time is never booked
    twice, once per language."""
    from wagtail.models import Locale

    korean = book_url(space)
    english = space.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Mangwon Small Library"
    english.save_revision().publish()

    assert as_resident.post(korean, form()).status_code == 303
    response = other_client.post("/en" + korean, form())  # the translation's address

    assert response.status_code == 409
    assert Booking.objects.active().count() == 1


# --- freeing a slot ---------------------------------------------------------------------


def test_cancelling_frees_the_slot_for_someone_else(as_resident, other_client, space):
    as_resident.post(book_url(space), form())
    booking = Booking.objects.get()

    response = as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")

    assert response.status_code == 303
    assert response["Location"] == f"/accounts/bookings/{booking.pk}/"
    page = text(as_resident.get(response["Location"]))
    assert "취소됨" in page
    assert "이 예약 취소하기" not in page
    assert other_client.post(book_url(space), form()).status_code == 303


def test_opening_the_cancel_address_only_asks_first(as_resident, space, resident):
    booking = make_booking(space, resident)
    response = as_resident.get(f"/accounts/bookings/{booking.pk}/cancel/")
    assert response.status_code == 200
    assert "이 예약을 취소할까요?" in text(response)
    assert as_resident.put(f"/accounts/bookings/{booking.pk}/cancel/").status_code == 405
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED


def test_a_booking_that_is_over_cannot_be_cancelled(as_resident, space, resident, clock):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    clock.move_to(seoul(DAY, 17))
    response = as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    assert response.status_code == 409
    assert "이 예약은 더 이상 취소할 수 없습니다." in text(response)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_a_cancelled_booking_cannot_be_cancelled_again(as_resident, space, resident):
    booking = make_booking(space, resident, status=Status.CANCELLED)
    assert as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/").status_code == 409


def test_a_declined_request_frees_the_slot(as_resident, other_client, space, admin_user):
    as_resident.post(book_url(space), form())
    services.decide(Booking.objects.get(), "decline", by=admin_user, reason="점검")
    assert other_client.post(book_url(space), form()).status_code == 303


def test_an_unanswered_request_expires_and_frees_the_slot(as_resident, other_client, space, clock):
    later = DAY + dt.timedelta(days=7)
    as_resident.post(book_url(space), form(day=later))
    booking = Booking.objects.get()
    assert booking.expires_at == NOW + dt.timedelta(hours=48)

    clock.move_to(NOW + dt.timedelta(hours=47))
    assert other_client.post(book_url(space), form(day=later)).status_code == 409

    clock.move_to(NOW + dt.timedelta(hours=48, minutes=1))
    assert other_client.post(book_url(space), form(day=later)).status_code == 303
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED
    assert "만료됨" in text(as_resident.get(f"/accounts/bookings/{booking.pk}/"))


def test_the_space_sets_how_long_a_request_waits(as_resident, bookable):
    space = bookable(booking_request_hours=6)
    as_resident.post(book_url(space), form())
    assert Booking.objects.get().expires_at == NOW + dt.timedelta(hours=6)


def test_the_expire_command_expires_overdue_requests(space, resident, clock):
    from io import StringIO

    from django.core.management import call_command

    booking = make_booking(space, resident)
    clock.move_to(NOW + dt.timedelta(hours=49))
    out = StringIO()
    call_command("expire_bookings", stdout=out)
    assert "expired 1" in out.getvalue()
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED


# --- my bookings -------------------------------------------------------------------


def test_my_bookings_shows_each_booking_with_its_status(
    as_resident, space, resident, other_resident
):
    make_booking(space, resident, start=9, end=10, status=Status.REQUESTED)
    make_booking(space, resident, start=10, end=11, status=Status.CONFIRMED)
    make_booking(space, resident, start=11, end=12, status=Status.DECLINED, reason="점검")
    make_booking(space, resident, start=12, end=13, status=Status.CANCELLED)
    make_booking(space, resident, start=13, end=14, status=Status.EXPIRED)
    make_booking(space, other_resident, start=15, end=16, purpose="남의 예약")

    response = as_resident.get("/accounts/bookings/")
    page = text(response)

    assert response.status_code == 200
    coming, __, past = page.partition("지난 예약과 끝난 신청")
    assert "신청됨" in coming and "확정" in coming
    assert "09:00–10:00" in coming and "10:00–11:00" in coming
    for label in ("거절됨", "취소됨", "만료됨"):
        assert label in past
    for hours in ("11:00–12:00", "12:00–13:00", "13:00–14:00"):
        assert hours in past
    assert page.count('class="booking-item"') == 5
    assert "15:00–16:00" not in page


def test_my_bookings_shows_an_overdue_request_as_expired(as_resident, space, resident, clock):
    make_booking(space, resident, day=DAY + dt.timedelta(days=7))
    clock.move_to(NOW + dt.timedelta(hours=49))
    page = text(as_resident.get("/accounts/bookings/"))
    assert "만료됨" in page and "신청됨" not in page


def test_my_bookings_is_empty_with_a_way_to_find_a_space(as_resident):
    page = text(as_resident.get("/accounts/bookings/"))
    assert "다가오는 예약이 없습니다" in page
    assert 'href="/spaces/"' in page


# --- the calendar file -----------------------------------------------------------------


def test_a_confirmed_booking_has_a_calendar_file(as_resident, space, resident):
    booking = make_booking(space, resident, status=Status.CONFIRMED)

    response = as_resident.get(f"/accounts/bookings/{booking.pk}/booking.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == seoul(DAY, 14)
    assert event.decoded("DTEND") == seoul(DAY, 16)
    assert str(event["LOCATION"]) == f"망원 작은도서관, {space.address}"
    assert "망원 작은도서관" in str(event["SUMMARY"])
    assert str(event["UID"])


@pytest.mark.parametrize(
    "status,ics_status",
    [
        (Status.REQUESTED, "TENTATIVE"),
        (Status.DECLINED, "CANCELLED"),
        (Status.CANCELLED, "CANCELLED"),
        (Status.EXPIRED, "CANCELLED"),
    ],
)
def test_the_calendar_file_says_the_bookings_status(
    as_resident, space, resident, status, ics_status
):
    """A request is tentative; a booking over by a decision is served as cancelled
    under the same UID, so a calendar that imported it drops it."""
    booking = make_booking(space, resident, status=status)
    response = as_resident.get(f"/accounts/bookings/{booking.pk}/booking.ics")
    assert response.status_code == 200
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["STATUS"]) == ics_status
    assert str(event["UID"]) == f"booking-{booking.pk}@testserver"
    # The page links that file (not Google or Outlook links, which cannot say either).
    page = as_resident.get(f"/accounts/bookings/{booking.pk}/").content.decode()
    assert f'href="/accounts/bookings/{booking.pk}/booking.ics" download' in page
    assert "Google" not in text(as_resident.get(f"/accounts/bookings/{booking.pk}/"))


# --- the space page's free and taken times --------------------------------------------


def slot_states(response):
    """{"14:00–14:30": "free" or "taken"} as the availability table shows them."""
    found = re.findall(r'<li class="slot slot--(\w+)"><span>([\d:–]+)</span>', text(response))
    return {label: state for state, label in found}


def test_the_space_page_shows_free_and_taken_times_without_names(client, space, resident):
    make_booking(space, resident, purpose="비밀 생일 파티", status=Status.CONFIRMED)
    make_booking(space, resident, start=17, end=18, status=Status.CANCELLED)

    response = client.get(space.url, {"date": DAY.isoformat()})

    states = slot_states(response)
    assert response.status_code == 200
    assert states["13:30–14:00"] == "free"
    assert states["14:00–14:30"] == states["15:30–16:00"] == "taken"
    assert states["16:00–16:30"] == "free"
    assert states["17:00–17:30"] == "free"  # the cancelled booking freed it
    page = text(response)
    assert "비밀 생일 파티" not in page
    assert "resident1" not in page


def test_the_space_page_shows_a_pending_request_as_taken(client, space, resident):
    make_booking(space, resident)
    states = slot_states(client.get(space.url, {"date": DAY.isoformat()}))
    assert states["14:00–14:30"] == "taken"


def test_the_space_page_shows_a_closure_day(client, space):
    from .test_rules import close

    close(space, DAY, reason="정기 소독")
    page = text(client.get(space.url, {"date": DAY.isoformat()}))
    assert "이날은 쉽니다. 정기 소독" in page
    assert "slot--free" not in page


def test_the_space_page_shows_a_closed_weekday(client, space):
    page = text(client.get(space.url, {"date": "2026-12-06"}))  # Sunday
    assert "이날은 예약을 받지 않습니다." in page


def test_times_too_soon_to_book_are_shown_too_late_not_taken(client, space):
    response = client.get(space.url, {"date": "2026-12-01"})  # today, 09:00
    states = slot_states(response)
    assert states["10:30–11:00"] == "late"  # within the 2-hour lead time
    assert "마감" in text(response)
    assert states["11:00–11:30"] == "free"


def test_a_bad_date_on_the_space_page_shows_the_first_bookable_day(client, space):
    for value in ("tomorrow", "2026-13-45", "2020-01-01"):
        response = client.get(space.url, {"date": value})
        assert response.status_code == 200
        assert "2026-12-01 (화요일)" in text(response)


def test_a_date_far_ahead_on_the_space_page_is_not_a_server_error(space):
    """The public space page with ?date=9999-12-31 still answers with the page."""
    client = Client(raise_request_exception=False)
    assert client.get(space.url, {"date": "9999-12-31"}).status_code == 200
