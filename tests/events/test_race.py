"""Never more registrations than places, proven at a live server: many residents ask
for the last places of a date at the same moment; exactly that many get a place, the
rest join the waitlist in order, nobody gets a 5xx. Runs on whichever database the
suite runs on (CI runs it on PostgreSQL and SQLite)."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import recurrence

from events.models import Occurrence, ProgramPage, Registration, RegistrationStatus
from tests.live import CSRF, logged_in_session

RACERS = 16
PLACES = 3


@pytest.mark.django_db(transaction=True)
def test_sixteen_residents_race_for_three_places(live_server, make_space):
    space = make_space(title="망원 작은도서관")
    program = ProgramPage(
        title="그림책 읽는 저녁",
        start_date=timezone.localdate() + dt.timedelta(days=2),
        start_time=dt.time(19),
        schedule=recurrence.Recurrence(),
        capacity=PLACES,
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    occurrence = Occurrence.objects.get(program=program)
    url = f"{live_server.url}{program.url}register/"
    users = [get_user_model().objects.create_user(f"racer{n}") for n in range(RACERS)]
    sessions = [logged_in_session(user) for user in users]
    start = threading.Barrier(RACERS)

    def race(http):
        start.wait()
        data = {"occurrence": occurrence.pk, "csrfmiddlewaretoken": CSRF}
        return http.post(url, data=data, allow_redirects=False, timeout=60).status_code

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(race, sessions))

    assert statuses == [303] * RACERS, statuses
    registrations = Registration.objects.filter(occurrence=occurrence)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == PLACES
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == RACERS - PLACES
    occurrence.refresh_from_db()
    assert (occurrence.confirmed_count, occurrence.waitlist_count) == (PLACES, RACERS - PLACES)
