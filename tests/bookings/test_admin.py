"""Staff's side: the Bookings listing in the Wagtail admin (filter by space name and
status, CSV export) and the Decide view that confirms or declines a request — a
decline needs a reason — and e-mails the resident."""

import csv
import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client

import pytest

from bookings.models import Booking, Status

from .conftest import NOW, make_booking

pytestmark = pytest.mark.usefixtures("clock")

LISTING = "/admin/snippets/bookings/booking/"


def decide_url(booking):
    return f"/admin/bookings/{booking.pk}/decide/"


def text(response):
    return response.content.decode()


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def bookings(bookable, resident, other_resident):
    library = bookable()
    kitchen = bookable(title="성산 공유부엌")
    return {
        "requested": make_booking(library, resident, start=10, end=12, purpose="독서 모임"),
        "confirmed": make_booking(
            library, other_resident, start=14, end=16, status=Status.CONFIRMED, purpose="합창"
        ),
        "kitchen": make_booking(kitchen, resident, start=10, end=12, purpose="요리 교실"),
        "cancelled": make_booking(
            kitchen, other_resident, start=17, end=18, status=Status.CANCELLED, purpose="뜨개질"
        ),
    }


# --- the listing -------------------------------------------------------------------


def test_staff_see_every_booking_with_its_resident_and_status(admin_client, bookings):
    response = admin_client.get(LISTING)
    page = text(response)
    assert response.status_code == 200
    for booking in bookings.values():
        assert str(booking) in page
    assert "resident1" in page and "resident2" in page
    assert "신청됨" in page and "확정" in page and "취소됨" in page


def test_the_listing_filters_by_space_name(admin_client, bookings):
    page = text(admin_client.get(LISTING, {"space": "공유부엌"}))
    assert str(bookings["kitchen"]) in page
    assert str(bookings["cancelled"]) in page
    assert str(bookings["requested"]) not in page
    assert str(bookings["confirmed"]) not in page


def test_the_listing_filters_by_status(admin_client, bookings):
    page = text(admin_client.get(LISTING, {"status": "requested"}))
    assert str(bookings["requested"]) in page and str(bookings["kitchen"]) in page
    assert str(bookings["confirmed"]) not in page and str(bookings["cancelled"]) not in page


def test_filters_combine(admin_client, bookings):
    page = text(admin_client.get(LISTING, {"space": "작은도서관", "status": "confirmed"}))
    assert str(bookings["confirmed"]) in page
    for name in ("requested", "kitchen", "cancelled"):
        assert str(bookings[name]) not in page


def test_the_listing_filters_by_date(admin_client, bookings):
    on_the_day = text(
        admin_client.get(LISTING, {"start_from": "2026-12-02", "start_to": "2026-12-02"})
    )
    assert str(bookings["requested"]) in on_the_day
    later = text(admin_client.get(LISTING, {"start_from": "2026-12-03"}))
    assert str(bookings["requested"]) not in later


def test_only_active_bookings_have_a_decide_button(admin_client, bookings):
    page = text(admin_client.get(LISTING))
    assert decide_url(bookings["requested"]) in page
    assert decide_url(bookings["confirmed"]) in page
    assert decide_url(bookings["cancelled"]) not in page


def test_the_csv_export_holds_the_bookings(admin_client, bookings):
    rows = csv_rows(admin_client.get(LISTING, {"export": "csv"}))
    by_purpose = {row["이용 목적"]: row for row in rows}
    assert set(by_purpose) == {"독서 모임", "합창", "요리 교실", "뜨개질"}
    row = by_purpose["합창"]
    assert row["공간"] == "망원 작은도서관"
    assert row["신청자"] == "resident2"
    assert row["인원"] == "4"
    assert row["상태"] in ("confirmed", "확정")


def test_the_csv_export_follows_the_filters(admin_client, bookings):
    rows = csv_rows(admin_client.get(LISTING, {"status": "requested", "export": "csv"}))
    assert sorted(row["이용 목적"] for row in rows) == ["독서 모임", "요리 교실"]


def test_the_csv_export_gives_seoul_times(admin_client, bookings):
    """The export gives Seoul wall-clock times (a 14:00 booking reads 14:00, not the
    UTC 05:00 the database holds)."""
    rows = csv_rows(admin_client.get(LISTING, {"status": "confirmed", "export": "csv"}))
    (row,) = rows
    assert row["시작"].startswith("2026-12-02 14:00")
    assert row["종료"].startswith("2026-12-02 16:00")


def test_staff_can_correct_the_reason_but_not_the_status(admin_client, bookings):
    booking = bookings["requested"]
    url = f"{LISTING}edit/{booking.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"reason": "메모", "status": "confirmed"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.reason == "메모"
    assert booking.status == Status.REQUESTED


def test_the_add_booking_form_is_not_a_server_error(admin_user, bookings):
    """Bookings are made by residents: the admin offers no "Add" form, and asking
    for it directly is refused, never a 500."""
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    before = Booking.objects.count()
    response = client.post(f"{LISTING}add/", {"reason": "전화로 받은 예약"})
    assert response.status_code < 500
    assert Booking.objects.count() == before


def test_residents_cannot_open_the_listing(as_resident, bookings):
    response = as_resident.get(LISTING)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert as_resident.get(LISTING, {"export": "csv"}).status_code == 302


# --- deciding -------------------------------------------------------------------------


def test_the_decide_page_shows_the_request(admin_client, bookings):
    page = text(admin_client.get(decide_url(bookings["requested"])))
    assert "망원 작은도서관" in page
    assert "2026-12-02" in page and "10:00–12:00" in page
    assert "resident1" in page
    assert "독서 모임" in page
    assert 'value="confirm"' in page and 'value="decline"' in page


def test_confirming_a_request(admin_client, admin_user, bookings, committing):
    booking = bookings["requested"]
    with committing():
        response = admin_client.post(decide_url(booking), {"action": "confirm", "reason": ""})

    assert response.status_code == 302
    assert response["Location"] == LISTING
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert booking.decided_by == admin_user
    assert booking.expires_at is None
    (message,) = mail.outbox
    assert message.to == ["resident1@example.org"]
    assert message.subject == "[커뮤니티 공간] 예약 확정: 망원 작은도서관 2026-12-02 10:00"
    assert "예약을 확정했습니다." in text(admin_client.get(LISTING))


def test_confirming_with_a_note_keeps_it(admin_client, bookings):
    booking = bookings["requested"]
    admin_client.post(decide_url(booking), {"action": "confirm", "reason": "열쇠는 관리실에서"})
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    assert booking.reason == "열쇠는 관리실에서"


def test_declining_needs_a_reason(admin_client, bookings, committing):
    booking = bookings["requested"]
    with committing():
        response = admin_client.post(decide_url(booking), {"action": "decline", "reason": "  "})
    assert response.status_code == 400
    assert "신청을 거절하는 사유를 적어 주세요." in text(response)
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED
    assert mail.outbox == []


def test_declining_with_a_reason_tells_the_resident(
    admin_client, as_resident, bookings, committing
):
    booking = bookings["requested"]
    with committing():
        response = admin_client.post(
            decide_url(booking), {"action": "decline", "reason": "그날 정기 점검이 있습니다"}
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.DECLINED
    assert booking.reason == "그날 정기 점검이 있습니다"
    (message,) = mail.outbox
    assert message.to == ["resident1@example.org"]
    assert "예약 거절" in message.subject
    assert "사유: 그날 정기 점검이 있습니다" in message.body
    page = text(as_resident.get(booking.get_absolute_url()))
    assert "거절됨" in page and "그날 정기 점검이 있습니다" in page


def test_a_confirmed_booking_can_still_be_declined(admin_client, bookings):
    booking = bookings["confirmed"]
    response = admin_client.post(decide_url(booking), {"action": "decline", "reason": "공사"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.DECLINED


def test_a_confirmed_booking_cannot_be_confirmed_again(admin_client, bookings, committing):
    booking = bookings["confirmed"]
    with committing():
        response = admin_client.post(decide_url(booking), {"action": "confirm"})
    assert response.status_code == 400
    assert "이 예약은 ‘확정’ 상태라 그렇게 바꿀 수 없습니다." in text(response)
    assert mail.outbox == []


def test_a_cancelled_booking_cannot_be_decided(admin_client, bookings):
    booking = bookings["cancelled"]
    response = admin_client.post(decide_url(booking), {"action": "decline", "reason": "x"})
    assert response.status_code == 400
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED


def test_an_unknown_action_is_refused(admin_client, bookings):
    booking = bookings["requested"]
    response = admin_client.post(decide_url(booking), {"action": "delete"})
    assert response.status_code == 400
    assert "확정할지 거절할지 고르세요." in text(response)
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_an_overdue_request_cannot_be_confirmed_any_more(admin_client, bookings, clock, committing):
    booking = bookings["requested"]
    clock.move_to(NOW + dt.timedelta(hours=48, minutes=1))
    with committing():
        response = admin_client.post(decide_url(booking), {"action": "confirm"})
    assert response.status_code == 400
    assert "이 예약은 ‘만료됨’ 상태라 그렇게 바꿀 수 없습니다." in text(response)
    booking.refresh_from_db()
    assert booking.status != Status.CONFIRMED


def test_an_overdue_request_refused_at_decide_stays_expired_and_the_resident_is_told(
    admin_client, bookings, clock, committing
):
    """Deciding on an overdue request expires it for good: the listing shows it
    expired (no Decide button) and the resident is told at once, not when cron runs."""
    booking = bookings["requested"]
    clock.move_to(NOW + dt.timedelta(hours=48, minutes=1))
    with committing():
        admin_client.post(decide_url(booking), {"action": "confirm"})
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED
    assert decide_url(booking) not in text(admin_client.get(LISTING))
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["[커뮤니티 공간] 예약 신청 만료"]


def test_an_unknown_booking_is_not_found(admin_client):
    assert admin_client.get("/admin/bookings/999999/decide/").status_code == 404


def test_staff_without_the_booking_permission_cannot_decide(client, bookings):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    editors = Group.objects.create(name="공간 편집자")
    editors.permissions.add(access)
    editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(editors)
    client.force_login(editor)
    booking = bookings["requested"]
    response = client.post(decide_url(booking), {"action": "confirm"})
    assert response.status_code in (302, 403)  # Wagtail sends them back to the dashboard
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED


def test_residents_cannot_decide(as_resident, bookings):
    booking = bookings["requested"]
    response = as_resident.post(decide_url(booking), {"action": "confirm"})
    assert response.status_code in (302, 403)
    assert Booking.objects.get(pk=booking.pk).status == Status.REQUESTED
