"""The home page's parts in a real browser (issue 20): the "near a place" box leads to
the directory near the place typed (with suggestions, with "use my location", and
without JavaScript), the map of Seoul is drawn only once it comes near the screen and
its pins open their spaces, and the page stays free of axe violations on a phone and
a wide screen, in both languages."""

import datetime as dt
import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from spaces import geo
from tests.campaigns.conftest import campaign_index, make_campaign  # noqa: F401
from tests.stories.conftest import make_image, make_story  # noqa: F401

from .conftest import assert_no_axe_violations, external_requests

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def site(bilingual_site, live_server, request):
    """Spaces around 망원동 and one in Songpa, an open campaign and a story with a cover."""
    new_campaign = request.getfixturevalue("make_campaign")
    new_story = request.getfixturevalue("make_story")
    from spaces.bulk import SpaceItem, save_spaces
    from spaces.models import District, SpaceType

    types = {t.slug: t for t in SpaceType.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    spots = [
        ("망원동 사랑방", "Mangwon-dong Commons", "club-room", "mapo", 37.5566, 126.9009),
        ("합정동 사랑방", "Hapjeong Room", "club-room", "mapo", 37.5471, 126.9098),
        ("가나다 작은도서관", "Ganada Library", "small-library", "songpa", 37.5050, 127.1150),
    ]
    items = [
        SpaceItem(
            data={
                "external_id": f"home-browser-{number}",
                "title": title,
                "name_en": name_en,
                "space_type": types[type_slug],
                "district": districts[slug],
                "address": f"서울특별시 시험로 {number}",
                "location": geo.point_string(lat, lng),
            }
        )
        for number, (title, name_en, type_slug, slug, lat, lng) in enumerate(spots, start=1)
    ]
    assert all(outcome.error is None for outcome in save_spaces(items))
    now = timezone.now()
    new_campaign(opens=now - dt.timedelta(days=3), closes=now + dt.timedelta(days=30))
    new_story(
        title="골목 도서관의 겨울",
        date=timezone.localdate(),
        image=make_image("책장"),
        image_alt="책장 앞에 모인 이웃들",
    )
    return live_server.url


def near_field(page, name="가까운 곳"):
    return page.get_by_role("combobox", name=name)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "375"])
def test_a_place_typed_in_the_home_near_box_opens_the_directory_near_it(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(site + "/")
    field = near_field(page)
    field.press_sequentially("망원")
    option = page.get_by_role("listbox", name="장소").get_by_role("option", name="마포구 망원동")
    expect(option).to_be_visible()
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")  # chooses the place
    expect(field).to_have_value("마포구 망원동")
    field.press("Enter")  # sends the form
    page.wait_for_url(
        re.compile(r"/spaces/\?near=%EB%A7%88%ED%8F%AC%EA%B5%AC"), wait_until="domcontentloaded"
    )
    expect(page.locator(".space-card__title").first).to_have_text("망원동 사랑방")
    expect(page.locator(".space-card").first).to_contain_text("거리 0.0km")
    expect(page.locator(".results__count")).to_have_text("공간 2곳")

    page.goto(site + "/en/")
    near_field(page, "Near a place").fill("Mangwon-dong")
    # The suggestions open (on a phone they push the button down); a tap on the button
    # then sends the form, though the list closes under the finger.
    expect(page.get_by_role("listbox", name="Places").get_by_role("option").first).to_be_visible()
    page.get_by_role("button", name="Show spaces nearby").click()
    page.wait_for_url(re.compile(r"/en/spaces/\?near=Mangwon-dong"), wait_until="domcontentloaded")
    expect(page.locator(".space-card__title").first).to_have_text("Mangwon-dong Commons")


@pytest.mark.parametrize("home", ["/", "/en/"])
def test_on_a_touch_phone_one_tap_on_the_button_sends_the_near_box(site, browser, home):
    """The open suggestions push the button down on a phone; the tap on it moves the
    focus away, which closes them. The form must still be sent by that one tap."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(site + home)
        field = page.get_by_role("combobox", name=re.compile("가까운 곳|Near a place"))
        field.press_sequentially("망원")
        expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
        page.get_by_role("button", name=re.compile("주변 공간 보기|Show spaces nearby")).tap()
        page.wait_for_url(re.compile(r"/spaces/\?near="), wait_until="domcontentloaded")
        expect(page.locator(".space-card__title").first).to_contain_text(re.compile("망원|Mangwon"))
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "375"])
def test_open_suggestions_neither_stretch_nor_cover_the_button(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(site + "/")
    button = page.get_by_role("button", name="주변 공간 보기")
    locate = page.get_by_role("button", name="내 위치 사용")
    expect(locate).to_be_visible()
    before = button.bounding_box()
    locate_before = locate.bounding_box()

    near_field(page).press_sequentially("망원")
    listbox = page.get_by_role("listbox", name="장소")
    expect(listbox.get_by_role("option", name="마포구 망원동")).to_be_visible()

    button.scroll_into_view_if_needed()
    after = button.bounding_box()
    assert (after["width"], after["height"]) == (before["width"], before["height"])
    # Nothing lies over the button: a click at its middle reaches it.
    assert (
        page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).textContent.trim()",
            [after["x"] + after["width"] / 2, after["y"] + after["height"] / 2],
        )
        == "주변 공간 보기"
    )
    suggestions = listbox.bounding_box()
    if viewport is PHONE:
        # Under the field, the button goes below the list, not under it.
        assert suggestions["y"] + suggestions["height"] <= after["y"]
    else:
        # Beside the field, the button and "Use my location" stay where they were.
        assert after == before
        assert locate.bounding_box() == locate_before


def test_without_javascript_the_near_box_still_sends_the_place(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/")
    expect(page.get_by_role("button", name="내 위치 사용")).to_be_hidden()
    page.get_by_label("가까운 곳").fill("망원동")
    page.get_by_role("button", name="주변 공간 보기").click()
    page.wait_for_url(re.compile(r"/spaces/\?near="), wait_until="domcontentloaded")
    expect(page.locator(".space-card__title").first).to_have_text("망원동 사랑방")
    # The map's box leads to the directory instead.
    page.goto(site + "/")
    page.get_by_role("link", name="공간 찾기에서 지도로 공간 보기").click()
    page.wait_for_url(site + "/spaces/", wait_until="domcontentloaded")


def test_near_me_opens_the_directory_around_the_visitor(site, browser):
    context = browser.new_context(
        locale="ko-KR",
        geolocation={"latitude": 37.5050, "longitude": 127.1150},
        permissions=["geolocation"],
    )
    try:
        page = context.new_page()
        page.goto(site + "/")
        page.get_by_role("button", name="내 위치 사용").click()
        page.wait_for_url(re.compile(r"/spaces/\?near=37\.505"), wait_until="domcontentloaded")
        expect(page.locator(".space-card__title").first).to_have_text("가나다 작은도서관")
        expect(page.get_by_label("정렬")).to_have_value("nearest")
    finally:
        context.close()


def test_the_map_waits_below_the_fold_then_its_pins_open_their_spaces(site, new_page):
    page = new_page(viewport={"width": 375, "height": 480})
    page.goto(site + "/")
    page.wait_for_load_state("load")
    assert page.locator("[data-home-map]").bounding_box()["y"] > 480 + 200  # below the fold
    page.wait_for_timeout(300)
    assert not [url for url in page.requested_urls if "leaflet" in url]  # not needed yet
    expect(page.locator("[data-map-canvas]")).to_contain_text("공간 찾기에서 지도로 공간 보기")

    page.locator("[data-home-map]").scroll_into_view_if_needed()
    expect(page.locator("[data-map-status]")).to_have_text("지도에 공간 3곳")
    # The pins are the types' icons shown above the map.
    library = page.locator('.leaflet-marker-pane .map-pin[title="가나다 작은도서관"]')
    expect(library.locator('[data-type-icon="small-library"]')).to_have_count(1)
    library.click()
    page.wait_for_url(re.compile(r"/spaces/[^/]+/$"), wait_until="domcontentloaded")
    expect(page.locator("h1")).to_have_text("가나다 작은도서관")
    assert external_requests(page) == []


@pytest.mark.rendering
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "375"])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_home_page_has_no_accessibility_violations(site, new_page, viewport, path):
    page = new_page(viewport=viewport)
    page.goto(site + path)
    page.locator("[data-home-map]").scroll_into_view_if_needed()
    expect(page.locator("[data-map-canvas]")).to_have_attribute("data-loaded", "3")
    expect(page.locator(".home-campaign__card")).to_be_visible()
    expect(page.locator(".home-stories img")).to_have_count(1)
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
