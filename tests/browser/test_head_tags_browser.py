"""Chromium reads the head of one page of each type, in Korean and English, as a
crawler or a messenger's link preview would; and the directory does not jump while it
loads (layout shift) and fetches its first card picture first."""

from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

import pytest
import time_machine

from events.models import ProgramPage
from spaces.models import SpacePage
from stories.models import StoryPage
from tests.conftest import write_as_recorded

BASE = "http://testserver"  # PORTAL_BASE_URL in the test settings

# Layout shifts and the largest paint, as the browser reports them (read, not set).
OBSERVE = """() => new Promise(resolve => {
  let shift = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shift), 1500);
})"""


# When each test's data is written: always the same moment in a process, so that the
# rows are the same and the demo is built once, then written from its recording.
WRITTEN_AT = timezone.now()


@pytest.fixture
def writing_clock():
    """The clock pinned to WRITTEN_AT while the data is written (``site`` lets it go)."""
    traveller = time_machine.travel(WRITTEN_AT, tick=False)
    traveller.start()
    running = [True]

    def let_go():
        if running:
            running.clear()
            traveller.stop()

    yield let_go
    let_go()


@pytest.fixture
def site(writing_clock, bilingual_site, live_server):
    write_as_recorded("the demo with six spaces, its card pictures made", build_demo)
    writing_clock()
    return live_server.url


def build_demo():
    call_command("load_demo", "--force", "--spaces", "6", "--seed", "1", verbosity=0)
    # The pictures in the pages' cards and previews (renditions), as a visited site has
    # them: recorded with the demo, rather than resized again in each test.
    client = Client()
    for path in page_paths():
        assert client.get(path).status_code == 200, path


def korean_path(model):
    page = model.objects.live().filter(locale__language_code="ko").order_by("path").first()
    with translation.override("ko"):
        return page.url


def read_head(page):
    """What the head says, read from the document Chromium built."""
    head = page.locator("head")

    def content(selector):
        found = head.locator(selector)
        return [found.nth(i).get_attribute("content") for i in range(found.count())]

    alternates = head.locator('link[rel="alternate"][hreflang]')
    return {
        "description": content('meta[name="description"]'),
        "canonical": [
            link.get_attribute("href") for link in head.locator('link[rel="canonical"]').all()
        ],
        "hreflang": {
            alternates.nth(i).get_attribute("hreflang"): alternates.nth(i).get_attribute("href")
            for i in range(alternates.count())
        },
        "og:title": content('meta[property="og:title"]'),
        "og:url": content('meta[property="og:url"]'),
        "og:image": content('meta[property="og:image"]'),
        "og:locale": content('meta[property="og:locale"]'),
        "twitter:card": content('meta[name="twitter:card"]'),
    }


def page_paths():
    """A page of each type."""
    return [
        "/",
        "/spaces/",
        korean_path(SpacePage),
        "/programs/",
        korean_path(ProgramPage),
        "/stories/",
        korean_path(StoryPage),
        "/campaigns/",
        "/privacy/",
        "/search/",
        "/accounts/login/",
        "/accounts/signup/",
    ]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_page_type_tells_crawlers_its_address_twin_and_preview(site, page, language):
    paths = page_paths()
    prefix = "/en" if language == "en" else ""
    for path in paths:
        page.goto(site + prefix + path)
        found = read_head(page)
        assert len(found["description"]) == 1 and found["description"][0].strip(), path
        # Demo stories and sections are translated under the same slugs; spaces and
        # programs are shown at /en/ until they are: every Korean page has a twin.
        assert found["canonical"] == [BASE + prefix + path], path
        assert found["hreflang"] == {
            "ko": BASE + path,
            "en": BASE + "/en" + path,
            "x-default": BASE + path,
        }, path
        assert found["og:url"] == found["canonical"], path
        assert len(found["og:title"]) == 1 and found["og:title"][0], path
        assert len(found["og:image"]) == 1 and found["og:image"][0].startswith(BASE + "/")
        assert found["og:locale"] == ["ko_KR" if language == "ko" else "en_US"], path
        assert found["twitter:card"] == ["summary_large_image"], path

    page.goto(site + prefix + "/stories/")
    feeds = page.locator('head link[rel="alternate"][type]')
    assert [feeds.nth(i).get_attribute("href") for i in range(feeds.count())] == [
        f"{prefix}/stories/feed/",
        f"{prefix}/stories/feed/atom/",
    ]

    page.goto(site + prefix + "/no-such-page/")
    found = read_head(page)
    assert len(found["description"]) == 1
    assert found["canonical"] == [] and found["hreflang"] == {}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}]
)
def test_the_directory_holds_still_while_it_loads(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(site + "/spaces/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(OBSERVE) < 0.1  # "good" cumulative layout shift
    pictures = page.locator(".space-card__image")
    assert pictures.count() >= 4
    first = pictures.first
    assert first.get_attribute("fetchpriority") == "high"
    assert first.get_attribute("loading") is None
    assert pictures.nth(1).get_attribute("loading") is None
    assert pictures.nth(3).get_attribute("loading") == "lazy"
    # Its box is the picture's shape before the picture arrives.
    box = first.bounding_box()
    assert box["height"] == pytest.approx(box["width"] * 200 / 320, abs=1)


def test_without_javascript_no_empty_map_box_shows(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/spaces/")
    assert not page.locator("[data-directory-map]").is_visible()
    assert page.locator(".space-card").first.is_visible()
