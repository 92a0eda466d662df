"""What a booking's page and e-mails say, read as a person reads them: the operator's
answer time as a day the portal names ("12월 3일(목) 09:00"), the confirmed booking's
calendar file in its e-mail, and the operator's cancellation e-mail naming who booked
("탈퇴한 회원" for a deleted member) without empty lines, greeted and signed as the
portal's other e-mails are."""

from django.core import mail

import pytest

from bookings.models import Booking, Status

from .conftest import make_booking

pytestmark = pytest.mark.usefixtures("clock")

BASE = "https://example.seoul.kr"
GREETING = "안녕하세요, 커뮤니티 공간입니다."
SIGN_OFF = [
    "커뮤니티 공간을 이용해 주셔서 감사합니다.",
    "이 메일은 발신 전용입니다. 회신하셔도 확인할 수 없습니다.",
]


def text(response):
    return response.content.decode()


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def lines(message):
    return message.body.strip().splitlines()


def test_the_answer_time_is_a_day_and_time_as_the_portal_says_them(as_resident, space, resident):
    booking = make_booking(space, resident)  # asked on Tuesday 09:00, 48 hours to answer
    page = text(as_resident.get(f"/accounts/bookings/{booking.pk}/"))
    assert "운영자가 12월 3일(목) 09:00까지 답합니다." in page
    english = text(as_resident.get(f"/en/accounts/bookings/{booking.pk}/"))
    assert "The operator answers by Thu 3 Dec 09:00;" in english


def test_the_confirmation_mail_carries_the_calendar_file(
    admin_client, as_resident, space, resident, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    booking = make_booking(space, resident)
    with committing():
        admin_client.post(
            f"/admin/bookings/{booking.pk}/decide/", {"action": "confirm", "reason": ""}
        )
    (message,) = sent_to("resident1@example.org")
    body = lines(message)
    assert body[0] == GREETING and body[-2:] == SIGN_OFF
    label = body.index("내 캘린더에 추가하기 (Apple 등 다른 캘린더, .ics):")
    link = body[label + 1]
    assert link == f"{BASE}/accounts/bookings/{booking.pk}/booking.ics"
    calendar = as_resident.get(link.removeprefix(BASE))
    assert calendar.status_code == 200 and b"STATUS:CONFIRMED" in calendar.content
    assert not any(line.startswith("신청자:") for line in body)  # their own booking


def test_a_deleted_members_cancellation_tells_the_operator_without_empty_lines(
    client, space, resident, committing
):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    client.force_login(resident)
    with committing():
        response = client.post("/accounts/delete/", {"password": "changeme"})
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED

    (message,) = sent_to("operator@example.org")
    body = lines(message)
    assert body[0] == GREETING and body[-2:] == SIGN_OFF
    assert "신청자: 탈퇴한 회원" in body
    assert not any(line.startswith("이용 목적") for line in body)  # erased: not printed
    for number, line in enumerate(body):  # no label without its value
        if line.rstrip().endswith(":"):
            assert body[number + 1].startswith(("https://", "http://", "- ")), line


def test_an_operators_cancellation_mail_names_the_resident(
    as_resident, space, resident, committing
):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    with committing():
        as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    (message,) = sent_to("operator@example.org")
    body = lines(message)
    assert "신청자: resident1" in body
    assert "이용 목적: 독서 모임" in body
    (own,) = sent_to("resident1@example.org")
    assert not any(line.startswith("신청자:") for line in lines(own))
