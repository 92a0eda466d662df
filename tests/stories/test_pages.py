"""The story page: every block type rendered, Open Graph and schema.org Article for
other sites, both languages, the page rules and the editor's checks."""

import html
import json
import re

from django.core.exceptions import ValidationError

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.models import HomePage
from stories.models import StoryIndexPage, StoryPage, StorySpaceMention

from .conftest import item, json_ld, make_image, paragraph, text


def meta(response, prop):
    """Every content of <meta property="prop">."""
    return [
        html.unescape(value)
        for value in re.findall(
            rf'<meta property="{re.escape(prop)}" content="([^"]*)">', text(response)
        )
    ]


@pytest.fixture
def kitchen(make_space):
    return make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        summary="주민이 함께 쓰는 부엌",
    )


@pytest.fixture
def full_story(make_story, kitchen, make_space):
    library = make_space(title="망원 작은도서관")
    photo = make_image("부엌 사진")
    return make_story(
        title="공유부엌에서 차린 한 끼",
        lead="매주 목요일 반찬을 만들어 이웃과 나눕니다.",
        author="시민기자 이도윤",
        tags=["공유부엌", "어르신"],
        spaces=[library],
        district=kitchen.district,
        image=photo,
        image_alt="조리대 앞에서 반찬을 담는 주민들",
        body=[
            paragraph("목요일 아침 10시, 공유부엌의 조리대가 바쁘다."),
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "alt_text": "반찬통에 담긴 나물",
                    "caption": "완성된 반찬",
                },
            },
            {
                "type": "quote",
                "value": {
                    "quote": "반찬을 드리러 가면 먼저 문을 열고 기다리세요.",
                    "attribution": "김미숙 씨",
                },
            },
            {
                "type": "video",
                "value": {
                    "url": "https://www.youtube.com/watch?v=abc123",
                    "title": "요리 모임 영상",
                },
            },
            {
                "type": "featured_spaces",
                "value": {"heading": "", "spaces": [item(kitchen.pk)]},
            },
        ],
    )


def test_the_story_page_renders_every_block_type(client, full_story, kitchen):
    response = client.get(full_story.url)
    assert response.status_code == 200
    page = text(response)
    assert "<h1" in page and "공유부엌에서 차린 한 끼" in page
    assert "매주 목요일 반찬을 만들어 이웃과 나눕니다." in page
    assert "목요일 아침 10시, 공유부엌의 조리대가 바쁘다." in page  # paragraph
    assert 'alt="반찬통에 담긴 나물"' in page and "<figcaption>완성된 반찬</figcaption>" in page
    assert "<blockquote><p>반찬을 드리러 가면 먼저 문을 열고 기다리세요.</p></blockquote>" in page
    assert "— 김미숙 씨" in page
    # The video is a link: no iframe, no script from the video host at page load.
    assert 'href="https://www.youtube.com/watch?v=abc123"' in page
    assert "요리 모임 영상" in page and "youtube.com" in page
    assert "<iframe" not in page
    assert not re.search(r'<script[^>]+src="https?://', page)
    # Featured spaces link to their pages.
    assert f'href="{kitchen.url}"' in page
    # Cover image with its description, author, Korean date, reading time, topics.
    assert 'alt="조리대 앞에서 반찬을 담는 주민들"' in page
    assert "시민기자 이도윤" in page
    assert f"{full_story.date.year}년 {full_story.date.month}월 {full_story.date.day}일" in page
    assert "1 min read" in page or "1분" in page
    assert "#공유부엌</a>" in page and "?tag=%EA%B3%B5%EC%9C%A0%EB%B6%80%EC%97%8C" in page
    # Headings in order: one h1, sections in h2.
    levels = [int(level) for level in re.findall(r"<h([1-6])", page)]
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_open_graph_describes_the_story_as_an_article(client, full_story):
    response = client.get(full_story.url)
    assert meta(response, "og:type") == ["article"]
    assert meta(response, "og:title") == ["공유부엌에서 차린 한 끼"]
    assert meta(response, "og:description") == ["매주 목요일 반찬을 만들어 이웃과 나눕니다."]
    assert meta(response, "og:url") == [f"http://testserver{full_story.url}"]
    (image,) = meta(response, "og:image")
    assert image.startswith("http://testserver/") and image.endswith(".jpg")
    assert meta(response, "og:image:alt") == ["조리대 앞에서 반찬을 담는 주민들"]
    assert meta(response, "og:locale") == ["ko_KR"]
    assert meta(response, "article:tag") == ["공유부엌", "어르신"]
    assert '<link rel="alternate" type="application/rss+xml"' in text(response)
    assert 'href="/stories/feed/"' in text(response)


def test_a_story_without_any_image_shares_the_portals_picture(client, make_story):
    story = make_story()
    response = client.get(story.url)
    assert meta(response, "og:image") == ["http://testserver/static/img/share.png"]
    assert "image" not in json_ld(response)


def test_json_ld_is_a_schema_org_article(client, full_story):
    data = json_ld(client.get(full_story.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "공유부엌에서 차린 한 끼"
    assert data["datePublished"] == full_story.date.isoformat()
    assert data["author"] == {"@type": "Person", "name": "시민기자 이도윤"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
    assert data["image"][0].startswith("http://testserver/")
    assert data["url"] == f"http://testserver{full_story.url}"
    assert data["keywords"] == ["공유부엌", "어르신"]
    assert data["about"][0]["name"] == "망원 작은도서관"


def test_json_ld_cannot_be_broken_out_of(client, make_story):
    title = "</script><script>alert(1)</script> &amp; 줄\u2028바꿈"
    story = make_story(title=title, author="<!-- & -->")
    response = client.get(story.url)
    assert "<script>alert(1)" not in text(response)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text(response))[1]
    assert not set("<>&\u2028") & set(block)  # all written as JSON escapes
    data = json_ld(response)
    assert data["headline"] == title
    assert data["author"]["name"] == "<!-- & -->"


def test_the_english_translation_is_served_in_english(client, full_story):
    english = full_story.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "A meal made in a shared kitchen"
    english.lead = "Every Thursday residents cook side dishes for their neighbours."
    english.save_revision().publish()

    response = client.get("/en/stories/story-1/")
    assert response.status_code == 200
    page = text(response)
    assert "A meal made in a shared kitchen" in page
    assert '<h1 lang="en">' in page
    assert meta(response, "og:locale") == ["en_US"]
    assert json_ld(response)["inLanguage"] == "en"
    assert 'href="/en/stories/feed/"' in page
    # The space featured in the body keeps its English name and English address.
    assert "Seongsu Shared Kitchen" in page


def test_an_untranslated_story_is_shown_on_the_english_site_marked_korean(client, make_story):
    make_story(title="번역 안 된 이야기")
    response = client.get("/en/stories/story-1/")
    assert response.status_code == 200
    page = text(response)
    assert '<h1 lang="ko">번역 안 된 이야기</h1>' in page
    assert 'class="notice"' in page


def test_more_stories_link_to_the_newest_other_stories(client, make_story):
    stories = [make_story() for __ in range(5)]
    page = text(client.get(stories[0].url))
    more = page[page.index('id="more-stories-title"') :]
    assert re.findall(r'<a href="[^"]+">(이야기 \d)</a>', more) == [
        "이야기 2",
        "이야기 3",
        "이야기 4",
    ]


def test_the_space_mentions_follow_the_published_content(make_story, kitchen, make_space):
    library = make_space(title="망원 작은도서관")
    story = make_story(
        spaces=[library],
        body=[{"type": "featured_spaces", "value": {"heading": "", "spaces": [kitchen.pk]}}],
    )
    mentions = dict(
        StorySpaceMention.objects.filter(story=story).values_list("space_id", "featured")
    )
    assert mentions == {library.pk: False, kitchen.pk: True}

    # A draft does not change what the live story is about ...
    draft = story.get_latest_revision_as_object()
    draft.body = json.dumps([paragraph("바뀐 본문")])
    revision = draft.save_revision()
    assert StorySpaceMention.objects.filter(story=story).count() == 2
    # ... until it is published.
    revision.publish()
    assert list(
        StorySpaceMention.objects.filter(story=story).values_list("space_id", flat=True)
    ) == [library.pk]


def test_the_slug_feed_and_a_cover_without_description_are_refused(make_story):
    story = make_story()
    story.slug = "feed"
    story.image = make_image()
    story.image_alt = ""
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert set(error.value.message_dict) >= {"slug", "image_alt"}


def test_reading_time_counts_korean_syllables(make_story):
    long_text = "가" * 1200
    story = make_story(body=[paragraph(long_text)], lead="짧은 요약")
    assert story.reading_minutes == 3
    assert make_story().reading_minutes == 1


def test_api_fields_expose_the_public_fields(make_story, kitchen):
    story = make_story(tags=["공유부엌"], spaces=[kitchen], district=kitchen.district)
    names = [field.name for field in StoryPage.api_fields]
    assert names == ["date", "author", "lead", "body", "tags", "district", "related_space_ids"]
    assert story.related_space_ids == [kitchen.pk]


@pytest.mark.django_db
class TestStoryPageRules(WagtailPageTestCase):
    def test_stories_live_under_the_listing_only(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})

    def test_the_listing_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})

    def test_one_listing_per_home_page(self):
        from home.site import ensure_site

        home = ensure_site()
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        home.add_child(instance=StoryIndexPage(title="이야기", slug="stories"))
        assert not StoryIndexPage.can_create_at(home)

    def test_a_story_can_be_created_in_the_admin(self):
        from home.site import ensure_site

        home = ensure_site()
        index = home.add_child(instance=StoryIndexPage(title="이야기", slug="stories"))
        self.login()
        self.assertCanCreate(
            index,
            StoryPage,
            {
                "title": "새 이야기",
                "slug": "new-story",
                "date": "2026-11-30",
                "author": "편집팀",
                "lead": "요약",
                "tags": "공유부엌, 청년",
                "body-count": "0",
                "related_space_links-TOTAL_FORMS": "0",
                "related_space_links-INITIAL_FORMS": "0",
                "related_space_links-MIN_NUM_FORMS": "0",
                "related_space_links-MAX_NUM_FORMS": "1000",
                "related_program_links-TOTAL_FORMS": "0",
                "related_program_links-INITIAL_FORMS": "0",
                "related_program_links-MIN_NUM_FORMS": "0",
                "related_program_links-MAX_NUM_FORMS": "1000",
                "comment_notifications": "",
            },
        )
        story = StoryPage.objects.get(slug="new-story")
        assert sorted(tag.name for tag in story.tags.all()) == ["공유부엌", "청년"]


@pytest.mark.urls("tests.stories.api_urls")
def test_the_api_serves_the_public_fields(client, make_story, kitchen):
    story = make_story(
        tags=["공유부엌", "청년"],
        spaces=[kitchen],
        district=kitchen.district,
        body=[paragraph("본문")],
    )
    response = client.get(f"/api/v2/pages/{story.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "stories.StoryPage"
    assert data["date"] == story.date.isoformat()
    assert data["author"] == "마을기자단 박서연"
    assert data["lead"] == story.lead
    assert data["body"][0]["type"] == "paragraph" and "본문" in data["body"][0]["value"]
    assert sorted(data["tags"]) == ["공유부엌", "청년"]
    assert data["district"] == {
        "id": kitchen.district_id,
        "slug": "seongdong",
        "name": "성동구",
        "name_en": "Seongdong-gu",
    }
    assert data["related_space_ids"] == [kitchen.pk]
    listing = client.get("/api/v2/pages/", {"type": "stories.StoryPage", "fields": "date,lead"})
    assert listing.status_code == 200
    assert listing.json()["items"][0]["lead"] == story.lead


def editor_form(kitchen, **fields):
    values = {
        "title": "미리보기 이야기",
        "slug": "preview-story",
        "date": "2026-11-30",
        "author": "편집팀",
        "lead": "미리보기 요약",
        "tags": "공유부엌",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>미리보는 본문</p>")),
                ("quote", {"quote": "좋아요", "attribution": "주민"}),
                ("video", {"url": "https://video.example.org/1", "title": "영상"}),
                ("featured_spaces", {"heading": "", "spaces": streamfield([("item", kitchen.pk)])}),
            ]
        ),
        "related_space_links": inline_formset([{"space": kitchen.pk}]),
        "related_program_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    values.update(fields)
    return nested_form_data(values)


def test_the_editor_edits_and_previews_a_story(admin_client, full_story, kitchen):
    assert admin_client.get(f"/admin/pages/{full_story.pk}/edit/").status_code == 200
    url = f"/admin/pages/{full_story.pk}/edit/preview/"
    response = admin_client.post(url, editor_form(kitchen, slug=full_story.slug))
    assert response.json()["is_valid"], response.json()
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "미리보는 본문" in text(preview) and "성수 공유부엌" in text(preview)


def test_a_new_story_can_be_previewed_before_it_is_saved(admin_client, story_index, kitchen):
    url = f"/admin/pages/add/stories/storypage/{story_index.pk}/preview/"
    response = admin_client.post(url, editor_form(kitchen))
    assert response.json()["is_valid"], response.json()
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "미리보는 본문" in text(preview)


def test_the_story_page_runs_a_constant_number_of_queries(client, full_story, make_story):
    """Wagtail's routing takes about nine (site, locale, the tree, view restrictions);
    the story itself: cover image, topics, related spaces, related programs, the body's
    images and featured spaces; the English page looks up translations of the cards.
    "More stories" comes from the cache. Nothing grows with the number of stories."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    image = make_image("다른 사진")
    urls = (full_story.url, "/en" + full_story.url)

    def counts():
        found = []
        for url in urls:
            for __ in range(2):  # warm the caches (navigation, renditions, more stories)
                client.get(url)  # and the memos (the site's, then the home page's locale)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    for __ in range(2):
        make_story(tags=["청년", "어르신"], image=image, image_alt="사진")
    few = counts()
    for __ in range(12):
        make_story(tags=["청년", "어르신"], image=image, image_alt="사진")
    assert counts() == few
    korean, english = few
    assert korean <= 16 and english <= 17


def test_the_side_panel_is_headed_by_what_the_story_links_to(client, make_story, kitchen):
    """Spaces, programs, or both: the heading names what is listed under it."""
    import datetime as dt

    from events.models import ProgramPage
    from stories.models import StoryPage, StoryRelatedProgram

    program = ProgramPage(
        title="반찬 나눔 모임",
        slug="side-dishes",
        summary="함께 반찬을 만들어요",
        start_date=dt.date.today() + dt.timedelta(days=3),
        start_time=dt.time(10),
        duration_minutes=90,
    )
    kitchen.add_child(instance=program)
    program.save_revision().publish()

    def heading(story):
        page = text(client.get(story.url))
        return re.search(r'<h2 id="story-related-title">([^<]+)</h2>', page).group(1)

    assert heading(make_story(spaces=[kitchen])) == "이 이야기의 공간"
    for spaces, expected in (
        ([], "이 이야기의 프로그램"),
        ([kitchen], "이 이야기의 공간과 프로그램"),
    ):
        story = make_story(spaces=spaces, publish=False)
        story = StoryPage.objects.get(pk=story.pk)
        story.related_program_links = [StoryRelatedProgram(program=program, sort_order=0)]
        story.save_revision().publish()
        assert heading(story) == expected
