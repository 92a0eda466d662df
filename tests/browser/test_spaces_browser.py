from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from spaces.models import AccessibilityFeature, Amenity

from .conftest import assert_no_axe_violations, external_requests


@pytest.fixture
def site(make_space, live_server):
    wifi = list(Amenity.objects.filter(slug="wifi"))
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        space_type="small-library",
        district="mapo",
        capacity=20,
        opening_hours="Mo-Su 00:00-24:00",
        amenities=wifi,
        accessibility=list(AccessibilityFeature.objects.filter(slug="lift")),
        summary="동네 작은도서관",
    )
    make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        capacity=12,
        opening_hours="Sa 10:00-20:00",
        amenities=wifi,
        address="서울특별시 성동구 성수이로 7",
        latitude=37.5445,
        longitude=127.0560,
    )
    return live_server.url


@pytest.mark.rendering
@pytest.mark.parametrize(
    "path",
    [
        "/spaces/",
        "/en/spaces/",
        "/spaces/?district=atlantis&type=shared-kitchen",
        "/spaces/?type=castle",
    ],
)
def test_directory_has_no_accessibility_violations(site, page, path):
    page.goto(site + path)
    page.locator("details.filter-group").first.evaluate("d => d.open = true")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_visitor_narrows_the_directory_with_the_filter_form(site, new_page, javascript):
    page = new_page(javascript=javascript)
    page.goto(site + "/spaces/")
    assert page.locator(".results__count").inner_text() == "공간 2곳"
    page.locator("summary", has_text="공간 유형").click()
    page.get_by_role("checkbox", name="공유부엌").check()
    page.get_by_role("button", name="공간 보기").click()
    page.wait_for_url("**/spaces/?**type=shared-kitchen**")
    expect(page.locator(".results__count")).to_have_text("공간 1곳")
    expect(page.locator(".space-card__title")).to_have_text(["성수 공유부엌"])
    # Remove the filter again with its chip.
    page.get_by_role("link", name="공유부엌 — 이 필터 빼기").click()
    expect(page.locator(".results__count")).to_have_text("공간 2곳")
    expect(page.locator(".space-card__title")).to_have_count(2)
    # The form agrees: the next filter does not bring the removed one back.
    expect(page.locator("input[name=type][value=shared-kitchen]")).not_to_be_checked()


def test_keyboard_user_filters_and_opens_a_space(site, page):
    page.goto(site + "/en/spaces/")
    page.locator("#filter-q").focus()
    page.keyboard.type("kitchen")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=kitchen**")
    expect(page.locator(".results__count")).to_have_text("1 space")  # the list is updated
    link = page.get_by_role("link", name="Seongsu Shared Kitchen")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Seongsu Shared Kitchen')")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.rendering
def test_space_page_is_accessible_and_shows_its_map_from_our_own_files(site, page):
    page.goto(site + "/spaces/")
    page.get_by_role("link", name="망원 작은도서관").click()
    page.wait_for_selector(".leaflet-container")
    assert page.locator(".status").inner_text() == "지금 운영 중"
    assert_no_axe_violations(page)
    assert external_requests(page) == []


def test_space_page_without_javascript_offers_the_nearby_link(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/en/spaces/")
    page.get_by_role("link", name="Mangwon Small Library").click()
    page.get_by_role("link", name="Find spaces near here").click()
    page.wait_for_url("**near=**")
    assert page.locator(".space-card__title").first.inner_text() == "Mangwon Small Library"
    assert "km away" in page.locator(".space-card").first.inner_text()


@pytest.mark.rendering
@pytest.mark.parametrize("path", ["/spaces/?type=small-library&open_now=1", "/en/spaces/"])
def test_directory_fits_a_320_pixel_screen(site, new_page, path):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.rendering
def test_space_page_fits_a_320_pixel_screen(site, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(site + "/en/spaces/")
    page.get_by_role("link", name="Seongsu Shared Kitchen").click()
    page.wait_for_selector("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.rendering
def test_space_editor_map_uses_our_leaflet_and_loads_nothing_from_a_cdn(site, page):
    from spaces.models import SpacePage

    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-1")
    space = SpacePage.objects.get(title="망원 작은도서관")
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{site}/admin/pages/{space.pk}/edit/")
    page.get_by_role("tab", name="장소").click()
    page.wait_for_selector(".leaflet-container")
    assert external_requests(page) == []
    assert any("/static/vendor/leaflet/leaflet.js" in url for url in page.requested_urls)
