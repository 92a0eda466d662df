"""The demo stories of ``load_demo`` (``stories.demo``): about thirty Korean stories over
two years, related to demo spaces, a handful in English; deterministic and idempotent."""

import datetime as dt
import json
import re

from wagtail.models import Page

import pytest

from spaces import demo as spaces_demo
from spaces.demo_data import DEMO_TODAY
from spaces.models import District, SpacePage
from stories import demo, demo_data
from stories.models import StoryIndexPage, StoryPage, StorySpaceMention
from tests.conftest import write_as_recorded

from .conftest import text

HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def loaded(clock, bilingual_site):
    """The demo spaces and stories, written as recorded (under the pinned clock, so that
    every test writes the same rows)."""
    ctx = bilingual_site
    ctx.spaces, ctx.quiet = 40, True

    def build():
        spaces_demo.load(ctx)
        demo.load(ctx)

    write_as_recorded("stories demo over 40 demo spaces", build)
    return ctx


def korean_stories():
    return StoryPage.objects.filter(locale__language_code="ko").order_by("-date")


def test_the_demo_builds_the_section_and_about_thirty_stories(loaded):
    index = StoryIndexPage.objects.get(locale__language_code="ko")
    assert (index.title, index.slug, index.live, index.show_in_menus) == (
        "이야기",
        "stories",
        True,
        True,
    )
    english_index = StoryIndexPage.objects.get(locale__language_code="en")
    assert english_index.title == "Stories"

    stories = list(korean_stories())
    assert len(stories) == len(demo_data.STORIES) == 30
    assert all(story.live for story in stories)
    assert StoryPage.objects.filter(locale__language_code="en", live=True).count() == 6

    dates = [story.date for story in stories]
    assert max(dates) <= DEMO_TODAY
    assert min(dates) >= DEMO_TODAY - dt.timedelta(days=731)
    assert (max(dates) - min(dates)).days > 600  # spread over the two years

    demo_space_ids = set(
        SpacePage.objects.filter(external_id__startswith="demo-").values_list("pk", flat=True)
    )
    for story in stories:
        assert HANGUL.search(story.title) and HANGUL.search(story.lead)
        assert story.author
        assert story.district_id is not None
        assert 1 <= len(story.related_space_ids) <= 3
        assert set(story.related_space_ids) <= demo_space_ids
        kinds = [block.block_type for block in story.body]
        assert kinds.count("paragraph") >= 3 and "quote" in kinds
        assert story.tags.exists()
    body_kinds = {block.block_type for story in stories for block in story.body}
    assert body_kinds == {"paragraph", "image", "quote", "video", "featured_spaces"}
    # Tags from the brief's vocabulary are there.
    tags = {tag.name for story in stories for tag in story.tags.all()}
    assert {"작은도서관", "공유부엌", "마을축제", "청년", "어르신"} <= tags
    # Stories are about the kind of space they tell of, where the demo has one.
    kitchen_story = StoryPage.objects.get(
        slug="shared-kitchen-lunch-for-elders", locale__language_code="ko"
    )
    assert {
        SpacePage.objects.get(pk=pk).space_type.slug for pk in kitchen_story.related_space_ids
    } <= {"shared-kitchen"} or not SpacePage.objects.filter(
        space_type__slug="shared-kitchen"
    ).exists()
    assert StorySpaceMention.objects.count() >= 30
    # Indexed at the end of the bulk block: part of a compound word finds them.
    found = {story.slug for story in StoryPage.objects.live().search("부엌")}
    assert {"shared-kitchen-lunch-for-elders", "shared-kitchen-young-singles"} <= found


def test_running_the_demo_again_adds_nothing(loaded):
    pages = Page.objects.count()
    mentions = StorySpaceMention.objects.count()
    demo.load(loaded)
    assert Page.objects.count() == pages
    assert StorySpaceMention.objects.count() == mentions


def test_the_demo_is_deterministic(loaded):
    """Planning a story is pure, and the stored stories are exactly what the seed plans."""
    index = StoryIndexPage.objects.get(locale__language_code="ko")
    spaces = demo.demo_spaces(index.locale_id)
    district_ids = list(District.objects.values_list("pk", flat=True))
    photos = demo.space_photos([row[0] for row in spaces])

    stored = list(StoryPage.objects.filter(locale__language_code="ko").order_by("path")[:4])
    for number, story in enumerate(stored):
        plan = demo.story_plan(loaded.seed, number, spaces, district_ids, photos)
        assert plan == demo.story_plan(loaded.seed, number, spaces, district_ids, photos)
        assert (story.slug, story.title, story.date, story.district_id, story.author) == (
            plan["slug"],
            plan["title"],
            plan["date"],
            plan["district_id"],
            plan["author"],
        )
        assert story.related_space_ids == plan["space_ids"]
        assert json.loads(json.dumps(list(story.body.raw_data))) == plan["body"]
        assert sorted(tag.name for tag in story.tags.all()) == sorted(plan["tags"])
    # Another seed tells the same stories about other spaces.
    plans = [demo.story_plan(loaded.seed, n, spaces, district_ids) for n in range(10)]
    others = [demo.story_plan(loaded.seed + 1, n, spaces, district_ids) for n in range(10)]
    assert [p["title"] for p in plans] == [p["title"] for p in others]
    assert [p["space_ids"] for p in plans] != [p["space_ids"] for p in others]


def test_demo_stories_render_in_both_languages(client, loaded):
    story = StoryPage.objects.get(slug="small-library-open-late", locale__language_code="ko")
    response = client.get(story.url)
    assert response.status_code == 200
    assert story.title in text(response)
    english = client.get("/en/stories/small-library-open-late/")
    assert english.status_code == 200
    assert "A small library open until 9 pm" in text(english)
    listing = client.get("/stories/")
    assert listing.status_code == 200
    assert text(client.get("/stories/feed/")).count("<item>") == 20


def test_without_demo_spaces_stories_still_load(bilingual_site):
    bilingual_site.quiet = True
    demo.load(bilingual_site)
    assert korean_stories().count() == 30
    assert all(story.related_space_ids == [] for story in korean_stories())
