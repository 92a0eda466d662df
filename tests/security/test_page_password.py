"""A page kept behind a password (Wagtail privacy) is a log-in too: guessing its
password shares the log-in limit, per restriction and per client address, and while the
limit holds even the right password does not open the page."""

import datetime as dt

from django.conf import settings
from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))
TOO_MANY = "너무 많은 로그인 실패가 감지되었습니다"  # "Too many failed login attempts"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def locked_space(make_space):
    space = make_space(title="비밀번호 공간")
    restriction = PageViewRestriction.objects.create(
        page=space, restriction_type=PageViewRestriction.PASSWORD, password="right-one"
    )
    return space, restriction


def post_password(client, space, restriction, password):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{space.pk}/",
        {"password": password, "return_url": space.url},
    )


def test_guessing_a_page_password_is_limited_and_the_right_one_waits(locked_space):
    space, restriction = locked_space
    attempts, _seconds = settings.RATE_LIMITS["login"]["account"]
    guesser = Client()
    for n in range(attempts):
        response = post_password(guesser, space, restriction, f"guess-{n}")
        assert response.status_code == 200  # the form again, "wrong password"
    refused = post_password(guesser, space, restriction, "right-one")
    assert refused.status_code == 429
    assert TOO_MANY in refused.content.decode()
    assert guesser.get(space.url).status_code == 200  # still the password form
    assert "right-one" not in guesser.session.get("passed_page_view_restrictions", [])
    assert restriction.pk not in guesser.session.get("passed_page_view_restrictions", [])


def test_the_right_page_password_opens_the_page_before_any_limit(locked_space):
    space, restriction = locked_space
    visitor = Client()
    response = post_password(visitor, space, restriction, "right-one")
    assert response.status_code == 302
    assert restriction.pk in visitor.session["passed_page_view_restrictions"]
