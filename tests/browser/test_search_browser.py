"""Site search in a real browser: a Korean part-word from the header box, highlighted
matches, the type facets by keyboard, axe clean in both languages."""

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
    "path", ["/search/?q=부엌", "/en/search/?q=kitchens", "/search/?q=zzzz", "/search/?q=((("]
)
def test_search_pages_have_no_accessibility_violations(site, page, path):
    page.goto(site + path)
    assert_no_axe_violations(page)
