"""No double booking, proven at a live server: many residents ask for the same slot at
the same moment; exactly one gets it, every other one gets 409, nobody gets a 5xx.
Runs on whichever database the suite runs on (CI runs it on PostgreSQL and SQLite)."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model

import pytest
import time_machine

from bookings.models import Booking
from tests.live import CSRF, logged_in_session

from .conftest import NOW, form

RACERS = 16


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("auto_confirm", [False, True], ids=["approval", "auto-confirm"])
def test_sixteen_residents_race_for_one_slot(live_server, bookable, auto_confirm):
    space = bookable(booking_auto_confirm=auto_confirm)
    url = live_server.url + space.url + "book/"
    users = [
        get_user_model().objects.create_user(f"racer{n}", email=f"racer{n}@example.org")
        for n in range(RACERS)
    ]
    sessions = [logged_in_session(user) for user in users]
    start = threading.Barrier(RACERS)

    def race(http):
        start.wait()
        response = http.post(
            url, data={**form(), "csrfmiddlewaretoken": CSRF}, allow_redirects=False, timeout=60
        )
        return response.status_code

    with time_machine.travel(NOW, tick=True), ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(race, sessions))

    assert sorted(statuses) == [303] + [409] * (RACERS - 1), statuses
    assert Booking.objects.filter(space=space).count() == 1
    assert Booking.objects.filter(space=space).active().count() == 1


@pytest.mark.django_db(transaction=True)
def test_back_to_back_bookings_race_and_both_win(live_server, bookable):
    """Neighbouring slots do not overlap: racing for 14–16 and 16–18 both succeed."""
    space = bookable()
    url = live_server.url + space.url + "book/"
    users = [get_user_model().objects.create_user(f"pair{n}") for n in range(2)]
    sessions = [logged_in_session(user) for user in users]
    windows = [("14:00", "16:00"), ("16:00", "18:00")]
    start = threading.Barrier(2)

    def race(args):
        http, (begin, end) = args
        start.wait()
        data = {**form(start=begin, end=end), "csrfmiddlewaretoken": CSRF}
        return http.post(url, data=data, allow_redirects=False, timeout=60).status_code

    with time_machine.travel(NOW, tick=True), ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(race, zip(sessions, windows, strict=True)))

    assert statuses == [303, 303]
    assert Booking.objects.filter(space=space).active().count() == 2
