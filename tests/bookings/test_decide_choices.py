"""The Decide screen offers only the decisions that can still apply: a request is
confirmed or declined, a confirmed booking may still be declined until it begins. A
cancelled, declined, expired or past booking, or a deleted member's, shows a sentence
saying why instead of a form that could only be refused."""

import datetime as dt
import re

from django.core import mail

import pytest

from bookings import services
from bookings.models import Booking, Status

from .conftest import NOW, make_booking, make_series

pytestmark = pytest.mark.usefixtures("clock")

LISTING = "/admin/snippets/bookings/booking/"
NOTHING_LEFT = "상태라 더 처리할 것이 없습니다."
OVER = "이미 시작했거나 끝난 예약이라 더 처리할 것이 없습니다."
DELETED = "신청자가 탈퇴해 이 예약은 더 이상 바꿀 수 없습니다."


def decide_url(booking):
    return f"/admin/bookings/{booking.pk}/decide/"


def text(response):
    return response.content.decode()


def buttons(page):
    """The decisions the page offers (its submit buttons' actions)."""
    return re.findall(r'name="action" value="([a-z_]+)"', page)


def has_reason_field(page):
    return 'name="reason"' in page


@pytest.mark.parametrize(
    ("status", "label"),
    [(Status.CANCELLED, "취소됨"), (Status.DECLINED, "거절됨"), (Status.EXPIRED, "만료됨")],
)
def test_a_finished_booking_says_nothing_is_left_to_decide(
    admin_client, space, resident, status, label
):
    booking = make_booking(space, resident, status=status)

    response = admin_client.get(decide_url(booking))

    page = text(response)
    assert response.status_code == 200
    assert buttons(page) == [] and not has_reason_field(page)
    assert f"이 예약은 ‘{label}’ {NOTHING_LEFT}" in page
    assert f'href="{LISTING}"' in page and "예약 목록으로 돌아가기" in page


def test_a_confirmed_booking_to_come_can_only_be_declined(admin_client, space, resident):
    booking = make_booking(space, resident, status=Status.CONFIRMED)

    page = text(admin_client.get(decide_url(booking)))

    assert buttons(page) == ["decline"]
    assert has_reason_field(page)


def test_a_booking_that_has_begun_offers_nothing_and_refuses_a_decline(
    admin_client, space, resident, clock, committing
):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    clock.move_to(booking.start + dt.timedelta(minutes=30))

    page = text(admin_client.get(decide_url(booking)))
    assert buttons(page) == [] and not has_reason_field(page)
    assert OVER in page

    with committing():
        refused = admin_client.post(decide_url(booking), {"action": "decline", "reason": "노쇼"})
    assert refused.status_code == 400
    assert OVER in text(refused)
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED
    assert mail.outbox == []


def test_a_deleted_members_booking_offers_nothing(admin_client, space, resident):
    booking = make_booking(space, None, status=Status.CONFIRMED, purpose="")

    page = text(admin_client.get(decide_url(booking)))

    assert "탈퇴한 회원" in page
    assert buttons(page) == [] and not has_reason_field(page)
    assert DELETED in page


def test_an_overdue_request_shows_as_expired_and_its_resident_is_told(
    admin_client, space, resident, clock, committing
):
    booking = make_booking(space, resident, expires_at=NOW + dt.timedelta(hours=4))
    clock.move_to(NOW + dt.timedelta(hours=4, minutes=1))

    with committing():
        page = text(admin_client.get(decide_url(booking)))

    assert f"이 예약은 ‘만료됨’ {NOTHING_LEFT}" in page
    assert buttons(page) == []
    assert Booking.objects.get(pk=booking.pk).status == Status.EXPIRED
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["[커뮤니티 공간] 예약 신청 만료"]


def test_the_way_back_goes_where_the_decision_began(admin_client, space, resident):
    booking = make_booking(space, resident, status=Status.CANCELLED)

    page = text(admin_client.get(decide_url(booking), {"next": "/admin/"}))

    assert '<a class="button button-secondary" href="/admin/">돌아가기</a>' in page


def test_a_cancelled_date_of_a_waiting_series_offers_the_series_only(admin_client, space, resident):
    series, dates = make_series(space, resident)
    services.decide(dates[1], "cancel", by=resident)

    page = text(admin_client.get(decide_url(dates[1])))

    assert buttons(page) == ["confirm_series", "decline_series"]
    assert "반복 예약 전체 확정 (3개 날짜)" in page
    assert f"이 예약은 ‘취소됨’ {NOTHING_LEFT}" in page
    assert "이 날짜만 거절" not in page


def test_a_series_answered_in_full_offers_nothing(admin_client, space, resident):
    series, dates = make_series(space, resident)
    services.decide_series(series, "decline", reason="공사")

    page = text(admin_client.get(decide_url(dates[0])))

    assert buttons(page) == [] and not has_reason_field(page)
    assert f"이 예약은 ‘거절됨’ {NOTHING_LEFT}" in page
    assert "2026-12-03" in page  # the summary is still there
