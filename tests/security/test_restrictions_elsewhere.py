"""The places a private space could still surface besides lists: its booking form, a
staff promotion in search, and a story's "featured spaces". Each follows the page's
view restriction (core.privacy, Wagtail's own check)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from core.demo import ensure_section

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def spaces(make_space):
    hours = {"bookable": True, "opening_hours": "Mo-Su 09:00-22:00"}
    return (
        make_space(title="비밀 작업실", slug="secret", **hours),
        make_space(title="공개 작업실", slug="open", **hours),
    )


def make_private(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="sesame")


def url_of(page):
    with translation.override("ko"):
        return page.url


def test_the_booking_form_of_a_password_protected_space_asks_for_the_password(spaces):
    secret, public = spaces
    make_private(secret)
    resident = get_user_model().objects.create_user("resident1", "r1@example.org", "changeme")
    client = Client()
    client.force_login(resident)
    asked = client.get(url_of(secret) + "book/")
    assert asked.status_code == 200
    html = asked.content.decode()
    assert 'name="password"' in html and "booking-form" not in html
    assert 'name="start"' not in html  # no booking form behind the password
    # A public space's form is still there.
    assert 'name="start"' in client.get(url_of(public) + "book/").content.decode()


def test_a_search_promotion_of_a_private_space_is_not_shown(client, spaces, bilingual_site):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    secret, public = spaces
    query = Query.get("작업실")
    SearchPromotion.objects.create(query=query, page=secret, sort_order=0, description="비밀 추천")
    SearchPromotion.objects.create(query=query, page=public, sort_order=1, description="공개 추천")
    make_private(secret, PageViewRestriction.LOGIN)
    html = client.get("/search/", {"q": "작업실"}).content.decode()
    assert "공개 추천" in html
    assert "비밀 추천" not in html and url_of(secret) not in html


def test_a_story_does_not_feature_a_private_space(client, spaces, bilingual_site):
    from stories.models import StoryIndexPage, StoryPage

    secret, public = spaces
    index = ensure_section(
        bilingual_site, StoryIndexPage, "stories", ko={"title": "이야기"}, en={"title": "Stories"}
    )
    body = [
        {
            "type": "featured_spaces",
            "value": {"heading": "소개하는 공간", "spaces": [secret.pk, public.pk]},
        }
    ]
    story = StoryPage(title="동네 이야기", slug="story", date=NOW.date(), lead="소식", body=body)
    index.add_child(instance=story)
    story.save_revision().publish()
    make_private(secret, PageViewRestriction.LOGIN)
    html = client.get(url_of(story)).content.decode()
    assert "공개 작업실" in html and url_of(public) in html
    assert "비밀 작업실" not in html and url_of(secret) not in html
