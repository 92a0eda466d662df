"""Sign-up asks the PIPA consents separately and keeps when they were given; its mails
read as the portal's, with links from PORTAL_BASE_URL; and a new account books or
registers only once its address is confirmed (following the link from the mail)."""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

import pytest
import time_machine
from allauth.account.models import EmailAddress

from bookings import services as booking_services
from bookings.models import Booking
from core.accounts import needs_confirmation
from events import services as event_services
from events.models import Occurrence, Registration
from residents.models import Profile

from .mypage_support import PASSWORD, World, resident

BASE = "https://portal.example.org"
CONFIRM_FIRST = "먼저 이메일 주소를 확인해 주세요"


@pytest.fixture
def world(bilingual_site, make_space, settings):
    settings.PORTAL_BASE_URL = BASE
    return World(bilingual_site, make_space)


def form(username="newcomer", email="newcomer@example.org", **extra):
    return {
        "email": email,
        "username": username,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def html(response):
    return response.content.decode()


def link(message, path):
    """The absolute link to ``path…`` in a mail's body."""
    found = re.search(rf"(\S+{re.escape(path)}\S*)", message.body)
    assert found, message.body
    return found.group(1)


def sign_up_and_log_in(client, **extra):
    response = client.post("/accounts/signup/", form(privacy_consent="on", **extra))
    assert response.status_code == 302
    client.post("/accounts/login/", {"login": "newcomer", "password": PASSWORD})
    return get_user_model().objects.get(username="newcomer")


# --- consents -------------------------------------------------------------------------------


def test_the_form_asks_each_consent_on_its_own_and_links_the_privacy_policy(client, world):
    page = html(client.get("/accounts/signup/"))

    assert "개인정보 수집·이용 동의 (필수)" in page
    headers = ("항목", "목적", "보유 기간")
    for cell in (*headers, "이메일·아이디·비밀번호", "회원 관리, 예약·신청 안내", "탈퇴 시까지"):
        assert f">{cell}<" in page
    assert "동의를 거부할 수 있습니다" in page
    assert 'name="privacy_consent"' in page and 'name="news_consent"' in page
    assert "새 소식·캠페인 안내 메일 받기 (선택)" in page
    assert 'href="/privacy/"' in page


def test_without_the_required_consent_no_account_is_made(client, world):
    response = client.post("/accounts/signup/", form(news_consent="on"))

    assert response.status_code == 200
    page = html(response)
    assert 'class="error-summary"' in page
    assert "회원가입을 하려면 개인정보 수집·이용에 동의해야 합니다" in page
    assert not get_user_model().objects.filter(username="newcomer").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("news", [False, True], ids=["no news", "news"])
def test_the_consents_are_kept_with_their_time(client, world, news):
    extra = {"news_consent": "on"} if news else {}
    before = timezone.now()

    response = client.post("/accounts/signup/", form(privacy_consent="on", **extra))

    assert response.status_code == 302
    profile = Profile.objects.get(user__username="newcomer")
    assert profile.privacy_consent_at >= before
    assert (profile.news_consent_at is not None) is news


def test_a_registered_address_still_gets_the_same_answer_and_no_second_account(client, world):
    resident("existing", email="taken@example.org", confirmed=True)

    response = client.post(
        "/accounts/signup/", form("someone", "Taken@Example.org", privacy_consent="on")
    )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert not get_user_model().objects.filter(username="someone").exists()
    (message,) = mail.outbox
    assert message.subject == "[커뮤니티 공간] 이미 가입된 계정이 있습니다"
    assert link(message, "/accounts/password/reset/").startswith(f"{BASE}/accounts/password/reset/")


# --- mails as the portal's ------------------------------------------------------------------


def test_the_confirmation_mail_reads_as_the_portal_and_links_to_its_address(client, world):
    client.post("/accounts/signup/", form(privacy_consent="on"), HTTP_HOST="127.0.0.1")

    (message,) = mail.outbox
    assert message.subject == "[커뮤니티 공간] 가입을 환영합니다. 이메일 주소를 확인해 주세요"
    assert message.body.startswith("안녕하세요, 커뮤니티 공간입니다.")
    assert "커뮤니티 공간 · https://portal.example.org/" in message.body
    assert "127.0.0.1" not in message.body and "testserver" not in message.body
    assert link(message, "/accounts/confirm-email/").startswith(f"{BASE}/accounts/confirm-email/")


def test_the_password_reset_mail_links_to_the_portals_address(client, world):
    resident("seoyeon", confirmed=True)

    client.post("/accounts/password/reset/", {"email": "seoyeon@example.org"})

    (message,) = mail.outbox
    assert message.body.startswith("안녕하세요, 커뮤니티 공간입니다.")
    assert link(message, "/accounts/password/reset/key/").startswith(BASE)
    assert "seoyeon" in message.body  # the username, in case it was forgotten


def test_english_sign_ups_get_english_mails_with_english_links(client, world):
    client.post("/en/accounts/signup/", form(privacy_consent="on"))

    (message,) = mail.outbox
    assert message.subject == "[Community Space] Welcome: please confirm your e-mail address"
    assert message.body.startswith("Hello, this is Community Space.")
    assert link(message, "/en/accounts/confirm-email/").startswith(f"{BASE}/en/")


# --- confirm first ----------------------------------------------------------------------------


def booking_form():
    return {
        "date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "start": "14:00",
        "end": "16:00",
        "headcount": "4",
        "purpose": "독서 모임",
    }


def future_date(world):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    return Occurrence.objects.create(
        program=world.program,
        space=world.space,
        start=start,
        end=start + dt.timedelta(hours=1),
        places=10,
    )


def test_a_new_account_books_and_registers_only_after_confirming(client, world):
    newcomer = sign_up_and_log_in(client)
    assert needs_confirmation(newcomer)
    book_url = f"{world.space.url}book/"
    register_url = f"{world.program.url}register/"
    occurrence = future_date(world)

    # The booking page says so above the form, with a way to get the mail again.
    page = html(client.get(book_url))
    assert "이메일 주소를 확인해 주세요" in page
    assert re.search(r'<form method="post" action="/accounts/email/resend/"', page)
    refused = client.post(book_url, booking_form())
    assert refused.status_code == 400
    assert CONFIRM_FIRST in html(refused)
    assert not Booking.objects.filter(user=newcomer).exists()
    # Registering for a program is refused with the same words.
    answer = client.post(register_url, {"occurrence": occurrence.pk}, follow=True)
    assert CONFIRM_FIRST in html(answer)
    assert not Registration.objects.filter(user=newcomer).exists()

    # "Send the mail again" at once: the mail from the sign-up went a moment ago, and the
    # answer says so (rather than nothing), back on the booking page.
    mail.outbox.clear()
    resend = {"email": "newcomer@example.org", "next": book_url}
    wait = client.post("/accounts/email/resend/", resend, follow=True)
    assert wait.redirect_chain == [(book_url, 303)]
    assert re.search(r"조금 전에 메일을 보냈습니다\. .*? (60|59)초 뒤에 다시 보낼 수", html(wait))
    assert mail.outbox == []
    # A minute later it goes out, and says so.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        sent = client.post("/accounts/email/resend/", resend, follow=True)
    assert "newcomer@example.org 주소로 확인 메일을 보냈습니다" in html(sent)
    (again,) = mail.outbox
    assert again.subject == "[커뮤니티 공간] 이메일 주소를 확인해 주세요"

    # Follow the link from the mail, as the resident does.
    path = link(again, "/accounts/confirm-email/").removeprefix(BASE)
    confirm_page = client.get(path)
    assert confirm_page.status_code == 200
    confirmed = client.post(path)
    assert confirmed["Location"] == "/accounts/"  # My page, which says so
    assert EmailAddress.objects.get(user=newcomer).verified
    assert "이메일 주소를 확인해 주세요" not in html(client.get("/accounts/"))

    booked = client.post(book_url, booking_form())
    assert booked.status_code == 303
    assert Booking.objects.filter(user=newcomer).count() == 1
    client.post(register_url, {"occurrence": occurrence.pk})
    assert Registration.objects.filter(user=newcomer, occurrence=occurrence).exists()


def test_the_services_refuse_with_their_own_errors(world):
    newcomer = resident("newcomer", confirmed=False)

    with pytest.raises(booking_services.BookingError) as refused:
        booking_services.request_booking(newcomer, world.space, booking_form())
    assert refused.value.errors[""][0].startswith(CONFIRM_FIRST)
    with pytest.raises(booking_services.BookingError):
        booking_services.request_series(newcomer, world.space, {**booking_form(), "weeks": "2"})
    with pytest.raises(event_services.RegistrationError):
        event_services.register(newcomer, future_date(world).pk)


@pytest.mark.parametrize("confirmed", [True, None], ids=["confirmed", "made by staff"])
def test_confirmed_and_staff_made_accounts_book_at_once(world, confirmed):
    someone = resident("someone", confirmed=confirmed)

    booking = booking_services.request_booking(someone, world.space, booking_form())

    assert booking.pk
    assert event_services.register(someone, future_date(world).pk).pk
