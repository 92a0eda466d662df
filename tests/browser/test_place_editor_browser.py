"""The place editor in a real browser (issue 16): in the space editor a click on the map
moves the marker and the search box finds a neighbourhood by name, both saved with the
page; on the registration form the map follows the chosen district and the same search
box places the point. Nothing is asked of a geocoding service or any other host."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from spaces import access, places
from spaces.models import SpacePage

from .conftest import external_requests

START = (37.5560, 126.9100)  # where make_space puts a space
MANGWON = places.best("망원동")
MAPO = places.best("마포구")
NAVIGATION = 20_000


@pytest.fixture
def space(make_space, live_server):
    access.ensure_roles()
    users = get_user_model().objects
    staff = users.create_user("placestaff", email="placestaff@example.org", password="changeme")
    staff.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    users.create_user("placeresident", email="placeresident@example.org", password="changeme")
    return make_space(title="망원 작은도서관", latitude=START[0], longitude=START[1])


def log_in(page, site, username, next_path):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()


def open_place_tab(page, site, space):
    log_in(page, site, "placestaff", f"/admin/pages/{space.pk}/edit/")
    page.get_by_role("tab", name="장소").click()
    expect(page.locator("#id_location_map.leaflet-container")).to_be_visible()


def marker_position(page):
    """Where the marker's tip is in the map, once the widget has centred it."""
    the_map = page.locator("#id_location_map")
    marker = page.locator("#id_location_map .leaflet-marker-icon")
    for _ in range(50):
        area, icon = the_map.bounding_box(), marker.bounding_box()
        x = icon["x"] + icon["width"] / 2 - area["x"]
        y = icon["y"] + icon["height"] - area["y"]
        if abs(x - area["width"] / 2) < 3 and abs(y - area["height"] / 2) < 3:
            return x, y
        page.wait_for_timeout(100)
    raise AssertionError("the map never centred on the marker")


def search_status(page):
    return page.locator(".place-search").get_by_role("status")


def coordinates(page):
    lat, lng = page.get_by_label("위도, 경도").input_value().split(",")
    return float(lat), float(lng)


def publish(page):
    """Open the footer's action menu and press "Publish", as a person does."""
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation(timeout=NAVIGATION):
        page.get_by_role("button", name="게시", exact=True).click()
    problems = page.locator(".help-critical, .error-message").all_inner_texts()
    assert "/edit/" not in page.url, problems


def test_clicking_the_editors_map_moves_the_saved_point(space, live_server, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_place_tab(page, live_server.url, space)
    assert coordinates(page) == pytest.approx(START, abs=1e-6)

    # Up and to the right of the marker (once the widget has centred the map on it).
    marker = marker_position(page)
    page.locator("#id_location_map").click(position={"x": marker[0] + 150, "y": marker[1] - 100})
    lat, lng = coordinates(page)
    assert lat > START[0] + 0.0002 and lng > START[1] + 0.0002
    publish(page)

    saved = SpacePage.objects.get(pk=space.pk)
    assert saved.latitude == pytest.approx(lat, abs=1e-5)
    assert saved.longitude == pytest.approx(lng, abs=1e-5)
    assert saved.latitude > START[0] and saved.longitude > START[1]
    assert external_requests(page) == []
    assert errors == []


def test_the_editors_search_box_moves_the_marker_to_a_neighbourhood(space, live_server, page):
    open_place_tab(page, live_server.url, space)
    search = page.get_by_label("동 이름이나 주소로 찾기")

    # A name the gazetteer does not hold: a message, and the marker stays.
    search.fill("없는동네")
    search.press("Enter")
    expect(search_status(page)).to_contain_text("찾지 못했습니다")
    assert coordinates(page) == pytest.approx(START, abs=1e-6)

    # 망원동: Enter moves the marker there; the 행정동 named after it are offered too.
    search.fill("망원동")
    search.press("Enter")
    expect(search_status(page)).to_contain_text("마포구 망원동")
    assert coordinates(page) == pytest.approx((MANGWON.lat, MANGWON.lon), abs=0.001)
    expect(page.get_by_role("button", name="마포구 망원1동")).to_be_visible()
    assert urlsplit(page.url).path == f"/admin/pages/{space.pk}/edit/"  # no form sent

    # Several places of one name: nothing moves until one is chosen.
    search.fill("신사동")
    search.press("Enter")
    expect(search_status(page)).to_contain_text("여러 곳")
    assert coordinates(page) == pytest.approx((MANGWON.lat, MANGWON.lon), abs=0.001)
    page.get_by_role("button", name="은평구 신사동").click()
    eunpyeong = [p for p in places.lookup("신사동") if p.district == "은평구"][0]
    assert coordinates(page) == pytest.approx((eunpyeong.lat, eunpyeong.lon), abs=0.001)

    search.fill("망원동")
    search.press("Enter")
    expect(search_status(page)).to_contain_text("마포구 망원동")
    publish(page)
    saved = SpacePage.objects.get(pk=space.pk)
    assert (saved.latitude, saved.longitude) == pytest.approx((MANGWON.lat, MANGWON.lon), abs=0.001)


def mapo_bounds():
    points = [p for p in places.gazetteer().places if p.district == "마포구"]
    return (
        min(p.lat for p in points),
        max(p.lat for p in points),
        min(p.lon for p in points),
        max(p.lon for p in points),
    )


def test_the_registration_map_follows_the_chosen_district(space, live_server, page):
    log_in(page, live_server.url, "placeresident", "/operators/register/")
    form = page.locator("form.proposal-form")
    expect(form).to_be_visible()
    page.get_by_label("공간 이름").fill("망원 골목 사랑방")
    page.get_by_label("공간 유형").select_option(label="작은도서관")
    page.get_by_label("자치구").select_option(label="마포구")
    page.get_by_role("textbox", name=re.compile("^주소")).fill("서울특별시 마포구 월드컵로 212")

    # A click in the middle of the map puts the point where the map now looks: 마포구.
    page.locator("[data-point-picker-map]").click()
    lat = float(page.get_by_label("위도").input_value())
    lng = float(page.get_by_label("경도").input_value())
    assert (lat, lng) == pytest.approx((MAPO.lat, MAPO.lon), abs=0.002)

    # With a point placed, choosing another district leaves the map and the point alone.
    page.get_by_label("자치구").select_option(label="강남구")
    page.get_by_label("자치구").select_option(label="마포구")
    assert float(page.get_by_label("위도").input_value()) == lat

    page.get_by_label("수용 인원(명)").fill("12")
    page.get_by_label("한 줄 소개").fill("골목 안 사랑방입니다.")
    page.get_by_role("textbox", name=re.compile("^설명")).fill("누구나 와서 쉬어 가는 곳입니다.")
    page.get_by_label("운영 주체(단체 또는 개인)").fill("망원 주민회")
    page.locator("#id_consent").check()
    page.wait_for_timeout(3100)  # the form refuses what is sent within 3 seconds
    with page.expect_navigation(timeout=NAVIGATION):
        form.get_by_role("button", name="검토 요청 보내기").click()
    assert page.url.endswith("/operators/"), page.locator("main").inner_text()

    proposal = SpacePage.objects.get(title="망원 골목 사랑방")
    south, north, west, east = mapo_bounds()
    assert south <= proposal.latitude <= north and west <= proposal.longitude <= east
    assert proposal.district.name == "마포구"
    assert external_requests(page) == []


def test_the_registration_forms_search_box_places_the_point(space, live_server, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    log_in(page, live_server.url, "placeresident", "/operators/register/")
    search = page.get_by_label("동 이름이나 주소로 찾기")
    search.fill("Atlantis")
    page.get_by_role("button", name="찾기", exact=True).click()
    expect(search_status(page)).to_contain_text("찾지 못했습니다")
    assert page.get_by_label("위도").input_value() == ""

    # An address with a dong name, in English, with Enter.
    search.fill("123-4 Mangwon-dong, Mapo-gu, Seoul")
    search.press("Enter")
    expect(search_status(page)).to_contain_text("마포구 망원동")
    assert float(page.get_by_label("위도").input_value()) == pytest.approx(MANGWON.lat, abs=0.001)
    assert float(page.get_by_label("경도").input_value()) == pytest.approx(MANGWON.lon, abs=0.001)
    assert page.url.endswith("/operators/register/")  # Enter did not send the form
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
