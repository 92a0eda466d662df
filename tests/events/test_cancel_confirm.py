"""Cancelling a program registration asks first: ``GET`` of the cancel address shows
the program, date, time and place; ``POST`` cancels and returns to "My
registrations" with a message that says when the freed place went to the waitlist."""

import re

from django.test import Client

import pytest

from events import services
from events.models import Occurrence, Registration, RegistrationStatus

from .conftest import seoul, text

pytestmark = pytest.mark.usefixtures("clock")

Status = RegistrationStatus


def cancel_url(registration):
    return f"/accounts/registrations/{registration.pk}/cancel/"


@pytest.fixture
def tuesday(program):
    return Occurrence.objects.filter(program=program).order_by("start").first()


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_my_registrations_links_to_a_confirmation_page(as_resident, program, tuesday, resident):
    registration = services.register(resident, tuesday.pk)

    listing = text(as_resident.get("/accounts/registrations/"))
    assert f'href="{cancel_url(registration)}"' in listing
    page = text(as_resident.get(cancel_url(registration)))

    assert "이 참가 신청을 취소할까요?" in page
    assert "뜨개질 모임" in page
    assert "2026-12-01 (화요일) 19:00–20:30" in page
    assert "망원 작은도서관" in page
    assert "내 자리는 대기 중인 첫 번째 분께 넘어가거나" in page
    assert Registration.objects.get().status == Status.CONFIRMED


def test_a_waiting_registration_shows_its_place_in_line(program, tuesday, make_resident):
    users = [make_resident() for _ in range(4)]
    for user in users:
        services.register(user, tuesday.pk)
    waiting = Registration.objects.get(user=users[3])

    page = text(login(users[3]).get(cancel_url(waiting)))

    assert "대기 1번" in page
    assert "이 회차의 대기 명단에서 빠집니다." in page


def test_confirming_gives_the_place_to_the_waitlist_and_says_so(program, tuesday, make_resident):
    users = [make_resident() for _ in range(4)]
    for user in users:
        services.register(user, tuesday.pk)
    first = login(users[0])

    response = first.post(cancel_url(Registration.objects.get(user=users[0])), follow=True)

    assert response.request["PATH_INFO"] == "/accounts/registrations/"
    assert "참가 신청을 취소했습니다. 자리는 대기 중이던 다음 분께 넘어갔습니다." in text(response)
    assert Registration.objects.get(user=users[0]).status == Status.CANCELLED
    assert Registration.objects.get(user=users[3]).status == Status.CONFIRMED


def test_cancelling_with_nobody_waiting_just_says_it_is_cancelled(
    as_resident, program, tuesday, resident
):
    registration = services.register(resident, tuesday.pk)
    response = as_resident.post(cancel_url(registration), follow=True)
    page = text(response)
    assert "참가 신청을 취소했습니다." in page and "대기 중이던" not in page
    assert Registration.objects.get().status == Status.CANCELLED


def test_the_english_site_asks_in_english(as_resident, program, tuesday, resident):
    registration = services.register(resident, tuesday.pk)
    page = text(as_resident.get(f"/en{cancel_url(registration)}"))
    assert "Cancel this registration?" in page and "Yes, cancel my registration" in page
    response = as_resident.post(f"/en{cancel_url(registration)}", follow=True)
    assert response.request["PATH_INFO"] == "/en/accounts/registrations/"
    assert "Your registration for ‘뜨개질 모임’ on Tue 1 Dec is cancelled." in text(response)


def test_a_started_or_cancelled_registration_has_no_confirmation_page(
    as_resident, program, tuesday, resident, clock
):
    registration = services.register(resident, tuesday.pk)
    services.cancel(registration)
    response = as_resident.get(cancel_url(registration), follow=True)
    assert "이미 취소된 참가 신청입니다." in text(response)

    again = services.register(resident, tuesday.pk)
    clock.move_to(seoul(tuesday.start.date(), 19, 5))
    response = as_resident.get(cancel_url(again), follow=True)
    assert "이 회차는 이미 시작했습니다." in text(response)
    assert Registration.objects.get(pk=again.pk).status == Status.CONFIRMED


def test_someone_elses_registration_is_not_found_and_csrf_holds(
    program, tuesday, resident, make_resident
):
    registration = services.register(resident, tuesday.pk)
    assert login(make_resident()).get(cancel_url(registration)).status_code == 404

    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    page = text(client.get(cancel_url(registration)))
    assert client.post(cancel_url(registration)).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(cancel_url(registration), {"csrfmiddlewaretoken": token}).status_code == 303
    assert Registration.objects.get().status == Status.CANCELLED


def test_the_cancel_message_names_the_program_and_the_date(program, tuesday, make_resident):
    users = [make_resident() for _ in range(4)]
    for user in users:
        services.register(user, tuesday.pk)

    first = login(users[0]).post(cancel_url(Registration.objects.get(user=users[0])), follow=True)
    assert (
        "‘뜨개질 모임’ 12월 1일(화) 참가 신청을 취소했습니다. "
        "자리는 대기 중이던 다음 분께 넘어갔습니다."
    ) in text(first)

    # Nobody is waiting any more.
    second = login(users[1]).post(cancel_url(Registration.objects.get(user=users[1])), follow=True)
    assert "‘뜨개질 모임’ 12월 1일(화) 참가 신청을 취소했습니다." in text(second)
    assert "대기 중이던" not in text(second)
