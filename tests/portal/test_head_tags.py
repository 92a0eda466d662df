"""What search engines and messengers read in every page's <head> (core.seo): the
description, the canonical address and its twin in the other language, Open Graph and
Twitter cards, feed links; and the sitemap listing both languages with their twins."""

import datetime as dt
import html
import re
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

import pytest
import time_machine
from PIL import Image

from campaigns.models import CampaignPage
from events.models import ProgramPage
from home.models import HomePage
from spaces.models import SpacePage
from stories.models import StoryPage
from tests.conftest import demo_loaded_once

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Seoul"))
BASE = "http://testserver"  # PORTAL_BASE_URL in the test settings
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with demo_loaded_once(django_db_blocker, NOW):
        yield


@pytest.fixture
def demo(loaded_once, db):
    with time_machine.travel(NOW, tick=False):
        yield


def head(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode().split("</head>")[0]


def metas(text, attribute, name):
    return [
        html.unescape(found)
        for found in re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', text)
    ]


def og(text, name):
    return metas(text, "property", name)


def links(text, rel):
    """[(hreflang or type, href)] of <link rel=…> in the head."""
    return [
        (kind, html.unescape(href))
        for kind, href in re.findall(
            rf'<link rel="{rel}" (?:hreflang|type)="([^"]+)"(?: title="[^"]*")? href="([^"]+)">',
            text,
        )
    ]


def canonical(text):
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
    assert len(found) <= 1, found
    return html.unescape(found[0]) if found else None


def korean(model):
    return model.objects.live().filter(locale__language_code="ko").order_by("path").first()


def korean_path(page):
    """The page's Korean address, whatever language a request left active."""
    with translation.override("ko"):
        return page.url


def english_path(page):
    """Where the English twin of Korean ``page`` is: its live translation, else the
    same page under /en/ (core.models.PortalPage serves it there)."""
    translated = page.get_translations().filter(locale__language_code="en", live=True).first()
    if translated is not None:
        with translation.override("en"):
            return translated.url
    return "/en" + korean_path(page)


KINDS = {
    "home": lambda: korean(HomePage),
    "spaces": lambda: korean(SpacePage).get_parent().specific,
    "space": lambda: korean(SpacePage),
    "programs": lambda: Page.objects.get(
        url_path__endswith="/programs/", locale__language_code="ko"
    ),
    "program": lambda: korean(ProgramPage),
    "stories": lambda: korean(StoryPage).get_parent().specific,
    "story": lambda: korean(StoryPage),
    "campaigns": lambda: korean(CampaignPage).get_parent().specific,
    "campaign": lambda: korean(CampaignPage),
    "privacy": lambda: Page.objects.get(url_path__endswith="/privacy/", locale__language_code="ko"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_type_names_itself_and_its_twin_in_both_languages(demo, client, kind):
    page = KINDS[kind]()
    ko_path, en_path = korean_path(page), english_path(page)
    twins = [("ko", BASE + ko_path), ("en", BASE + en_path), ("x-default", BASE + ko_path)]
    for path, language, locale in [(ko_path, "ko", "ko_KR"), (en_path, "en", "en_US")]:
        text = head(client.get(path))
        (description,) = metas(text, "name", "description")
        assert description.strip()
        assert canonical(text) == BASE + path
        assert links(text, "alternate")[:3] == twins
        assert og(text, "og:url") == [BASE + path]
        assert og(text, "og:locale") == [locale]
        assert og(text, "og:locale:alternate") == ["en_US" if language == "ko" else "ko_KR"]
        (title,) = og(text, "og:title")
        assert title and metas(text, "name", "twitter:title") == [title]
        assert og(text, "og:description") == [description]
        (image,) = og(text, "og:image")
        assert image.startswith(BASE + "/")
        assert int(og(text, "og:image:width")[0]) > 0 and int(og(text, "og:image:height")[0]) > 0
        assert og(text, "og:site_name") == (
            ["커뮤니티 공간"] if language == "ko" else ["Community Space"]
        )
        assert metas(text, "name", "twitter:card") == ["summary_large_image"]
    assert og(head(client.get(ko_path)), "og:type") == (
        ["article"] if kind == "story" else ["website"]
    )


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/search/?q=도서관", "서울의 커뮤니티 공간, 프로그램, 이야기, 캠페인을 검색하세요."),
        ("/accounts/login/", "로그인하고 커뮤니티 공간을 예약하거나 프로그램을 신청하세요."),
        (
            "/en/accounts/signup/",
            "Sign up to book community spaces, register for programs and save your favourites.",
        ),
        ("/accounts/password/reset/", "새 비밀번호를 정할 수 있는 링크를 이메일로 받으세요."),
    ],
)
def test_views_that_are_not_pages_have_a_description_canonical_and_twins(
    demo, client, path, description
):
    text = head(client.get(path))
    bare = path.split("?")[0]
    ko_path = bare.removeprefix("/en")
    assert metas(text, "name", "description") == [description]
    assert canonical(text) == BASE + bare  # the search words are not part of it
    assert links(text, "alternate") == [
        ("ko", BASE + ko_path),
        ("en", BASE + "/en" + ko_path),
        ("x-default", BASE + ko_path),
    ]


def test_the_search_page_stays_out_of_the_index(demo, client):
    assert metas(head(client.get("/search/?q=도서관")), "name", "robots") == ["noindex"]


@pytest.mark.parametrize("path", ["/no-such-page/", "/en/no-such-page/"])
def test_an_error_page_has_a_description_but_no_address_of_its_own(demo, client, path):
    response = client.get(path)
    assert response.status_code == 404
    text = response.content.decode().split("</head>")[0]
    assert len(metas(text, "name", "description")) == 1
    assert metas(text, "name", "robots") == ["noindex"]
    assert canonical(text) is None and links(text, "alternate") == []
    assert og(text, "og:url") == []


def test_the_description_is_the_promote_tabs_search_description_else_the_summary(demo, client):
    space = korean(SpacePage)
    path = korean_path(space)
    assert metas(head(client.get(path)), "name", "description") == [space.summary]
    space.search_description = "  편집자가   쓴 설명  "
    space.save_revision().publish()
    assert metas(head(client.get(path)), "name", "description") == ["편집자가 쓴 설명"]


def test_a_long_introduction_is_cut_to_a_snippet(demo, client):
    stories = korean(StoryPage).get_parent().specific
    stories.summary = ""
    stories.intro = "<p>" + "동네 " * 200 + "</p>"
    stories.save_revision().publish()
    (description,) = metas(head(client.get(korean_path(stories))), "name", "description")
    assert description.startswith("동네 동네") and len(description) <= 160
    assert "<p>" not in description


def test_an_untranslated_space_shares_its_english_name_at_its_english_address(demo, client):
    space = korean(SpacePage)
    assert not space.get_translations().exists() and space.name_en
    path = "/en" + korean_path(space)
    text = head(client.get(path))
    assert canonical(text) == BASE + path
    assert og(text, "og:title") == [space.name_en]


def test_a_space_shares_its_first_photo_as_a_rendition_of_known_size(demo, client):
    space = korean(SpacePage)
    text = head(client.get(korean_path(space)))
    photo = space.photos[0]
    rendition = photo.image.get_rendition("fill-1200x630")
    assert og(text, "og:image") == [BASE + rendition.url]
    assert og(text, "og:image:width") == [str(rendition.width)]
    assert og(text, "og:image:height") == [str(rendition.height)]
    assert og(text, "og:image:alt") == ([photo.alt_text] if photo.alt_text else [])


def test_a_photo_whose_file_is_gone_is_shared_as_the_portals_picture_not_a_500(
    demo, client, monkeypatch
):
    """Storage lost a photo's original (a restore without the media, a bucket emptied):
    its share image and structured data cannot be made, and the page still answers."""
    from wagtail.images.models import AbstractImage, SourceImageIOError

    def gone(self, *specs):
        raise SourceImageIOError("No such file")

    monkeypatch.setattr(AbstractImage, "get_rendition", gone)
    monkeypatch.setattr(AbstractImage, "get_renditions", gone)
    space = SpacePage.objects.live().filter(locale__language_code="ko").order_by("-path").first()
    response = client.get(korean_path(space) + "?date=2026-12-31")  # an entry of its own
    assert response.status_code == 200
    assert og(head(response), "og:image") == [BASE + "/static/img/share.png"]


def test_pages_without_an_image_share_the_portals_picture_at_its_real_size(demo, client):
    text = head(client.get("/privacy/"))
    assert og(text, "og:image") == [BASE + "/static/img/share.png"]
    with Image.open(Path(settings.BASE_DIR) / "static" / "img" / "share.png") as picture:
        assert og(text, "og:image:width") == [str(picture.width)]
        assert og(text, "og:image:height") == [str(picture.height)]
    assert og(text, "og:image:alt") == ["커뮤니티 공간"]


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("?page=2", "?page=2"),
        ("?page=1", ""),
        ("?district=mapo", ""),
        ("?district=mapo&page=2", ""),
        ("?page=2&utm_source=newsletter", "?page=2"),
        ("?page=abc", ""),
    ],
)
def test_a_lists_canonical_drops_its_filters_and_keeps_only_a_plain_page_number(
    demo, client, query, kept
):
    text = head(client.get("/spaces/" + query))
    assert canonical(text) == BASE + "/spaces/" + kept
    assert links(text, "alternate")[:2] == [
        ("ko", BASE + "/spaces/" + kept),
        ("en", BASE + "/en/spaces/" + kept),
    ]


@pytest.mark.parametrize(
    ("path", "feeds"),
    [
        (
            "/stories/",
            [
                ("application/rss+xml", "/stories/feed/"),
                ("application/atom+xml", "/stories/feed/atom/"),
            ],
        ),
        (
            "/en/stories/",
            [
                ("application/rss+xml", "/en/stories/feed/"),
                ("application/atom+xml", "/en/stories/feed/atom/"),
            ],
        ),
        ("/programs/", [("application/rss+xml", "/programs/feed/")]),
        ("/en/programs/", [("application/rss+xml", "/en/programs/feed/")]),
        # A filtered list offers the feed of what it shows (other parameters left out).
        (
            "/programs/?district=mapo&type=culture&page=2",
            [("application/rss+xml", "/programs/feed/?district=mapo&type=culture")],
        ),
        ("/spaces/", []),
    ],
)
def test_lists_with_feeds_announce_them_in_the_visitors_language(demo, client, path, feeds):
    text = head(client.get(path))
    assert [link for link in links(text, "alternate") if "/" in link[0]] == feeds


def test_a_story_announces_its_lists_feeds(demo, client):
    story = korean(StoryPage)
    for path, prefix in [(korean_path(story), ""), (english_path(story), "/en")]:
        found = [link for link in links(head(client.get(path)), "alternate") if "/" in link[0]]
        assert found == [
            ("application/rss+xml", f"{prefix}/stories/feed/"),
            ("application/atom+xml", f"{prefix}/stories/feed/atom/"),
        ]


def test_cached_pages_keep_each_languages_tags(demo, client):
    """The page cache and the story's cached fragments answer each address with its
    own language's tags, whichever language was asked first."""
    story = korean(StoryPage)
    ko_path, en_path = korean_path(story), english_path(story)
    for __ in range(2):  # built, then from the caches
        for path, locale in [(en_path, "en_US"), (ko_path, "ko_KR")]:
            text = head(client.get(path))
            assert canonical(text) == BASE + path
            assert og(text, "og:locale") == [locale]
            assert len(og(text, "og:type")) == 1 and len(og(text, "og:title")) == 1


def test_absolute_links_come_from_the_configured_address_not_the_request(demo, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    text = head(client.get("/spaces/", HTTP_HOST="evil.example"))
    assert "evil.example" not in text
    assert canonical(text) == BASE + "/spaces/"


def sitemap(client, query=""):
    response = client.get("/sitemap.xml" + query)
    assert response.status_code == 200
    entries = {}
    for url in ElementTree.fromstring(response.content).iter(f"{SITEMAP}url"):
        twins = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        entries[url.find(f"{SITEMAP}loc").text] = twins
    return entries


def test_the_sitemap_lists_every_korean_page_with_its_english_twin(demo, client):
    entries = sitemap(client)
    pages = Page.objects.live().filter(locale__language_code="ko", depth__gt=1)
    assert pages.count() > 30
    for page in pages:
        ko, en = BASE + korean_path(page), BASE + english_path(page)
        twins = {"ko": ko, "en": en, "x-default": ko}
        assert entries[ko] == twins, page
        assert entries[en] == twins, page
    english = [loc for loc in entries if loc.startswith(BASE + "/en/")]
    assert len(english) == len(entries) // 2


def test_the_sitemap_leaves_a_private_page_out_in_both_languages(demo, client):
    space = korean(SpacePage)
    PageViewRestriction.objects.create(page=space, restriction_type="login")
    path = korean_path(space)
    entries = sitemap(client)
    assert BASE + path not in entries
    assert BASE + "/en" + path not in entries
    assert all(space.slug not in href for twins in entries.values() for href in twins.values())


def test_a_draft_translation_gives_a_page_no_english_twin(demo, client):
    """The English address of a page whose translation is a draft answers 404, so
    neither the sitemap nor the page names it."""
    from wagtail.models import Locale

    space = korean(SpacePage)
    path = korean_path(space)
    draft = space.copy_for_translation(Locale.objects.get(language_code="en"))
    assert not draft.live
    assert client.get("/en" + path).status_code == 404
    assert sitemap(client)[BASE + path] == {}
    text = head(client.get(path))
    assert canonical(text) == BASE + path
    assert links(text, "alternate") == []
    assert "/en" + path not in text


@pytest.mark.parametrize("query", ["?p=abc", "?p=999"])
def test_a_sitemap_page_that_does_not_exist_is_a_404(demo, client, query):
    assert client.get("/sitemap.xml" + query).status_code == 404
