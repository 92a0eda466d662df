"""The stories' RSS 2.0 and Atom 1.0 feeds as feed readers use them: read by feedparser
(an independent parser), links from the one configured public address whatever host
the request names, private and draft stories left out, dates from the pages'
publications, and "only if changed" requests answered 304, on the page cache's paths
too."""

import datetime as dt

from django.test import override_settings
from django.utils.http import http_date

from wagtail.models import Locale, PageViewRestriction

import feedparser
import pytest

from stories.feeds import StoryFeed

BASE = "https://portal.example.org"
RSS, ATOM = "/stories/feed/", "/stories/feed/atom/"


@pytest.fixture(autouse=True)
def public_address():
    with override_settings(PORTAL_BASE_URL=BASE):
        yield


@pytest.fixture
def stories(clock, make_story):
    kitchen = make_story(title="공유부엌 이야기", lead="반찬을 나눕니다", tags=["공유부엌"])
    clock.shift(dt.timedelta(hours=1))
    library = make_story(title="작은도서관 이야기", author="")
    return kitchen, library


def read(client, url, **headers):
    response = client.get(url, HTTP_HOST="evil.example", **headers)
    assert response.status_code == 200, response.content[:300]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def seconds(moment):
    return moment.astimezone(dt.UTC).timetuple()[:6]


def test_the_atom_feed_is_valid_atom_with_absolute_links_from_the_public_address(client, stories):
    kitchen, library = stories
    response, parsed = read(client, ATOM)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert parsed.version == "atom10"
    assert parsed.feed.title == "이야기 · 커뮤니티 공간"
    assert parsed.feed.language == "ko"
    assert parsed.feed.link == f"{BASE}/stories/"
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == f"{BASE}{ATOM}"
    assert parsed.feed.author == "커뮤니티 공간"  # Atom needs one: a story may have none
    assert "https://www.kogl.or.kr/info/licenseType1.do" in parsed.feed.rights
    assert [entry.title for entry in parsed.entries] == ["공유부엌 이야기", "작은도서관 이야기"]
    entry = parsed.entries[0]
    assert entry.link == f"{BASE}/stories/{kitchen.slug}/"
    assert entry.id == f"urn:uuid:{kitchen.translation_key}"
    assert entry.summary == "반찬을 나눕니다"
    assert entry.author == "마을기자단 박서연"
    assert [tag.term for tag in entry.tags] == ["공유부엌"]
    assert b"evil.example" not in response.content


def test_the_rss_feed_links_from_the_public_address_not_the_request_host(client, stories):
    kitchen, __ = stories
    response, parsed = read(client, RSS)
    assert parsed.version == "rss20"
    assert parsed.feed.language == "ko"
    assert parsed.feed.link == f"{BASE}/stories/"
    assert parsed.entries[0].link == f"{BASE}/stories/{kitchen.slug}/"
    assert "https://www.kogl.or.kr/info/licenseType1.do" in parsed.feed.rights
    assert b"evil.example" not in response.content


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_dates_are_the_storys_own_date_and_the_last_change(client, clock, stories, url):
    """RSS items carry the story's date, as its page shows it (pubDate); Atom entries
    that and the last change (published, updated)."""
    kitchen, __ = stories
    clock.shift(dt.timedelta(days=2))
    kitchen.lead = "반찬을 나눕니다 (고침)"
    kitchen.save_revision().publish()
    kitchen.refresh_from_db()

    __, parsed = read(client, url)
    entry = next(e for e in parsed.entries if e.title == "공유부엌 이야기")
    assert entry.published_parsed[:6] == seconds(kitchen.published_at)
    if url == ATOM:
        assert entry.updated_parsed[:6] == seconds(kitchen.last_published_at)
        assert entry.updated_parsed > entry.published_parsed
    # The edited story is still one item, under the same id.
    assert [e.title for e in parsed.entries].count("공유부엌 이야기") == 1


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_private_and_draft_stories_never_appear(client, make_story, stories, url):
    kitchen, __ = stories
    secret = make_story(title="비밀 이야기")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    make_story(title="초안 이야기", publish=False)
    kitchen.title = "고치는 중인 제목"
    kitchen.save_revision()  # a draft of a live story: the feed keeps the live text

    for prefix in ("", "/en"):
        __, parsed = read(client, prefix + url)
        assert [e.title for e in parsed.entries] == ["공유부엌 이야기", "작은도서관 이야기"]


def test_the_english_atom_feed_is_in_english_with_english_links(client, stories):
    kitchen, library = stories
    english = kitchen.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "A shared kitchen story"
    english.save_revision().publish()

    __, parsed = read(client, "/en" + ATOM)
    assert parsed.feed.language == "en"
    assert parsed.feed.link == f"{BASE}/en/stories/"
    assert parsed.feed.author == "Community Space"
    assert [e.link for e in parsed.entries] == [
        f"{BASE}/en/stories/{english.slug}/",
        f"{BASE}/en/stories/{library.slug}/",  # untranslated: still the English address
    ]
    assert parsed.entries[0].id != f"urn:uuid:{kitchen.translation_key}"


# --- conditional GET ------------------------------------------------------------------


def never_read(monkeypatch):
    """Reading the stories from here on fails the test: a 304 must not need them."""

    def refuse(self, index):
        raise AssertionError("the items were read")

    monkeypatch.setattr(StoryFeed, "items", refuse)


@pytest.mark.parametrize("url", [RSS, ATOM, "/en" + RSS])
def test_an_unchanged_feed_answers_304_to_its_etag_and_its_date(
    client, clock, monkeypatch, stories, url
):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    clock.shift(dt.timedelta(minutes=5))
    never_read(monkeypatch)

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    since = client.get(url, headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    later = client.get(url, headers={"If-Modified-Since": http_date()})
    assert later.status_code == 304


def test_the_other_feed_and_the_other_language_have_their_own_etags(client, stories):
    tags = {client.get(url)["ETag"] for url in (RSS, ATOM, "/en" + RSS, "/en" + ATOM)}
    assert len(tags) == 4


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_a_new_story_makes_old_copies_stale(client, clock, make_story, stories, url):
    first = client.get(url)
    clock.shift(dt.timedelta(minutes=5))
    make_story(title="새 이야기", date=dt.date(2026, 12, 1))

    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 200
    assert by_etag["ETag"] != first["ETag"]
    assert "새 이야기" in [e.title for e in feedparser.parse(by_etag.content).entries]
    by_date = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 200


def test_a_story_made_private_is_not_confirmed_by_a_304(client, clock, stories):
    """No newer item, and yet the feed changed: a reader asking "modified since" must
    get the feed without the story."""
    kitchen, __ = stories
    first = client.get(RSS)
    clock.shift(dt.timedelta(minutes=5))
    PageViewRestriction.objects.create(page=kitchen, restriction_type="login")

    response = client.get(RSS, headers={"If-Modified-Since": first["Last-Modified"]})
    assert response.status_code == 200
    assert [e.title for e in feedparser.parse(response.content).entries] == ["작은도서관 이야기"]


def test_a_changed_public_address_changes_the_etag(client, stories):
    before = client.get(RSS)["ETag"]
    with override_settings(PORTAL_BASE_URL="https://other.example.org"):
        assert client.get(RSS, headers={"If-None-Match": before}).status_code == 200


@override_settings(PAGE_CACHE_SECONDS=300)
@pytest.mark.parametrize("url", [RSS, ATOM])
def test_the_page_cache_answers_304_only_while_the_feed_is_unchanged(
    client, clock, make_story, monkeypatch, stories, url
):
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    never_read(monkeypatch)
    for headers in (
        {"If-None-Match": first["ETag"]},
        {"If-Modified-Since": first["Last-Modified"]},
    ):
        cached = client.get(url, headers=headers)
        assert cached.status_code == 304
        assert cached["X-Page-Cache"] == "hit"
    # Compressed for a browser: a weak ETag, which still confirms the copy.
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzipped.status_code == 200 and gzipped["ETag"].startswith("W/")
    again = client.get(url, headers={"If-None-Match": gzipped["ETag"]})
    assert again.status_code == 304

    monkeypatch.undo()
    clock.shift(dt.timedelta(minutes=5))
    make_story(title="새 이야기", date=dt.date(2026, 12, 1))
    for headers in (
        {"If-None-Match": first["ETag"]},
        {"If-Modified-Since": first["Last-Modified"]},
    ):
        fresh = client.get(url, headers=headers)
        assert fresh.status_code == 200
        assert "새 이야기" in [e.title for e in feedparser.parse(fresh.content).entries]


def test_an_unknown_path_under_the_feed_is_not_found(client, stories):
    assert client.get("/stories/feed/atom/extra/").status_code == 404
    assert client.get("/stories/feed/rss/").status_code == 404
