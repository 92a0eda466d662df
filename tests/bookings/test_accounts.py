"""Residents' accounts (django-allauth in the portal's layout): sign up with an e-mail
address, log in by username or e-mail, log out, reset a forgotten password."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest


@pytest.fixture
def site(bilingual_site):
    return bilingual_site


def test_sign_up_with_an_email_address_then_log_in(client, site):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert "커뮤니티 공간" in page.content.decode()  # the portal's own layout
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "username": "newcomer",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newcomer")
    assert user.email == "new@example.org"
    # "Check your mail", not logged in at once: that would tell anyone signing up with
    # an address whether it already had an account (tests/security/test_signup.py).
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/accounts/bookings/").status_code == 302
    client.post("/accounts/login/", {"login": "newcomer", "password": "a-long-Passphrase-42"})
    assert client.get("/accounts/bookings/").status_code == 200  # logged in


def test_sign_up_problems_are_shown_not_saved(client, site):
    response = client.post(
        "/accounts/signup/",
        {"email": "not-an-address", "username": "x", "password1": "1", "password2": "2"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="x").exists()
    assert (
        'aria-invalid="true"' in response.content.decode()
        or "errorlist" in response.content.decode()
    )


@pytest.mark.parametrize("login", ["resident1", "resident1@example.org"])
def test_log_in_by_username_or_email_and_log_out(client, site, resident, login):
    page = client.get("/accounts/login/")
    assert "아이디 또는 이메일" in page.content.decode()
    response = client.post("/accounts/login/", {"login": login, "password": "changeme"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"  # My page
    assert "로그아웃" in client.get("/accounts/bookings/").content.decode()
    client.post("/accounts/logout/")
    assert client.get("/accounts/bookings/").status_code == 302  # back to the log-in page


def test_a_wrong_password_is_refused(client, site, resident):
    response = client.post("/accounts/login/", {"login": "resident1", "password": "nope"})
    assert response.status_code == 200
    assert client.get("/accounts/bookings/").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, site, resident):
    response = client.post("/accounts/password/reset/", {"email": "resident1@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a-new-Passphrase-42", "password2": "a-new-Passphrase-42"},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("a-new-Passphrase-42")


def test_account_pages_speak_english_at_en(client, site):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert "Username or e-mail" in response.content.decode()
