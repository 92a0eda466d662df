"""allauth's account pages as the portal's: an account never loses its last address, the
confirmation mail "again" always answers, log-in and log-out land in the right language,
and the pages speak plainly, in the portal's words, in Korean and English."""

import datetime as dt
import re

from django.core import mail
from django.utils import timezone

import pytest
import time_machine
from allauth.account.models import EmailAddress

from residents.models import profile_for

from .mypage_support import PASSWORD, resident


@pytest.fixture
def site(bilingual_site):
    return bilingual_site


@pytest.fixture
def seoyeon(site):
    return resident("seoyeon", confirmed=True)


def html(response):
    return response.content.decode()


def text(response):
    """The page's words, tags and spacing taken out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def address_item(page, email):
    """The e-mail page's list item of ``email``."""
    found = re.search(
        rf'<li class="address">(?:(?!</li>).)*?{re.escape(email)}.*?</li>', page, re.S
    )
    assert found, email
    return found.group(0)


def add_address(user, email, *, verified=True, primary=False):
    return EmailAddress.objects.create(user=user, email=email, verified=verified, primary=primary)


# --- e-mail addresses -------------------------------------------------------------------------


def test_the_only_address_cannot_be_removed_and_the_page_says_why(client, seoyeon):
    client.force_login(seoyeon)

    page = html(client.get("/accounts/email/"))
    item = address_item(page, "seoyeon@example.org")
    assert 'name="action_remove"' not in item
    assert "계정에 하나뿐인 주소라서 삭제할 수 없습니다" in item
    # Confirmed already: nothing to send again.
    assert "확인 메일 다시 보내기" not in item

    # A remove posted anyway (an old tab) is refused with a message, the address kept.
    answer = client.post(
        "/accounts/email/", {"email": "seoyeon@example.org", "action_remove": ""}, follow=True
    )
    assert "seoyeon@example.org 주소는 삭제할 수 없습니다" in html(answer)
    assert EmailAddress.objects.filter(user=seoyeon).count() == 1


def test_the_main_address_goes_only_after_another_becomes_main(client, seoyeon):
    add_address(seoyeon, "work@example.org")
    client.force_login(seoyeon)

    page = html(client.get("/accounts/email/"))
    main, other = address_item(page, "seoyeon@example.org"), address_item(page, "work@example.org")
    assert 'name="action_remove"' not in main
    assert "먼저 확인된 다른 주소를 기본 주소로 지정해 주세요" in main
    assert 'name="action_primary"' in other and 'name="action_remove"' in other
    refused = client.post("/accounts/email/", {"email": "seoyeon@example.org", "action_remove": ""})
    assert refused.status_code == 302
    assert EmailAddress.objects.filter(user=seoyeon).count() == 2

    client.post("/accounts/email/", {"email": "work@example.org", "action_primary": ""})
    removed = client.post(
        "/accounts/email/", {"email": "seoyeon@example.org", "action_remove": ""}, follow=True
    )

    assert "seoyeon@example.org 주소를 계정에서 삭제했습니다" in html(removed)
    (left,) = EmailAddress.objects.filter(user=seoyeon)
    assert (left.email, left.primary) == ("work@example.org", True)


def test_an_unconfirmed_address_offers_the_mail_again_and_cannot_become_main(client, seoyeon):
    add_address(seoyeon, "new@example.org", verified=False)
    client.force_login(seoyeon)

    item = address_item(html(client.get("/accounts/email/")), "new@example.org")

    assert re.search(r'<form method="post" action="/accounts/email/resend/">', item)
    assert 'name="next" value="/accounts/email/"' in item
    assert 'name="action_primary"' not in item
    assert "이 주소를 확인하면 기본 주소로 지정할 수 있습니다" in item
    assert 'name="action_remove"' in item  # a second address may go


# --- the confirmation mail again ----------------------------------------------------------------


@pytest.fixture
def newcomer(site):
    return resident("newcomer", confirmed=False)


def resend(client, next_url="/accounts/", email="newcomer@example.org"):
    return client.post("/accounts/email/resend/", {"email": email, "next": next_url})


def test_asking_again_at_once_says_when_it_can_be_sent(client, newcomer):
    client.force_login(newcomer)
    assert resend(client).status_code == 303
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    answer = resend(client)
    page = text(client.get(answer["Location"]))

    assert answer["Location"] == "/accounts/"
    assert mail.outbox == []
    assert "조금 전에 메일을 보냈습니다. 받은편지함과 스팸 메일함을 확인해 주세요." in page
    assert re.search(r"(60|59)초 뒤에 다시 보낼 수 있습니다", page)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=45)):
        later = text(client.get(resend(client)["Location"]))
    assert re.search(r"1[45]초 뒤에 다시 보낼 수 있습니다", later)
    assert mail.outbox == []


def test_the_answer_is_in_english_on_english_pages(client, newcomer):
    client.force_login(newcomer)
    resend(client, "/en/accounts/")

    answer = client.post(
        "/en/accounts/email/resend/", {"email": "newcomer@example.org", "next": "/en/accounts/"}
    )

    page = text(client.get(answer["Location"]))
    assert "We sent the mail a moment ago: look in your inbox and your spam folder." in page
    assert re.search(r"You can have it sent again in (60|59) seconds\.", page)


def test_a_confirmed_or_unknown_address_gets_an_answer_too(client, seoyeon):
    client.force_login(seoyeon)

    confirmed = text(client.get(resend(client, email="seoyeon@example.org")["Location"]))
    unknown = text(client.get(resend(client, email="someone@example.org")["Location"]))
    hostile = client.post("/accounts/email/resend/", {"email": "\x00", "next": "\x00"})

    assert "seoyeon@example.org 주소는 이미 확인되었습니다" in confirmed
    assert "계정에 등록된 주소가 아닙니다" in unknown
    assert hostile.status_code == 303 and hostile["Location"] == "/accounts/"
    assert mail.outbox == []


@pytest.mark.parametrize("next_url", ["https://evil.example.com/", "//evil.example.com/", ""])
def test_it_goes_back_only_to_this_site(client, newcomer, next_url):
    client.force_login(newcomer)

    assert resend(client, next_url)["Location"] == "/accounts/"


def test_it_is_a_post_by_a_logged_in_resident(client, newcomer):
    assert resend(client)["Location"].startswith("/accounts/login/")
    client.force_login(newcomer)
    assert client.get("/accounts/email/resend/").status_code == 405
    assert mail.outbox == []


# --- where log-in and log-out land --------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_logging_out_goes_to_the_home_page_in_the_language_in_use(client, seoyeon, prefix):
    client.force_login(seoyeon)

    response = client.post(f"{prefix}/accounts/logout/")

    assert response["Location"] == f"{prefix}/"


@pytest.mark.parametrize(
    "language, page, lands",
    [
        # The unprefixed log-in page is Korean by address: the profile's language wins.
        ("en", "/accounts/login/", "/en/accounts/"),
        ("ko", "/accounts/login/", "/accounts/"),
        # Someone who chose the English log-in page reads English, whatever the profile
        # says (a new account's profile is Korean until they change it).
        ("ko", "/en/accounts/login/", "/en/accounts/"),
    ],
)
def test_logging_in_lands_on_my_page_in_the_language_chosen(client, seoyeon, language, page, lands):
    profile = profile_for(seoyeon)
    profile.language = language
    profile.save()

    response = client.post(page, {"login": "seoyeon", "password": PASSWORD})

    assert response["Location"] == lands
    greeting = {
        "/en/accounts/": "You are logged in as seoyeon.",
        "/accounts/": "seoyeon 계정으로 로그인했습니다.",
    }
    assert greeting[lands] in text(client.get(lands))


def test_logging_in_with_a_next_goes_there(client, seoyeon):
    profile = profile_for(seoyeon)
    profile.language = "en"
    profile.save()

    response = client.post(
        "/accounts/login/?next=/accounts/bookings/", {"login": "seoyeon", "password": PASSWORD}
    )

    assert response["Location"] == "/accounts/bookings/"


def test_signing_up_in_english_makes_an_english_profile(client, site):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "ann@example.org",
            "username": "ann",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )

    response = client.post("/accounts/login/", {"login": "ann", "password": PASSWORD})

    assert response["Location"] == "/en/accounts/"


# --- passwords ----------------------------------------------------------------------------------


def test_a_wrong_current_password_is_called_wrong(client, seoyeon):
    client.force_login(seoyeon)
    new = "another-Passphrase-77"

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not-it", "password1": new, "password2": new},
    )

    assert "현재 비밀번호가 맞지 않습니다. 다시 입력해 주세요." in html(response)
    assert "현재 비밀번호를 입력하세요" not in html(response)
    seoyeon.refresh_from_db()
    assert seoyeon.check_password(PASSWORD)


def test_a_changed_password_is_said_on_my_page(client, seoyeon):
    client.force_login(seoyeon)
    new = "another-Passphrase-77"

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/accounts/"
    assert "비밀번호를 바꿨습니다." in text(response)


def reset_link(client, email="seoyeon@example.org", prefix=""):
    client.post(f"{prefix}/accounts/password/reset/", {"email": email})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/\S*/password/reset/key/\S+)", message.body).group(1)


def test_the_reset_pages_say_what_happened_and_what_to_do(client, seoyeon):
    sent = client.post("/accounts/password/reset/", {"email": "seoyeon@example.org"}, follow=True)
    assert "입력하신 주소로 메일을 보냈습니다. 메일의 링크를 눌러 새 비밀번호를 정해 주세요." in (
        text(sent)
    )
    assert 'href="/privacy/#officer"' in html(sent)  # the contact, not "contact us" alone
    mail.outbox.clear()

    link = reset_link(client)
    form_page = client.get(link, follow=True)
    new = "another-Passphrase-77"
    done = client.post(
        form_page.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True
    )
    # Said once (the page, no message above it), with the way to log in.
    assert 'class="messages"' not in html(done)
    assert "<h1>비밀번호를 바꿨습니다</h1>" in html(done)
    assert re.search(r'<a class="button" href="/accounts/login/">로그인</a>', html(done))

    used = text(client.get(link, follow=True))
    assert "더 이상 쓸 수 없는 링크입니다" in used and "토큰" not in used
    assert 'href="/accounts/password/reset/"' in html(client.get(link, follow=True))


# --- the pages after sign-up --------------------------------------------------------------------


def test_the_page_after_sign_up_says_what_to_do_next(client, site):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "newcomer@example.org",
            "username": "newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
        follow=True,
    )

    page = text(response)
    assert "입력하신 주소로 메일을 보냈습니다." in page
    assert "메일을 열고 링크를 눌러 주소를 확인해 주세요." in page
    assert "그다음 아이디와 비밀번호로 로그인하세요." in page
    assert "로그인한 뒤 마이페이지에서 다시 보낼 수 있습니다." in page
    assert 'href="/privacy/#officer"' in html(response)
    assert "처음 쓰는 주소라면" not in page


def test_the_confirmation_link_page_reads_as_the_portal(client, newcomer):
    client.force_login(newcomer)
    resend(client)
    (message,) = mail.outbox
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", message.body).group(1)

    page = text(client.get(path))

    assert "newcomer@example.org 주소가 아이디 newcomer 계정의 주소가 맞나요?" in page
    assert "이 주소 확인" in page
    assert "확정" not in page


# --- the portal's words, in English too ---------------------------------------------------------

ALLAUTHS_WORDS = ["Sign In", "Sign Up", "Sign Out", "Remember Me", "Add Email", ">Email<"]


@pytest.mark.parametrize(
    "path, words",
    [
        ("/en/accounts/login/", ["Log in", "Remember me"]),
        ("/en/accounts/signup/", ["Sign up", "E-mail"]),
        ("/en/accounts/password/reset/", ["Forgot your password?", "E-mail"]),
        ("/en/accounts/email/", ["Add an e-mail address"]),
        ("/en/accounts/password/change/", ["Change password", "Current password"]),
        ("/en/accounts/logout/", ["Log out"]),
    ],
)
def test_english_account_pages_use_the_portals_words(client, seoyeon, path, words):
    if path not in ("/en/accounts/login/", "/en/accounts/signup/", "/en/accounts/password/reset/"):
        client.force_login(seoyeon)

    page = html(client.get(path))

    for word in words:
        assert word in page, word
    for word in ALLAUTHS_WORDS:
        assert word not in page, word


def test_the_delete_button_looks_dangerous_and_keeping_is_the_other_choice(client, seoyeon):
    client.force_login(seoyeon)

    page = html(client.get("/accounts/delete/"))

    assert re.search(r'<button type="submit" class="button button--danger">', page)
    assert re.search(r'<a class="button" href="/accounts/">탈퇴하지 않기</a>', page)
