"""Booking in a real browser: a resident logs in by username, picks a free time on the
space page, requests it, finds it in "My bookings" and cancels it; staff confirm a
request in the admin; every page on the way is accessible."""

import datetime as dt

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations


@pytest.fixture
def site(make_space, live_server, db):
    get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )
    get_user_model().objects.create_superuser(
        "admin", email="admin@example.org", password="changeme"
    )
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        # Every day, so "tomorrow" is open; day-time hours keep the week of free
        # times (and axe's pass over it) the size of a real space's.
        opening_hours="Mo-Su 09:00-22:00",
        capacity=12,
        email="operator@example.org",
    )
    return live_server.url


def tomorrow():
    return (dt.date.today() + dt.timedelta(days=1)).isoformat()


def log_in(page, site, username, next_path="/"):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    page.locator("main").get_by_role("button", name="로그인").click()


def test_resident_books_sees_and_cancels(site, page):
    page.goto(site + "/spaces/")
    page.get_by_role("link", name="망원 작은도서관").click()
    expect(page.get_by_role("heading", name="이 공간 예약하기")).to_be_visible()
    page.get_by_role("link", name="예약 신청").click()
    # Not logged in yet: the log-in page, then back to the form.
    log_in(page, site, "resident1", next_path=page.url.removeprefix(site))
    expect(page.get_by_role("heading", name="망원 작은도서관 예약하기")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("날짜 (필수)", exact=True).fill(tomorrow())
    page.get_by_label("시작 (필수)", exact=True).fill("14:00")
    page.get_by_label("종료 (필수)", exact=True).fill("16:00")
    page.get_by_label("인원 (필수)", exact=True).fill("5")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("독서 모임")
    page.get_by_role("button", name="예약 신청하기").click()

    expect(page.locator(".badge")).to_have_text("신청됨")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="내 예약").first.click()
    expect(page.locator(".booking-item")).to_have_count(1)
    expect(page.locator(".booking-item")).to_contain_text("14:00–16:00")
    assert_no_axe_violations(page)

    page.locator(".booking-item__title a").click()
    page.get_by_role("link", name="이 예약 취소하기").click()  # asks first
    page.get_by_role("button", name="네, 취소합니다").click()
    expect(page.locator(".badge")).to_have_text("취소됨")


def test_a_bad_request_is_explained_next_to_its_field(site, page):
    log_in(page, site, "resident1")
    page.goto(site + "/spaces/")
    page.get_by_role("link", name="망원 작은도서관").click()
    page.get_by_role("link", name="예약 신청").click()
    page.get_by_label("날짜 (필수)", exact=True).fill(tomorrow())
    page.get_by_label("시작 (필수)", exact=True).fill("16:00")
    page.get_by_label("종료 (필수)", exact=True).fill("14:00")
    page.get_by_label("인원 (필수)", exact=True).fill("50")
    page.get_by_role("button", name="예약 신청하기").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("종료 시간은 시작 시간보다 뒤여야 합니다.")
    expect(summary).to_contain_text("이용 목적을 간단히 적어 주세요.")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)


def test_staff_confirm_a_request_in_the_admin(site, page):
    log_in(page, site, "resident1")
    page.goto(site + "/spaces/")
    page.get_by_role("link", name="망원 작은도서관").click()
    page.get_by_role("link", name="예약 신청").click()
    page.get_by_label("날짜 (필수)", exact=True).fill(tomorrow())
    page.get_by_label("시작 (필수)", exact=True).fill("10:00")
    page.get_by_label("종료 (필수)", exact=True).fill("11:00")
    page.get_by_label("인원 (필수)", exact=True).fill("3")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("동아리 회의")
    page.get_by_role("button", name="예약 신청하기").click()
    expect(page.locator(".badge")).to_have_text("신청됨")
    booking_url = page.url

    page.context.clear_cookies()
    page.goto(site + "/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("changeme")
    page.locator("form button[type=submit]").last.click()
    page.goto(site + "/admin/snippets/bookings/booking/")
    page.get_by_role("link", name="처리").first.click()
    page.get_by_role("button", name="확정").click()
    expect(page.get_by_text("예약을 확정했습니다.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, site, "resident1", next_path=booking_url.removeprefix(site))
    expect(page.locator(".badge")).to_have_text("확정")
    expect(page.get_by_role("link", name="Apple 등 다른 캘린더(.ics)")).to_be_visible()
