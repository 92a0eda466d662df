"""/stories/: newest first, filters by topic and district (plain GET, in the URL),
lenient paging and filters (a notice, never a 500), empty states, English, and a
constant number of queries."""

import datetime as dt
import re

import pytest

from stories import listing
from stories.models import StoryPage

from .conftest import TODAY, card_titles, notices, text


@pytest.fixture
def stories(make_story):
    """Three stories: a shared kitchen in Seongdong (newest), a library in Mapo, a
    library in Seongdong (oldest); and a draft that must never show."""
    from spaces.models import District

    seongdong = District.objects.get(slug="seongdong")
    mapo = District.objects.get(slug="mapo")
    made = {
        "kitchen": make_story(
            title="공유부엌 이야기", date=TODAY, tags=["공유부엌", "청년"], district=seongdong
        ),
        "mapo_library": make_story(
            title="망원 도서관 이야기",
            date=TODAY - dt.timedelta(days=10),
            tags=["작은도서관"],
            district=mapo,
        ),
        "seongdong_library": make_story(
            title="성수 도서관 이야기",
            date=TODAY - dt.timedelta(days=20),
            tags=["작은도서관", "어르신"],
            district=seongdong,
        ),
    }
    make_story(title="초안 이야기", date=TODAY, tags=["작은도서관"], publish=False)
    return made


def get(client, url="/stories/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_the_listing_shows_published_stories_newest_first(client, stories):
    response = get(client)
    assert card_titles(response) == ["공유부엌 이야기", "망원 도서관 이야기", "성수 도서관 이야기"]
    page = text(response)
    assert "초안 이야기" not in page
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/stories/feed/"' in page
    # Topic chips lead to the filtered listing.
    assert 'href="/stories/?tag=%EC%9E%91%EC%9D%80%EB%8F%84%EC%84%9C%EA%B4%80"' in page


def test_filter_by_topic(client, stories):
    assert card_titles(get(client, tag="작은도서관")) == [
        "망원 도서관 이야기",
        "성수 도서관 이야기",
    ]
    assert card_titles(get(client, tag="어르신")) == ["성수 도서관 이야기"]


def test_filter_by_district_slug_or_name(client, stories):
    expected = ["공유부엌 이야기", "성수 도서관 이야기"]
    assert card_titles(get(client, district="seongdong")) == expected
    assert card_titles(get(client, district="성동구")) == expected
    assert card_titles(get(client, district="Seongdong-gu")) == expected


def test_filters_combine(client, stories):
    response = get(client, tag="작은도서관", district="seongdong")
    assert card_titles(response) == ["성수 도서관 이야기"]
    page = text(response)
    # The form keeps the choices; each active filter can be removed on its own.
    assert '<option value="seongdong" selected>' in page
    assert re.search(
        r'<option value="작은도서관" lang="ko" selected>작은도서관 \(2\)</option>', page
    )
    assert 'href="/stories/?district=seongdong"' in page


def test_a_combination_without_stories_shows_an_empty_state(client, stories):
    response = get(client, tag="공유부엌", district="mapo")
    assert card_titles(response) == []
    assert "empty-state" in text(response)
    assert notices(response) == []


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"tag": "없는주제"}, 3),
        ({"district": "atlantis"}, 3),
        ({"tag": "없는주제", "district": "mapo"}, 1),
        ({"tag": "<script>", "district": "' OR 1=1 --"}, 3),
    ],
)
def test_unknown_filter_values_give_a_notice(client, stories, params, shown):
    response = get(client, **params)
    assert len(card_titles(response)) == shown
    found = notices(response)
    assert len(found) == sum(1 for key in params if key != "district" or params[key] != "mapo")
    assert all("ignored" in notice or "적용하지 않았습니다" in notice for notice in found)
    assert "<script>" not in text(response).split("<main", 1)[1]


def test_paging_and_bad_page_numbers(client, make_story, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for __ in range(5):
        make_story(tags=["청년"])
    assert card_titles(get(client)) == ["이야기 1", "이야기 2"]
    assert card_titles(get(client, page="3")) == ["이야기 5"]
    for bad, expected in (
        ("abc", "이야기 1"),
        ("0", "이야기 5"),
        ("999", "이야기 5"),
        ("", "이야기 1"),
    ):
        response = get(client, page=bad)
        assert card_titles(response)[0] == expected
        assert len(notices(response)) == 1
    # Page links keep the filters.
    response = get(client, page="2", tag="청년")
    assert card_titles(response) == ["이야기 3", "이야기 4"]
    assert 'href="?page=3&amp;tag=%EC%B2%AD%EB%85%84" rel="next"' in text(response)


def test_the_empty_listing(client, story_index):
    response = get(client)
    assert card_titles(response) == []
    assert "empty-state" in text(response)


def test_the_english_listing_shows_translations_and_korean_stories(client, stories):
    from wagtail.models import Locale

    english = stories["kitchen"].copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "A shared kitchen story"
    english.save_revision().publish()

    response = get(client, "/en/stories/")
    assert card_titles(response) == [
        "A shared kitchen story",
        "망원 도서관 이야기",
        "성수 도서관 이야기",
    ]
    page = text(response)
    assert '<h3 class="story-card__title" lang="en"><a href="/en/stories/story-1/">' in page
    assert '<h3 class="story-card__title" lang="ko"><a href="/en/stories/story-2/">' in page
    assert 'href="/en/stories/feed/"' in page
    assert card_titles(get(client, "/en/stories/", district="mapo")) == ["망원 도서관 이야기"]


@pytest.mark.parametrize("count", [3, 15])
def test_the_listing_runs_a_constant_number_of_queries(
    client, make_story, count, django_assert_max_num_queries
):
    from core import versions
    from spaces.models import District

    from .conftest import make_image

    image = make_image()
    districts = list(District.objects.all()[:3])
    for n in range(count):
        make_story(
            tags=["작은도서관", f"주제{n % 4}"],
            district=districts[n % 3],
            image=image,
            image_alt="사진",
        )
    versions.bump_on_commit()
    for url in (
        "/stories/",
        "/en/stories/",
        "/stories/?tag=작은도서관&district=" + districts[0].slug,
    ):
        client.get(url)  # warm the caches (navigation, topics, renditions)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_topics_count_live_korean_stories_only(stories):
    from core.i18n import default_locale_id

    rows = {slug: count for slug, __, count in listing.topics(default_locale_id())}
    assert rows == {"작은도서관": 2, "공유부엌": 1, "청년": 1, "어르신": 1}
    assert StoryPage.objects.filter(live=False).count() == 1
