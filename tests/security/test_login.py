"""Logging in: one limit on guessing passwords, shared by the site's log-in
(/accounts/login/), the admin's (/admin/login/) and Wagtail's front-end log-in for
restricted pages (/_util/login/, now the site's); counted per account (whatever name,
address or case it is typed in) and per client address; the admin log-in refuses
residents; and logging out of the admin takes a POST, never a link."""

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # on a five-minute boundary
PASSWORD = "changeme"
TOO_MANY = "너무 많은 로그인 실패가 감지되었습니다"  # "Too many failed login attempts"
FIELD = {"/accounts/login/": "login", "/admin/login/": "username"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password=PASSWORD
    )


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def operator(db):
    """Not a superuser: admin access through a group, as space operators have it."""
    group = Group.objects.create(name="Operators (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("operator9", "op9@example.org", PASSWORD)
    user.groups.add(group)
    return user


def account_limit():
    return settings.RATE_LIMITS["login"]["account"]


def address_limit():
    return settings.RATE_LIMITS["login"]["address"]


def log_in(client, url, login, password=PASSWORD):
    """Post a log-in form (the site's field is "login", the admin's "username")."""
    return client.post(url, {FIELD[url]: login, "password": password})


def is_logged_in(client):
    return SESSION_KEY in client.session


def text(response):
    return response.content.decode()


# --- one limit for every form ---------------------------------------------------------


def test_wrong_passwords_at_the_admin_log_in_lock_the_account_and_say_so(staff, resident, clock):
    attempts, seconds = account_limit()
    guesser = Client()
    for _attempt in range(attempts):
        wrong = log_in(guesser, "/admin/login/", "admin", "guess")
        assert wrong.status_code == 200
        assert TOO_MANY not in text(wrong)

    refused = log_in(guesser, "/admin/login/", "admin")  # the right password, too late
    assert refused.status_code == 200
    assert TOO_MANY in text(refused)
    assert not is_logged_in(guesser)
    # The staff member too waits for the window to pass …
    owner = Client()
    assert TOO_MANY in text(log_in(owner, "/admin/login/", "admin"))
    assert not is_logged_in(owner)
    # … while other accounts are not locked.
    neighbour = Client()
    log_in(neighbour, "/accounts/login/", "resident1")
    assert is_logged_in(neighbour)

    clock.shift(dt.timedelta(seconds=seconds + 1))
    assert log_in(owner, "/admin/login/", "admin").status_code == 302
    assert is_logged_in(owner)


def test_failures_on_the_site_and_in_the_admin_add_up(staff):
    attempts, _seconds = account_limit()
    guesser = Client()
    for attempt in range(attempts):
        url = "/accounts/login/" if attempt % 2 else "/admin/login/"
        log_in(guesser, url, "admin", "guess")

    for url in ("/accounts/login/", "/admin/login/"):
        refused = log_in(Client(), url, "admin")
        assert TOO_MANY in text(refused)
    assert not is_logged_in(guesser)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_typing_the_email_or_another_case_does_not_start_a_new_count(staff, url):
    attempts, _seconds = account_limit()
    names = ["admin", "ADMIN", "admin@example.org", "Admin@Example.ORG", "aDmIn"]
    guesser = Client()
    for attempt in range(attempts):
        log_in(guesser, url, names[attempt % len(names)], "guess")

    for name in names:
        assert TOO_MANY in text(log_in(Client(), url, name))
    assert not is_logged_in(guesser)


def test_guessing_many_accounts_from_one_address_blocks_that_address(resident, staff, clock):
    attempts, seconds = address_limit()
    crowd = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(attempts):
        url = "/accounts/login/" if n % 2 else "/admin/login/"
        log_in(crowd, url, f"nobody{n}", "guess")

    for url, name in (("/accounts/login/", "resident1"), ("/admin/login/", "admin")):
        refused = log_in(crowd, url, name)
        assert TOO_MANY in text(refused)
        assert not is_logged_in(crowd)

    # Another address is not blocked, and the blocked one waits a minute.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    log_in(elsewhere, "/accounts/login/", "resident1")
    assert is_logged_in(elsewhere)
    clock.shift(dt.timedelta(seconds=seconds + 1))
    log_in(crowd, "/accounts/login/", "resident1")
    assert is_logged_in(crowd)


def test_the_front_end_log_in_is_the_sites_limited_one(resident):
    to_site = Client().get("/_util/login/?next=/private/")
    assert to_site.status_code == 302
    assert to_site["Location"] == "/accounts/login/?next=/private/"
    english = Client().get("/en/_util/login/?next=/en/private/")
    assert english["Location"] == "/en/accounts/login/?next=/en/private/"

    # It no longer takes passwords itself: unlimited guessing there is over.
    guesser = Client()
    for _attempt in range(30):
        guesser.post("/_util/login/", {"username": "resident1", "password": "guess"})
    answer = guesser.post("/_util/login/", {"username": "resident1", "password": PASSWORD})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/")
    assert not is_logged_in(guesser)


def test_a_restricted_page_sends_visitors_to_the_sites_log_in(home):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_a_password_reset_lifts_the_lock(resident, client):
    attempts, _seconds = account_limit()
    for _attempt in range(attempts):
        log_in(Client(), "/accounts/login/", "resident1", "guess")
    assert TOO_MANY in text(log_in(Client(), "/accounts/login/", "resident1"))

    client.post("/accounts/password/reset/", {"email": "resident1@example.org"})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body)[1]
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "a-new-Passphrase-42", "password2": "a-new-Passphrase-42"},
    )
    owner = Client()
    log_in(owner, "/accounts/login/", "resident1", "a-new-Passphrase-42")
    assert is_logged_in(owner)


# --- the admin log-in is for staff and operators --------------------------------------


def test_the_admin_log_in_sends_residents_to_the_site_and_admits_staff_and_operators(
    resident, staff, operator
):
    visitor = Client()
    refused = log_in(visitor, "/admin/login/", "resident1")
    assert refused.status_code == 200
    page = text(refused)
    assert "/accounts/login/" in page
    assert "주민께서는 사이트에서 로그인해 주세요" in page  # "Residents, please log in on the site"
    assert settings.SESSION_COOKIE_NAME not in refused.cookies
    assert not is_logged_in(visitor)
    assert visitor.get("/accounts/bookings/").status_code == 302  # not logged in anywhere

    for name in ("admin", "operator9"):
        member = Client()
        assert log_in(member, "/admin/login/", name).status_code == 302
        assert member.get("/admin/").status_code == 200


# --- logging out of the admin ---------------------------------------------------------


def test_only_a_post_logs_out_of_the_admin_not_a_link(staff):
    member = Client()
    member.force_login(staff)
    response = member.get("/admin/logout/")
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the cookie stays
    assert member.get("/admin/").status_code == 200

    assert member.post("/admin/logout/").status_code == 302
    assert member.get("/admin/").status_code == 302  # to the log-in


def test_the_start_of_a_block_is_logged_once_for_the_operators(resident, caplog):
    attempts, _seconds = account_limit()
    guesser = Client()
    with caplog.at_level("WARNING", logger="core.auth"):
        for n in range(attempts + 2):
            log_in(guesser, "/accounts/login/", "resident1", f"wrong-{n}")
    reached = [r.getMessage() for r in caplog.records if "Log-in limit reached" in r.getMessage()]
    assert reached == [
        f"Log-in limit reached: login-account user:{resident.pk}, {attempts} failures"
    ]
