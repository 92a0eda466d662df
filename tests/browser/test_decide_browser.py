"""Recurring requests and cancelling in a real browser: an operator approves a whole
recurring request from the dashboard (one e-mail), or answers it date by date (one
confirmed, one declined with a reason); a resident cancels every date still to come
of a recurring booking after a confirmation page; a program registration is cancelled
the same way without JavaScript. At 1280 and 375 px, in Korean and English."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

import pytest
import recurrence
from playwright.sync_api import expect

from bookings.models import Booking, BookingSeries, Notice, Status
from events.models import Occurrence, ProgramPage, Registration, RegistrationStatus
from events.services import register
from spaces import access
from spaces.models import SpaceOperator

from .conftest import assert_no_axe_violations

PHONE = {"width": 375, "height": 812}
WEEKS = 4


def first_thursday():
    """The first Thursday at least two days ahead (so every date is still to come)."""
    day = timezone.localdate() + dt.timedelta(days=2)
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


@pytest.fixture
def site(make_space, live_server, db):
    """A library run by operator1 with a recurring request of four Thursdays 19–21
    from resident1 (made directly, as the booking form would)."""
    access.ensure_roles()
    users = get_user_model().objects
    resident = users.create_user("resident1", "resident1@example.org", "changeme")
    operator = users.create_user("operator1", "operator1@example.org", "changeme")
    space = make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        opening_hours="Mo-Su 09:00-22:00",
        capacity=12,
        email="",
    )
    SpaceOperator.objects.create(space=space, user=operator, status=SpaceOperator.Status.ACTIVE)
    now = timezone.now()
    series = BookingSeries.objects.create(space=space, user=resident, weeks=WEEKS)
    for week in range(WEEKS):
        day = first_thursday() + dt.timedelta(weeks=week)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(19)))
        Booking.objects.create(
            space=space,
            user=resident,
            series=series,
            start=start,
            end=start + dt.timedelta(hours=2),
            headcount=6,
            purpose="합창 연습",
            status=Status.REQUESTED,
            expires_at=now + dt.timedelta(hours=48),
        )
    return live_server.url


def dates():
    return list(Booking.objects.order_by("start"))


def admin_log_in(page, site, username):
    page.goto(f"{site}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("changeme")
    page.locator("form button[type=submit]").last.click()


def log_in(page, site, username, next_path, prefix=""):
    page.goto(f"{site}{prefix}/accounts/login/?next={next_path}")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill("changeme")
    page.locator("main form button[type=submit]").click()


def test_the_operator_approves_a_whole_recurring_request_from_the_dashboard(site, page):
    admin_log_in(page, site, "operator1")

    pending = page.locator(".operators-panel li.pending-series")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("매주 목요일 19:00–21:00, 4회")
    page.get_by_role("link", name="처리: 반복 예약 신청 — 망원 작은도서관").click()
    expect(page.locator("table.booking-series tbody tr")).to_have_count(WEEKS)
    page.get_by_role("button", name="반복 예약 전체 확정 (4개 날짜)").click()

    # Back on the dashboard it began from, with nothing left to decide.
    expect(page.get_by_text("반복 예약의 4개 날짜를 확정했습니다.")).to_be_visible()
    expect(page).to_have_url(f"{site}/admin/")
    expect(pending).to_have_count(0)
    assert [b.status for b in dates()] == [Status.CONFIRMED] * WEEKS
    assert Notice.objects.filter(kind=Notice.Kind.CONFIRMED).count() == 1
    (message,) = [m for m in mail.outbox if m.to == ["resident1@example.org"]]
    assert "반복 예약의 4개 날짜가 확정되었습니다." in message.body

    page.goto(site + "/admin/")
    expect(page.get_by_text("처리할 신청이 없습니다.")).to_be_visible()


def test_the_operator_answers_date_by_date_on_a_phone_in_english(site, new_page):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="operator1"))
    profile.preferred_language = "en"
    profile.save()
    page = new_page(viewport=PHONE)
    admin_log_in(page, site, "operator1")

    page.get_by_role("link", name="Decide on the recurring request: 망원 작은도서관").click()
    page.get_by_role("button", name="Confirm this date only").click()
    expect(page.get_by_text("Booking confirmed.")).to_be_visible()

    second = dates()[1]
    page.goto(f"{site}/admin/bookings/{second.pk}/decide/")
    expect(
        page.get_by_role("button", name="Confirm the whole recurring booking (3 dates)")
    ).to_be_visible()
    page.get_by_label("Reason (sent to the resident)").fill("Floor cleaning that evening")
    page.get_by_role("button", name="Decline this date only").click()
    expect(page.get_by_text("Booking declined.")).to_be_visible()

    first, second, *rest = dates()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.DECLINED)
    assert second.reason == "Floor cleaning that evening"
    assert [b.status for b in rest] == [Status.REQUESTED] * 2
    assert sorted(Notice.objects.values_list("kind", flat=True)) == ["confirmed", "declined"]


def test_a_resident_cancels_every_date_to_come_after_confirming_on_a_phone(site, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, site, "resident1", "/accounts/bookings/")

    item = page.locator(".booking-item")
    expect(item).to_have_count(1)  # the series is one item
    expect(item.locator(".booking-item__dates li")).to_have_count(WEEKS)
    item.get_by_role("link", name="이 예약 취소하기").click()

    expect(page.get_by_role("heading", name="이 예약을 취소할까요?")).to_be_visible()
    expect(page.get_by_label("이 날짜만", exact=False)).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("남은 4개 날짜 모두").check()
    page.get_by_role("button", name="네, 취소합니다").click()

    expect(
        page.get_by_text("반복 예약의 4개 날짜를 취소했습니다. 운영자에게 알렸습니다.")
    ).to_be_visible()
    expect(page.locator(".booking-status .badge")).to_have_text("취소됨")
    assert_no_axe_violations(page)
    assert [b.status for b in dates()] == [Status.CANCELLED] * WEEKS
    assert Notice.objects.filter(kind=Notice.Kind.CANCELLED).count() == 2  # resident, operator


def test_a_program_registration_is_cancelled_after_confirming_without_javascript(site, new_page):
    space = Booking.objects.first().space
    program = ProgramPage(
        title="그림책 읽는 저녁",
        summary="아이와 함께 그림책을 읽어요.",
        start_date=timezone.localdate() + dt.timedelta(days=1),
        start_time=dt.time(19),
        duration_minutes=90,
        schedule=recurrence.Recurrence(),
        capacity=5,
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    resident = get_user_model().objects.get(username="resident1")
    register(resident, Occurrence.objects.get(program=program).pk)

    page = new_page(javascript=False)
    log_in(page, site, "resident1", "/en/accounts/registrations/", prefix="/en")
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="Cancel this registration?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("그림책 읽는 저녁")
    page.get_by_role("button", name="Yes, cancel my registration").click()

    expect(page.locator(".message--success")).to_contain_text(
        "Your registration for ‘그림책 읽는 저녁’ on "
    )
    assert page.url == f"{site}/en/accounts/registrations/"
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
