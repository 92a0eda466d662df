"""Stories shown elsewhere: a space's page lists the stories about it, the home page
its latest stories (drafts never), and the site search finds a story by part of a
Korean compound word."""

import re

from wagtail.models import Page

import pytest

from core import korean
from stories.models import StoryPage

from .conftest import card_titles, item, paragraph, text


def space_stories(response):
    page = text(response)
    if 'id="space-stories-title"' not in page:
        return []
    section = page.split('id="space-stories-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="[^"]+" lang="[^"]+">([^<]+)</a>', section)


@pytest.fixture
def kitchen(make_space):
    return make_space(title="성수 공유부엌", space_type="shared-kitchen", district="seongdong")


def test_the_space_page_lists_stories_related_to_it_or_featuring_it(
    client, make_story, kitchen, make_space
):
    other = make_space(title="다른 공간")
    make_story(title="관련 이야기", spaces=[kitchen])
    make_story(
        title="소개 이야기",
        body=[{"type": "featured_spaces", "value": {"heading": "", "spaces": [item(kitchen.pk)]}}],
    )
    make_story(title="다른 이야기", spaces=[other])
    make_story(title="초안 이야기", spaces=[kitchen], publish=False)

    assert space_stories(client.get(kitchen.url)) == ["관련 이야기", "소개 이야기"]
    assert space_stories(client.get("/en" + kitchen.url)) == ["관련 이야기", "소개 이야기"]
    assert space_stories(client.get(other.url)) == ["다른 이야기"]


def test_a_space_without_stories_shows_no_section(client, kitchen, story_index):
    assert 'id="space-stories-title"' not in text(client.get(kitchen.url))


def test_publishing_and_unpublishing_update_the_space_page(client, make_story, kitchen):
    story = make_story(title="관련 이야기", spaces=[kitchen])
    assert space_stories(client.get(kitchen.url)) == ["관련 이야기"]
    story.unpublish()
    assert space_stories(client.get(kitchen.url)) == []
    story.save_revision().publish()
    assert space_stories(client.get(kitchen.url)) == ["관련 이야기"]


def test_the_space_page_stays_within_its_query_budget(
    client, make_story, kitchen, django_assert_max_num_queries
):
    for n in range(8):
        make_story(title=f"이야기 {n}", spaces=[kitchen])
    for url in (kitchen.url, "/en" + kitchen.url):
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


def test_the_home_page_shows_the_latest_stories(client, make_story):
    for n in range(6):
        make_story(title=f"이야기 {n}")
    make_story(title="초안 이야기", publish=False)
    page = text(client.get("/"))
    section = page.split('id="stories-title"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r">(이야기 \d)</a>", section) == [
        "이야기 0",
        "이야기 1",
        "이야기 2",
        "이야기 3",
    ]
    assert "/en/stories/story-1/" in text(client.get("/en/"))


def test_korean_search_finds_a_story_by_part_of_a_compound_word(make_story):
    story = make_story(
        title="목요일의 한 끼",
        lead="이웃이 함께 쓰는 공유부엌에서 반찬을 만들었다.",
        body=[
            paragraph("마을축제 준비도 이곳에서 했다."),
            {"type": "quote", "value": {"quote": "동네책방 사장님도 오셨어요.", "attribution": ""}},
        ],
        author="시민기자 이도윤",
        tags=["어르신돌봄"],
    )
    make_story(title="다른 이야기", lead="작은도서관 소식")
    make_story(title="초안", lead="공유부엌 초안", publish=False)

    def found(query):
        terms = " ".join(korean.query_terms(query))
        stories = Page.objects.live().type(StoryPage)
        return [p.pk for p in stories.search(terms, operator="and")]

    # The brief's own example: the word as it is (a two-syllable word is its own gram).
    assert [p.pk for p in Page.objects.live().type(StoryPage).search("부엌")] == [story.pk]
    assert found("부엌") == [story.pk]  # lead
    assert found("축제") == [story.pk]  # a paragraph
    assert found("책방") == [story.pk]  # a quote
    assert found("도윤") == [story.pk]  # the author
    assert found("돌봄") == [story.pk]  # a topic
    assert found("공유부엌에서") == [story.pk]
    assert [p.pk for p in StoryPage.objects.live().search("부엌")] == [story.pk]


def test_stories_behind_a_view_restriction_are_left_out_everywhere(client, make_story, kitchen):
    from wagtail.models import PageViewRestriction

    make_story(title="공개 이야기", spaces=[kitchen])
    secret = make_story(title="비밀 이야기", spaces=[kitchen])
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")

    assert space_stories(client.get(kitchen.url)) == ["공개 이야기"]
    for url in ("/", "/stories/", "/stories/feed/", "/en/stories/feed/"):
        assert "비밀 이야기" not in text(client.get(url))
    assert card_titles(client.get("/stories/")) == ["공개 이야기"]
