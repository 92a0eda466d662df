"""A link to a space's booking page for a given day (``?date=``) in a real browser: on a
phone the day strip shows that day first, so the times tapped are that day's and the
booking is made for it; on a wide screen the day is marked in the week, and the mark
follows the day of the time clicked."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from bookings import services
from bookings.models import Booking
from bookings.views import day_label

from .test_bookings_browser import log_in

PHONE = {"width": 375, "height": 800}


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def free_time(day, time):
    """The accessible name of a free time, as the page gives it."""
    return f"{day_label(day, 'long')} {time}, 예약 가능"


@pytest.fixture
def site(make_space, live_server, db):
    """A space open every day 10–22 and a resident; ``asked`` is three days after the
    first day one can book (the same week: the week starts on that first day)."""
    get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )
    space = make_space(
        title="망원 작은도서관",
        bookable=True,
        opening_hours="Mo-Su 10:00-22:00",
        capacity=12,
        email="operator@example.org",
    )
    first = services.first_bookable_day(space)
    return {"url": live_server.url, "space": space, "asked": first + dt.timedelta(days=3)}


def open_for(page, site, day):
    log_in(page, site["url"], "resident1", next_path=f"{site['space'].url}book/?date={day}")
    expect(page.locator("#booking-form")).to_be_visible()


def test_on_a_phone_the_asked_day_is_the_one_shown_and_booked(site, new_page):
    asked = site["asked"]
    page = new_page(viewport=PHONE)
    open_for(page, site, asked)

    column = page.locator(f'.week__day[data-date="{asked.isoformat()}"]')
    expect(column).to_be_visible()
    expect(page.locator(".week__day:visible")).to_have_count(1)
    expect(page.locator(f'.week__strip-day[data-day="{asked.isoformat()}"]')).to_have_attribute(
        "aria-current", "date"
    )

    page.get_by_role("button", name=free_time(asked, "16:00")).click()
    page.get_by_role("button", name=free_time(asked, "17:00")).click()
    expect(page.locator("#booking-summary")).to_contain_text(f"{day_label(asked)} 16:00–17:30")
    expect(page.get_by_label("날짜 (필수)", exact=True)).to_have_value(asked.isoformat())
    page.get_by_label("인원 (필수)", exact=True).fill("3")
    page.get_by_label("이용 목적 (필수)", exact=True).fill("독서 모임")
    page.get_by_role("button", name="예약 신청하기").click()

    expect(page.locator(".badge")).to_be_visible()
    booking = Booking.objects.get(user__username="resident1")
    assert (booking.start, booking.end) == (at(asked, 16), at(asked, 17, 30))


def test_on_a_wide_screen_the_mark_follows_the_day_of_the_time_clicked(site, new_page):
    asked = site["asked"]
    other = asked - dt.timedelta(days=1)
    page = new_page()
    open_for(page, site, asked)

    marked = page.locator('.week__day[aria-current="date"]')
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("data-date", asked.isoformat())
    expect(page.locator(".week__day:visible")).to_have_count(7)

    page.get_by_role("button", name=free_time(other, "11:00")).click()
    expect(marked).to_have_attribute("data-date", other.isoformat())
    expect(page.get_by_label("날짜 (필수)", exact=True)).to_have_value(other.isoformat())
