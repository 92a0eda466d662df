"""The directory's map in a real browser: markers and clusters drawn from our GeoJSON
with no tiles and nothing from another host, the map and the list kept in step,
"search this area", the address as the view's state, near me, and the list as the
map's keyboard twin."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, external_requests


@pytest.fixture
def site(make_space, live_server):
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        space_type="small-library",
        district="mapo",
        capacity=20,
        latitude=37.5560,
        longitude=126.9100,
    )
    make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        capacity=12,
        address="서울특별시 성동구 성수이로 7",
        latitude=37.5445,
        longitude=127.0560,
    )
    make_space(
        title="강동 마을공방",
        name_en="Gangdong Village Workshop",
        space_type="workshop",
        district="gangdong",
        capacity=8,
        address="서울특별시 강동구 천호대로 1000",
        latitude=37.5500,
        longitude=127.1700,
    )
    return live_server.url


def pins(page):
    return page.locator(".leaflet-marker-pane .map-pin")


def count(page):
    return page.locator(".results__count")


@pytest.mark.rendering
def test_markers_render_without_tiles_and_nothing_comes_from_another_host(site, page):
    page.goto(site + "/spaces/")
    expect(pins(page)).to_have_count(3)
    expect(page.locator("[data-map-status]")).to_have_text("지도에 공간 3곳")
    expect(page.locator(".map-legend")).to_contain_text("공유부엌")
    pins(page).first.click()
    expect(page.locator(".leaflet-popup-content a")).to_have_count(1)
    assert external_requests(page) == []
    assert_no_axe_violations(page)


def test_a_filter_updates_the_map_and_the_list_together(site, page):
    page.goto(site + "/spaces/")
    expect(pins(page)).to_have_count(3)
    page.locator("summary", has_text="공간 유형").click()
    page.get_by_role("checkbox", name="공유부엌").check()
    expect(count(page)).to_have_text("공간 1곳")
    expect(pins(page)).to_have_count(1)
    expect(page.locator(".space-card__title")).to_have_text(["성수 공유부엌"])
    assert "type=shared-kitchen" in page.url


def test_zooming_searches_the_area_and_the_address_reopens_the_same_view(site, new_page):
    page = new_page()
    page.goto(site + "/spaces/")
    expect(pins(page)).to_have_count(3)
    # Zoom in twice on the middle of Seoul with the keyboard: the far east drops out.
    page.locator(".leaflet-container").focus()
    page.keyboard.press("+")
    page.wait_for_url(re.compile(r"bbox="))
    page.keyboard.press("+")
    expect(count(page)).to_have_text("공간 2곳")
    expect(pins(page)).to_have_count(2)
    expect(page.get_by_role("link", name="지도 영역 안 — 이 필터 빼기")).to_be_visible()

    again = new_page()
    again.goto(page.url)
    expect(count(again)).to_have_text("공간 2곳")
    expect(pins(again)).to_have_count(2)
    titles = again.locator(".space-card__title").all_inner_texts()
    assert sorted(titles) == ["망원 작은도서관", "성수 공유부엌"]


def test_keyboard_user_finds_a_listed_space_on_the_map(site, page):
    page.goto(site + "/spaces/")
    expect(pins(page)).to_have_count(3)
    button = page.get_by_role("button", name="지도에서 보기: 성수 공유부엌")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("성수 공유부엌")
    # Showing a space is not a search: the list keeps every space.
    expect(count(page)).to_have_text("공간 3곳")


@pytest.mark.parametrize("javascript", [True, False])
def test_near_a_typed_district_sorts_by_distance(site, new_page, javascript):
    page = new_page(javascript=javascript)
    page.goto(site + "/spaces/")
    page.get_by_label("가까운 곳").fill("강동구")
    page.get_by_role("button", name="공간 보기").click()
    page.wait_for_url(re.compile(r"near="))
    expect(page.locator(".space-card__title").first).to_have_text("강동 마을공방")
    expect(page.locator(".space-card").first).to_contain_text(re.compile(r"거리 \d+\.\dkm"))


def test_near_me_uses_the_browsers_location(site, browser, live_server):
    context = browser.new_context(
        locale="ko-KR",
        geolocation={"latitude": 37.5447, "longitude": 127.0555},
        permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        page.goto(site + "/spaces/")
        page.get_by_role("button", name="내 위치 사용").click()
        page.wait_for_url(re.compile(r"near=37\.5447"))
        expect(page.locator(".space-card__title").first).to_have_text("성수 공유부엌")
        expect(page.locator(".space-card").first).to_contain_text(re.compile(r"거리 \d+\.\dkm"))
        expect(page.get_by_label("정렬")).to_have_value("nearest")
    finally:
        context.close()


def test_many_spaces_come_as_clusters_that_open_on_click(site, page, settings, make_space):
    settings.SPACES_MAP_MAX_POINTS = 2
    for n in range(3):  # a few doors from the Mangwon library
        make_space(title=f"망원 이웃 공간 {n}", latitude=37.5561 + n * 0.0004, longitude=126.9101)
    page.goto(site + "/spaces/")
    cluster = page.locator(".leaflet-marker-pane .map-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text("4")
    expect(page.locator("[data-map-status]")).to_have_text(
        "지도에 공간 6곳(묶어서 표시, 확대하면 하나씩 보입니다)"
    )
    assert_no_axe_violations(page)
    cluster.click()  # zooms to the cluster: the list narrows to that area
    page.wait_for_url(re.compile(r"bbox="))
    expect(count(page)).to_have_text("공간 4곳")


def test_without_javascript_the_page_is_the_plain_list(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/spaces/")
    expect(page.locator("[data-directory-map]")).to_be_hidden()
    expect(count(page)).to_have_text("공간 3곳")
    expect(page.locator(".space-card")).to_have_count(3)


def test_after_a_change_the_map_agrees_with_the_list_on_the_next_visit(site, page):
    """The browser asks for the map's data again on every visit (a 304 while nothing
    changed), so a space that leaves the list after a publication leaves the map too,
    not a minute later."""
    from spaces.models import SpacePage, SpaceType

    page.goto(site + "/spaces/?type=small-library")
    expect(count(page)).to_have_text("공간 1곳")
    expect(pins(page)).to_have_count(1)

    library = SpacePage.objects.get(title="망원 작은도서관")
    library.space_type = SpaceType.objects.get(slug="workshop")
    library.save_revision().publish()

    page.goto(site + "/spaces/?type=small-library")
    expect(count(page)).to_have_text("공간 0곳")
    expect(page.locator("[data-map-status]")).to_have_text("지도에 공간 0곳")
    expect(pins(page)).to_have_count(0)


def test_leaving_the_maps_area_shows_the_whole_circle_again(site, page):
    """Zoomed into a corner with no space near a place, the list says the map's area is
    why; its link brings back the circle's spaces, and the map shows them."""
    page.goto(site + "/spaces/?near=37.5560,126.9100&radius=2&bbox=126.930,37.570,126.935,37.573")
    expect(count(page)).to_have_text("공간 0곳")
    page.get_by_role("link", name="지도 영역만이 아니라 반경 2km 전체에서 찾기").click()
    expect(count(page)).to_have_text("공간 1곳")
    expect(pins(page)).to_have_count(1)
    canvas = page.locator("[data-map-canvas]").bounding_box()
    pin = pins(page).first.bounding_box()
    assert canvas["x"] <= pin["x"] <= canvas["x"] + canvas["width"]
    assert canvas["y"] <= pin["y"] <= canvas["y"] + canvas["height"]
    assert "bbox" not in page.url
