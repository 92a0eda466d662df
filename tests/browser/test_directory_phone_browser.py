"""The directory on a phone (375×812): the first space shows without scrolling past the
filters, which wait in a panel behind "필터 (N)"; a list/map switch; pins that differ by
icon, not only by colour, with the legend drawing the same icons. On a wide screen the
filters stay beside the map and the list, and without JavaScript the panel still opens
and submits."""

import pytest
from playwright.sync_api import expect

from spaces.models import SpaceType

from .conftest import assert_no_axe_violations

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def site(make_space, live_server):
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        space_type="small-library",
        district="mapo",
        latitude=37.5560,
        longitude=126.9100,
    )
    make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        latitude=37.5445,
        longitude=127.0560,
    )
    make_space(
        title="강동 마을공방",
        name_en="Gangdong Village Workshop",
        space_type="workshop",
        district="gangdong",
        latitude=37.5500,
        longitude=127.1700,
    )
    return live_server.url


def filters_button(page):
    return page.locator("summary.filters-panel__toggle")


def count(page):
    return page.locator(".results__count")


def pin_icon(page, title):
    return page.locator(f".leaflet-marker-icon[title='{title}'] .type-icon__glyph")


def legend_icon(page, label):
    entry = page.locator(".map-legend li").filter(has=page.get_by_text(label, exact=True))
    return entry.locator(".type-icon__glyph")


def test_on_a_phone_the_list_comes_first_and_the_filters_open_from_a_panel(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site + "/spaces/")
    first = page.locator(".space-card").first
    expect(first.locator(".space-card__title")).to_be_in_viewport()
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_hidden()
    expect(page.locator(".directory-map")).to_be_hidden()  # list first

    # Keyboard: Enter opens the panel, Tab goes into it, Escape closes it, Space reopens.
    filters_button(page).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_hidden()
    expect(filters_button(page)).to_be_focused()
    page.keyboard.press(" ")
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_visible()

    # Two space types: the group counts them, the list follows, the panel closes on "공간 보기".
    group = page.locator("summary", has_text="공간 유형")
    group.click()
    page.get_by_role("checkbox", name="공방").click()
    page.get_by_role("checkbox", name="공유부엌").click()
    expect(group).to_have_text("공간 유형 (2)")
    page.get_by_role("button", name="공간 보기").click()
    expect(page.get_by_label("이름, 주소 또는 검색어")).to_be_hidden()
    expect(count(page)).to_be_focused()
    expect(count(page)).to_have_text("공간 2곳")
    expect(filters_button(page)).to_have_text("필터 (2)")
    assert sorted(page.locator(".space-card__title").all_inner_texts()) == [
        "강동 마을공방",
        "성수 공유부엌",
    ]
    assert "type=workshop" in page.url and "type=shared-kitchen" in page.url

    # The map instead of the list, and back: the filters stay.
    page.get_by_role("button", name="지도", exact=True).click()
    expect(page.locator(".leaflet-marker-pane .map-pin")).to_have_count(2)
    expect(page.locator(".directory-map__canvas")).to_be_in_viewport()
    expect(page.locator(".space-list")).to_be_hidden()
    page.get_by_role("button", name="목록", exact=True).click()
    expect(page.get_by_role("button", name="목록", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(".directory-map")).to_be_hidden()
    expect(page.locator(".space-card__title")).to_have_count(2)
    assert "type=shared-kitchen" in page.url
    assert_no_axe_violations(page)


def test_each_type_has_its_own_icon_on_the_pins_and_in_the_legend(site, new_page):
    SpaceType.objects.create(
        name="마을정원", name_en="Community garden", slug="community-garden", colour="#2e7d32"
    )
    page = new_page(viewport=PHONE)
    page.goto(site + "/spaces/")
    page.get_by_role("button", name="지도", exact=True).click()
    expect(page.locator(".leaflet-marker-pane .map-pin")).to_have_count(3)

    icons = dict(
        page.locator(".map-legend [data-icon]").evaluate_all(
            "icons => icons.map(icon => [icon.dataset.typeIcon, icon.dataset.icon])"
        )
    )
    assert len(icons) == SpaceType.objects.count() == 14
    assert icons.pop("community-garden") == "map-pin"  # added by staff later: the fallback
    assert len(set(icons.values())) == 13  # the seeded types: one icon each

    workshop, kitchen = pin_icon(page, "강동 마을공방"), pin_icon(page, "성수 공유부엌")
    assert workshop.get_attribute("src") == legend_icon(page, "공방").get_attribute("src")
    assert kitchen.get_attribute("src") == legend_icon(page, "공유부엌").get_attribute("src")
    assert workshop.get_attribute("src") != kitchen.get_attribute("src")
    assert workshop.get_attribute("src").endswith("/static/vendor/lucide-static/hammer.svg")
    # No letters on the pins: 공방, 공유부엌 and 공동육아방 used to be three "공"s.
    assert page.locator(".leaflet-marker-pane .map-pin").all_inner_texts() == ["", "", ""]
    assert page.evaluate(
        "src => fetch(src).then(r => r.ok && r.headers.get('content-type'))",
        workshop.get_attribute("src"),
    ).startswith("image/svg+xml")


def test_on_a_wide_screen_the_filters_stay_beside_the_map_and_the_list(site, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/en/spaces/")
    expect(page.locator(".map-pin")).to_have_count(3)
    expect(filters_button(page)).to_be_hidden()
    expect(page.get_by_role("group", name="Show the spaces as")).to_be_hidden()
    form = page.locator("form.filters").bounding_box()
    map_box = page.locator(".directory-map").bounding_box()
    heading = count(page).bounding_box()
    assert form["x"] + form["width"] <= map_box["x"]  # filters left, nothing overlaps
    assert map_box["y"] + map_box["height"] <= heading["y"]  # the map above the list
    expect(page.locator(".map-legend")).to_contain_text("Shared kitchen")
    page.locator("summary", has_text="Space type").click()
    page.get_by_role("checkbox", name="Workshop").check()
    expect(count(page)).to_have_text("1 space")
    expect(page.locator("summary", has_text="Space type")).to_have_text("Space type (1)")
    assert_no_axe_violations(page)


def test_without_javascript_a_phone_opens_the_filters_and_submits_them(site, new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto(site + "/spaces/")
    expect(page.locator(".space-card__title").first).to_be_in_viewport()
    filters_button(page).click()
    page.locator("summary", has_text="공간 유형").click()
    page.get_by_role("checkbox", name="공유부엌").check()
    page.get_by_role("button", name="공간 보기").click()
    page.wait_for_url("**type=shared-kitchen**")
    expect(count(page)).to_have_text("공간 1곳")
    expect(page.locator(".space-card__title")).to_have_text(["성수 공유부엌"])
    expect(filters_button(page)).to_have_text("필터 (1)")
    expect(page.locator(".space-card__title").first).to_be_in_viewport()
    filters_button(page).click()
    expect(page.locator("summary", has_text="공간 유형")).to_have_text("공간 유형 (1)")
