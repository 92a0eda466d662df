"""The feed of new programs at /programs/feed/?district=<slug>&type=<slug>, as a feed
reader subscribes to it: valid RSS 2.0 read by feedparser, newest programs first, the
listing's district and type slugs, links from the one configured public address, no
private or draft program, a clear 400 for an unknown filter, and 304 for a copy that is
still current."""

import datetime as dt

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from events.feeds import ProgramFeed

from .conftest import translate

BASE = "https://portal.example.org"
URL = "/programs/feed/"


@pytest.fixture(autouse=True)
def public_address():
    with override_settings(PORTAL_BASE_URL=BASE):
        yield


@pytest.fixture
def kitchen(clock, make_space):
    return make_space(title="성수 공유부엌", space_type="shared-kitchen", district="seongdong")


@pytest.fixture
def programs(clock, space, kitchen, make_program):
    """Published an hour apart: knitting (망원 작은도서관, 마포구), then cooking (성수
    공유부엌, 성동구), then reading (망원 작은도서관)."""
    knitting = make_program(title="뜨개질 모임", summary="함께 뜨개질해요.")
    clock.shift(dt.timedelta(hours=1))
    cooking = make_program(parent=kitchen, title="반찬 만들기", category="workshop")
    clock.shift(dt.timedelta(hours=1))
    reading = make_program(title="그림책 읽기")
    return knitting, cooking, reading


def read(client, url=URL, params=None, **headers):
    response = client.get(url, params or {}, HTTP_HOST="evil.example", **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert b"evil.example" not in response.content
    return parsed


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def test_new_programs_newest_first_with_links_from_the_public_address(client, space, programs):
    knitting, cooking, reading = programs
    parsed = read(client)
    assert parsed.feed.language == "ko"
    assert parsed.feed.link == f"{BASE}/programs/"
    assert "https://www.kogl.or.kr/info/licenseType1.do" in parsed.feed.rights
    assert titles(parsed) == ["그림책 읽기", "반찬 만들기", "뜨개질 모임"]
    entry = parsed.entries[2]
    assert entry.link == f"{BASE}{knitting.url}"
    assert entry.id == f"urn:uuid:{knitting.translation_key}"
    assert entry.summary == "함께 뜨개질해요."
    published = knitting.first_published_at.astimezone(dt.UTC)
    assert entry.published_parsed[:6] == published.timetuple()[:6]
    assert [tag.term for tag in parsed.entries[1].tags] == ["워크숍"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"district": "seongdong"}, ["반찬 만들기"]),
        ({"district": "mapo"}, ["그림책 읽기", "뜨개질 모임"]),
        ({"type": "small-library"}, ["그림책 읽기", "뜨개질 모임"]),
        ({"district": "mapo", "type": "shared-kitchen"}, []),
        ({"district": ["mapo", "seongdong"]}, ["그림책 읽기", "반찬 만들기", "뜨개질 모임"]),
        ({"district": "Seongdong ", "type": "SHARED-KITCHEN"}, ["반찬 만들기"]),
        ({"district": "gangnam"}, []),
    ],
)
def test_filter_by_district_and_space_type_as_the_listing_does(client, programs, params, expected):
    parsed = read(client, params=params)
    assert titles(parsed) == expected


def test_a_filtered_feed_names_its_filters_and_links_to_the_filtered_listing(client, programs):
    parsed = read(client, params={"type": "shared-kitchen", "district": "seongdong"})
    assert "성동구" in parsed.feed.title and "공유부엌" in parsed.feed.title
    assert parsed.feed.link == f"{BASE}/programs/?district=seongdong&type=shared-kitchen"
    self_link = {link.rel: link.href for link in parsed.feed.links}["self"]
    assert self_link == f"{BASE}/programs/feed/?district=seongdong&type=shared-kitchen"


@pytest.mark.parametrize(
    "params, word",
    [
        ({"district": "atlantis"}, "atlantis"),
        ({"type": "castle"}, "castle"),
        ({"district": "mapo", "type": "<script>"}, "<script>"),
    ],
)
def test_an_unknown_filter_is_a_clear_400(client, programs, params, word):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"“{word}”" in response.content.decode()


def test_private_draft_and_hidden_programs_never_appear(
    client, clock, space, kitchen, make_space, make_program, programs
):
    knitting, cooking, reading = programs
    PageViewRestriction.objects.create(page=reading, restriction_type="password", password="x")
    secret_space = make_space(title="비밀 공간", district="seongdong")
    make_program(parent=secret_space, title="비밀 공간의 모임")
    PageViewRestriction.objects.create(page=secret_space, restriction_type="login")
    closed_space = make_space(title="닫힌 공간", district="seongdong")
    make_program(parent=closed_space, title="닫힌 공간의 모임")
    closed_space.unpublish()
    draft = make_program(title="초안 모임")
    draft.unpublish()
    cooking.title = "고치는 중인 제목"
    cooking.save_revision()  # a draft of a live program: the feed keeps the live text

    for prefix in ("", "/en"):
        assert titles(read(client, prefix + URL)) == ["반찬 만들기", "뜨개질 모임"]
        assert titles(read(client, prefix + URL, {"district": "seongdong"})) == ["반찬 만들기"]


def test_the_english_feed(client, programs):
    knitting, cooking, reading = programs
    english = translate(knitting, title="Knitting circle")

    parsed = read(client, "/en" + URL, {"district": "mapo"})
    assert parsed.feed.language == "en"
    assert "Mapo-gu" in parsed.feed.title
    assert parsed.feed.link == f"{BASE}/en/programs/?district=mapo"
    assert titles(parsed) == ["그림책 읽기", "Knitting circle"]
    assert parsed.entries[1].link == f"{BASE}{english.url}"
    assert all(entry.link.startswith(f"{BASE}/en/spaces/") for entry in parsed.entries)
    assert parsed.entries[1].id != f"urn:uuid:{knitting.translation_key}"


def test_the_feed_needs_no_more_queries_for_more_programs(
    client, clock, space, make_program, django_assert_max_num_queries
):
    def queries(count):
        client.get(URL)  # routing and term lists remembered, as in use
        with CaptureQueriesContext(connection) as captured:
            assert len(read(client).entries) == count
        return len(captured.captured_queries)

    for __ in range(2):
        make_program()
    few = queries(2)
    for __ in range(6):
        make_program()
    assert queries(8) == few
    with django_assert_max_num_queries(8):
        read(client, "/en" + URL)


# --- conditional GET ------------------------------------------------------------------


def test_an_unchanged_feed_answers_304_without_reading_the_programs(
    client, clock, monkeypatch, programs
):
    params = {"district": "mapo"}
    first = client.get(URL, params)
    assert first["ETag"] and first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    clock.shift(dt.timedelta(minutes=5))

    def refuse(self, index):
        raise AssertionError("the programs were read")

    monkeypatch.setattr(ProgramFeed, "items", refuse)
    for headers in (
        {"If-None-Match": first["ETag"]},
        {"If-Modified-Since": first["Last-Modified"]},
    ):
        response = client.get(URL, params, headers=headers)
        assert response.status_code == 304 and response.content == b""
    # The same filter in another case, with junk beside it, is the same feed.
    same = client.get(
        URL, {"district": "MAPO", "utm_source": "x"}, headers={"If-None-Match": first["ETag"]}
    )
    assert same.status_code == 304
    monkeypatch.undo()
    other = client.get(URL, {"district": "seongdong"}, headers={"If-None-Match": first["ETag"]})
    assert other.status_code != 304


@pytest.mark.parametrize("cached", [False, True])
def test_a_new_program_makes_old_copies_stale(client, clock, make_program, programs, cached):
    with override_settings(PAGE_CACHE_SECONDS=300 if cached else 0):
        first = client.get(URL)
        confirmed = client.get(URL, headers={"If-None-Match": first["ETag"]})
        assert confirmed.status_code == 304
        if cached:
            assert confirmed["X-Page-Cache"] == "hit"
        clock.shift(dt.timedelta(minutes=5))
        make_program(title="새 모임")
        for headers in (
            {"If-None-Match": first["ETag"]},
            {"If-Modified-Since": first["Last-Modified"]},
        ):
            response = client.get(URL, headers=headers)
            assert response.status_code == 200
            assert titles(feedparser.parse(response.content))[0] == "새 모임"


def test_an_unpublished_listing_has_no_feed(client, programs):
    from events.models import ProgramIndexPage

    ProgramIndexPage.objects.get(locale__language_code="ko").unpublish()
    assert client.get(URL).status_code == 404
    assert client.get("/programs/feed/extra/").status_code == 404
