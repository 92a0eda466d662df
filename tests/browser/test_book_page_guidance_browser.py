"""The booking page for a newcomer, in a real browser: on a phone the form is at the
top and the week follows; a keyboard alone picks a free time (Tab into the week, the
arrow keys, Enter); the free times are the only buttons; at the limit of waiting
requests the page says so and leads to My bookings instead of a form."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from playwright.sync_api import expect

from bookings.models import Booking, Status
from bookings.views import day_label

from .conftest import assert_no_axe_violations
from .test_booking_week_browser import PHONE, at, name, open_booking_page, site  # noqa: F401
from .test_bookings_browser import log_in


def test_on_a_phone_the_form_is_at_the_top(site, new_page):  # noqa: F811
    page = new_page(viewport=PHONE)
    open_booking_page(page, site)

    form = page.locator("#booking-form").bounding_box()
    week = page.locator("#week").bounding_box()
    assert form["y"] < 800  # in the first screen, not 2,500 px down
    assert week["y"] > form["y"]
    expect(page.get_by_label("인원 (필수)", exact=True)).to_be_visible()
    # The way to the free times, and back to the form once one is chosen.
    page.get_by_role("link", name="이번 주 빈 시간 보기").click()
    day = site["day"]
    page.locator(".week__strip-day").nth((day - site["first"]).days % 7).click()
    page.get_by_role("button", name=name(day, "10:00")).click()
    expect(page.locator("#week-message")).to_have_text(f"{day_label(day)} 10:00–11:00, 1시간")
    page.get_by_role("link", name="예약 양식으로 가기").click()
    expect(page.get_by_label("시작 (필수)", exact=True)).to_have_value("10:00")
    assert_no_axe_violations(page)


def test_a_keyboard_alone_picks_a_free_time(site, new_page):  # noqa: F811
    day = site["day"]
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site, query=f"?date={day.isoformat()}")

    # From the form's last control, Tab reaches the week's free times in a few steps.
    page.get_by_role("button", name="예약 신청하기").focus()
    for _press in range(30):
        page.keyboard.press("Tab")
        if page.locator("button.week__slot:focus").count():
            break
    focused = page.locator("button.week__slot:focus")
    expect(focused).to_have_count(1)
    # Down to 10:00 of the form's day, then Enter chooses it and Enter on 11:30 the end.
    page.get_by_role("button", name=name(day, "10:00")).focus()
    page.keyboard.press("Enter")
    for _step in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("button", name=name(day, "11:30"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("날짜 (필수)", exact=True)).to_have_value(day.isoformat())
    expect(page.get_by_label("시작 (필수)", exact=True)).to_have_value("10:00")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("12:00")
    expect(page.locator("#booking-summary")).to_have_text(f"{day_label(day)} 10:00–12:00, 2시간")
    # Taken and requested times are no buttons, and do not look pressable.
    taken = page.locator(".week__slot--taken").first
    expect(taken).not_to_have_attribute("tabindex", "0")
    assert taken.evaluate("e => e.tagName") == "SPAN"
    assert taken.evaluate("e => getComputedStyle(e).boxShadow") == "none"


def test_at_the_limit_the_page_leads_to_my_bookings(site, new_page):  # noqa: F811
    resident = get_user_model().objects.get(username="resident1")
    day = site["day"]
    for hour in (10, 11, 12):
        Booking.objects.create(
            space=site["space"],
            user=resident,
            start=at(day + dt.timedelta(days=1), hour),
            end=at(day + dt.timedelta(days=1), hour + 1),
            headcount=2,
            purpose="독서 모임",
            status=Status.REQUESTED,
            expires_at=timezone.now() + dt.timedelta(hours=48),
        )
    page = new_page(viewport=PHONE)
    path = f"{site['space'].url}book/"
    log_in(page, site["url"], "resident1", next_path=path)

    expect(page.get_by_role("heading", name="지금은 예약을 더 신청할 수 없습니다")).to_be_visible()
    expect(page.locator("#booking-form")).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="내 예약 보기").click()
    expect(page.get_by_role("heading", name="내 예약", exact=True)).to_be_visible()
    expect(page.locator(".booking-item")).to_have_count(3)
