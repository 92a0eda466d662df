"""Site search in a real browser: a Korean part-word from the header box, highlighted
matches, the type facets by keyboard, axe clean in both languages."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations


@pytest.fixture
def site(bilingual_site, make_space, live_server):
    make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        summary="이웃과 함께 요리하는 공유부엌",
    )
    make_space(title="정릉 작은도서관", space_type="small-library", district="seongbuk")
    return live_server.url


def test_a_resident_finds_a_kitchen_by_part_of_the_word_and_narrows_by_kind(site, page):
    page.goto(site + "/")
    page.fill("#header-search-q", "부엌에서")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=**")
    expect(page.locator(".search-results__title").first).to_contain_text("성수 공유부엌")
    expect(page.locator(".search-results mark").first).to_have_text("부엌")
    assert "작은도서관" not in page.locator(".search-results").first.inner_text()
    # The "Spaces" facet, reached by keyboard.
    facet = page.locator(".facets a", has_text="공간")
    facet.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**type=space**")
    expect(page.locator(".facets a[aria-current]")).to_contain_text("공간")
    expect(page.locator(".result-count")).to_contain_text("1")


@pytest.mark.rendering
@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=부엌",
        "/en/search/?q=kitchens",
        "/search/?q=zzzz",
        "/search/?q=(((",
        "/search/",
        "/en/search/?q=zzzz&type=program",
    ],
)
def test_search_pages_have_no_accessibility_violations(site, page, path):
    page.goto(site + path)
    assert_no_axe_violations(page)


@pytest.fixture
def kitchens(site, make_space):
    for name in ("망원", "연남", "합정", "상수", "서교"):
        make_space(title=f"{name} 공유부엌", space_type="shared-kitchen", district="mapo")
    return site


@pytest.mark.rendering
@pytest.mark.parametrize("width", [375, 1280])
def test_results_come_by_kind_and_a_kinds_link_opens_all_of_it(kitchens, new_page, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(kitchens + "/search/?q=공유부엌")
    spaces = page.get_by_role("region", name="공간 6")
    # Spaces alone were found: all six are listed, with no "see all" step.
    expect(spaces.locator(".search-result")).to_have_count(6)
    expect(spaces.get_by_role("link", name=re.compile("모두 보기"))).to_have_count(0)
    expect(spaces.locator(".kind-badge").first).to_have_text("공간")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    page.locator(".facets").get_by_role("link", name=re.compile("^공간")).click()
    page.wait_for_url("**type=space**")
    expect(page.locator(".search-result")).to_have_count(6)
    expect(page.locator(".facets a[aria-current]")).to_contain_text("공간")


def test_a_search_that_finds_nothing_offers_the_portals_sections(site, page):
    page.goto(site + "/en/search/?q=zzzz")
    expect(page.locator(".empty-state")).to_contain_text("Nothing matches “zzzz”")
    browse = page.get_by_role("region", name="Or browse the portal")
    expect(browse.get_by_role("link")).not_to_have_count(0)
    browse.get_by_role("link").first.click()
    page.wait_for_url("**/en/*/")
