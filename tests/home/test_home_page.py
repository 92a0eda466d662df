import re

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from core.demo import ensure_child, publish
from events.models import ProgramIndexPage
from home.models import HomePage, InfoPage
from spaces.models import SpaceIndexPage


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def test_korean_home_is_served_at_the_root_in_korean(client, bilingual_site):
    response = client.get("/")
    assert response.status_code == 200
    assert html_lang(response) == "ko"
    content = response.content.decode()
    assert "커뮤니티 공간" in content
    assert "본문 바로가기" in content  # skip link in Korean


def test_english_home_is_the_translation_at_en(client, bilingual_site):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    content = response.content.decode()
    assert '<h1 id="hero-title">Community Space</h1>' in content
    assert "Skip to main content" in content
    assert "has not been translated" not in content


def test_home_shows_search_box_and_entry_points_in_the_visitors_language(client, bilingual_site):
    content = client.get("/").content.decode()
    assert 'action="/search/"' in content
    assert 'href="/spaces/"' in content and "공간 찾기" in content
    assert 'href="/programs/"' in content and "프로그램" in content

    content = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in content
    assert 'href="/en/spaces/">Find a space</a>' in content
    assert 'href="/en/programs/">Programs</a>' in content


def test_home_without_sections_shows_empty_states(client, home):
    content = client.get("/").content.decode()
    assert "empty-state" in content
    assert "이번 주에는 예정된 프로그램이 없습니다" in content
    assert "아직 게시된 이야기가 없습니다" in content


def test_english_site_shows_korean_page_when_no_translation_exists(client, korean_only_site):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    content = response.content.decode()
    assert "커뮤니티 공간" in content  # Korean content …
    assert "Skip to main content" in content  # … in the English interface
    assert "has not been translated yet" in content
    assert '<div class="container" lang="ko">' in content  # language of parts (WCAG 3.1.2)


def test_untranslated_child_of_translated_page_is_served_in_english_interface(
    client, korean_only_site
):
    from core.demo import ensure_translation
    from home.demo import HOME_CONTENT

    ensure_translation(
        korean_only_site.home, korean_only_site.locales["en"], slug="home-en", **HOME_CONTENT["en"]
    )
    response = client.get("/en/spaces/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "공간 찾기" in response.content.decode()
    # Links from the English home stay in English even to untranslated pages.
    assert 'href="/en/spaces/"' in client.get("/en/").content.decode()


def test_unknown_page_is_a_404_in_both_languages(client, bilingual_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_language_switch_keeps_the_same_page(client, bilingual_site):
    content = client.get("/spaces/").content.decode()
    assert re.search(r'<a href="/en/spaces/" lang="en" hreflang="en">English</a>', content)
    content = client.get("/en/programs/").content.decode()
    assert re.search(r'<a href="/programs/" lang="ko" hreflang="ko">한국어</a>', content)


def test_language_switch_follows_translated_slugs_and_keeps_the_query(client, bilingual_site):
    english = SpaceIndexPage.objects.get(locale__language_code="en")
    english.slug = "find-a-space"
    publish(english)
    content = client.get("/spaces/?district=mapo").content.decode()
    assert 'href="/en/find-a-space/?district=mapo"' in content
    content = client.get("/en/find-a-space/?district=mapo").content.decode()
    assert 'href="/spaces/?district=mapo"' in content


def test_language_switch_on_a_plain_view(client, bilingual_site):
    content = client.get(reverse("search"), {"q": "공간"}).content.decode()
    assert 'href="/en/search/?q=%EA%B3%B5%EA%B0%84"' in content


def test_breadcrumbs_lead_home_in_the_active_language(client, bilingual_site):
    content = client.get("/en/spaces/").content.decode()
    assert '<nav class="breadcrumbs container" aria-label="Breadcrumb">' in content
    assert '<li><a href="/en/">Home</a></li>' in content
    assert '<span aria-current="page">Find a space</span>' in content


def test_home_page_runs_a_constant_number_of_queries(
    client, bilingual_site, django_assert_max_num_queries
):
    from campaigns import demo as campaigns_demo
    from stories import demo as stories_demo

    # All four sections, each translated.
    stories_demo.load(bilingual_site)
    campaigns_demo.load(bilingual_site)
    # Warm the caches like a running server (site roots, the menu per language, which
    # every publish renews).
    client.get("/")
    client.get("/en/")
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/en/").status_code == 200


@pytest.mark.django_db
class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_lives_under_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_sections_live_under_the_home_page(self):
        from campaigns.models import CampaignIndexPage
        from stories.models import StoryIndexPage

        sections = {SpaceIndexPage, ProgramIndexPage, StoryIndexPage, CampaignIndexPage}
        self.assertAllowedSubpageTypes(HomePage, sections | {InfoPage})
        for section in sections | {InfoPage}:
            self.assertAllowedParentPageTypes(section, {HomePage})

    def test_home_page_is_editable_in_wagtail(self):
        from home.site import ensure_site

        home = ensure_site()
        self.login()
        self.assertPageIsEditable(home)
        self.assertPageIsRenderable(home)

    def test_one_space_directory_per_home(self):
        from home.site import ensure_site

        home = ensure_site()
        ensure_child(home, SpaceIndexPage, "spaces", title="공간 찾기")
        self.assertFalse(SpaceIndexPage.can_create_at(home))


def test_language_switch_never_leads_to_a_draft_translation(client, bilingual_site):
    """Where the English page is a draft, /en/<its address> answers 404: the switch
    leads to the English home page instead, as hreflang leaves that language out."""
    ProgramIndexPage.objects.get(locale__language_code="en").unpublish()
    content = client.get("/programs/").content.decode()
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in content
    assert '<link rel="alternate" hreflang="en"' not in content
    assert client.get("/en/").status_code == 200


@pytest.mark.parametrize("path, title", [("/", "커뮤니티 공간"), ("/en/", "Community Space")])
def test_the_home_page_names_the_portal_once(client, bilingual_site, path, title):
    html = client.get(path).content.decode()
    assert re.search(r"<title>(.*?)</title>", html)[1] == title
    spaces = client.get(path + "spaces/").content.decode()
    assert re.search(r"<title>(.*?)</title>", spaces)[1].endswith(f" · {title}")


def test_the_search_boxs_example_fits_a_phone_in_both_languages(client, bilingual_site):
    """The example in the home page's search box is read whole at 375 px (about 30
    characters of the box's 16 px text), in English as in Korean."""
    import re

    for url, example in (
        ("/", "예: 작은도서관, 공유부엌, 마포구"),
        ("/en/", "e.g. small library, Mapo-gu"),
    ):
        html = client.get(url).content.decode()
        shown = re.search(
            r'<input type="search" id="home-search-q" [^>]*placeholder="([^"]+)"', html
        )
        assert shown[1] == example
        assert len(shown[1]) <= 30
