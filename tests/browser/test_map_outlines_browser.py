"""Every map is readable with no tiles (this machine has no internet, as a kiosk or a
blocked tile server would not): Seoul's districts are drawn with their names under the
markers, zooming in brings the neighbourhoods, and the boundary data is credited."""

import pytest
from playwright.sync_api import expect

from .conftest import external_requests

OUTLINES = ".map-outlines-pane path"


@pytest.fixture
def site(make_space, live_server):
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        district="mapo",
        latitude=37.5560,
        longitude=126.9050,
    )
    return live_server.url


@pytest.mark.parametrize(
    "language, prefix, district, neighbourhood_name, credit",
    [
        ("ko", "", "마포구", "망원동", "행정구역: 통계청·행정안전부"),
        ("en", "/en", "Mapo-gu", "Mangwon-dong", "Boundaries: Statistics Korea"),
    ],
)
def test_the_directory_map_shows_the_districts_by_name_and_their_neighbourhoods_when_zoomed(
    site, page, language, prefix, district, neighbourhood_name, credit
):
    page.goto(site + prefix + "/spaces/")
    expect(page.locator(".leaflet-marker-pane .map-pin")).to_have_count(1)
    expect(page.locator(OUTLINES)).to_have_count(25)
    names = page.locator(".map-label--district")
    expect(names).to_have_count(25)
    expect(names.filter(has_text=district)).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text(credit)

    # Zoomed in as a person does, one click at a time, the district names give way to
    # the outlines and names of the neighbourhoods in view.
    zoom_in = page.get_by_role("button", name="확대" if language == "ko" else "Zoom in")
    neighbourhood = page.locator(".map-label--neighbourhood", has_text=neighbourhood_name)
    for _ in range(8):
        if neighbourhood.count() and neighbourhood.first.is_visible():
            break
        zoom_in.click()
        page.wait_for_timeout(400)  # Leaflet's zoom animation
    expect(neighbourhood.first).to_be_visible()
    expect(names.first).to_be_hidden()
    assert page.locator(OUTLINES).count() > 25
    assert external_requests(page) == []


def test_a_space_page_map_names_the_neighbourhood_around_the_space(site, page):
    page.goto(site + "/spaces/")
    page.locator(".space-card__title a", has_text="망원 작은도서관").click()
    neighbourhood = page.locator(".space-map .map-label--neighbourhood", has_text="망원동")
    expect(neighbourhood.first).to_be_visible()
    expect(page.locator(".space-map .leaflet-control-attribution")).to_contain_text("통계청")
