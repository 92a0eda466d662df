"""Faults an audit found, each shown the way a resident or the staff would meet it:

1. A mail server that takes the connection and never answers must not hold a booking
   (nor the e-mail queue): every outbound connection of a deployment has a timeout, a
   stuck e-mail counts as a failed attempt and waits for its retry.
2. "At most 3 open requests" holds against a burst of parallel requests (live server,
   real HTTP, on PostgreSQL and SQLite alike).
3. Anonymous searches do not write to Wagtail's query log (a crawler would grow the
   database without end); staff still see how often known terms are searched."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

import pytest
import time_machine

from bookings.models import Booking, Notice, Status
from tests.live import CSRF, logged_in_session

BASE_DIR = Path(__file__).resolve().parents[2]

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # a Tuesday, 09:00 in Seoul
DAY = dt.date(2026, 12, 2)  # the Wednesday after

MAIL_TIMEOUT = 1  # seconds, EMAIL_TIMEOUT of the deployment under test
SILENCE = 6  # seconds the silent server keeps a connection before it hangs up


def form(start="14:00", end="16:00"):
    return {
        "date": DAY.isoformat(),
        "start": start,
        "end": end,
        "headcount": "4",
        "purpose": "독서 모임",
    }


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def bookable(make_space):
    def make(**fields):
        values = {
            "title": "망원 작은도서관",
            "bookable": True,
            "opening_hours": "Mo-Sa 09:00-21:00",
            "capacity": 12,
            "email": "operator@example.org",
        }
        return make_space(**{**values, **fields})

    return make


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


# --- 1. a mail server that never answers ---------------------------------------------------


class SilentMailServer:
    """A TCP server on 127.0.0.1 that accepts every connection and never says a word
    (no SMTP greeting), as a wedged mail server or a black-holing firewall would. It
    hangs up after ``SILENCE`` seconds, so code without a timeout fails instead of
    hanging the test run for ever."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.connected = threading.Event()
        self._open = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _address = self.listener.accept()
            except TimeoutError:
                pass
            else:
                self.accepted += 1
                self._open.append((conn, time.monotonic() + SILENCE))
                self.connected.set()
            for item in [i for i in self._open if i[1] < time.monotonic()]:
                item[0].close()
                self._open.remove(item)

    def close(self):
        self._stop.set()
        self._thread.join(5)
        for conn, _deadline in self._open:
            conn.close()
        self.listener.close()


@pytest.fixture(scope="module")
def silent_mail_server():
    server = SilentMailServer()
    yield server
    server.close()


PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
s3 = getattr(settings, "AWS_S3_CLIENT_CONFIG", None)
print(json.dumps({
    "mail": {name: getattr(settings, name, None) for name in (
        "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT")},
    "search_timeout": settings.WAGTAILSEARCH_BACKENDS["default"].get("TIMEOUT"),
    "s3": s3 and {
        "connect": s3.connect_timeout, "read": s3.read_timeout, "retries": s3.retries},
}))
"""


def production_settings(**env):
    """What ``portal.settings.production`` makes of this environment (a fresh process,
    as a server starts: nothing of the test settings leaks in)."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EMAIL_", "AWS_", "SEARCH_", "SECURE_", "DJANGO_ALLOW_ASYNC"))
    }
    base.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        PORTAL_BASE_URL="https://portal.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def deployed_mail(silent_mail_server):
    """The e-mail settings of a deployment whose EMAIL_URL points at the silent server,
    with ``EMAIL_TIMEOUT`` set short for the test."""
    values = production_settings(
        EMAIL_URL=f"smtp://127.0.0.1:{silent_mail_server.port}",
        EMAIL_TIMEOUT=str(MAIL_TIMEOUT),
    )
    return values["mail"]


def test_every_outbound_connection_of_a_deployment_has_a_timeout():
    """Set only the services' addresses, as docs/deploy.md asks: mail, the search
    engine and object storage each give up within seconds when the other end is silent."""
    values = production_settings(
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
        SEARCH_URL="https://search.internal:9200",
        AWS_STORAGE_BUCKET_NAME="portal-media",
    )
    assert values["mail"]["EMAIL_HOST"] == "mail.example.org"
    assert values["mail"]["EMAIL_TIMEOUT"] is not None, "Django's default: no timeout"
    assert 0 < values["mail"]["EMAIL_TIMEOUT"] <= 15
    assert 0 < values["search_timeout"] <= 15
    assert values["s3"] is not None, "object storage keeps botocore's 60 s waits, 5 tries"
    assert 0 < values["s3"]["connect"] <= 15
    assert 0 < values["s3"]["read"] <= 60
    assert values["s3"]["retries"]["max_attempts"] <= 3


@pytest.mark.django_db
def test_a_silent_mail_server_neither_holds_the_booking_nor_the_next_sending(
    client, resident, bookable, clock, committing, silent_mail_server, deployed_mail
):
    """Tasks run in the request (the ``immediate`` backend): the booking is answered
    within a bounded time, its e-mails wait (the server was tried once, that attempt
    counted), and the next sending run ends too instead of waiting for ever."""
    space = bookable()
    client.force_login(resident)
    before = silent_mail_server.accepted
    with override_settings(**deployed_mail):
        with committing():
            response = client.post(f"{space.url}book/", form())

        assert response.status_code == 303
        booking = Booking.objects.get(space=space, user=resident)
        assert booking.status == Status.REQUESTED
        notices = list(Notice.objects.filter(booking=booking).order_by("pk"))
        assert len(notices) == 2  # to the resident and to the operator
        assert all(n.sent_at is None for n in notices)
        # One failed attempt: the server was asked once, not once per e-mail, and the
        # booking waited for one timeout (the server hangs up only after SILENCE).
        assert sum(n.attempts for n in notices) == 1
        assert silent_mail_server.accepted - before == 1
        (tried,) = [n for n in notices if n.attempts]
        assert "timed out" in tried.last_error
        assert all(n.next_attempt_at > NOW for n in notices)  # each waits for a retry

        # The next run (here the scheduled command, retrying at once) ends as well,
        # after one timeout too.
        out = StringIO()
        call_command("send_booking_notices", "--now", stdout=out)
        assert "sent 0, failed 1" in out.getvalue()
        assert silent_mail_server.accepted - before == 2
        attempts = {n.pk: n.attempts for n in notices}
        (tried,) = [
            n for n in Notice.objects.filter(booking=booking) if n.attempts > attempts[n.pk]
        ]
        assert "timed out" in tried.last_error

    # The mail server answers again: every e-mail goes out, once.
    mail.outbox.clear()
    call_command("send_booking_notices", "--now", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "operator@example.org",
        "resident1@example.org",
    ]
    assert not Notice.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_bookings_go_through_while_an_email_waits_for_a_silent_server(
    bookable, silent_mail_server, deployed_mail
):
    """The worker sends a booking e-mail to a server that never answers; meanwhile
    another resident books. Sending must not hold a database lock: on SQLite the lock
    of a write transaction kept open around the SMTP conversation stopped every booking
    until the mail server timed out."""
    wait = 3  # a longer EMAIL_TIMEOUT, so a booking held by the sender shows clearly
    with time_machine.travel(NOW, tick=True):
        space = bookable(email="")  # no operator e-mail: the booking below sends none
        waiting = get_user_model().objects.create_user("waiting", email="waiting@example.org")
        earlier = Booking.objects.create(
            space=space,
            user=waiting,
            start=timezone.make_aware(dt.datetime(2026, 12, 3, 10)),
            end=timezone.make_aware(dt.datetime(2026, 12, 3, 12)),
            headcount=2,
            purpose="모임",
            status=Status.CONFIRMED,
        )
        Notice.objects.create(booking=earlier, kind="confirmed", recipient="waiting@example.org")
        booker = get_user_model().objects.create_user("booker")  # no address: no e-mail
        http = Client()
        http.force_login(booker)
        silent_mail_server.connected.clear()

        def worker():
            from bookings import tasks

            try:
                tasks.send_notices.call()
            finally:
                connection.close()

        with override_settings(**{**deployed_mail, "EMAIL_TIMEOUT": wait}):
            sender = threading.Thread(target=worker)
            sender.start()
            try:
                assert silent_mail_server.connected.wait(10)
                response = http.post(f"{space.url}book/", form())
                # Booked while the sender still waits for the server: its attempt has
                # not ended (it records its error when the timeout comes).
                unanswered = Notice.objects.get(booking=earlier).last_error == ""
            finally:
                sender.join(3 * wait)

    assert response.status_code == 303
    assert unanswered, "the booking waited for the e-mail"
    notice = Notice.objects.get(booking=earlier)
    assert notice.sent_at is None and notice.attempts == 1


# --- 2. open requests per resident, against a burst -----------------------------------------

PARALLEL = 12


@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_requests_by_one_resident_leave_three_open(live_server, bookable):
    """One resident fires 12 requests at once, each for a different free hour: three
    are accepted (``BOOKING_MAX_OPEN_REQUESTS``), every other one is told why, none
    fails with a server error."""
    space = bookable()
    url = live_server.url + space.url + "book/"
    resident = get_user_model().objects.create_user("burst", email="burst@example.org")
    sessions = [logged_in_session(resident) for _ in range(PARALLEL)]
    hours = [(f"{h:02d}:00", f"{h + 1:02d}:00") for h in range(9, 9 + PARALLEL)]
    start = threading.Barrier(PARALLEL)

    def request(args):
        http, (begin, end) = args
        start.wait()
        data = {**form(start=begin, end=end), "csrfmiddlewaretoken": CSRF}
        response = http.post(url, data=data, allow_redirects=False, timeout=60)
        return response.status_code, response.text

    with time_machine.travel(NOW, tick=True), ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(pool.map(request, zip(sessions, hours, strict=True)))

    statuses = sorted(status for status, _text in answers)
    assert statuses == [303] * 3 + [400] * (PARALLEL - 3), statuses
    for status, text in answers:
        if status == 400:
            assert "답변을 기다리는 신청이 이미 3건 있습니다" in text
    assert Booking.objects.filter(user=resident, status=Status.REQUESTED).count() == 3


# --- 3. the search query log ------------------------------------------------------------------


def log_rows():
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    return Query.objects.count(), QueryDailyHits.objects.count()


@pytest.mark.django_db
def test_fifty_distinct_anonymous_searches_write_nothing(client, bilingual_site):
    before = log_rows()
    for n in range(50):
        assert client.get("/search/", {"q": f"크롤러 검색어 {n}"}).status_code == 200
    assert log_rows() == before


@pytest.mark.django_db
def test_staff_still_see_how_often_residents_search_a_term(
    client, resident, bilingual_site, monkeypatch
):
    """A signed-in resident's search enters the log (a few new terms a day per account);
    after that every search of the term counts, anonymous ones too."""
    from wagtail.contrib.search_promotions.models import Query

    from search import views

    monkeypatch.setattr(views, "NEW_TERMS_PER_ACCOUNT_PER_DAY", 2, raising=False)
    signed_in = Client()
    signed_in.force_login(resident)
    for term in ("공유부엌", "스터디룸", "회의실", "강당"):
        signed_in.get("/search/", {"q": term})
    assert sorted(Query.objects.values_list("query_string", flat=True)) == ["공유부엌", "스터디룸"]

    for _ in range(3):
        client.get("/search/", {"q": "공유부엌"})
    client.get("/search/", {"q": "강당"})  # unknown: not counted
    popular = Query.get_most_popular()
    assert [(q.query_string, q._hits) for q in popular] == [("공유부엌", 4), ("스터디룸", 1)]
