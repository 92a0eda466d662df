"""Notification channels are settings (``NOTIFICATION_CHANNELS``, ``core.notify``): a city
adds its SMS or 알림톡 provider by naming a class, and a resident who chose it is told
through it without a change to the portal's code; without an address for it, or once
the channel is gone from the settings, they are told by e-mail. A channel's failure is
retried like a mail server's."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

import pytest
import time_machine

from core import notify
from residents.models import ResidentNotice
from residents.reminders import queue_reminders

from .notice_support import NOW, TOMORROW, book, make_resident, seoul

START = seoul(TOMORROW, 14)
SENT = []  # what the test provider was asked to send


class FakeSmsChannel(notify.Channel):
    """A city's SMS provider as the portal sees it: an address from the profile, a send
    that raises on failure."""

    label = "SMS"

    def address_for(self, user):
        return user.profile.phone or None

    def send(self, recipient, subject, body):
        if self.options.get("down"):
            raise ConnectionError("SMS gateway down")
        SENT.append((self.options["sender"], recipient, subject, body))


WITH_SMS = {
    "email": {"BACKEND": "core.notify.EmailChannel"},
    "sms": {"BACKEND": f"{__name__}.FakeSmsChannel", "OPTIONS": {"sender": "02-120"}},
}


@pytest.fixture(autouse=True)
def _sent():
    SENT.clear()
    yield
    SENT.clear()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(clock, make_space):
    return make_space(title="망원 작은도서관", bookable=True, opening_hours="Mo-Sa 09:00-21:00")


@pytest.fixture
def remind(clock, committing):
    def run():
        clock.move_to(START - dt.timedelta(hours=20))
        with committing():
            return queue_reminders()

    return run


@override_settings(NOTIFICATION_CHANNELS=WITH_SMS)
def test_a_resident_who_chose_sms_gets_the_reminder_by_the_citys_provider(space, remind):
    resident = make_resident("minji", channel="sms", phone="010-1234-5678")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    assert remind() == 1

    ((sender, recipient, subject, body),) = SENT
    assert (sender, recipient) == ("02-120", "010-1234-5678")
    assert subject.startswith("[커뮤니티 공간] 예약 알림: 망원 작은도서관")
    assert "일시: 12월 2일(수) 14:00–16:00" in body
    assert not mail.outbox
    notice = ResidentNotice.objects.get()
    assert (notice.channel, notice.recipient) == ("sms", "010-1234-5678")
    assert notice.sent_at is not None
    assert [(name, str(label)) for name, label in notify.choices()] == [
        ("email", "이메일"),
        ("sms", "SMS"),
    ]


@override_settings(NOTIFICATION_CHANNELS=WITH_SMS)
def test_sms_without_a_phone_number_falls_back_to_email(space, remind):
    resident = make_resident("minji", channel="sms", phone="")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    remind()

    assert not SENT
    (message,) = mail.outbox
    assert message.to == ["minji@example.org"]
    assert ResidentNotice.objects.get().channel == "email"


def test_a_channel_no_longer_configured_sends_by_email(space, remind):
    """The city removed its SMS provider: residents who had chosen it get e-mails."""
    resident = make_resident("minji", channel="sms", phone="010-1234-5678")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    remind()

    assert not SENT
    assert [m.to for m in mail.outbox] == [["minji@example.org"]]


def test_nobody_is_reminded_without_any_address(space, remind):
    resident = make_resident("nomail", email="", channel="email")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    assert remind() == 0
    assert not ResidentNotice.objects.exists()


def test_a_provider_that_fails_is_tried_again_later_like_a_mail_server(space, remind, clock):
    down = {**WITH_SMS, "sms": {**WITH_SMS["sms"], "OPTIONS": {"sender": "02-120", "down": True}}}
    resident = make_resident("minji", channel="sms", phone="010-1234-5678")
    book(space, resident, START, created_at=NOW, decided_at=NOW)

    with override_settings(NOTIFICATION_CHANNELS=down):
        assert remind() == 1
    notice = ResidentNotice.objects.get()
    assert notice.sent_at is None and notice.attempts == 1
    assert "SMS gateway down" in notice.last_error
    assert not mail.outbox  # not sent another way behind the resident's back

    with override_settings(NOTIFICATION_CHANNELS=WITH_SMS):
        clock.move_to(START - dt.timedelta(hours=19))  # its pause is over
        call_command("send_resident_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115

    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 2
    assert [recipient for __, recipient, *__ in SENT] == ["010-1234-5678"]


@override_settings(NOTIFICATION_CHANNELS=WITH_SMS)
def test_other_outbox_emails_still_go_by_email(space, clock, committing):
    """Booking, registration and operator e-mails have no channel: e-mail, as before."""
    from bookings import services

    resident = make_resident("minji", channel="sms", phone="010-1234-5678")
    booking = book(space, resident, START, created_at=NOW, status="requested")
    with committing():
        services.notify(booking, "received")

    assert [m.to for m in mail.outbox] == [["minji@example.org"]]
    assert not SENT
