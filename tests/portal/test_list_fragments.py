"""List pages with their pieces cached, as in production (core.fragments): each
directory card and each program date is rendered once for the data it shows, and a
search's answer is remembered for the site's data version (core.memo). A visitor never
sees an old title, an old "open now", another language's link or an old count of
places, and a page published or made private shows in search at once.

Changes reach the cache once they commit; ``committing()`` runs that as a real commit
would."""

import datetime as dt
import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from tests.portal.test_pagecache import FREE, TAKEN, add_program, book, slots, space_day_url
from tests.portal.test_pagecache import resident as resident  # noqa: PLC0414 (a fixture)

MONDAY_MORNING = timezone.make_aware(dt.datetime(2026, 11, 30, 8, 59))  # Seoul


@pytest.fixture(autouse=True)
def _fragments_on():
    with override_settings(CACHE_SECONDS=600):
        yield


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_MORNING, tick=False) as traveller:
        yield traveller


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def words(response):
    """The page's text without its tags (search marks the matched words)."""
    return re.sub(r"<[^>]+>", "", text(response))


def card(html, title):
    """The directory card holding ``title``."""
    for match in re.finditer(r'<li class="space-card".*?</li>', html, re.S):
        if title in match[0]:
            return match[0]
    raise AssertionError(f"no card for {title}")


def test_a_directory_card_is_rendered_once_then_follows_a_publication(
    clock, library, committing, django_assert_max_num_queries
):
    first = card(text(Client().get("/spaces/")), "망원 작은도서관")
    Client().get("/spaces/")  # the memos fill over the first two requests
    with django_assert_max_num_queries(2):  # the count and the page of results
        again = card(text(Client().get("/spaces/")), "망원 작은도서관")
    assert again == first

    with committing():
        library.title = "망원 마을도서관"
        library.save_revision().publish()

    html = text(Client().get("/spaces/"))
    assert "망원 마을도서관" in card(html, "망원 마을도서관")
    assert "망원 작은도서관" not in html


def test_open_now_on_a_cached_card_follows_the_clock(clock, library):
    """Open Mo-Sa 09:00-21:00: closed at 08:59, open a minute later."""
    assert "Closed now" in card(text(Client().get("/en/spaces/")), "Mangwon Small Library")
    clock.shift(dt.timedelta(minutes=1))
    assert "Open now" in card(text(Client().get("/en/spaces/")), "Mangwon Small Library")


def test_a_cached_card_shows_the_distance_only_when_asked_near_a_place(clock, library):
    near = card(text(Client().get("/en/spaces/?near=37.5600,126.9100")), "Mangwon")
    assert re.search(r"\d+\.\d km away", near)
    plain = card(text(Client().get("/en/spaces/")), "Mangwon")
    assert "km away" not in plain
    farther = card(text(Client().get("/en/spaces/?near=37.6000,126.9100&radius=5")), "Mangwon")
    assert re.search(r"\d+\.\d km away", farther)
    assert farther != near


def test_each_language_has_its_own_cards(clock, library):
    korean = card(text(Client().get("/spaces/")), "망원 작은도서관")
    english = card(text(Client().get("/en/spaces/")), "Mangwon Small Library")
    assert 'href="/spaces/' in korean
    assert 'href="/en/spaces/' in english
    assert "Closed now" in english and "Closed now" not in korean


def test_a_program_date_shows_the_places_left_after_each_registration(clock, library, committing):
    from events import services
    from events.models import Occurrence

    program = add_program(library, title="뜨개질 모임", slug="knitting", capacity=3)
    first = Occurrence.objects.filter(program=program).order_by("start").first()

    def places():
        html = text(Client().get("/en/programs/"))
        item = re.search(r'<li class="program-item.*?</li>', html, re.S)[0]
        assert "뜨개질 모임" in item
        return re.search(r"(\d+) places? left|Full", item)[0]

    assert places() == "3 places left"
    resident = get_user_model().objects.create_user("fragments-resident", password="x")
    with committing():
        services.register(resident, first.pk)
    assert places() == "2 places left"


def test_search_finds_a_page_published_after_the_same_search(
    clock, library, make_space, committing
):
    assert "성산 공유부엌" not in words(Client().get("/search/?q=공유부엌"))

    with committing():
        make_space(title="성산 공유부엌", space_type="shared-kitchen")

    found = words(Client().get("/search/?q=공유부엌"))
    assert "성산 공유부엌" in found
    assert re.search(r"\b1 result", words(Client().get("/en/search/?q=공유부엌")))


def test_search_drops_a_page_made_private_at_once(clock, library, committing):
    assert "망원 작은도서관" in words(Client().get("/search/?q=작은도서관"))

    with committing():
        PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)

    assert "망원 작은도서관" not in words(Client().get("/search/?q=작은도서관"))


def test_a_story_page_follows_its_publication_and_the_newest_stories(
    clock, story, committing, django_assert_max_num_queries
):
    """The story, its head and its "more stories" are cached fragments: built once
    (afterwards one query, for which pages the story links to: their versions are in
    the key), then rebuilt after a publication."""
    from stories.models import StoryPage

    url = story.url
    first = text(Client().get(url))
    assert "골목 도서관의 겨울" in first
    Client().get(url)
    with django_assert_max_num_queries(1):
        assert text(Client().get(url)) == first

    with committing():
        story.title = "골목 도서관의 봄"
        story.save_revision().publish()
        newer = StoryPage(title="공유부엌의 점심", slug="lunch", date=story.date, lead="점심")
        story.get_parent().add_child(instance=newer)
        newer.save_revision().publish()

    html = text(Client().get(url))
    assert "골목 도서관의 봄" in html and "골목 도서관의 겨울" not in html
    more = html[html.index('id="more-stories-title"') :]
    assert "공유부엌의 점심" in more
    assert '"headline": "골목 도서관의 봄"' in html  # the JSON-LD in the head too


def test_a_space_published_after_a_visit_is_listed_at_once(clock, library, make_space, committing):
    """Which spaces match, and in what order, is remembered for the site's version."""
    assert re.search(r"\b1 space\b", words(Client().get("/en/spaces/")))

    with committing():
        make_space(title="성산 공유부엌", space_type="shared-kitchen")

    html = words(Client().get("/en/spaces/"))
    assert re.search(r"\b2 spaces\b", html)
    assert "성산 공유부엌" in html


def test_the_booking_section_is_kept_and_shows_a_booking_at_once(
    clock, library, resident, committing
):
    url = space_day_url(library)
    assert slots(Client().get(url))["14:00–14:30"] == FREE
    with CaptureQueriesContext(connection) as again:
        assert slots(Client().get(url))["14:00–14:30"] == FREE
    assert not any("bookings_booking" in q["sql"] for q in again.captured_queries)

    with committing():
        book(library, resident, "14:00", "15:00")

    after = slots(Client().get(url))
    assert after["14:00–14:30"] == TAKEN
    assert after["15:00–15:30"] == FREE


def test_a_kept_booking_section_stops_offering_a_slot_as_the_minute_turns(clock, library):
    """Bookings start two hours ahead: at 08:59 the 11:00 slot is offered, at 09:00 no
    longer, though the section shown at 08:59 was kept."""
    today = space_day_url(library, day=MONDAY_MORNING.date())
    clock.move_to(MONDAY_MORNING + dt.timedelta(seconds=10))
    assert slots(Client().get(today))["11:00–11:30"] == FREE
    clock.move_to(MONDAY_MORNING + dt.timedelta(seconds=50))
    assert slots(Client().get(today))["11:00–11:30"] == FREE

    clock.move_to(MONDAY_MORNING + dt.timedelta(seconds=65))
    later = slots(Client().get(today))
    assert later["11:00–11:30"] == "마감"  # too soon to book now (not someone's booking)
    assert later["11:30–12:00"] == FREE
