"""Signing up: simultaneous sign-ups make one account and never a 5xx (the database
holds e-mail addresses and usernames unique, ignoring case), and the sign-up never
tells whether an e-mail address already has an account."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.test import Client, override_settings

import pytest
import requests

from tests.live import CSRF

PASSWORD = "Correct-horse-42!"
RACERS = 8
# allauth's sign-ups per address would refuse the racers, who all come from 127.0.0.1.
no_signup_limit = override_settings(
    ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "signup": None}
)


def form(username, email):
    return {
        "username": username,
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_consent": "on",
    }


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


def race(url, forms):
    """Post each sign-up form at the same moment, each from its own browser; the
    status codes."""
    start = threading.Barrier(len(forms))

    def post(data):
        http = requests.Session()
        http.cookies.set(settings.CSRF_COOKIE_NAME, CSRF)
        start.wait()
        response = http.post(
            url, data={**data, "csrfmiddlewaretoken": CSRF}, allow_redirects=False, timeout=60
        )
        return response.status_code

    with ThreadPoolExecutor(len(forms)) as pool:
        return list(pool.map(post, forms))


# --- races ----------------------------------------------------------------------------


@no_signup_limit
@pytest.mark.django_db(transaction=True)
def test_the_same_sign_up_sent_eight_times_at_once_makes_one_account_and_no_error(
    live_server, home
):
    forms = [form("racer", "racer@example.org")] * RACERS
    statuses = race(f"{live_server.url}/accounts/signup/", forms)

    # One is welcomed; every other one sees the form again, saying the name is taken.
    assert sorted(statuses) == [200] * (RACERS - 1) + [302], statuses
    assert get_user_model().objects.filter(username__iexact="racer").count() == 1
    assert get_user_model().objects.filter(email__iexact="racer@example.org").count() == 1


@no_signup_limit
@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_with_one_address_and_other_names_make_one_account(live_server, home):
    forms = [form(f"racer{n}", "racer@example.org") for n in range(RACERS)]
    statuses = race(f"{live_server.url}/accounts/signup/", forms)

    # Each one is told to check their mail, as for any sign-up; one account exists.
    assert statuses == [302] * RACERS, statuses
    assert get_user_model().objects.filter(email__iexact="racer@example.org").count() == 1


# --- no telling who has an account ----------------------------------------------------


def normalised(page, address):
    """A page with what differs between two visitors taken out: the address they typed
    and their CSRF tokens."""
    page = page.replace(address, "ADDRESS")
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", page)


def test_signing_up_with_a_registered_address_looks_like_signing_up_with_a_new_one(resident):
    newcomer, stranger = Client(), Client()
    new = newcomer.post("/accounts/signup/", form("newcomer", "new@example.org"))
    taken = stranger.post("/accounts/signup/", form("someone", "Resident1@Example.org"))

    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"]
    new_page = newcomer.get(new["Location"]).content.decode()
    taken_page = stranger.get(taken["Location"]).content.decode()
    assert "입력하신 주소로 메일을 보냈습니다" in new_page  # "We have sent a mail to the address"
    # It says what to do next: open the link, then log in, with a link.
    assert "그다음 아이디와 비밀번호로 로그인하세요" in new_page
    assert 'href="/accounts/login/"' in new_page
    assert normalised(new_page, "new@example.org") == normalised(
        taken_page, "resident1@example.org"
    )
    # Nobody is logged in by signing up (a new address would be told apart so).
    assert SESSION_KEY not in newcomer.session
    assert SESSION_KEY not in stranger.session

    # The owner of the registered address is told, and no second account is made.
    users = get_user_model().objects
    assert not users.filter(username="someone").exists()
    assert users.filter(email__iexact="resident1@example.org").count() == 1
    (owner_mail,) = [m for m in mail.outbox if m.to == ["resident1@example.org"]]
    assert "/accounts/password/reset/" in owner_mail.body
    (welcome,) = [m for m in mail.outbox if m.to == ["new@example.org"]]
    assert "/accounts/confirm-email/" in welcome.body

    # The new resident logs in with the password chosen.
    newcomer.post("/accounts/login/", {"login": "newcomer", "password": PASSWORD})
    assert SESSION_KEY in newcomer.session


# --- the database ---------------------------------------------------------------------


def test_the_database_refuses_a_second_account_differing_only_in_case(resident):
    users = get_user_model().objects
    for username, email in [("someone", "RESIDENT1@example.org"), ("Resident1", "x@example.org")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            users.create_user(username, email=email)
    # Accounts without an address are not concerned.
    for n in range(2):
        users.create_user(f"no-address-{n}", email="")
    assert users.filter(email="").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_on_accounts_sharing_an_address_and_lists_them():
    users = get_user_model().objects
    call_command("migrate", "core", "zero", verbosity=0)
    try:
        users.create_user("first", email="shared@example.org")
        users.create_user("second", email="Shared@Example.org")
        users.create_user("third", email="third@example.org")
        with pytest.raises(CommandError) as refused:
            call_command("migrate", "core", verbosity=0)
        message = str(refused.value)
        assert "'first'" in message and "'second'" in message
        assert "shared@example.org" in message
        assert "third" not in message
    finally:
        users.filter(username__in=["first", "second", "third"]).delete()
        call_command("migrate", "core", verbosity=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        users.create_user("fourth", email="THIRD@example.org")
        users.create_user("fifth", email="third@example.org")
