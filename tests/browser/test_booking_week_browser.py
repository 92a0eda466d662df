"""Booking by clicking free times in a real browser: a resident opens a space's booking
page (open Mon–Sat 10–22, with a confirmed booking and a pending request), picks a start
and an end in the week, fills in the rest and books; on a phone in English through the
day strip; a weekly request with a taken Thursday; an error that keeps what was typed;
and the same without JavaScript, through the free times' links."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

import pytest
from playwright.sync_api import expect

from bookings import services
from bookings.models import Booking, BookingSeries, Status
from bookings.views import day_label

from .conftest import assert_no_axe_violations
from .test_bookings_browser import log_in

PHONE = {"width": 375, "height": 800}


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def name(day, time, language="ko", chosen=False):
    """The accessible name of a free time (or of a chosen one), as the page gives it."""
    with translation.override(language):
        if chosen:
            state = "선택함" if language == "ko" else "Chosen"
        else:
            state = "예약 가능" if language == "ko" else "Free"
        return f"{day_label(day, 'long')} {time}, {state}"


@pytest.fixture
def site(make_space, live_server, db):
    """The space, with a confirmed booking (14:00–16:00) and a pending request
    (18:00–19:00) on ``day``: the first Mon–Sat after the first day one can book."""
    User = get_user_model()
    User.objects.create_user("resident1", email="resident1@example.org", password="changeme")
    neighbour = User.objects.create_user("resident2", email="r2@example.org", password="x")
    space = make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        opening_hours="Mo-Sa 10:00-22:00",
        capacity=12,
        email="operator@example.org",
    )
    first = services.first_bookable_day(space)
    day = first + dt.timedelta(days=1)
    if day.weekday() == 6:
        day += dt.timedelta(days=1)
    now = timezone.now()
    for start, end, status in ((14, 16, Status.CONFIRMED), (18, 19, Status.REQUESTED)):
        Booking.objects.create(
            space=space,
            user=neighbour,
            start=at(day, start),
            end=at(day, end),
            headcount=3,
            purpose="비밀 모임",
            status=status,
            expires_at=now + dt.timedelta(hours=48) if status == Status.REQUESTED else None,
        )
    return {"url": live_server.url, "space": space, "first": first, "day": day}


def open_booking_page(page, site, query="", language=""):
    path = f"{language}{site['space'].url}book/{query}"
    log_in(page, site["url"], "resident1", next_path=path)
    expect(page.locator("#booking-form")).to_be_visible()


def test_a_resident_books_by_clicking_a_start_and_an_end(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site)
    day = site["day"]

    # The week starts on the first day one can book, and shows the others' times
    # as taken and requested, never by whom.
    first_column = page.locator(".week__day").first
    expect(first_column).to_have_attribute("data-date", site["first"].isoformat())
    expect(first_column.locator("button.week__slot--free").first).to_be_visible()
    column = page.locator(f'.week__day[data-date="{day.isoformat()}"]')
    expect(column.locator('.week__slot--taken[data-start="14:00"]')).to_contain_text("예약됨")
    expect(column.locator('.week__slot--requested[data-start="18:00"]')).to_contain_text("신청 중")
    expect(page.locator("main")).not_to_contain_text("비밀 모임")
    assert_no_axe_violations(page)

    # Across the confirmed booking: refused, with the reason.
    page.get_by_role("button", name=name(day, "13:00")).click()
    page.get_by_role("button", name=name(day, "16:00")).click()
    expect(page.locator("#week-message")).to_contain_text("예약할 수 없는 시간이 있습니다")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("14:00")  # 13:00 + 1 hour

    # 13:00 was chosen as a start (its words and name say so); a new start frees it.
    expect(page.get_by_role("button", name=name(day, "13:00", chosen=True))).to_contain_text(
        "선택함"
    )
    page.get_by_role("button", name=name(day, "19:00")).click()
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("20:00")
    unchosen = page.get_by_role("button", name=name(day, "13:00"))
    expect(unchosen).to_have_attribute("aria-pressed", "false")
    expect(unchosen.locator(".week__state")).to_have_text("예약 가능")
    page.get_by_role("button", name=name(day, "20:30")).click()
    expect(page.get_by_label("날짜 (필수)", exact=True)).to_have_value(day.isoformat())
    expect(page.get_by_label("시작 (필수)", exact=True)).to_have_value("19:00")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("21:00")
    expect(page.locator("#booking-summary")).to_have_text(f"{day_label(day)} 19:00–21:00, 2시간")
    # The chosen time stays in sight under the week (the summary is further down).
    expect(page.locator("#week-message")).to_have_text(f"{day_label(day)} 19:00–21:00, 2시간")
    expect(page.locator(".week__help")).to_contain_text("두 칸 모두 예약에 들어갑니다")
    # The whole week is one Tab stop, so Tab reaches the form without crossing it.
    expect(page.locator("button.week__slot[tabindex='0']")).to_have_count(1)
    chosen = page.get_by_role("button", name=name(day, "20:30", chosen=True))
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(chosen.locator(".week__state")).to_have_text("선택함")
    page.get_by_label("인원 (필수)", exact=True).fill("6")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("독서 모임")
    page.get_by_role("button", name="예약 신청하기").click()

    expect(page.locator(".badge")).to_have_text("신청됨")
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end) == (at(day, 19), at(day, 21))
    assert (booking.headcount, booking.purpose) == (6, "독서 모임")


def test_on_a_phone_in_english_a_day_strip_shows_one_day(site, new_page):
    page = new_page(viewport=PHONE)
    open_booking_page(page, site, language="/en")
    day = site["day"]
    columns = page.locator(".week__day")
    expect(columns.filter(has=page.locator(":visible"))).to_have_count(1)
    assert_no_axe_violations(page)

    with translation.override("en"):
        strip_label = day_label(day, "strip")
    page.locator(".week__strip").get_by_role("link", name=strip_label).click()
    column = page.locator(f'.week__day[data-date="{day.isoformat()}"]')
    expect(column).to_be_visible()
    expect(page.locator(f'.week__day[data-date="{site["first"].isoformat()}"]')).to_be_hidden()
    expect(column.locator('.week__slot--requested[data-start="18:00"]')).to_contain_text(
        "Requested"
    )

    page.get_by_role("button", name=name(day, "19:00", "en")).click()
    page.get_by_role("button", name=name(day, "20:30", "en")).click()
    expect(page.locator("#booking-summary")).to_contain_text("19:00–21:00, 2 hours")
    expect(page.get_by_label("Until (required)", exact=True)).to_have_value("21:00")
    page.get_by_label("Number of people (required)", exact=True).fill("4")
    page.get_by_label("What is it for? (required)", exact=True).fill("Book club")
    page.get_by_role("button", name="Send the request").click()

    expect(page.locator(".badge")).to_have_text("Requested")
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end, booking.purpose) == (at(day, 19), at(day, 21), "Book club")


def test_a_weekly_request_leaves_out_a_taken_thursday(site, new_page):
    space, first = site["space"], site["first"]
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 or 7)
    taken = thursday + dt.timedelta(weeks=2)
    Booking.objects.create(
        space=space,
        user=get_user_model().objects.get(username="resident2"),
        start=at(taken, 19),
        end=at(taken, 21),
        headcount=3,
        purpose="비밀 모임",
        status=Status.CONFIRMED,
    )
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site, query=f"?date={thursday.isoformat()}")

    # With the keyboard: Enter on 19:00, down to 20:30, Space.
    page.get_by_role("button", name=name(thursday, "19:00")).focus()
    page.keyboard.press("Enter")
    for _step in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("button", name=name(thursday, "20:30"))).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#booking-summary")).to_have_text(
        f"{day_label(thursday)} 19:00–21:00, 2시간"
    )
    page.get_by_label("인원 (필수)", exact=True).fill("8")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("동네 합창단 연습")
    page.get_by_label("매주 반복").check()
    page.get_by_label("몇 주").fill("8")
    page.get_by_role("button", name="예약 신청하기").click()

    check = page.locator("#series-check")
    expect(check).to_be_focused()
    expect(check.locator(".series-date--conflict")).to_have_count(1)
    expect(check.locator(".series-date--conflict")).to_contain_text(
        f"{day_label(taken)} 19:00–21:00"
    )
    expect(check.get_by_label(f"{day_label(taken)} 빼기")).to_be_checked()
    assert not Booking.objects.filter(user__username="resident1").exists()
    assert_no_axe_violations(page)
    check.get_by_role("button", name="겹치는 날짜 빼고 7개 날짜 신청").click()

    expect(page.locator(".message--success")).to_contain_text("7개 날짜를 신청했습니다.")
    series = BookingSeries.objects.get()
    dates = list(series.bookings.order_by("start"))
    assert len(dates) == 7 and series.weeks == 8
    expected = [thursday + dt.timedelta(weeks=n) for n in range(8) if n != 2]
    assert [timezone.localtime(b.start).date() for b in dates] == expected
    assert {(b.headcount, b.purpose) for b in dates} == {(8, "동네 합창단 연습")}


def test_an_error_keeps_what_was_typed_and_takes_the_focus(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    open_booking_page(page, site)
    day = site["day"]
    # Dragging from 19:00 to 20:30 chooses both ends.
    page.get_by_role("button", name=name(day, "19:00")).drag_to(
        page.get_by_role("button", name=name(day, "20:30"))
    )
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("21:00")
    page.get_by_label("인원 (필수)", exact=True).fill("50")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("마을 잔치 준비 회의")
    page.get_by_role("button", name="예약 신청하기").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("최대 12명까지")
    expect(page.get_by_label("이용 목적 (필수)", exact=True)).to_have_value("마을 잔치 준비 회의")
    expect(page.get_by_label("인원 (필수)", exact=True)).to_have_value("50")
    expect(page.get_by_label("시작 (필수)", exact=True)).to_have_value("19:00")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("21:00")
    # The week shows the typed time as chosen again.
    expect(page.get_by_role("button", name=name(day, "19:30", chosen=True))).to_have_attribute(
        "aria-pressed", "true"
    )
    assert not Booking.objects.filter(user__username="resident1").exists()


def test_without_javascript_a_free_times_link_fills_in_the_form(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 900}, javascript=False)
    open_booking_page(page, site)
    day = site["day"]
    link = page.get_by_role("link", name=name(day, "19:00"))
    expect(link).to_have_attribute("rel", "nofollow")
    link.click()

    expect(page.get_by_label("날짜 (필수)", exact=True)).to_have_value(day.isoformat())
    expect(page.get_by_label("시작 (필수)", exact=True)).to_have_value("19:00")
    expect(page.get_by_label("종료 (필수)", exact=True)).to_have_value("20:00")
    expect(page.locator("#booking-summary")).to_have_text(f"{day_label(day)} 19:00–20:00, 1시간")
    # The time the link chose says so, in words and in its name.
    chosen = page.get_by_role("link", name=name(day, "19:00", chosen=True))
    expect(chosen.locator(".week__state")).to_have_text("선택함")
    page.get_by_label("종료 (필수)", exact=True).fill("21:00")  # the typed fields still work
    page.get_by_label("인원 (필수)", exact=True).fill("5")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("독서 모임")
    page.get_by_role("button", name="예약 신청하기").click()

    expect(page.locator(".badge")).to_have_text("신청됨")
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end) == (at(day, 19), at(day, 21))
