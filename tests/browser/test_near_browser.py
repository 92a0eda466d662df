"""Finding spaces near a place in a real browser (issue 17): the near field offers the
gazetteer's names as a resident types, picked with the keyboard; the list then holds
the spaces around the place, nearest first with their distance, and the map counts the
same spaces; a name not understood is said so, with links to what it may mean; without
JavaScript the field is a plain text field that works."""

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from spaces import geo

from .conftest import assert_no_axe_violations

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
AROUND_MANGWON = 4  # the spaces within 2 km of 망원동 below


@pytest.fixture
def site(bilingual_site, live_server):
    """Four spaces within 2 km of 망원동 (one at its middle), three farther away."""
    from spaces.bulk import SpaceItem, save_spaces
    from spaces.models import District, SpaceType

    space_type = SpaceType.objects.get(slug="small-library")
    districts = {d.slug: d for d in District.objects.all()}
    spots = [
        ("망원동 사랑방", "Mangwon-dong Commons", "mapo", 37.5566, 126.9009),  # 0 km
        ("망원2동 사랑방", "Mangwon 2-dong Room", "mapo", 37.5572, 126.8963),  # 0.4 km
        ("합정동 사랑방", "Hapjeong Room", "mapo", 37.5471, 126.9098),  # 1.3 km
        ("서교동 사랑방", "Seogyo Room", "mapo", 37.5534, 126.9199),  # 1.7 km
        ("공덕동 사랑방", "Gongdeok Room", "mapo", 37.5469, 126.9528),  # 4.7 km
        ("가나다 작은도서관", "Ganada Library", "songpa", 37.5050, 127.1150),
        ("성수동 사랑방", "Seongsu Room", "seongdong", 37.5418, 127.0493),
    ]
    items = [
        SpaceItem(
            data={
                "external_id": f"near-browser-{number}",
                "title": title,
                "name_en": name_en,
                "space_type": space_type,
                "district": districts[slug],
                "address": f"서울특별시 시험로 {number}",
                "location": geo.point_string(lat, lng),
            }
        )
        for number, (title, name_en, slug, lat, lng) in enumerate(spots, start=1)
    ]
    assert all(outcome.error is None for outcome in save_spaces(items))
    return live_server.url


def open_filters(page):
    """On a phone the filters wait in a closed panel."""
    panel = page.locator("[data-filters-panel]")
    if panel.get_attribute("open") is None:
        page.locator(".filters-panel__toggle").click()


def pick_with_the_keyboard(page, field, typed, option_name, others=0):
    """Type, wait for the suggestions, arrow down to ``option_name`` and press Enter."""
    field.press_sequentially(typed)
    option = page.get_by_role("listbox").get_by_role("option", name=option_name)
    expect(option).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    for _step in range(others + 1):
        field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    field.press("Enter")  # chooses; the form is not sent yet
    expect(field).to_have_value(option_name)
    expect(page.get_by_role("listbox")).to_be_hidden()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "375"])
def test_a_resident_picks_a_place_by_keyboard_and_gets_the_spaces_around_it(
    site, new_page, viewport
):
    page = new_page(viewport=viewport)
    page.goto(site + "/spaces/")
    open_filters(page)
    field = page.get_by_role("combobox", name="가까운 곳")
    field.press_sequentially("망원")
    expect(page.get_by_role("listbox", name="장소").get_by_role("option")).to_have_count(3)
    expect(page.locator("[data-place-combobox-status]")).to_have_text(
        "장소 3곳을 찾았습니다. 위아래 화살표와 Enter로 고르세요."
    )
    field.press("Escape")  # closes the list, keeps the text
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(field).to_have_value("망원")
    field.fill("")
    pick_with_the_keyboard(page, field, "망원", "마포구 망원동")
    field.press("Enter")  # now the form is sent
    page.wait_for_url(re.compile(r"near=%EB%A7%88%ED%8F%AC%EA%B5%AC"))

    cards = page.locator(".space-card")
    expect(cards.first.locator(".space-card__title")).to_have_text("망원동 사랑방")
    expect(cards.first).to_contain_text("거리 0.0km")
    expect(cards).to_have_count(AROUND_MANGWON)
    expect(page.locator(".results__count")).to_have_text(f"공간 {AROUND_MANGWON}곳")
    status = page.locator("[data-map-status]")
    expect(status).to_have_text(f"지도에 공간 {AROUND_MANGWON}곳")
    expect(page.get_by_role("link", name=re.compile("마포구 망원동 반경 2km"))).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text(
        "행정구역: 통계청·행정안전부"
    )

    # The English site, typed in English.
    page.goto(site + "/en/spaces/")
    open_filters(page)
    field = page.get_by_role("combobox", name="Near a place")
    pick_with_the_keyboard(page, field, "Mangwon-dong", "Mangwon-dong, Mapo-gu")
    page.get_by_role("button", name="Show spaces").click()
    page.wait_for_url(re.compile(r"near=Mangwon-dong"))
    expect(cards.first.locator(".space-card__title")).to_have_text("Mangwon-dong Commons")
    expect(cards.first).to_contain_text("0.0 km away")
    expect(page.locator(".results__count")).to_have_text(f"{AROUND_MANGWON} spaces")
    expect(status).to_have_text(f"{AROUND_MANGWON} spaces on the map")
    if viewport is WIDE:
        assert_no_axe_violations(page)


def test_on_the_english_site_a_place_typed_in_korean_is_offered_in_english(site, page):
    """Names of 행정동, which the source gives in Korean only, are offered in English too;
    the one chosen finds the spaces around it."""
    page.goto(site + "/en/spaces/")
    open_filters(page)
    field = page.get_by_role("combobox", name="Near a place")
    field.press_sequentially("망원1")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_have_text("Mangwon 1(il)-dong, Mapo-gu")
    for text in options.all_inner_texts():
        assert not re.search("[가-힣]", text), text
    field.fill("")
    pick_with_the_keyboard(page, field, "망원1", "Mangwon 1(il)-dong, Mapo-gu")
    page.get_by_role("button", name="Show spaces").click()
    page.wait_for_url(re.compile(r"near=Mangwon"))
    expect(page.locator(".space-card").first).to_contain_text("km away")


def test_an_unknown_place_is_said_so_and_a_suggestion_searches_again(site, page):
    page.goto(site + "/spaces/")
    field = page.get_by_role("combobox", name="가까운 곳")
    field.fill("망원도")
    field.press("Enter")  # no suggestion chosen: searched as typed
    page.wait_for_url(re.compile(r"near="))
    expect(page.locator("[data-directory-notices]")).to_contain_text(
        "“망원도”에 맞는 자치구나 주소가 없습니다"
    )
    suggestion = page.locator("[data-near-status]").get_by_role("link", name="마포구 망원동")
    suggestion.click()
    page.wait_for_url(re.compile(r"near=%EB%A7%88%ED%8F%AC%EA%B5%AC"))
    expect(page.locator(".space-card__title").first).to_have_text("망원동 사랑방")
    expect(page.locator(".results__count")).to_have_text(f"공간 {AROUND_MANGWON}곳")
    expect(page.locator("[data-map-status]")).to_have_text(f"지도에 공간 {AROUND_MANGWON}곳")
    expect(field).to_have_value("마포구 망원동")


def test_without_javascript_the_near_field_is_a_plain_text_field_that_works(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/spaces/")
    page.get_by_label("가까운 곳").fill("망원동")
    page.get_by_role("button", name="공간 보기").click()
    page.wait_for_url(re.compile(r"near="))
    expect(page.locator(".space-card__title").first).to_have_text("망원동 사랑방")
    expect(page.locator(".space-card").first).to_contain_text("거리 0.0km")
    expect(page.locator(".results__count")).to_have_text(f"공간 {AROUND_MANGWON}곳")
    expect(page.get_by_label("정렬")).to_have_value("")  # nearest, by default near a place


# --- a chosen time goes with the space to the booking form -----------------------------

WORDS = {
    "ko": {
        "prefix": "",
        "date": "날짜",
        "from": "시작",
        "until": "종료",
        "show": "공간 보기",
        "one_on_map": "지도에 공간 1곳",
        "space": "망원 예약 사랑방",
        "request": "예약 신청",
        "username": "아이디 또는 이메일",
        "password": "비밀번호",
        "log_in": "로그인",
    },
    "en": {
        "prefix": "/en",
        "date": "Date",
        "from": "From",
        "until": "Until",
        "show": "Show spaces",
        "one_on_map": "1 space on the map",
        "space": "Mangwon Booking Room",
        "request": "Request a booking",
        "username": "Username or e-mail",
        "password": "Password",
        "log_in": "Log in",
    },
}


@pytest.mark.parametrize(
    "viewport, language", [(WIDE, "en"), (PHONE, "ko")], ids=["1280-en", "375-ko"]
)
def test_a_time_chosen_in_the_directory_fills_the_booking_form_of_the_space_opened(
    site, make_space, django_user_model, new_page, viewport, language
):
    import datetime as dt

    make_space(
        title="망원 예약 사랑방",
        name_en="Mangwon Booking Room",
        latitude=37.5566,
        longitude=126.9009,
        bookable=True,
        opening_hours="Mo-Su 08:00-22:00",
        capacity=10,
    )
    django_user_model.objects.create_user("near-booker", password="changeme")
    day = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    words = WORDS[language]
    page = new_page(viewport=viewport)
    page.goto(f"{site}{words['prefix']}/spaces/")
    open_filters(page)
    page.get_by_label(words["date"], exact=True).fill(day)
    page.get_by_label(words["from"], exact=True).fill("10:00")
    page.get_by_label(words["until"], exact=True).fill("12:00")
    page.get_by_role("button", name=words["show"]).click()

    # Only the space open then is listed, and the map says so in the singular.
    cards = page.locator(".space-card")
    expect(cards).to_have_count(1)
    expect(page.locator("[data-map-status]")).to_have_text(words["one_on_map"])
    cards.get_by_role("link", name=words["space"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["space"])
    page.get_by_role("link", name=words["request"]).click()

    # Not logged in yet: the log-in page, then back to the form, filled in.
    page.get_by_label(words["username"]).fill("near-booker")
    page.get_by_label(words["password"]).fill("changeme")
    page.locator("main").get_by_role("button", name=words["log_in"]).click()
    expect(page.locator("#booking-date")).to_have_value(day)
    expect(page.locator("#booking-start")).to_have_value("10:00")
    expect(page.locator("#booking-end")).to_have_value("12:00")


def test_an_answer_that_comes_late_keeps_the_place_the_arrows_chose(site, page):
    """On a slow line the answer for "망원" shows first and the one for "망원동" comes after
    the resident has already arrowed down: Enter still chooses what they saw chosen,
    and an answer arriving after the choice does not open the list again."""
    held = []

    def hold_the_second_answer(route):
        if "망원동" in unquote(route.request.url):
            held.append(route)
        else:
            route.continue_()

    page.route("**/api/places.json?*", hold_the_second_answer)
    page.goto(site + "/spaces/")
    field = page.get_by_role("combobox", name="가까운 곳")
    field.press_sequentially("망원")
    option = page.get_by_role("listbox", name="장소").get_by_role("option", name="마포구 망원동")
    expect(option).to_be_visible()
    shown_first = option.element_handle()
    field.press_sequentially("동")
    for _wait in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the answer for 망원동 was never asked for"
    field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")

    held.pop().continue_()
    shown_first.wait_for_element_state("hidden")  # the newer list has replaced it
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")
    expect(field).to_have_value("마포구 망원동")
    expect(page.get_by_role("listbox")).to_be_hidden()
    field.press("Enter")
    page.wait_for_url(re.compile(r"near=%EB%A7%88%ED%8F%AC%EA%B5%AC"))
    expect(page.locator(".space-card__title").first).to_have_text("망원동 사랑방")
