"""Getting there (issue 17): the operator's notes on the nearest station, buses and
parking, and links that open the place in Kakao Map, Naver Map and OpenStreetMap —
shown only with what is filled in, in both languages, in the editor, the API and the
demo; and the fee said once."""

import re
from html import unescape
from urllib.parse import quote

from django.utils.html import escape

import pytest

from spaces import demo, demo_data, directions
from spaces.models import District

STATION = "망원역 2번 출구 도보 5분"
BUS = "마을버스 마포08, 7011번 ‘망원시장’ 정류장 하차"
PARKING = "건물 주차장 2대 (사전 문의)"


@pytest.fixture
def library(make_space):
    return make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        nearest_station=STATION,
        transit_notes=BUS,
        parking=PARKING,
    )


def section(client, url):
    """The "Getting there" section of the page at ``url``, or None."""
    html = client.get(url).content.decode()
    found = re.search(
        r'<section class="getting-there".*?</section>', html, re.S
    )  # the only section of its kind
    return found[0] if found else None


def links(html):
    return {
        unescape(name): unescape(url)
        for url, name in re.findall(
            r'<a class="button button--secondary" href="([^"]+)" target="_blank" '
            r'rel="noopener noreferrer">([^<]+)<span',
            html,
        )
    }


def test_the_page_says_how_to_get_there_with_links_to_three_map_apps(client, library):
    part = section(client, library.url)

    assert '<h2 id="getting-there-title">찾아오는 길</h2>' in part
    for label, value in (("지하철", STATION), ("버스", BUS), ("주차", PARKING)):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in part
    name = quote("망원 작은도서관")
    x, y = directions.web_mercator(37.556, 126.91)
    assert links(part) == {
        "카카오맵": f"https://map.kakao.com/link/to/{name},37.556000,126.910000",
        "네이버 지도": (
            f"https://map.naver.com/p/directions/-/{x:.7f},{y:.7f},{name},,ADDRESS_POI/-/transit"
        ),
        "오픈스트리트맵": "https://www.openstreetmap.org/directions?to=37.556000,126.910000",
    }
    # A new tab, said to people who cannot see it open.
    assert part.count('<span class="visually-hidden"> (새 창)</span>') == 3


def test_the_english_page_labels_and_reads_the_notes_in_english(client, library):
    part = section(client, "/en" + library.url)

    assert '<h2 id="getting-there-title">Getting there</h2>' in part
    assert "<dt>Subway</dt><dd>Mangwon Station, exit 2, 5 min on foot</dd>" in part
    assert "<dt>Parking</dt><dd>2 spaces in the building&#x27;s car park (ask first)</dd>" in part
    assert set(links(part)) == {"Kakao Map", "Naver Map", "OpenStreetMap"}
    assert part.count("(opens in a new tab)") == 3


def test_only_what_is_filled_in_is_shown(client, make_space):
    station_only = make_space(nearest_station=STATION)
    part = section(client, station_only.url)
    assert "<dt>지하철</dt>" in part
    assert "<dt>버스</dt>" not in part and "<dt>주차</dt>" not in part

    no_point = make_space(parking=PARKING, latitude=None, longitude=None)
    part = section(client, no_point.url)
    assert "<dt>주차</dt>" in part
    assert links(part) == {} and "지도 앱에서 길찾기" not in part

    nothing = make_space(latitude=None, longitude=None)
    assert section(client, nothing.url) is None


def test_a_comma_in_the_name_cannot_move_the_point():
    url = directions.kakao("카페, 책방", 37.5, 127.0)
    assert url == f"https://map.kakao.com/link/to/{quote('카페 책방')},37.500000,127.000000"
    destination = directions.naver("카페, 책방", 37.5, 127.0).split("/")[6]
    assert destination.split(",")[2:] == [quote("카페 책방"), "", "ADDRESS_POI"]


def test_the_api_gives_the_notes_with_the_other_fields(client, library):
    item = client.get(f"/api/v2/spaces/{library.pk}/").json()
    assert (item["nearest_station"], item["transit_notes"], item["parking"]) == (
        STATION,
        BUS,
        PARKING,
    )


def test_a_station_finds_the_space_in_the_site_search(client, library, make_space):
    make_space(title="성산 공유부엌", nearest_station="마포구청역 1번 출구 도보 3분")
    html = client.get("/search/", {"q": "망원역"}).content.decode()
    assert "망원 작은도서관" in html
    assert "성산 공유부엌" not in html


# --- the editor ------------------------------------------------------------------------


def test_the_editor_has_a_getting_there_panel_next_to_the_address(admin_client, library):
    html = admin_client.get(f"/admin/pages/{library.pk}/edit/").content.decode()

    # On the place tab: the address and its map, then "찾아오는 길", then the size.
    order = [
        html.index('id="id_address"'),
        html.index("찾아오는 길"),
        html.index('id="id_nearest_station"'),
        html.index('id="id_transit_notes"'),
        html.index('id="id_parking"'),
        html.index('id="id_capacity"'),
    ]
    assert order == sorted(order)
    for name, value in (
        ("nearest_station", STATION),
        ("transit_notes", BUS),
        ("parking", PARKING),
    ):
        assert f'name="{name}" value="{escape(value)}"' in html
    assert "예: “망원역 2번 출구 도보 5분”" in html  # the help gives an example


def test_notes_longer_than_their_fields_are_refused(make_space):
    from django.core.exceptions import ValidationError

    space = make_space()
    space.nearest_station = "역" * 121
    with pytest.raises(ValidationError) as error:
        space.full_clean()
    assert "nearest_station" in error.value.message_dict


# --- the demo -----------------------------------------------------------------------


def test_most_demo_spaces_say_how_to_get_there_from_a_station_of_their_district(taxonomies):
    districts = list(District.objects.order_by("sort_order", "slug"))
    terms = (districts, *demo_terms())
    spaces = [demo.space_data(1, i, *terms) for i in range(60)]

    with_station = [s for s in spaces if s["nearest_station"]]
    assert len(with_station) > 30
    for space in with_station:
        station, exit_, walk = re.fullmatch(
            r"(\S+역) (\d)번 출구 도보 (\d+)분", space["nearest_station"]
        ).groups()
        assert station in demo_data.STATIONS[space["district"].slug]
    assert any(s["transit_notes"] for s in spaces) and any(s["parking"] for s in spaces)
    assert demo.space_data(1, 7, *terms) == demo.space_data(1, 7, *terms)


def demo_terms():
    from spaces.models import AccessibilityFeature, Amenity, SpaceType

    return (
        list(SpaceType.objects.order_by("sort_order", "slug")),
        list(Amenity.objects.order_by("sort_order", "slug")),
        list(AccessibilityFeature.objects.order_by("sort_order", "slug")),
    )


# --- the fee, said once -------------------------------------------------------------


def fee(client, url):
    html = client.get(url).content.decode()
    return re.search(r"<dt>(?:이용료|Fee)</dt><dd>(.*?)</dd>", html)[1]


@pytest.mark.parametrize(
    ("is_free", "note", "korean", "english"),
    [
        (True, "", "무료", "Free"),
        (
            True,
            "무료 (사전 예약 필수)",
            "무료 (사전 예약 필수)",
            'Free — <span lang="ko">무료 (사전 예약 필수)</span>',
        ),
        (
            True,
            "주민 무료, 외부 단체 유료",
            "주민 무료, 외부 단체 유료",
            'Free — <span lang="ko">주민 무료, 외부 단체 유료</span>',
        ),
        (
            False,
            "시간당 5,000원",
            "유료 — 시간당 5,000원",
            'Paid — <span lang="ko">시간당 5,000원</span>',
        ),
        (
            False,
            "유료 (시간당 5,000원)",
            "유료 (시간당 5,000원)",
            'Paid — <span lang="ko">유료 (시간당 5,000원)</span>',
        ),
    ],
)
def test_the_fee_says_free_or_paid_once(client, make_space, is_free, note, korean, english):
    space = make_space(is_free=is_free, fee_note=note)
    assert fee(client, space.url) == korean
    assert fee(client, "/en" + space.url) == english
