"""A space page in a real browser (issue 17): on a phone it says how to get there —
the station and links that open Kakao Map, Naver Map and OpenStreetMap in a new tab —
and its hours as a sentence, in Korean and in English; the space's operator types the
way there in the editor and publishes it; an English program page with Korean-only
content says so and marks the Korean as Korean."""

import datetime as dt
import re
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage

import pytest
import recurrence
from playwright.sync_api import expect

from events.models import ProgramPage
from spaces import access, directions
from spaces.models import SpaceOperator, SpacePage

from .conftest import assert_no_axe_violations, external_requests

TITLE = "망원 작은도서관"
STATION = "망원역 2번 출구 도보 5분"
BUS = "마을버스 마포08 ‘망원시장’ 정류장 하차"
PARKING = "건물 주차장 2대 (사전 문의)"
PHONE = {"width": 375, "height": 812}
NAVIGATION = 20_000


@pytest.fixture
def space(make_space, live_server):
    access.ensure_roles()
    return make_space(
        title=TITLE,
        name_en="Mangwon Small Library",
        opening_hours="Mo-Fr 10:00-21:00; Sa 10:00-18:00; Su off",
        nearest_station=STATION,
    )


def map_links(page):
    """{name: href} of the "Getting there" links, each opening a new tab."""
    found = {}
    for link in page.locator(".getting-there__links a").all():
        expect(link).to_have_attribute("target", "_blank")
        found[link.inner_text().split("\n")[0].strip()] = link.get_attribute("href")
    return found


def test_on_a_phone_the_page_says_how_to_get_there_and_when_it_is_open(
    space, live_server, new_page
):
    page = new_page(viewport=PHONE)
    name = quote(TITLE)
    x, y = directions.web_mercator(37.556, 126.91)
    expected = [
        f"https://map.kakao.com/link/to/{name},37.556000,126.910000",
        f"https://map.naver.com/p/directions/-/{x:.7f},{y:.7f},{name},,ADDRESS_POI/-/transit",
        "https://www.openstreetmap.org/directions?to=37.556000,126.910000",
    ]
    for prefix, heading, station_label, station, hours, apps in (
        (
            "",
            "찾아오는 길",
            "지하철",
            STATION,
            "월–금 10:00–21:00, 토 10:00–18:00, 일요일 휴무",
            ["카카오맵 (새 창)", "네이버 지도 (새 창)", "오픈스트리트맵 (새 창)"],
        ),
        (
            "/en",
            "Getting there",
            "Subway",
            "Mangwon Station, exit 2, 5 min on foot",
            "Mon–Fri 10:00–21:00, Sat 10:00–18:00, closed Sun",
            [f"{app} (opens in a new tab)" for app in ("Kakao Map", "Naver Map", "OpenStreetMap")],
        ),
    ):
        page.goto(f"{live_server.url}{prefix}{space.url}")
        part = page.locator("section.getting-there")
        expect(part.get_by_role("heading", name=heading)).to_be_visible()
        expect(part.locator("dt").first).to_have_text(station_label)
        expect(part.locator("dd").first).to_have_text(station)
        links = part.get_by_role("link")
        expect(links).to_have_count(3)
        for link, app, href in zip(links.all(), apps, expected, strict=True):
            expect(link).to_have_accessible_name(app)
            expect(link).to_have_attribute("href", href)
            expect(link).to_have_attribute("target", "_blank")
            assert link.bounding_box()["height"] >= 24
        expect(page.locator(".hours__summary")).to_have_text(hours)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_no_axe_violations(page)
    assert external_requests(page) == []


def test_the_operator_types_the_way_there_and_publishes_it(space, live_server, new_page):
    operator = get_user_model().objects.create_user(
        "mangwonop", email="mangwonop@example.org", password="changeme"
    )
    SpaceOperator.objects.create(
        space=space, user=operator, status=SpaceOperator.Status.ACTIVE, trusted=True
    )
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/accounts/login/?next=/admin/pages/{space.pk}/edit/")
    page.get_by_label("아이디 또는 이메일").fill("mangwonop")
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()

    page.get_by_role("tab", name="장소").click()
    expect(page.get_by_role("heading", name="찾아오는 길")).to_be_visible()
    station = page.get_by_label("가까운 지하철역")
    station.click()
    station.press("Control+a")
    station.press_sequentially("망원역 1번 출구 도보 3분")
    page.get_by_label("버스 등 대중교통").fill(BUS)
    page.get_by_label("주차", exact=True).fill(PARKING)
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation(timeout=NAVIGATION):
        page.get_by_role("button", name="게시", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("게시되었습니다")

    saved = SpacePage.objects.get(pk=space.pk)
    assert (saved.nearest_station, saved.transit_notes, saved.parking) == (
        "망원역 1번 출구 도보 3분",
        BUS,
        PARKING,
    )
    assert not saved.has_unpublished_changes
    page.goto(live_server.url + space.url)
    part = page.locator("section.getting-there")
    for text in ("망원역 1번 출구 도보 3분", BUS, PARKING):
        expect(part).to_contain_text(text)
    assert errors == []


def test_an_english_program_page_marks_its_korean_content(space, live_server, new_page):
    program = space.add_child(
        instance=ProgramPage(
            title="그림책 읽는 저녁",
            slug="picture-books",
            summary="아이와 함께 그림책을 읽어요.",
            start_date=dt.date.today(),
            start_time=dt.time(19),
            duration_minutes=90,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/en{space.url}picture-books/")

    expect(page.get_by_role("note")).to_have_text(
        "This page has not been translated yet; it is shown in its original language."
    )
    expect(page.locator("h1")).to_have_text("그림책 읽는 저녁")
    expect(page.locator("h1")).to_have_attribute("lang", "ko")
    expect(page.locator("p.lead[lang=ko]")).to_have_text("아이와 함께 그림책을 읽어요.")
    # The space it is held in, named in English (in the trail and the "Where" line).
    expect(page.get_by_role("link", name="Mangwon Small Library").last).to_be_visible()
    assert re.match(r"^en", page.locator("html").get_attribute("lang"))
    assert_no_axe_violations(page)


# --- issue 20: the photos open larger; the key facts are near the top on a phone -------


@pytest.fixture
def pictured_space(make_space, live_server):
    from tests.spaces.test_space_page import make_image

    return make_space(
        title="성산동 마을카페 쉼",
        name_en="Seongsan Village Cafe Swim",
        description="<p>커피 한 잔으로 이웃을 만나는 사랑방 카페입니다.</p>" * 6,
        opening_hours="Mo-Su 10:00-21:00",
        capacity=22,
        phone="02-0000-3497",
        gallery=[
            (make_image("카페"), "창가에 테이블이 놓인 카페"),
            (make_image("주방"), "작은 주방과 카운터"),
            (make_image("모임방"), "모임방의 긴 책상"),
        ],
    )


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        (
            "",
            {
                "open": "(크게 보기)",
                "dialog": "사진 크게 보기",
                "close": "닫기",
                "next": "다음 사진",
                "previous": "이전 사진",
                "facts": "한눈에 보기",
            },
        ),
        (
            "/en",
            {
                "open": "(view larger)",
                "dialog": "Photo viewer",
                "close": "Close",
                "next": "Next photo",
                "previous": "Previous photo",
                "facts": "At a glance",
            },
        ),
    ],
)
def test_on_a_phone_a_photo_opens_larger_and_the_key_facts_come_first(
    pictured_space, live_server, new_page, prefix, names
):
    page = new_page(viewport=PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{prefix}{pictured_space.url}")

    # The key facts sit right under the photos, within the first screen and a half.
    facts = page.get_by_role("complementary", name=names["facts"])
    expect(facts).to_contain_text("02-0000-3497")
    expect(facts).to_contain_text("10:00–21:00")
    assert facts.bounding_box()["y"] < PHONE["height"]
    assert facts.bounding_box()["y"] < page.locator("#about-title").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    second = page.get_by_role("link", name=f"작은 주방과 카운터 {names['open']}")
    second.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=names["dialog"])
    expect(dialog).to_be_visible()
    expect(dialog.locator(".lightbox__position")).to_have_text("2 / 3")
    expect(dialog.locator(".lightbox__caption")).to_have_text("작은 주방과 카운터")
    expect(dialog.get_by_role("button", name=names["close"])).to_be_focused()
    # The large picture is the one the photo links to (fetched only now).
    assert dialog.locator("img").get_attribute("src").endswith(second.get_attribute("href"))
    assert_no_axe_violations(page)

    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".lightbox__position")).to_have_text("3 / 3")
    expect(dialog.locator(".lightbox__caption")).to_have_text("모임방의 긴 책상")
    dialog.get_by_role("button", name=names["next"]).click()
    expect(dialog.locator(".lightbox__position")).to_have_text("1 / 3")
    dialog.get_by_role("button", name=names["previous"]).click()
    expect(dialog.locator(".lightbox__position")).to_have_text("3 / 3")

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Focus goes back to the photo last shown.
    expect(page.get_by_role("link", name=f"모임방의 긴 책상 {names['open']}")).to_be_focused()

    page.get_by_role("link", name=f"창가에 테이블이 놓인 카페 {names['open']}").click()
    expect(dialog.locator(".lightbox__position")).to_have_text("1 / 3")
    dialog.get_by_role("button", name=names["close"]).click()
    expect(dialog).to_be_hidden()
    assert_no_axe_violations(page)
    assert errors == []


def test_without_javascript_a_photo_is_a_link_to_the_large_picture(
    pictured_space, live_server, new_page
):
    page = new_page(viewport={"width": 1280, "height": 900}, javascript=False)
    page.goto(live_server.url + pictured_space.url)
    link = page.get_by_role("link", name="작은 주방과 카운터 (크게 보기)")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(".jpg")


def test_on_a_low_laptop_window_the_opened_photo_and_its_caption_fit(
    pictured_space, live_server, new_page
):
    window = {"width": 1280, "height": 600}  # shorter than a photo with its bar and caption
    page = new_page(viewport=window)
    page.goto(f"{live_server.url}{pictured_space.url}")
    page.get_by_role("link", name="작은 주방과 카운터 (크게 보기)").click()
    dialog = page.get_by_role("dialog", name="사진 크게 보기")
    expect(dialog.locator(".lightbox__caption")).to_have_text("작은 주방과 카운터")
    # The tallest the photo may be drawn, below the bar and above the caption.
    tallest = float(dialog.locator("img").evaluate("img => getComputedStyle(img).maxHeight")[:-2])
    bar = dialog.locator(".lightbox__bar").bounding_box()
    caption = dialog.locator(".lightbox__caption").bounding_box()
    assert tallest > 300  # still a large photo
    assert bar["height"] + tallest + caption["height"] <= window["height"]
    assert caption["y"] + caption["height"] <= window["height"]


def serve_media(page):
    """The test server does not serve uploaded files (they are in memory, not on disk)
    and a redirected request is not routed: follow the image serve view's redirect here
    and hand the page the file from the storage, so the viewer's photo has its size."""

    def answer(route):
        response = route.fetch(max_redirects=0)
        location = response.headers.get("location", "")
        name = unquote(urlsplit(location).path).removeprefix(settings.MEDIA_URL)
        if not location or not default_storage.exists(name):
            route.fulfill(response=response)
            return
        with default_storage.open(name) as file:
            body = file.read()
        kind = "image/webp" if name.endswith(".webp") else "image/jpeg"
        route.fulfill(body=body, content_type=kind)

    page.route("**/images/**", answer)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["375", "1280"])
def test_a_click_on_the_dark_area_around_the_photo_closes_the_viewer(
    pictured_space, live_server, new_page, viewport
):
    page = new_page(viewport=viewport)
    serve_media(page)
    page.goto(f"{live_server.url}{pictured_space.url}")
    second = page.get_by_role("link", name="작은 주방과 카운터 (크게 보기)")
    dialog = page.get_by_role("dialog", name="사진 크게 보기")
    image = dialog.locator("img")
    caption = dialog.locator(".lightbox__caption")

    def open_viewer():
        second.click()
        expect(caption).to_have_text("작은 주방과 카운터")
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0
        return (
            image.bounding_box(),
            caption.bounding_box(),
            dialog.get_by_role("button", name="닫기").bounding_box(),
        )

    def middle(box):
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    photo, text, close = open_viewer()
    # Clicks on the photo, its caption and "n / N" leave it open, and so does selecting
    # the caption's text or pressing on the photo and letting go beside it.
    image.click()
    caption.locator("span").click()  # its words
    dialog.locator(".lightbox__position").click()
    for start in (text, photo):
        page.mouse.move(*middle(start))
        page.mouse.down()
        page.mouse.move(4, middle(text)[1], steps=5)
        page.mouse.up()
    expect(dialog).to_be_visible()

    # A click on the dark area closes it, focus back on the photo's link as after Esc:
    # beside the caption, in the close button's row and beside or under the photo.
    beside_photo = (
        (photo["x"] / 2, middle(photo)[1])
        if photo["x"] > 16
        else (viewport["width"] / 2, (photo["y"] + photo["height"] + text["y"]) / 2)
    )
    spots = [
        (4, middle(text)[1]),
        (viewport["width"] / 2, middle(close)[1]),
        beside_photo,
        (middle(text)[0], text["y"] + text["height"] - 2),  # the caption's box, under its words
    ]
    for number, spot in enumerate(spots):
        if number:
            open_viewer()
        page.mouse.click(*spot)
        expect(dialog).to_be_hidden()
        expect(second).to_be_focused()


def test_on_a_phone_the_previous_and_next_buttons_leave_the_photo_clear(
    pictured_space, live_server, new_page
):
    page = new_page(viewport=PHONE)
    serve_media(page)
    page.goto(f"{live_server.url}{pictured_space.url}")
    page.get_by_role("link", name="작은 주방과 카운터 (크게 보기)").click()
    dialog = page.get_by_role("dialog", name="사진 크게 보기")
    image = dialog.locator("img")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    photo = image.bounding_box()
    position = dialog.locator(".lightbox__position").bounding_box()

    def overlap(a, b):
        return (
            a["x"] < b["x"] + b["width"]
            and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"]
            and b["y"] < a["y"] + a["height"]
        )

    for name in ("이전 사진", "다음 사진"):
        button = dialog.get_by_role("button", name=name)
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert not overlap(box, photo), (name, box, photo)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] + box["height"] <= PHONE["height"]
        # Large enough to tap (WCAG 2.5.8), and they still work.
        assert box["width"] >= 24 and box["height"] >= 24
    # Under the photo, either side of "n / N".
    previous = dialog.get_by_role("button", name="이전 사진").bounding_box()
    following = dialog.get_by_role("button", name="다음 사진").bounding_box()
    middle = position["y"] + position["height"] / 2
    for box in (previous, following):
        assert box["y"] >= photo["y"] + photo["height"]
        assert box["y"] < middle < box["y"] + box["height"]
    assert previous["x"] + previous["width"] <= position["x"]
    assert position["x"] + position["width"] <= following["x"]
    dialog.get_by_role("button", name="다음 사진").click()
    expect(dialog.locator(".lightbox__position")).to_have_text("3 / 3")
    dialog.get_by_role("button", name="이전 사진").click()
    expect(dialog.locator(".lightbox__position")).to_have_text("2 / 3")
    assert_no_axe_violations(page)
