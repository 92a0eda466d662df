"""Operators answer a recurring request: every date still waiting at once, or date by
date, from the Decide screen (``services.decide_series``); one e-mail per decision,
naming the series and listing its dates with their statuses. The admin listing shows
each date's place in its series and filters by series; the dashboard shows a series as
one request. An operator decides only their own spaces' series."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

import pytest

from bookings import services
from bookings.models import Booking, Notice, Status
from spaces.models import SpaceOperator

from .conftest import NOW, make_booking, make_series

pytestmark = pytest.mark.usefixtures("clock")

LISTING = "/admin/snippets/bookings/booking/"
SERIES = "매주 목요일 19:00–21:00, 4회"


def decide_url(booking):
    return f"/admin/bookings/{booking.pk}/decide/"


def text(response):
    return response.content.decode()


def statuses(dates):
    return [Booking.objects.get(pk=date.pk).status for date in dates]


def operator_client(space, username):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="changeme"
    )
    SpaceOperator.objects.create(space=space, user=user, status=SpaceOperator.Status.ACTIVE)
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    return client


@pytest.fixture
def world(bookable, resident):
    """A recurring request of four Thursdays at the library, its operator, and a kitchen
    run by someone else."""
    library = bookable()
    kitchen = bookable(title="성산 공유부엌", email="kitchen@example.org")
    series, dates = make_series(library, resident)
    return {
        "library": library,
        "kitchen": kitchen,
        "series": series,
        "dates": dates,
        "operator": operator_client(library, "operator1"),
        "other": operator_client(kitchen, "operator2"),
    }


# --- the Decide screen ----------------------------------------------------------------


def test_the_decide_page_of_a_date_offers_the_whole_series_or_this_date(world):
    page = text(world["operator"].get(decide_url(world["dates"][1])))

    assert SERIES in page
    assert "반복 예약 전체 확정 (4개 날짜)" in page
    assert "전체 거절 (4개 날짜)" in page
    assert "이 날짜만 확정" in page and "이 날짜만 거절" in page
    # Every date with its status; the others link to their own Decide screen.
    for date in ("2026-12-03", "2026-12-10", "2026-12-17", "2026-12-24"):
        assert date in page
    assert f'href="{decide_url(world["dates"][0])}"' in page
    assert '<strong aria-current="true">2026-12-10' in page


def test_confirming_the_whole_series_confirms_the_waiting_dates_with_one_email(world, committing):
    dates = world["dates"]
    with committing():
        services.decide(dates[2], "decline", reason="점검")  # answered: stays declined
    mail.outbox.clear()

    with committing():
        response = world["operator"].post(decide_url(dates[0]), {"action": "confirm_series"})

    assert response.status_code == 302
    assert response["Location"] == f"{LISTING}?series={world['series'].pk}"
    assert statuses(dates) == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.DECLINED,
        Status.CONFIRMED,
    ]
    (message,) = mail.outbox
    assert message.to == ["resident1@example.org"]
    assert message.subject == f"[커뮤니티 공간] 예약 확정: 망원 작은도서관 {SERIES}"
    assert "반복 예약의 3개 날짜가 확정되었습니다. 그때 만나요!" in message.body
    assert f"반복: {SERIES}" in message.body
    assert "- 2026-12-03 (목요일) 19:00–21:00 · 확정" in message.body
    assert "- 2026-12-17 (목요일) 19:00–21:00 · 거절됨" in message.body
    listing = text(world["operator"].get(response["Location"]))
    assert "반복 예약의 3개 날짜를 확정했습니다." in listing
    assert listing.count("반복 4회 중") == 4


def test_declining_the_series_needs_a_reason_and_tells_it_once(world, committing):
    dates = world["dates"]
    response = world["operator"].post(decide_url(dates[0]), {"action": "decline_series"})
    assert response.status_code == 400
    assert "신청을 거절하는 사유를 적어 주세요." in text(response)
    assert statuses(dates) == [Status.REQUESTED] * 4

    with committing():
        world["operator"].post(
            decide_url(dates[0]), {"action": "decline_series", "reason": "겨울 공사"}
        )

    assert statuses(dates) == [Status.DECLINED] * 4
    assert {b.reason for b in Booking.objects.all()} == {"겨울 공사"}
    (message,) = mail.outbox
    assert message.subject == f"[커뮤니티 공간] 예약 거절: 망원 작은도서관 {SERIES}"
    assert "운영자가 반복 예약 신청(4개 날짜)을 거절했습니다. 사유: 겨울 공사" in message.body


def test_one_date_is_confirmed_and_another_declined_on_their_own(world, committing):
    dates = world["dates"]
    with committing():
        world["operator"].post(decide_url(dates[0]), {"action": "confirm"})
    with committing():
        world["operator"].post(decide_url(dates[1]), {"action": "decline", "reason": "행사"})

    assert statuses(dates) == [Status.CONFIRMED, Status.DECLINED] + [Status.REQUESTED] * 2
    confirmed, declined = mail.outbox
    # A date's own mail names its date, and lists the series' dates for context.
    assert confirmed.subject == "[커뮤니티 공간] 예약 확정: 망원 작은도서관 2026-12-03 19:00"
    assert "예약이 확정되었습니다. 그때 만나요!" in confirmed.body
    assert f"이 반복 예약의 날짜({SERIES}):" in confirmed.body
    assert "- 2026-12-10 (목요일) 19:00–21:00 · 신청됨" in confirmed.body
    assert declined.subject == "[커뮤니티 공간] 예약 거절: 망원 작은도서관 2026-12-10 19:00"
    assert "사유: 행사" in declined.body
    # The remaining two are still offered together.
    page = text(world["operator"].get(decide_url(dates[2])))
    assert "반복 예약 전체 확정 (2개 날짜)" in page


def test_a_series_with_nothing_waiting_cannot_be_decided_again(world):
    dates = world["dates"]
    services.decide_series(world["series"], "confirm")
    with pytest.raises(services.InvalidTransition):
        services.decide_series(world["series"], "decline", reason="x")
    response = world["operator"].post(decide_url(dates[0]), {"action": "confirm_series"})
    assert response.status_code == 400
    assert Notice.objects.filter(kind=Notice.Kind.DECLINED).count() == 0


def test_a_single_booking_has_no_series_actions(world, resident):
    single = make_booking(world["library"], resident, start=10, end=12)
    page = text(world["operator"].get(decide_url(single)))
    assert "전체 확정" not in page
    response = world["operator"].post(decide_url(single), {"action": "confirm_series"})
    assert response.status_code == 400
    assert Booking.objects.get(pk=single.pk).status == Status.REQUESTED


def test_another_spaces_operator_cannot_see_or_decide_the_series(world):
    dates = world["dates"]
    other = world["other"]
    assert other.get(decide_url(dates[0])).status_code == 404
    assert other.post(decide_url(dates[0]), {"action": "confirm_series"}).status_code == 404
    assert statuses(dates) == [Status.REQUESTED] * 4
    listing = text(other.get(f"{LISTING}?series={world['series'].pk}"))
    assert "2026-12-03" not in listing and "반복 4회 중" not in listing


# --- the listing and the dashboard ------------------------------------------------------


def test_the_listing_shows_each_dates_place_and_filters_by_series(world, resident):
    make_booking(world["library"], resident, start=10, end=12)  # a single booking
    operator = world["operator"]

    page = text(operator.get(LISTING))
    assert "반복 4회 중 1번째" in page and "반복 4회 중 4번째" in page
    assert f'href="{LISTING}?series={world["series"].pk}"' in page

    recurring = text(operator.get(f"{LISTING}?recurring=yes"))
    assert recurring.count("반복 4회 중") == 4 and "10:00–12:00" not in recurring
    single = text(operator.get(f"{LISTING}?recurring=no"))
    assert "반복 4회 중" not in single and "10:00–12:00" in single
    # Filtering by status keeps each date's place in the whole series.
    Booking.objects.filter(pk=world["dates"][2].pk).update(status=Status.CONFIRMED)
    confirmed = text(operator.get(f"{LISTING}?status=confirmed"))
    assert "반복 4회 중 3번째" in confirmed and "반복 4회 중 1번째" not in confirmed


def test_the_dashboard_shows_a_series_as_one_request_to_decide(world, resident):
    single = make_booking(world["library"], resident, start=10, end=12)

    panel = text(world["operator"].get("/admin/"))

    assert panel.count(">처리</a>") == 2
    assert SERIES in panel
    assert "12/3 (목요일)부터" in panel
    assert f'href="{decide_url(world["dates"][0])}?next=/admin/"' in panel
    assert f'href="{decide_url(single)}?next=/admin/"' in panel
    assert f'href="{decide_url(world["dates"][1])}?next=/admin/"' not in panel
    assert "처리: 반복 예약 신청 — 망원 작은도서관, " + SERIES in panel
    assert "공유부엌" not in panel


# --- e-mails about a series -----------------------------------------------------------


def test_the_request_and_its_receipt_name_the_series_and_list_its_dates(world, committing):
    first = world["dates"][0]
    with committing():
        services.notify(first, Notice.Kind.RECEIVED)
        services.notify_operator(first)

    to_resident = next(m for m in mail.outbox if m.to == ["resident1@example.org"])
    assert to_resident.subject == f"[커뮤니티 공간] 예약 신청 접수: 망원 작은도서관 {SERIES}"
    assert to_resident.body.count(" · 신청됨") == 4
    to_operator = next(m for m in mail.outbox if m.to == ["operator1@example.org"])
    assert "resident1 님이 공간을 여러 날짜에 예약하려고 신청했습니다" in to_operator.body
    assert f"/admin/bookings/{first.pk}/decide/" in to_operator.body


def test_a_series_expiring_unanswered_sends_one_email(world, clock, committing):
    clock.move_to(NOW + dt.timedelta(hours=49))
    with committing():
        assert services.expire_overdue() == 4

    (message,) = mail.outbox
    assert "반복 예약 신청의 4개 날짜가 만료되었고" in message.body
    assert message.body.count(" · 만료됨") == 4


def test_the_english_mail_names_the_series_in_english(world):
    services.decide_series(world["series"], "confirm")
    notice = Notice.objects.get(kind=Notice.Kind.CONFIRMED)
    from django.utils import translation

    with translation.override("en"):
        subject, body = notice.render()
    assert subject.endswith("Every Thursday 19:00–21:00, 4 dates")
    assert "Your recurring booking is confirmed for 4 dates." in body


def test_a_decision_begun_on_the_dashboard_goes_back_to_it(world, resident):
    response = world["operator"].post(
        decide_url(world["dates"][0]) + "?next=/admin/",
        {"action": "confirm_series", "reason": "", "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    # Only an address of this site: anywhere else goes to the bookings listing.
    single = make_booking(world["library"], resident, start=10, end=12)
    response = world["operator"].post(
        decide_url(single), {"action": "confirm", "next": "https://example.org/"}
    )
    assert response.status_code == 302 and response["Location"] == LISTING
