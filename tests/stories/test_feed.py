"""The RSS 2.0 feed at /stories/feed/ and /en/stories/feed/: its RSS 2.0 structure
checked with ElementTree, and the whole feed read by feedparser as a feed reader would."""

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from wagtail.models import Locale

import pytest

from stories import feeds

from .conftest import TODAY

DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    (channel,) = root.findall("channel")
    return channel


def items(channel):
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "guid": item.findtext("guid"),
            "guid_is_permalink": item.find("guid").get("isPermaLink"),
            "pubDate": parsedate_to_datetime(item.findtext("pubDate")),
            "author": item.findtext(f"{DC}creator"),
            "categories": [c.text for c in item.findall("category")],
        }
        for item in channel.findall("item")
    ]


@pytest.fixture
def published(make_story):
    first = make_story(
        title="공유부엌 이야기", date=TODAY, lead="반찬을 나눕니다 & 함께 먹어요", tags=["공유부엌"]
    )
    second = make_story(title="작은도서관 이야기", date=TODAY - dt.timedelta(days=3))
    make_story(title="초안", date=TODAY, publish=False)
    return first, second


def test_the_feed_lists_published_stories_newest_first(client, published):
    first, second = published
    channel = parse(client.get("/stories/feed/"))
    assert channel.findtext("title") == "이야기 · 커뮤니티 공간"
    assert channel.findtext("link") == "http://testserver/stories/"
    assert channel.findtext("language") == "ko"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver/stories/feed/"
    found = items(channel)
    assert [item["title"] for item in found] == ["공유부엌 이야기", "작은도서관 이야기"]
    item = found[0]
    assert item["link"] == f"http://testserver{first.url}"
    assert item["description"] == "반찬을 나눕니다 & 함께 먹어요"
    # The story's own date, as its page shows it (not when the page was published).
    assert item["pubDate"] == first.published_at
    assert item["guid"] == f"urn:uuid:{first.translation_key}"
    assert item["guid_is_permalink"] == "false"
    assert item["author"] == "마을기자단 박서연"
    assert item["categories"] == ["공유부엌"]


def test_a_standard_feed_parser_reads_the_feed_without_complaint(client, published):
    import feedparser

    first, __ = published
    parsed = feedparser.parse(client.get("/stories/feed/").content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "이야기 · 커뮤니티 공간"
    assert [entry.title for entry in parsed.entries] == ["공유부엌 이야기", "작은도서관 이야기"]
    entry = parsed.entries[0]
    assert entry.link == f"http://testserver{first.url}"
    assert entry.summary == "반찬을 나눕니다 & 함께 먹어요"
    published_at = first.published_at.astimezone(dt.UTC)
    assert entry.published_parsed[:6] == published_at.timetuple()[:6]
    assert [tag.term for tag in entry.tags] == ["공유부엌"]


def test_guids_stay_the_same_when_a_story_moves(client, published):
    first, __ = published
    before = items(parse(client.get("/stories/feed/")))[0]["guid"]
    first.slug = "renamed"
    first.save_revision().publish()
    after = items(parse(client.get("/stories/feed/")))[0]
    assert after["guid"] == before
    assert after["link"].endswith("/stories/renamed/")


def test_the_english_feed(client, published):
    first, __ = published
    english = first.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "A shared kitchen story"
    english.lead = "Sharing side dishes"
    english.save_revision().publish()

    channel = parse(client.get("/en/stories/feed/"))
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/stories/"
    found = items(channel)
    assert [item["title"] for item in found] == ["A shared kitchen story", "작은도서관 이야기"]
    assert found[0]["link"] == "http://testserver/en/stories/story-1/"
    assert found[1]["link"] == "http://testserver/en/stories/story-2/"  # untranslated, in English
    assert found[0]["guid"] != f"urn:uuid:{first.translation_key}"  # one guid per language


def test_the_feed_is_limited_and_needs_no_more_queries_for_more_stories(
    client, make_story, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(feeds, "ITEMS", 4)
    for __ in range(6):
        make_story(tags=["청년"])
    client.get("/stories/feed/")
    with django_assert_max_num_queries(10):
        assert len(items(parse(client.get("/stories/feed/")))) == 4


def test_an_unpublished_listing_has_no_feed(client, story_index):
    story_index.unpublish()
    assert client.get("/stories/feed/").status_code == 404


def test_other_paths_under_the_listing_are_not_found(client, story_index):
    assert client.get("/stories/feed/extra/").status_code == 404
    assert client.get("/stories/nothing/").status_code == 404
