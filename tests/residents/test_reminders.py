"""Reminders before a booking or a program date: as far ahead as the resident chose (a
day, two hours, none), once whoever runs the scan and however often, never right after
something was confirmed (inside the day: two hours before; inside two hours: none), and
sent by the next worker when the last one died before sending. Also the waitlist's "a
place is yours" e-mail."""

import datetime as dt
import threading

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

import pytest
import time_machine

from core import outbox
from events.models import Occurrence
from residents.models import ResidentNotice
from residents.reminders import queue_reminders

from .notice_support import NOW, TOMORROW, book, mails_to, make_resident, publish_program, seoul

BASE = "https://example.seoul.kr"
START = seoul(TOMORROW, 14)  # Wednesday 14:00


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(clock, make_space):
    return make_space(
        title="망원 작은도서관",
        bookable=True,
        opening_hours="Mo-Sa 09:00-21:00",
        capacity=12,
        email="operator@example.org",
    )


@pytest.fixture
def scan(clock, committing):
    """Run the reminder scan at ``moment`` (the clock moves there) and send what it
    wrote, as the worker's schedule does; how many reminders it wrote."""

    def run(moment):
        clock.move_to(moment)
        with committing():
            return queue_reminders()

    return run


def test_a_day_ahead_the_resident_gets_one_reminder_with_what_where_and_when(space, scan, settings):
    settings.PORTAL_BASE_URL = BASE
    resident = make_resident("minji", reminder="1d")
    booking = book(space, resident, START, created_at=NOW, decided_at=NOW)

    assert scan(START - dt.timedelta(days=1, minutes=5)) == 0  # not yet a day ahead
    assert not mail.outbox
    assert scan(START - dt.timedelta(days=1) + dt.timedelta(minutes=3)) == 1

    (message,) = mails_to("minji@example.org")
    assert message.subject == "[커뮤니티 공간] 예약 알림: 망원 작은도서관 12월 2일(수) 14:00"
    body = message.body
    assert body.startswith("예약하신 시간이 다가와 알려 드립니다.")
    assert "공간: 망원 작은도서관" in body
    assert "주소: 서울특별시 마포구 망원로 1" in body
    assert "일시: 12월 2일(수) 14:00–16:00" in body
    assert f"내 예약에서 보기:\n{BASE}/accounts/bookings/{booking.pk}/\n" in body
    assert f"마이페이지:\n{BASE}/accounts/\n" in body
    assert f"알림 설정에서 끌 수 있습니다:\n{BASE}/accounts/notifications/" in body

    # Later scans, however many, send nothing more.
    assert scan(START - dt.timedelta(hours=12)) == 0
    assert scan(START - dt.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1
    notice = ResidentNotice.objects.get()
    assert notice.kind == "booking-reminder" and notice.sent_at is not None
    assert notice.user == resident and notice.booking == booking


def test_a_booking_made_inside_the_day_is_reminded_two_hours_before_once(space, scan):
    """Made three hours ahead by someone who wants "the day before": nothing right after
    booking, one reminder two hours before the start, then nothing more."""
    resident = make_resident("dayperson", reminder="1d")
    made = START - dt.timedelta(hours=3)
    book(space, resident, START, created_at=made, decided_at=made)

    assert scan(made + dt.timedelta(minutes=5)) == 0  # just booked
    assert scan(START - dt.timedelta(hours=2, minutes=30)) == 0
    assert scan(START - dt.timedelta(hours=2) + dt.timedelta(minutes=3)) == 1
    assert scan(START - dt.timedelta(hours=1)) == 0
    assert scan(START - dt.timedelta(minutes=10)) == 0

    (message,) = mails_to("dayperson@example.org")
    assert "예약 알림" in message.subject
    assert "일시: 12월 2일(수) 14:00–16:00" in message.body


def test_a_deleted_members_booking_does_not_stop_the_others_reminders(space, scan):
    """An account removed in the admin leaves its confirmed booking without a resident;
    the scan skips it and still reminds everyone else."""
    gone = make_resident("gone", reminder="1d")
    book(space, gone, START, created_at=NOW, decided_at=NOW)
    gone.delete()
    stays = make_resident("stays", reminder="1d")
    book(space, stays, START + dt.timedelta(hours=3), created_at=NOW, decided_at=NOW)

    assert scan(START - dt.timedelta(hours=20)) == 1
    assert len(mails_to("stays@example.org")) == 1


def test_a_booking_made_inside_two_hours_gets_no_reminder(space, scan):
    """Booked 90 minutes ahead, whatever the lead: the resident has just booked."""
    day_person = make_resident("dayperson", reminder="1d")
    hours_person = make_resident("hoursperson", reminder="2h")
    later = START + dt.timedelta(hours=2)
    for person, start in ((day_person, START), (hours_person, later)):
        made = start - dt.timedelta(minutes=90)
        book(space, person, start, created_at=made, decided_at=made)

    for start in (START, later):
        assert scan(start - dt.timedelta(minutes=80)) == 0
        assert scan(start - dt.timedelta(minutes=10)) == 0

    assert not mail.outbox


def test_two_hours_ahead_is_the_latest_reminder_a_two_hour_person_gets(space, scan):
    """Someone who asked for two hours and booked three hours ahead is reminded at two
    hours; never a day ahead."""
    resident = make_resident("hoursperson", reminder="2h")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    assert scan(START - dt.timedelta(hours=20)) == 0
    assert scan(START - dt.timedelta(minutes=90)) == 1

    (message,) = mails_to("hoursperson@example.org")
    assert "12월 2일(수) 14:00–16:00" in message.body


def test_a_request_confirmed_inside_two_hours_gets_no_reminder(space, scan):
    """The operator confirmed it 90 minutes ahead: the confirmation e-mail was the news."""
    resident = make_resident("late", reminder="1d")
    book(space, resident, START, created_at=NOW, decided_at=START - dt.timedelta(minutes=90))

    assert scan(START - dt.timedelta(hours=1)) == 0
    assert not mail.outbox


def test_a_request_confirmed_in_the_evening_before_is_reminded_two_hours_before(space, scan):
    """Confirmed the evening before (inside the day): reminded two hours before."""
    resident = make_resident("evening", reminder="1d")
    book(space, resident, START, created_at=NOW, decided_at=seoul(NOW.date(), 20))

    assert scan(seoul(NOW.date(), 20, 5)) == 0
    assert scan(START - dt.timedelta(hours=1, minutes=55)) == 1
    assert len(mails_to("evening@example.org")) == 1


def test_no_reminders_when_off_or_for_requests_and_cancelled_bookings(space, scan):
    off = make_resident("quiet", reminder="off")
    waiting = make_resident("waiting", reminder="1d")
    gone = make_resident("gone", reminder="1d")
    book(space, off, START, created_at=NOW, decided_at=NOW)
    book(space, waiting, START + dt.timedelta(hours=2), created_at=NOW, status="requested")
    book(space, gone, START + dt.timedelta(hours=4), created_at=NOW, status="cancelled")

    assert scan(START - dt.timedelta(hours=1)) == 0
    assert not mail.outbox
    assert not ResidentNotice.objects.exists()


def test_the_reminder_speaks_the_residents_language(space, scan, settings):
    settings.PORTAL_BASE_URL = BASE
    resident = make_resident("jane", reminder="2h", language="en")
    booking = book(space, resident, START, created_at=NOW, decided_at=NOW)

    scan(START - dt.timedelta(hours=1))

    (message,) = mail.outbox
    assert message.subject.startswith("[Community Space] Booking reminder: ")
    assert "Wed 2 Dec 14:00–16:00" in message.subject + message.body
    assert message.body.startswith("Your booking is coming up soon.")
    assert f"{BASE}/en/accounts/bookings/{booking.pk}/" in message.body
    assert f"{BASE}/en/accounts/notifications/" in message.body


def test_a_program_date_reminder_names_the_program_place_and_links(space, scan, settings):
    settings.PORTAL_BASE_URL = BASE
    program = publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    tuesday = Occurrence.objects.get(program=program, start=seoul(NOW.date(), 19))
    early = make_resident("early", reminder="2h")
    moved_up = make_resident("movedup", reminder="2h")
    from .notice_support import register

    register(tuesday, early, created_at=NOW)
    register(
        tuesday,
        moved_up,
        created_at=NOW,
        promoted_at=seoul(NOW.date(), 18),  # a place freed up an hour before: told then
    )

    assert scan(seoul(NOW.date(), 18, 30)) == 1

    (message,) = mail.outbox
    assert message.to == ["early@example.org"]
    assert message.subject == "[커뮤니티 공간] 프로그램 알림: 뜨개질 모임 12월 1일(화) 19:00"
    assert message.body.startswith("신청하신 프로그램 날짜가 다가와 알려 드립니다.")
    assert "일시: 12월 1일(화) 19:00–20:30" in message.body
    assert "장소: 망원 작은도서관, 서울특별시 마포구 망원로 1" in message.body
    assert f"프로그램 페이지:\n{BASE}{program.url}\n" in message.body
    assert f"{BASE}/accounts/registrations/" in message.body


def test_a_registration_made_the_same_morning_is_reminded_two_hours_before(space, scan):
    """Registered at 9:00 for 19:00 by someone who wants "the day before": reminded at
    17:00, once; someone moved up from the waitlist at 18:00 is not."""
    from .notice_support import register

    program = publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    tuesday = Occurrence.objects.get(program=program, start=seoul(NOW.date(), 19))
    register(tuesday, make_resident("morning", reminder="1d"), created_at=NOW)
    register(
        tuesday,
        make_resident("movedup", reminder="1d"),
        created_at=NOW - dt.timedelta(days=2),
        promoted_at=seoul(NOW.date(), 18),
    )

    assert scan(NOW + dt.timedelta(minutes=5)) == 0
    assert scan(seoul(NOW.date(), 17, 2)) == 1
    assert scan(seoul(NOW.date(), 18, 10)) == 0

    (message,) = mail.outbox
    assert message.to == ["morning@example.org"]
    assert "프로그램 알림: 뜨개질 모임 12월 1일(화) 19:00" in message.subject


def test_a_cancelled_date_gets_no_reminder(space, scan):
    program = publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    tuesday = Occurrence.objects.get(program=program, start=seoul(NOW.date(), 19))
    from .notice_support import register

    register(tuesday, make_resident("someone", reminder="1d"), created_at=NOW)
    Occurrence.objects.filter(pk=tuesday.pk).update(cancelled=True)

    assert scan(seoul(NOW.date(), 18)) == 0


def start_worker(monkeypatch):
    """What ``manage.py worker --batch`` does, its task loop run here: queue what it
    queues at start, then run each task that is ready (the loop itself, django-tasks-db's
    ``db_worker``, would close the test's database connection)."""
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr("core.management.commands.worker.call_command", lambda *a, **k: None)
    call_command("worker", "--batch", verbosity=0)
    for row in DBTaskResult.objects.ready():
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])


def test_a_reminder_left_unsent_by_a_dead_worker_goes_at_the_next_start(space, clock, monkeypatch):
    """The scan wrote the reminder and the worker died before sending it (here: the
    commit's sending task never ran). The next worker's start sends it, once; scanning
    again writes no second one."""
    resident = make_resident("minji", reminder="1d")
    book(space, resident, START, created_at=NOW, decided_at=NOW)
    clock.move_to(START - dt.timedelta(hours=20))

    assert queue_reminders() == 1  # its sending task waits for a commit that never comes
    assert not mail.outbox
    notice = ResidentNotice.objects.get()
    assert notice.sent_at is None

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        start_worker(monkeypatch)

    (message,) = mail.outbox
    assert message.to == ["minji@example.org"] and "예약 알림" in message.subject
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 1
    assert queue_reminders() == 0
    outbox.queue_senders()
    assert ResidentNotice.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_scanning_at_once_write_and_send_one_reminder(make_space):
    """Two workers' scans race (each may read "no reminder yet" before the other
    writes): the unique key keeps one row, and one e-mail goes out."""
    from django.db import connection

    with time_machine.travel(NOW, tick=False):
        space = make_space(
            title="망원 작은도서관", bookable=True, opening_hours="Mo-Sa 09:00-21:00"
        )
        resident = make_resident("minji", reminder="1d")
        book(space, resident, START, created_at=NOW, decided_at=NOW)
    mail.outbox.clear()
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            queue_reminders()
        finally:
            connection.close()

    with time_machine.travel(START - dt.timedelta(hours=20), tick=False):
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert ResidentNotice.objects.count() == 1
    assert len(mails_to("minji@example.org")) == 1


def test_send_reminders_command_writes_and_sends(space, clock, committing):
    resident = make_resident("minji", reminder="1d")
    book(space, resident, START, created_at=NOW, decided_at=NOW)
    clock.move_to(START - dt.timedelta(hours=20))

    with committing():
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mails_to("minji@example.org")) == 1


def test_a_person_moved_up_from_the_waitlist_is_told_once(space, clock, committing):
    """The waitlist's own e-mail (events): a place freed up, it is theirs."""
    from events import services

    program = publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH", capacity=1)
    thursday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 3), 19))
    first = make_resident("first")
    waiting = make_resident("waiting")
    with committing():
        services.register(first, thursday.pk)
        services.register(waiting, thursday.pk)
    mail.outbox.clear()

    with committing():
        services.cancel(thursday.registrations.get(user=first))

    (message,) = mails_to("waiting@example.org")
    assert message.subject == "[커뮤니티 공간] 대기에서 확정: 뜨개질 모임 2026-12-03 19:00"
    assert message.body.startswith("반가운 소식입니다. 자리가 나서 신청이 확정되었습니다.")
    assert "/accounts/registrations/" in message.body
    call_command("send_registration_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mails_to("waiting@example.org")) == 1
