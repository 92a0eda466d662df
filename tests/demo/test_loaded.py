"""The loaded demo (``manage.py load_demo``) reads as real: programs that fit their
space, stories that name and link demo spaces of their kind in their district, unique
space names and made-up contacts — as saved and as shown."""

import re

import pytest
import time_machine

from events import demo as events_demo
from events.models import ProgramPage
from spaces.models import SpacePage
from stories import demo as stories_demo
from stories import demo_data as stories_data
from stories.models import StoryPage
from tests.conftest import demo_loaded_once

from ..events.conftest import NOW

TOPICS = {topic.title: topic for topic in events_demo.TOPICS}
SPECS = {spec["slug"]: spec for spec in stories_data.STORIES}


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with demo_loaded_once(django_db_blocker, NOW):
        yield


@pytest.fixture
def demo_site(loaded_once, db):
    with time_machine.travel(NOW, tick=False):
        yield


def test_every_program_fits_the_space_it_is_held_in(demo_site):
    programs = list(ProgramPage.objects.live().filter(locale__language_code="ko"))
    assert programs
    spaces = SpacePage.objects.select_related("space_type").in_bulk(
        [program.get_parent().pk for program in programs]
    )
    for program in programs:
        space = spaces[program.get_parent().pk]
        topic = TOPICS[program.title]
        assert topic.kind in events_demo.SUITS[space.space_type.slug], (space.title, program.title)
        assert program.audience in events_demo.WELCOMES[space.space_type.slug]
        assert program.capacity is None or program.capacity <= space.capacity
        assert "(" not in program.summary  # no English gloss
        assert space.title in program.description


def test_demo_spaces_have_one_name_each_and_made_up_contacts(demo_site):
    spaces = list(SpacePage.objects.filter(locale__language_code="ko"))
    assert len({s.title for s in spaces}) == len({s.name_en for s in spaces}) == len(spaces)
    for space in spaces:
        assert not space.phone or re.fullmatch(r"02-0000-\d{4}", space.phone)
        assert (space.operator_kind == "public") == space.operator_name.endswith("(데모)")


def test_stories_name_and_link_demo_spaces_of_their_kind(demo_site, client):
    stories = list(StoryPage.objects.live().filter(locale__language_code="ko"))
    assert len(stories) == len(stories_data.STORIES)
    for story in stories:
        kinds = stories_demo.story_kinds(SPECS[story.slug])
        spaces = SpacePage.objects.select_related("space_type").in_bulk(story.related_space_ids)
        related = [spaces[pk] for pk in story.related_space_ids]
        assert related, story.slug
        assert related[0].space_type.slug == kinds[0]
        assert {s.space_type.slug for s in related} <= set(kinds)
        assert story.district_id == related[0].district_id

    story = StoryPage.objects.get(slug="small-library-open-late", locale__language_code="ko")
    space = SpacePage.objects.get(pk=story.related_space_ids[0])
    url = space.url
    html = client.get(story.url).content.decode()
    assert f'{space.district.name} <a href="{url}">{space.title}</a>' in html
    english = client.get("/en/stories/small-library-open-late/").content.decode()
    assert f'<a href="/en{url}">{space.name_en}</a> in {space.district.name_en}' in english


HANGUL = re.compile("[가-힣]")


def test_an_english_visitor_reads_program_titles_and_addresses_in_english(demo_site, client):
    """Where the demo has English (every program, every space's road address and
    way there), the English site shows no Hangul in it."""
    from django.utils import translation

    from spaces import directions

    programs = list(
        ProgramPage.objects.live().filter(locale__language_code="ko").order_by("pk")[:6]
    )
    assert programs and all(p.title_en and p.summary_en for p in programs)
    with translation.override("ko"):
        urls = [program.url for program in programs]
    for url in urls:
        html = client.get(f"/en{url}").content.decode()
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        where = re.search(r"Where: (.*?)</p>", html, re.S).group(1)
        lead = re.search(r'<p class="lead"[^>]*>(.*?)</p>', html, re.S).group(1)
        assert not HANGUL.search(title + where + lead), (title, where, lead)

    with translation.override("en"):
        for space in SpacePage.objects.filter(locale__language_code="ko").select_related(
            "district"
        ):
            text, language = directions.address(space)
            assert language == "en" and not HANGUL.search(text), space.address
            for label, note, language in directions.notes(space):
                assert language == "en" and not HANGUL.search(note), (label, note)


def test_an_english_story_has_an_english_byline_and_topics(demo_site, client):
    html = client.get("/en/stories/small-library-open-late/").content.decode()
    byline = re.search(r'class="story__author" lang="en">(.*?)</span>', html).group(1)
    topics = re.search(r'<section class="story__topics".*?</section>', html, re.S).group(0)
    assert byline and not HANGUL.search(byline)
    assert "#small libraries" in topics and not HANGUL.search(topics)
    listing = client.get("/en/stories/?tag=small-libraries").content.decode()
    assert "/en/stories/small-library-open-late/" in listing
