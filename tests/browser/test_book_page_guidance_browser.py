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
    page.get_by_label("인원 (필수)", exact=True).fill("4")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("독서 모임")
    page.get_by_role("button", name="예약 신청하기").click()
    expect(page.locator(".badge")).to_have_text("신청됨")
    booking = Booking.objects.get(user__username="resident1")
    # The booking's own address, without the "#week" the way to the times left.
    assert page.url.endswith(f"/accounts/bookings/{booking.pk}/"), page.url


def tab_into_the_week(page):
    """From the form's last control, Tab on until a free time has the focus."""
    page.get_by_role("button", name="예약 신청하기").focus()
    for _press in range(30):
        page.keyboard.press("Tab")
        if page.locator("button.week__slot:focus").count():
            break


def test_a_keyboard_alone_picks_a_free_time(site, new_page):  # noqa: F811
    day = site["day"]
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site, query=f"?date={day.isoformat()}")

    # From the form's last control, Tab reaches the week's free times in a few steps.
    tab_into_the_week(page)
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


def test_a_keyboard_alone_chooses_a_time_and_books_at_1280px(site, new_page):  # noqa: F811
    """Keyboard only, the week beside the form: after the end is chosen the next Tab
    is "go on in the form", right after the chosen time, and it leads to the number of
    people; the chosen times say they are chosen."""
    day = site["day"]
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site, query=f"?date={day.isoformat()}")

    tab_into_the_week(page)
    # Right to the day, then up to its first free time (10:00, when it opens).
    for _press in range(7):
        if page.locator(f'.week__day[data-date="{day.isoformat()}"] button:focus').count():
            break
        page.keyboard.press("ArrowRight")
    for _press in range(30):
        page.keyboard.press("ArrowUp")
    expect(page.get_by_role("button", name=name(day, "10:00"))).to_be_focused()
    page.keyboard.press("Enter")
    for _step in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#booking-summary")).to_have_text(f"{day_label(day)} 10:00–12:00, 2시간")
    # The chosen times say so; the others still say free.
    expect(page.get_by_role("button", name=name(day, "11:30", chosen=True))).to_be_focused()
    for time in ("10:00", "10:30", "11:00", "11:30"):
        chosen = page.get_by_role("button", name=name(day, time, chosen=True))
        expect(chosen).to_have_attribute("aria-pressed", "true")
        expect(chosen.locator(".week__state")).to_have_text("선택함")
    expect(page.get_by_role("button", name=name(day, "12:00"))).to_have_attribute(
        "aria-pressed", "false"
    )

    # One Tab: the way to the form, right after the chosen time (announced).
    page.keyboard.press("Tab")
    to_form = page.get_by_role("link", name="예약 양식으로 가기")
    expect(to_form).to_be_focused()
    expect(to_form).to_be_visible()
    expect(page.locator("#week-message")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#week-message")).to_have_text(f"{day_label(day)} 10:00–12:00, 2시간")
    page.keyboard.press("Enter")
    people = page.get_by_label("인원 (필수)", exact=True)
    expect(people).to_be_focused()
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    expect(page.get_by_label("이용 목적 (필수)", exact=True)).to_be_focused()
    page.keyboard.type("독서 모임")
    send = page.get_by_role("button", name="예약 신청하기")
    for _press in range(10):
        if page.evaluate("document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    expect(send).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".badge")).to_have_text("신청됨")
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end) == (at(day, 10), at(day, 12))
    assert (booking.headcount, booking.purpose) == (6, "독서 모임")


def test_the_links_between_form_and_week_move_the_focus(site, new_page):  # noqa: F811
    """Without JavaScript too, "go on in the form" and its way back leave the focus
    on their target (a heading), not on the page's body."""
    page = new_page(viewport=PHONE, javascript=False)
    open_booking_page(page, site)
    page.get_by_role("link", name="이번 주 빈 시간 보기").click()
    expect(page.locator("#week")).to_be_focused()  # the region named 빈 시간 고르기
    page.get_by_role("link", name="또는 신청서에 날짜와 시간을 직접 입력하세요.").click()
    expect(page.get_by_role("heading", name="예약 정보")).to_be_focused()
    page.keyboard.press("Tab")  # on into the form
    assert page.evaluate("document.activeElement.closest('#booking-form') !== null")


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
