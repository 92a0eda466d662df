"""A resident cancels with a confirmation page first (``GET`` asks, ``POST`` cancels):
one date, or every date still to come of a recurring booking, then back to the
booking's page with a message. The calendar file of a request is tentative, of a
recurring booking holds all its dates, and keeps each date's UID."""

import datetime as dt
import re

from django.core import mail
from django.test import Client

import icalendar
import pytest

from bookings.models import Booking, Notice, Status

from .conftest import THURSDAY, make_booking, make_series, seoul

pytestmark = pytest.mark.usefixtures("clock")


def text(response):
    return response.content.decode()


def cancel_url(booking):
    return f"/accounts/bookings/{booking.pk}/cancel/"


def detail_url(booking):
    return f"/accounts/bookings/{booking.pk}/"


def statuses(dates):
    return [Booking.objects.get(pk=date.pk).status for date in dates]


# --- one booking ---------------------------------------------------------------------


def test_the_confirmation_page_says_what_will_be_cancelled(as_resident, space, resident):
    booking = make_booking(space, resident, status=Status.CONFIRMED)

    detail = text(as_resident.get(detail_url(booking)))
    assert f'href="{cancel_url(booking)}"' in detail  # a link, not a bare button
    page = text(as_resident.get(cancel_url(booking)))

    assert "이 예약을 취소할까요?" in page
    assert "망원 작은도서관" in page and "2026-12-02 (수요일) 14:00–16:00" in page
    assert "이 날짜만" not in page  # no choice for a single booking
    assert re.search(r'name="csrfmiddlewaretoken"', page)
    assert f'href="{detail_url(booking)}"' in page  # keep it
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED


def test_confirming_cancels_and_lands_on_the_booking_with_a_message(
    as_resident, space, resident, committing
):
    booking = make_booking(space, resident, status=Status.CONFIRMED)

    with committing():
        response = as_resident.post(cancel_url(booking), {"scope": "date"}, follow=True)

    assert response.redirect_chain == [(detail_url(booking), 303)]
    page = text(response)
    assert "예약을 취소했습니다. 운영자에게 알렸습니다." in page
    assert "취소됨" in page and "이 예약 취소하기" not in page
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == [
        "operator@example.org",
        "resident1@example.org",
    ]


def test_the_english_site_asks_and_tells_in_english(as_resident, space, resident):
    booking = make_booking(space, resident)
    page = text(as_resident.get(f"/en{cancel_url(booking)}"))
    assert "Cancel this booking?" in page and "Yes, cancel" in page
    response = as_resident.post(f"/en{cancel_url(booking)}", follow=True)
    assert response.redirect_chain == [(f"/en{detail_url(booking)}", 303)]
    assert "Booking cancelled. We have told the operator." in text(response)


def test_a_booking_that_is_over_has_no_confirmation_page(as_resident, space, resident, clock):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    clock.move_to(seoul(booking.start.date(), 17))
    response = as_resident.get(cancel_url(booking))
    assert response.status_code == 409
    assert "이 예약은 더 이상 취소할 수 없습니다." in text(response)


def test_someone_elses_booking_is_not_found(other_client, space, resident):
    booking = make_booking(space, resident)
    assert other_client.get(cancel_url(booking)).status_code == 404
    assert other_client.post(cancel_url(booking), {"scope": "series"}).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_the_confirmation_needs_the_csrf_token(space, resident):
    booking = make_booking(space, resident)
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = text(client.get(cancel_url(booking)))
    assert client.post(cancel_url(booking)).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(cancel_url(booking), {"csrfmiddlewaretoken": token}).status_code == 303
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED


# --- a recurring booking --------------------------------------------------------------


def test_a_series_offers_this_date_or_every_date_to_come(as_resident, space, resident, clock):
    __, dates = make_series(space, resident, status=Status.CONFIRMED)
    clock.move_to(seoul(THURSDAY, 22))  # the first date is over

    page = text(as_resident.get(cancel_url(dates[1])))

    assert "무엇을 취소할까요?" in page
    assert "이 날짜만 (2026-12-10 (목요일))" in page
    assert "남은 3개 날짜 모두" in page
    assert "2026-12-03" not in page.partition('id="remaining-dates"')[2]
    assert 'value="date" checked' in page  # the smaller choice is the default


def test_cancelling_every_date_to_come_sends_one_email_each_way(
    as_resident, space, resident, clock, committing
):
    series, dates = make_series(space, resident, status=Status.CONFIRMED)
    clock.move_to(seoul(THURSDAY, 22))

    with committing():
        response = as_resident.post(cancel_url(dates[1]), {"scope": "series"}, follow=True)

    assert response.redirect_chain == [(detail_url(dates[1]), 303)]
    assert "반복 예약의 3개 날짜를 취소했습니다. 운영자에게 알렸습니다." in text(response)
    assert statuses(dates) == [Status.CONFIRMED] + [Status.CANCELLED] * 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "operator@example.org",
        "resident1@example.org",
    ]
    to_resident = next(m for m in mail.outbox if m.to == ["resident1@example.org"])
    assert "이 반복 예약의 3개 날짜가 취소되어" in to_resident.body
    assert Notice.objects.filter(booking__series=series).count() == 2


def test_cancelling_only_this_date_keeps_the_others(as_resident, space, resident, committing):
    __, dates = make_series(space, resident, status=Status.CONFIRMED)
    with committing():
        as_resident.post(cancel_url(dates[2]), {"scope": "date"})
    assert statuses(dates) == [Status.CONFIRMED] * 2 + [Status.CANCELLED, Status.CONFIRMED]
    (to_resident,) = [m for m in mail.outbox if m.to == ["resident1@example.org"]]
    assert to_resident.subject.endswith("2026-12-17 19:00")  # that date, not the series


def test_an_unknown_choice_is_asked_again(as_resident, space, resident):
    __, dates = make_series(space, resident, status=Status.CONFIRMED)
    response = as_resident.post(cancel_url(dates[0]), {"scope": "everything"})
    assert response.status_code == 400
    assert "취소할 범위를 고르세요" in text(response)
    assert statuses(dates) == [Status.CONFIRMED] * 4


def test_the_booking_page_and_my_bookings_show_the_series(as_resident, space, resident):
    __, dates = make_series(space, resident, status=Status.CONFIRMED)
    Booking.objects.filter(pk=dates[3].pk).update(status=Status.DECLINED)

    page = text(as_resident.get(detail_url(dates[1])))
    assert "매주 목요일 19:00–21:00, 4회 (반복 4회 중 2번째)" in page
    assert "이 반복 예약의 날짜" in page
    assert f'href="{detail_url(dates[0])}"' in page
    assert page.count('class="badge badge--declined"') == 1

    listing = text(as_resident.get("/accounts/bookings/"))
    coming, __, past = listing.partition("지난 예약과 끝난 신청")
    assert coming.count('class="booking-item"') == 1  # the series is one item
    assert coming.count("2026-12-") >= 3
    assert f'href="{cancel_url(dates[0])}"' in coming
    assert "2026-12-24" in past


# --- calendar files ------------------------------------------------------------------


def events_of(response):
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_a_recurring_bookings_file_holds_every_date_with_its_status(as_resident, space, resident):
    series, dates = make_series(space, resident, status=Status.REQUESTED)
    Booking.objects.filter(pk=dates[0].pk).update(status=Status.CONFIRMED)
    Booking.objects.filter(pk=dates[3].pk).update(status=Status.CANCELLED)

    response = as_resident.get(f"/accounts/bookings/{dates[1].pk}/booking.ics")

    assert f'filename="booking-series-{series.pk}.ics"' in response["Content-Disposition"]
    found = {str(e["UID"]): (e.decoded("DTSTART"), str(e["STATUS"])) for e in events_of(response)}
    assert found == {
        f"booking-{dates[0].pk}@testserver": (seoul(THURSDAY, 19), "CONFIRMED"),
        f"booking-{dates[1].pk}@testserver": (seoul(dates[1].start.date(), 19), "TENTATIVE"),
        f"booking-{dates[2].pk}@testserver": (seoul(dates[2].start.date(), 19), "TENTATIVE"),
        f"booking-{dates[3].pk}@testserver": (seoul(dates[3].start.date(), 19), "CANCELLED"),
    }
    page = as_resident.get(detail_url(dates[0])).content.decode()  # the confirmed date
    assert f"/accounts/bookings/{dates[0].pk}/booking.ics" in page
    assert "캘린더 파일(.ics)에는 이 반복 예약의 모든 날짜가 들어 있습니다." in text(
        as_resident.get(detail_url(dates[0]))
    )


def test_the_uid_stays_when_a_request_is_confirmed(as_resident, space, resident):
    booking = make_booking(space, resident)
    url = f"/accounts/bookings/{booking.pk}/booking.ics"
    (tentative,) = events_of(as_resident.get(url))
    # The operator confirms it an hour later.
    Booking.objects.filter(pk=booking.pk).update(
        status=Status.CONFIRMED, decided_at=booking.created_at + dt.timedelta(hours=1)
    )
    (confirmed,) = events_of(as_resident.get(url))
    assert str(tentative["UID"]) == str(confirmed["UID"]) == f"booking-{booking.pk}@testserver"
    assert (str(tentative["STATUS"]), str(confirmed["STATUS"])) == ("TENTATIVE", "CONFIRMED")
    assert int(confirmed["SEQUENCE"]) > int(tentative["SEQUENCE"])
    assert as_resident.get(f"/accounts/bookings/{booking.pk + 99}/booking.ics").status_code == 404


def test_a_bookings_file_is_in_seoul_time_and_a_calendar_that_has_it_gets_a_304(
    as_resident, space, resident, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    booking = make_booking(space, resident)
    url = f"/accounts/bookings/{booking.pk}/booking.ics"
    first = as_resident.get(url)
    body = first.content.decode()
    assert "DTSTART;TZID=Asia/Seoul:" in body and "BEGIN:VTIMEZONE" in body
    # The UID names the portal's public address, whatever host was asked.
    (event,) = events_of(first)
    assert str(event["UID"]) == f"booking-{booking.pk}@portal.example.org"
    assert event["URL"].startswith("https://portal.example.org/")
    assert as_resident.get(url).content == first.content  # the same file each time
    again = as_resident.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "status, label",
    [
        (Status.REQUESTED, "캘린더 파일(.ics) — 운영자가 확정할 때까지 '미정'으로 표시됩니다"),
        (Status.CANCELLED, "캘린더 파일(.ics) — 이 예약을 넣어 둔 캘린더에서 취소로 표시합니다"),
    ],
)
def test_a_request_and_a_cancelled_booking_link_their_calendar_file_too(
    as_resident, space, resident, status, label
):
    """A resident can put a request in their calendar (tentative) and, after a
    cancellation, download the file that takes it out again."""
    booking = make_booking(space, resident, status=status)
    page = as_resident.get(detail_url(booking)).content.decode()
    link = re.search(rf'<a href="([^"]+)" download>{re.escape(label)}</a>', page)
    assert link, page
    (event,) = events_of(as_resident.get(link[1]))
    assert str(event["STATUS"]) == ("TENTATIVE" if status == Status.REQUESTED else "CANCELLED")


def test_an_english_bookings_file_names_the_space_in_english(as_resident, space, resident):
    """On the English site a space without an English page is called by its English
    name, in the file as on the page."""
    space.name_en = "Mangwon Small Library"
    space.save_revision().publish()
    booking = make_booking(space, resident)
    (event,) = events_of(as_resident.get(f"/en/accounts/bookings/{booking.pk}/booking.ics"))
    assert str(event["SUMMARY"]) == "Mangwon Small Library (booking)"
    assert str(event["LOCATION"]).startswith("Mangwon Small Library, ")
