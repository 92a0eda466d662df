"""What the booking page tells a newcomer before they send it: which fields are
required, how many of the requests one may have waiting they use (and, at the limit,
that there is no point filling in the form), and that on a phone the form comes first."""

import re

import pytest

from bookings.models import Booking

from .conftest import DAY, THURSDAY, book_url, form, make_booking, make_series

pytestmark = pytest.mark.usefixtures("clock")


def text(response):
    return response.content.decode()


def label(html, field):
    match = re.search(rf'<label for="booking-{field}">(.*?)</label>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else None


@pytest.mark.parametrize(
    "field, name",
    [
        ("date", "날짜"),
        ("start", "시작"),
        ("end", "종료"),
        ("headcount", "인원"),
        ("purpose", "이용 목적"),
    ],
)
def test_every_required_field_says_so_in_words_and_is_required(as_resident, space, field, name):
    html = text(as_resident.get(book_url(space)))

    assert label(html, field) == f"{name} (필수)"
    assert re.search(rf'id="booking-{field}"[^>]* required', html)
    assert "(필수) 표시가 있는 항목은 꼭 입력해야 합니다." in html


def test_the_optional_weeks_are_not_marked_required(as_resident, space):
    html = text(as_resident.get(book_url(space)))

    assert label(html, "weeks") == "몇 주"
    assert not re.search(r'id="booking-weeks"[^>]* required', html)


def test_in_english_the_fields_say_required(as_resident, space):
    html = text(as_resident.get(f"/en{book_url(space)}"))

    assert label(html, "headcount") == "Number of people (required)"


def test_a_resident_without_requests_sees_no_count(as_resident, space):
    html = text(as_resident.get(book_url(space)))

    assert 'class="booking-limit' not in html
    assert 'id="booking-form"' in html


def test_the_page_says_how_many_of_the_three_requests_are_used(as_resident, resident, space):
    make_booking(space, resident, day=DAY)
    make_series(space, resident)  # a weekly request counts once
    make_booking(space, resident, day=THURSDAY, start=10, end=11, status="confirmed")

    html = text(as_resident.get(book_url(space)))

    assert "답을 기다리는 신청을 3건 중 2건 쓰고 있습니다." in html
    assert 'id="booking-form"' in html
    assert '<a href="/accounts/bookings/">내 예약 보기</a>' in html


def test_at_the_limit_the_page_says_so_and_shows_no_form(as_resident, resident, space):
    for hour in (10, 12, 14):
        make_booking(space, resident, day=DAY, start=hour, end=hour + 1)

    html = text(as_resident.get(book_url(space)))

    assert "지금은 예약을 더 신청할 수 없습니다" in html
    assert "운영자의 답을 기다리는 신청이 3건 있습니다." in html
    assert 'id="booking-form"' not in html and "data-week" not in html
    assert '<a class="button" href="/accounts/bookings/">내 예약 보기</a>' in html


def test_a_refused_request_at_the_limit_still_says_why(as_resident, resident, space):
    for hour in (10, 12, 14):
        make_booking(space, resident, day=DAY, start=hour, end=hour + 1)

    response = as_resident.post(book_url(space), form(day=THURSDAY))

    assert response.status_code == 400
    assert "지금은 예약을 더 신청할 수 없습니다" in text(response)
    assert Booking.objects.filter(user=resident).count() == 3


def test_the_form_comes_before_the_week(as_resident, space):
    html = text(as_resident.get(book_url(space)))

    assert html.index('id="booking-form"') < html.index('id="week"')
    assert '<a href="#week">이번 주 빈 시간 보기' in html


def test_only_free_times_are_links(as_resident, resident, other_resident, space):
    make_booking(space, other_resident, day=THURSDAY, start=14, end=16, status="confirmed")

    html = text(as_resident.get(book_url(space), {"date": THURSDAY.isoformat()}))

    slots = re.findall(r'<(a|span) class="week__slot week__slot--(\w+)', html)
    assert {tag for tag, state in slots if state == "free"} == {"a"}
    assert {tag for tag, state in slots if state != "free"} == {"span"}
    assert any(state == "taken" for _tag, state in slots)
