"""A booking's pages on the English site give the space's address in English, as the
space page does (``space_address``), and mark what stays Korean ``lang="ko"``; so does
the reminder e-mail of a resident who reads English."""

import re

from django.utils import translation

import pytest

from residents.models import ResidentNotice

from .conftest import make_booking

KOREAN = "서울특별시 노원구 공릉로4길 19"
ENGLISH = "19 Gongneung-ro 4-gil, Nowon-gu, Seoul"


@pytest.fixture
def nowon(bookable):
    return bookable(
        title="공릉 청소년 공간",
        name_en="Gongneung Youth Space",
        district="nowon",
        address=KOREAN,
    )


def where(response):
    page = response.content.decode()
    match = re.search(r"<dt>(?:Where|장소)</dt><dd>(.*?)</dd>", page, re.S)
    assert match, page
    return match.group(1)


def test_the_english_booking_page_gives_the_address_in_english(as_resident, resident, nowon):
    booking = make_booking(nowon, resident)

    shown = where(as_resident.get(f"/en/accounts/bookings/{booking.pk}/"))

    assert f"<span>{ENGLISH}</span>" in shown
    assert KOREAN not in shown
    assert ">Gongneung Youth Space</a>" in shown


def test_the_korean_booking_page_gives_the_address_as_written(as_resident, resident, nowon):
    booking = make_booking(nowon, resident)

    shown = where(as_resident.get(f"/accounts/bookings/{booking.pk}/"))

    assert f"<span>{KOREAN}</span>" in shown
    assert ">공릉 청소년 공간</a>" in shown


def test_the_english_cancel_page_gives_the_address_in_english(as_resident, resident, nowon):
    booking = make_booking(nowon, resident)

    shown = where(as_resident.get(f"/en/accounts/bookings/{booking.pk}/cancel/"))

    assert f"<span>{ENGLISH}</span>" in shown
    assert KOREAN not in shown


def test_what_has_no_english_stays_korean_marked_korean(as_resident, resident, bookable):
    space = bookable(title="공릉 작은 공간", address="공릉동 어딘가 2층")  # not a road address
    booking = make_booking(space, resident)

    for path in (
        f"/en/accounts/bookings/{booking.pk}/",
        f"/en/accounts/bookings/{booking.pk}/cancel/",
    ):
        shown = where(as_resident.get(path))
        assert '<span lang="ko">공릉동 어딘가 2층</span>' in shown, path
        assert ' lang="ko">공릉 작은 공간</' in shown, path


def test_an_english_reminder_gives_the_address_in_english(resident, nowon):
    booking = make_booking(nowon, resident, status="confirmed")
    notice = ResidentNotice(
        recipient=resident.email,
        user=resident,
        kind=ResidentNotice.Kind.BOOKING_REMINDER,
        key=f"test-{booking.pk}",
        booking=booking,
        language="en",
    )

    with translation.override("en"):
        _subject, body = notice.render()
    with translation.override("ko"):
        _subject, korean_body = notice.render()

    assert f"Address: {ENGLISH}" in body
    assert f"주소: {KOREAN}" in korean_body
