"""The booking e-mails: every status change writes a ``Notice`` in the same transaction,
a django-tasks task sends it after the commit (the immediate backend here, e-mails in
``mail.outbox``), and a mail server's failure never loses or blocks a booking — the
notice waits, with its error, for ``manage.py send_booking_notices``."""

import datetime as dt
import smtplib
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from bookings import notices
from bookings.models import Booking, Notice, Status
from core import notify

from .conftest import NOW, book_url, form, make_booking

pytestmark = pytest.mark.usefixtures("clock")


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def mail_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr(notify, "send_mail", refuse)
    return monkeypatch


def test_a_new_request_emails_the_operator_and_the_resident(as_resident, space, committing):
    with committing():
        assert as_resident.post(book_url(space), form()).status_code == 303

    (operator,) = sent_to("operator@example.org")
    assert "새 예약 신청" in operator.subject
    assert "망원 작은도서관 2026-12-02 14:00" in operator.subject  # Seoul time
    assert "resident1 님이 공간 예약을 신청했습니다." in operator.body
    (resident,) = sent_to("resident1@example.org")
    assert "예약 신청 접수" in resident.subject
    assert "48시간 안에 답을 드립니다" in resident.body
    assert "2026-12-02 (수요일) 14:00–16:00" in resident.body
    assert "독서 모임" in resident.body
    assert not Notice.objects.filter(sent_at__isnull=True).exists()


def test_a_request_for_a_space_with_no_contact_reaches_city_staff(
    as_resident, bookable, committing, django_user_model
):
    """A space the city imported may have no e-mail and no operator account yet: its
    requests go to City staff instead of waiting unseen until they expire."""
    from django.contrib.auth.models import Group

    from spaces.access import STAFF_GROUP

    staff = django_user_model.objects.create_user("staff1", "staff1@example.org", "pw")
    staff.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    django_user_model.objects.create_user("nobody", "nobody@example.org", "pw")
    space = bookable(email="")

    with committing():
        assert as_resident.post(book_url(space), form()).status_code == 303

    (to_staff,) = sent_to("staff1@example.org")
    assert "새 예약 신청" in to_staff.subject
    assert not sent_to("nobody@example.org")


def test_an_auto_confirmed_booking_emails_the_resident_a_confirmation(
    as_resident, bookable, committing
):
    space = bookable(booking_auto_confirm=True)
    with committing():
        as_resident.post(book_url(space), form())
    (message,) = sent_to("resident1@example.org")
    assert "예약 확정" in message.subject
    assert "예약이 확정되었습니다." in message.body


def test_each_email_goes_out_once(as_resident, other_client, space, committing):
    with committing():
        as_resident.post(book_url(space), form())
    with committing():
        other_client.post(book_url(space), form(start="16:00", end="18:00"))
    assert len(mail.outbox) == 4  # two each, the first two not sent again
    assert Notice.objects.filter(attempts=1, sent_at__isnull=False).count() == 4


def test_a_refused_request_sends_nothing(as_resident, other_client, space, committing):
    with committing():
        as_resident.post(book_url(space), form())
    mail.outbox.clear()
    with committing():
        assert other_client.post(book_url(space), form()).status_code == 409
        assert other_client.post(book_url(space), form(headcount="0")).status_code == 400
    assert mail.outbox == []


def test_the_operator_is_told_when_a_resident_cancels(as_resident, space, resident, committing):
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    with committing():
        as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    (message,) = sent_to("operator@example.org")
    assert "예약 취소" in message.subject
    assert "그 시간은 다시 비었습니다" in message.body


def test_the_resident_is_emailed_when_their_booking_is_cancelled(
    as_resident, space, resident, committing
):
    """Product rule: the resident is e-mailed on confirm, decline, cancel and expire.
    DEVIATION: when the resident cancels, only the operator is e-mailed
    (``services.decide`` sends CANCELLED to the operator instead of the resident)."""
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    with committing():
        as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    assert [m.subject for m in sent_to("resident1@example.org")] == [
        "[커뮤니티 공간] 예약 취소: 망원 작은도서관 2026-12-02 14:00"
    ]


def test_the_resident_is_emailed_when_a_request_expires(space, resident, clock, committing):
    make_booking(space, resident, day=NOW.date() + dt.timedelta(days=8))
    clock.move_to(NOW + dt.timedelta(hours=49))
    with committing():
        call_command("expire_bookings", stdout=StringIO())
    (message,) = sent_to("resident1@example.org")
    assert "예약 신청 만료" in message.subject
    assert "기한 안에 답이 없어 신청이 만료되었고" in message.body
    assert sent_to("operator@example.org") == []


def test_nobody_without_an_address_is_emailed(as_resident, bookable, resident, committing):
    resident.email = ""
    resident.save()
    space = bookable(email="")
    with committing():
        assert as_resident.post(book_url(space), form()).status_code == 303
    assert mail.outbox == []
    assert not Notice.objects.exists()


# --- a mail server in trouble --------------------------------------------------------


def test_a_failing_mail_server_does_not_lose_the_booking(as_resident, space, committing, mail_down):
    with committing():
        response = as_resident.post(book_url(space), form())

    assert response.status_code == 303
    booking = Booking.objects.get()
    assert booking.status == Status.REQUESTED
    assert mail.outbox == []
    waiting = list(Notice.objects.order_by("kind"))
    assert [n.kind for n in waiting] == ["received", "requested"]
    for notice in waiting:
        assert notice.sent_at is None
        assert notice.last_error == "SMTPServerDisconnected: mail server down"
    assert "신청됨" in as_resident.get(response["Location"]).content.decode()


def test_one_failed_sending_counts_one_attempt(as_resident, space, committing, mail_down):
    """A new request writes two notices and the task may run once per notice; a
    failing notice is still tried — and counted — once, then waits for its pause."""
    with committing():
        as_resident.post(book_url(space), form())
    assert set(Notice.objects.values_list("attempts", flat=True)) == {1}


def test_a_short_outage_during_a_bulk_expiry_does_not_use_up_the_retries(
    space, resident, clock, committing, mail_down
):
    """Expiring N requests in one go runs the task N times at once; with the mail
    server down for that moment each notice is still tried once (a failed one waits for
    its pause), so a short outage never uses up the retries."""
    day = NOW.date() + dt.timedelta(days=8)
    for hour in range(9, 9 + notices.MAX_ATTEMPTS):
        make_booking(space, resident, day=day, start=hour, end=hour + 1)
    clock.move_to(NOW + dt.timedelta(hours=49))
    with committing():
        call_command("expire_bookings", stdout=StringIO())
    mail_down.undo()
    for notice in Notice.objects.all():  # each was tried once, however many task runs
        assert notice.attempts == 1

    clock.move_to(NOW + dt.timedelta(hours=49, minutes=2))  # after the first pause
    call_command("send_booking_notices", stdout=StringIO())

    assert len(sent_to("resident1@example.org")) == notices.MAX_ATTEMPTS


def test_the_command_sends_what_failed_once_the_server_is_back(
    as_resident, space, committing, mail_down
):
    with committing():
        as_resident.post(book_url(space), form())
    mail_down.undo()
    tried = {n.pk: n.attempts for n in Notice.objects.all()}

    out = StringIO()
    call_command("send_booking_notices", "--now", stdout=out)  # without waiting for the pause

    assert "sent 2, failed 0" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["operator@example.org", "resident1@example.org"]
    for notice in Notice.objects.all():
        assert notice.sent_at is not None
        assert notice.attempts == tried[notice.pk] + 1

    call_command("send_booking_notices", stdout=StringIO())
    assert len(mail.outbox) == 2  # nothing sent twice


def test_the_command_counts_another_failure_and_keeps_the_notice(
    as_resident, space, committing, mail_down
):
    with committing():
        as_resident.post(book_url(space), form())
    tried = {n.pk: n.attempts for n in Notice.objects.all()}
    out = StringIO()
    call_command("send_booking_notices", "--now", stdout=out)
    assert "sent 0, failed 2" in out.getvalue()
    for notice in Notice.objects.all():
        assert notice.sent_at is None
        assert notice.attempts == tried[notice.pk] + 1
    assert Booking.objects.get().status == Status.REQUESTED


def test_a_failing_mail_server_does_not_block_a_decision(
    admin_client, space, resident, committing, mail_down
):
    booking = make_booking(space, resident)
    with committing():
        response = admin_client.post(
            f"/admin/bookings/{booking.pk}/decide/", {"action": "confirm", "reason": ""}
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    notice = Notice.objects.get(kind="confirmed")
    assert notice.sent_at is None and notice.attempts >= 1

    mail_down.undo()
    call_command("send_booking_notices", stdout=StringIO())
    assert sent_to("resident1@example.org") == []  # the failed one waits for its pause
    call_command("send_booking_notices", "--now", stdout=StringIO())
    (message,) = sent_to("resident1@example.org")
    assert "예약 확정" in message.subject


# --- links: one public address, the screen to act on ------------------------------------

BASE = "https://example.seoul.kr"


def links_in(message):
    """The absolute links of an e-mail, each on a line of its own (no Korean particle
    glued to a URL)."""
    found = [line for line in message.body.splitlines() if "://" in line]
    for line in found:
        assert line == line.strip() and " " not in line, line
    return found


@pytest.fixture
def operator_of(db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from spaces.models import SpaceOperator

    def make(space):
        user = get_user_model().objects.create_user(
            "operator9", email="operator9@example.org", password="changeme"
        )
        SpaceOperator.objects.create(space=space, user=user, status=SpaceOperator.Status.ACTIVE)
        client = Client()
        client.force_login(user)
        return client

    return make


def test_a_new_request_links_the_operator_to_its_decide_screen_and_the_resident_to_it(
    as_resident, space, operator_of, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    operator = operator_of(space)
    with committing():
        assert as_resident.post(book_url(space), form()).status_code == 303
    booking = Booking.objects.get()

    # One mail per recipient: the space's address, its operator, the resident.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "operator9@example.org",
        "operator@example.org",
        "resident1@example.org",
    ]
    (to_operator,) = sent_to("operator9@example.org")
    assert to_operator.subject.startswith("[커뮤니티 공간] 새 예약 신청")
    assert "여기에서 신청을 확정하거나 거절하세요:" in to_operator.body
    (link,) = links_in(to_operator)
    assert link == f"{BASE}/admin/bookings/{booking.pk}/decide/"
    decide = operator.get(link.removeprefix(BASE))
    assert decide.status_code == 200
    assert "독서 모임" in decide.content.decode()

    (to_resident,) = sent_to("resident1@example.org")
    (link,) = links_in(to_resident)
    assert link == f"{BASE}/accounts/bookings/{booking.pk}/"
    assert as_resident.get(link.removeprefix(BASE)).status_code == 200
    for message in mail.outbox:
        assert "localhost" not in message.body and ":8000" not in message.body
        assert "Booking" not in message.subject and "Community Space" not in message.subject


def test_a_confirmation_links_the_resident_to_my_bookings(
    admin_client, as_resident, space, resident, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    booking = make_booking(space, resident)
    with committing():
        admin_client.post(
            f"/admin/bookings/{booking.pk}/decide/", {"action": "confirm", "reason": ""}
        )
    (message,) = sent_to("resident1@example.org")  # one mail for one decision
    assert message.subject == "[커뮤니티 공간] 예약 확정: 망원 작은도서관 2026-12-02 14:00"
    assert "내 예약에서 보기:" in message.body
    link, ics = links_in(message)
    assert link == f"{BASE}/accounts/bookings/{booking.pk}/"
    assert ics == f"{BASE}/accounts/bookings/{booking.pk}/booking.ics"
    page = as_resident.get(link.removeprefix(BASE))
    assert page.status_code == 200 and "확정" in page.content.decode()


def test_a_cancellation_links_the_operator_to_the_booking_in_the_admin(
    as_resident, space, resident, operator_of, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    operator = operator_of(space)
    booking = make_booking(space, resident, status=Status.CONFIRMED)
    with committing():
        as_resident.post(f"/accounts/bookings/{booking.pk}/cancel/")
    (message,) = sent_to("operator9@example.org")
    (link,) = links_in(message)
    assert link == f"{BASE}/admin/snippets/bookings/booking/edit/{booking.pk}/"
    screen = operator.get(link.removeprefix(BASE))
    assert screen.status_code == 200 and "독서 모임" in screen.content.decode()
