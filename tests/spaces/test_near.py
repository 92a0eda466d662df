"""Finding spaces near a place people know (issue 17): ``/spaces/?near=`` takes a 동
(망원동, 망원1동), a district, an English name or coordinates, with or without spaces and
endings; the list holds the spaces within a radius of it, nearest first, each card with
its distance; a name not understood is said so, with the places it may have meant; the
map's GeoJSON, sent what the page resolved, counts the same spaces; the near field's
names come from ``/api/places.json``."""

import datetime as dt
import json
import re

from django.db import transaction
from django.utils import timezone

import pytest

from core import pagecache
from spaces import geo, seed

# Spaces at points a person would name (rounded from public maps, not from the code under
# test), and one at the middle of every district.
SPOTS = [
    ("망원동 사랑방", "Mangwon-dong Commons", "mapo", 37.5566, 126.9009),
    ("망원1동 사랑방", "", "mapo", 37.5522, 126.8986),
    ("망원2동 사랑방", "", "mapo", 37.5572, 126.8963),
    ("연남동 사랑방", "", "mapo", 37.5629, 126.9227),
    ("합정동 사랑방", "", "mapo", 37.5471, 126.9098),
    ("공덕동 사랑방", "", "mapo", 37.5469, 126.9528),
    ("서교동 사랑방", "", "mapo", 37.5534, 126.9199),
    ("성수동 사랑방", "", "seongdong", 37.5418, 127.0493),
    ("이태원동 사랑방", "", "yongsan", 37.5389, 126.9912),
    ("잠실동 사랑방", "", "songpa", 37.5144, 127.0839),
    ("잠실3동 사랑방", "", "songpa", 37.5160, 127.0945),
    ("역삼동 사랑방", "", "gangnam", 37.5004, 127.0387),
    ("역삼1동 사랑방", "", "gangnam", 37.4992, 127.0324),
    ("신촌동 사랑방", "", "seodaemun", 37.5650, 126.9391),
    ("신사동 사랑방", "", "gangnam", 37.5225, 127.0281),
    # First by name, far from 마포구: a search near 마포구 must not start with it.
    ("가나다 작은도서관", "", "songpa", 37.5050, 127.1150),
] + [(f"{name} 구민 사랑방", "", slug, lat, lng) for slug, name, _en, lat, lng in seed.DISTRICTS]

DISTRICT_OF = {slug: name for slug, name, *_rest in seed.DISTRICTS}
DISTRICT_OF_TITLE = {title: DISTRICT_OF[slug] for title, _en, slug, *_point in SPOTS}

# The held-out table: what a resident types → the place the chip names (Korean site) and
# the space that must come first (the one at that place).
RESOLVED = [
    # 동 with and without 동
    ("망원동", "마포구 망원동", "망원동 사랑방"),
    ("연남동", "마포구 연남동", "연남동 사랑방"),
    ("합정동", "마포구 합정동", "합정동 사랑방"),
    ("성수동", "성동구 성수동", "성수동 사랑방"),
    ("공덕동", "마포구 공덕동", "공덕동 사랑방"),
    ("서교동", "마포구 서교동", "서교동 사랑방"),
    ("이태원동", "용산구 이태원동", "이태원동 사랑방"),
    ("망원", "마포구 망원동", "망원동 사랑방"),
    ("연남", "마포구 연남동", "연남동 사랑방"),
    ("공덕", "마포구 공덕동", "공덕동 사랑방"),
    ("역삼", "강남구 역삼동", "역삼동 사랑방"),
    ("신촌", "서대문구 신촌동", "신촌동 사랑방"),
    ("성수", "성동구 성수동", "성수동 사랑방"),
    # 행정동, numbered
    ("망원1동", "마포구 망원1동", "망원1동 사랑방"),
    ("망원 2동", "마포구 망원2동", "망원2동 사랑방"),
    ("역삼1동", "강남구 역삼1동", "역삼1동 사랑방"),
    ("잠실3동", "송파구 잠실3동", "잠실3동 사랑방"),
    # districts, with and without 구, and the slug
    ("마포구", "마포구", "마포구 구민 사랑방"),
    ("마포", "마포구", "마포구 구민 사랑방"),
    ("송파구", "송파구", "송파구 구민 사랑방"),
    ("강남", "강남구", "강남구 구민 사랑방"),
    ("노원구", "노원구", "노원구 구민 사랑방"),
    ("mapo", "마포구", "마포구 구민 사랑방"),
    # English, with odd spacing and case
    ("Mangwon-dong", "마포구 망원동", "망원동 사랑방"),
    ("mangwon dong", "마포구 망원동", "망원동 사랑방"),
    ("  MANGWON   Dong ", "마포구 망원동", "망원동 사랑방"),
    ("Mapo-gu", "마포구", "마포구 구민 사랑방"),
    ("mapo gu", "마포구", "마포구 구민 사랑방"),
    ("SONGPA", "송파구", "송파구 구민 사랑방"),
    ("Itaewon-dong", "용산구 이태원동", "이태원동 사랑방"),
    ("Seongsu-dong", "성동구 성수동", "성수동 사랑방"),
    ("yeonnam-Dong", "마포구 연남동", "연남동 사랑방"),
    # as the suggestions write them (a name shared by districts, with its district)
    ("마포구 망원동", "마포구 망원동", "망원동 사랑방"),
    ("Mangwon-dong, Mapo-gu", "마포구 망원동", "망원동 사랑방"),
    ("강남구 신사동", "강남구 신사동", "신사동 사랑방"),
]
COORDINATES = [
    ("37.5566,126.9009", "망원동 사랑방"),
    ("37.5144, 127.0839", "잠실동 사랑방"),
    ("126.9009,37.5566", "망원동 사랑방"),  # longitude first, as GeoJSON writes it
]
MISSPELT = [
    ("망원도", "마포구 망원동", "망원동 사랑방"),
    ("마포고", "마포구", "마포구 구민 사랑방"),
    ("Mangwn-dong", "마포구 망원동", "망원동 사랑방"),
    ("연남똥", "마포구 연남동", "연남동 사랑방"),
    ("gangnum", "강남구", "강남구 구민 사랑방"),
    ("송파쿠", "송파구", "송파구 구민 사랑방"),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The site and the spaces above, saved once for the module in a transaction rolled
    back at its end (each test's own changes roll back with the test)."""
    from spaces.bulk import SpaceItem, save_spaces
    from spaces.models import District, SpaceType
    from tests.conftest import build_bilingual_site

    with django_db_blocker.unblock(), transaction.atomic():
        build_bilingual_site()
        space_type = SpaceType.objects.get(slug="small-library")
        districts = {d.slug: d for d in District.objects.all()}
        items = [
            SpaceItem(
                data={
                    "external_id": f"near-{number}",
                    "title": title,
                    "name_en": name_en,
                    "space_type": space_type,
                    "district": districts[slug],
                    "address": f"서울특별시 {DISTRICT_OF[slug]} 시험로 {number}",
                    "location": geo.point_string(lat, lng),
                }
            )
            for number, (title, name_en, slug, lat, lng) in enumerate(SPOTS, start=1)
        ]
        outcomes = save_spaces(items)
        assert [o.error for o in outcomes] == [None] * len(SPOTS)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site(world, db):
    pass


def page(client, path="/spaces/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def titles(html):
    return re.findall(r'<h3 class="space-card__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def distances(html):
    found = re.findall(r"거리 (\d+\.\d)km|(\d+\.\d) km away", html)
    return [float(ko or en) for ko, en in found]


def count(html):
    return int(re.search(r'class="results__count">\s*(?:공간 )?(\d+)', html)[1])


def chips(html):
    return re.findall(r'<a class="chip" href="[^"]*">([^<]+)<span class="visually-hidden">', html)


def suggestions(html):
    """(label, href) of each place offered instead of a name not understood."""
    block = re.search(r"data-near-status>(.*?)</div>", html, re.S)
    return (
        re.findall(r'<a class="near-status__place" href="([^"]+)">([^<]+)</a>', block[1])
        if block
        else []
    )


def map_total(client, html, language="ko"):
    """What the map shows for this page: it sends the page's point and radius."""
    near = re.search(r'data-near="([^"]+)" data-near-radius="(\d+)"', html)
    answer = client.get(
        "/api/spaces.geojson", {"near": near[1], "radius": near[2], "lang": language}
    ).json()
    return answer["total"]


# --- the held-out table ------------------------------------------------------------


@pytest.mark.parametrize("typed, place, first", RESOLVED, ids=[row[0] for row in RESOLVED])
def test_a_place_typed_as_people_do_lists_the_spaces_around_it_nearest_first(
    client, site, typed, place, first
):
    html = page(client, near=typed)
    radius = 5 if place.endswith("구") else 2
    assert f"{place} 반경 {radius}km" in chips(html)
    found = titles(html)
    assert found[0] == first
    assert DISTRICT_OF_TITLE[found[0]] == place.split()[0]
    km = distances(html)
    assert len(km) == len(found) and km == sorted(km) and km[-1] <= radius
    assert "message--warning" not in html


@pytest.mark.parametrize("typed, first", COORDINATES, ids=[row[0] for row in COORDINATES])
def test_coordinates_list_the_spaces_around_them(client, site, typed, first):
    html = page(client, near=typed)
    assert "지정한 위치 반경 2km" in chips(html)
    assert titles(html)[0] == first
    assert distances(html)[0] == 0.0


@pytest.mark.parametrize("typed, place, first", MISSPELT, ids=[row[0] for row in MISSPELT])
def test_a_misspelt_place_is_said_unknown_with_links_to_what_it_may_mean(
    client, site, typed, place, first
):
    html = page(client, near=typed)
    assert "맞는 자치구나 주소가 없습니다" in html
    assert "message--warning" in html
    offered = suggestions(html)
    assert offered and offered[0][1] == place
    # The link searches again near that place, keeping nothing of the bad name.
    href = offered[0][0].replace("&amp;", "&")
    again = page(client, path="/spaces/" + href)
    assert titles(again)[0] == first
    assert "message--warning" not in again


def test_a_name_several_districts_share_asks_which_one(client, site):
    html = page(client, near="신사동")
    assert "“신사동”(이)라는 곳은 여러 자치구에 있습니다" in html
    labels = [label for _href, label in suggestions(html)]
    assert labels[:2] == ["강남구 신사동", "은평구 신사동"]
    assert count(html) == len(SPOTS)  # the place was not applied: every space is listed


# --- the issue's own examples ------------------------------------------------------------


def test_mapo_gu_sorts_by_distance_even_when_the_form_sends_its_sort_field(client, site):
    """The form sends every field: its sort field's default must not be "by name"."""
    html = page(client, near="마포구", sort="")
    found = titles(html)
    assert found[0] == "마포구 구민 사랑방"
    assert "가나다 작은도서관" not in found and "송파구 구민 사랑방" not in found
    assert all(DISTRICT_OF_TITLE[t] in {"마포구", "서대문구", "영등포구", "은평구"} for t in found)
    assert '<option value="" selected>자동</option>' in html


def test_a_chosen_order_by_name_still_holds_the_spaces_within_the_radius(client, site):
    html = page(client, near="망원동", sort="name")
    found = titles(html)
    assert found == sorted(found)
    assert set(found) == set(titles(page(client, near="망원동")))


def test_the_radius_widens_and_narrows_the_list_and_the_map_follows(client, site):
    counts = {}
    for radius in ("1", "2", "5", "10"):
        html = page(client, near="망원동", radius=radius)
        counts[radius] = count(html)
        assert f"마포구 망원동 반경 {radius}km" in chips(html)
        assert max(distances(html)) <= int(radius)
        assert map_total(client, html) == counts[radius]
    assert counts["1"] < counts["2"] < counts["5"] < counts["10"] < len(SPOTS)


def test_a_radius_not_offered_is_said_and_the_default_applies(client, site):
    html = page(client, near="망원동", radius="3")
    assert "거리는 1, 2, 5, 10km 중에서 고르세요" in html
    assert "마포구 망원동 반경 2km" in chips(html)


def test_nothing_within_the_radius_offers_the_radius_that_holds_the_nearest(client, site):
    # North of 도봉구's middle: its space is 3.3 km away.
    html = page(client, near="37.6980,127.0420", radius="1")
    assert count(html) == 0
    assert "지정한 위치 반경 1km 안에는 공간이 없습니다." in html
    link = re.search(r'<a href="([^"]+)">반경 5km로 넓혀 찾기</a>', html)
    wider = page(client, path="/spaces/" + link[1].replace("&amp;", "&"))
    assert titles(wider)[0] == "도봉구 구민 사랑방"


def test_nothing_in_the_maps_area_says_so_and_offers_the_whole_circle(client, site):
    """Zoomed or panned away from the spaces near a place, the list is empty because of
    the map's area, not the radius: it says so, and one link searches the whole circle."""
    near = {"near": "37.6980,127.0420", "radius": "5"}
    assert count(page(client, **near)) >= 1  # 도봉구's space, 3.3 km away
    html = page(client, **near, bbox="127.03,37.69,127.05,37.70")  # a corner without it
    assert count(html) == 0
    assert "지도 영역 안, 지정한 위치 반경 5km에는 공간이 없습니다." in html
    assert "반경 5km 안에는 공간이 없습니다" not in html
    assert "필터를 줄이거나" not in html  # not the generic advice: the area is the cause
    link = re.search(r'<a href="([^"]+)">지도 영역만이 아니라 반경 5km 전체에서 찾기</a>', html)
    whole = page(client, path="/spaces/" + link[1].replace("&amp;", "&"))
    assert "bbox" not in link[1] and titles(whole)[0] == "도봉구 구민 사랑방"


@pytest.mark.parametrize(
    "typed", ["망원동", "마포구", "성수", "Mangwon-dong", "37.5566,126.9009", "신사동", "망원도"]
)
def test_the_map_counts_the_same_spaces_as_the_list(client, site, typed):
    html = page(client, near=typed)
    if 'data-near="' in html:
        assert map_total(client, html) == count(html)
    else:  # not understood: neither applies a place
        assert client.get("/api/spaces.geojson").json()["total"] == count(html)


def test_the_english_site_names_the_place_in_english(client, site):
    html = page(client, "/en/spaces/", near="Mangwon-dong")
    assert "Within 2 km of Mangwon-dong, Mapo-gu" in chips(html)
    assert titles(html)[0] == "Mangwon-dong Commons"
    assert "0.0 km away" in html
    assert map_total(client, html, "en") == count(html)


def test_removing_the_place_removes_its_radius_and_its_order(client, site):
    html = page(client, near="망원동", radius="5", sort="nearest", type="small-library")
    link = re.search(r'<a class="chip" href="([^"]*)">마포구 망원동 반경 5km', html)[1]
    assert link.replace("&amp;", "&") == "?type=small-library"


def test_the_place_field_keeps_what_was_typed_and_the_radius_chosen(client, site):
    html = page(client, near="망원", radius="5")
    assert 'name="near" value="망원"' in html
    assert '<option value="5" selected>5 km</option>' in html
    assert "행정구역: 통계청·행정안전부" in html  # credited on the map


# --- the map data and the place names ------------------------------------------------


def test_the_map_data_takes_a_place_by_name_too_and_refuses_what_it_cannot_place(client, site):
    by_name = client.get("/api/spaces.geojson", {"near": "망원동", "radius": "2"}).json()
    by_point = client.get("/api/spaces.geojson", {"near": "37.556606,126.900916"}).json()
    assert by_name["total"] == by_point["total"] > 0
    for params, parameter in (
        ({"near": "망원도"}, "near"),
        ({"near": "망원동", "radius": "3"}, "radius"),
    ):
        response = client.get("/api/spaces.geojson", params)
        assert response.status_code == 400
        assert [p["parameter"] for p in response.json()["problems"]] == [parameter]


def test_place_names_are_offered_to_anyone_from_memory_and_cached_by_browsers(
    client, site, django_assert_num_queries
):
    client.get("/api/places.json", {"q": "망"})  # the site's memo (core.memo) fills
    with django_assert_num_queries(0):
        korean = client.get("/api/places.json", {"q": "망원", "lang": "ko"})
        english = client.get("/api/places.json", {"q": "mangwon", "lang": "en"})
    assert [r["label"] for r in korean.json()["results"]] == [
        "마포구 망원동",
        "마포구 망원1동",
        "마포구 망원2동",
    ]
    assert english.json()["results"][0]["label"] == "Mangwon-dong, Mapo-gu"
    assert korean["Cache-Control"] == "public, max-age=86400"
    misspelt = client.get("/api/places.json", {"q": "망원도"}).json()
    assert misspelt["results"][0]["label"] == "마포구 망원동"
    assert pagecache.known_parameters("/api/places.json") >= {"q", "lang"}
    assert "radius" in pagecache.known_parameters("/spaces/")


@pytest.mark.parametrize(
    "query",
    ["q=%00", "q=" + "망" * 5000, "lang=%FF&q=a", "q=", "q=%20%20", "q=1e400,37"],
)
def test_the_place_names_never_fail(client, query):
    response = client.get(f"/api/places.json?{query}")
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(
    "params",
    [
        {"near": "%00"},
        {"near": "망" * 500},
        {"near": "Mangwon-dong", "radius": "nan"},
        {"near": "망원동", "radius": "1e400"},
        {"near": "95,200", "radius": "-1"},
        {"radius": "5"},
        {"near": "37.5566,126.9009", "radius": "10km"},
    ],
)
def test_bad_places_and_distances_give_a_page_never_an_error(client, site, params):
    html = page(client, **params)
    assert "results__count" in html


def test_near_a_place_the_directory_keeps_its_query_budget(
    client, site, django_assert_max_num_queries
):
    for path in (
        "/spaces/?near=망원동",
        "/en/spaces/?near=Mapo-gu&radius=10",
        "/spaces/?near=시험로",
    ):
        client.get(path)  # caches and renditions
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200


# --- polish: numbers in names, English examples, the chosen time carried along ------------


def test_a_number_typed_in_a_place_name_puts_the_names_holding_it_first(client):
    def labels(typed):
        answer = client.get("/api/places.json", {"q": typed}).json()
        return [result["label"] for result in answer["results"]]

    assert labels("망원1")[:3] == ["마포구 망원1동", "마포구 망원동", "마포구 망원2동"]
    assert labels("망원2")[0] == "마포구 망원2동"
    assert labels("종로1")[0] == "종로구 종로1가"
    assert labels("망원")[:3] == ["마포구 망원동", "마포구 망원1동", "마포구 망원2동"]


def map_strings(html):
    return json.loads(re.search(r'id="directory-map-strings"[^>]*>(.*?)</script>', html, re.S)[1])


def test_the_english_directory_gives_english_examples_credits_and_a_singular(client, site):
    english = page(client, "/en/spaces/", near="Atlantis")
    assert "A district or neighbourhood (e.g. Mapo-gu, Mangwon-dong)" in english
    assert "give a district (e.g. Mapo-gu), a neighbourhood we hold (e.g. Mangwon-dong)" in english
    assert "e.g. 마포구" not in english and "e.g. 망원동" not in english
    assert (
        'data-place-credit="Boundaries: Statistics Korea, Ministry of the Interior and Safety"'
        in english
    )
    strings = map_strings(english)
    assert (strings["spacesOne"], strings["spaces"]) == (
        "1 space on the map",
        "%(count)s spaces on the map",
    )
    assert strings["capacityOne"] == "up to 1 person"

    korean = page(client, near="Atlantis")
    assert "자치구나 동네 이름(예: 마포구, 망원동)" in korean
    assert "자치구(예: 마포구), 동네 이름(예: 망원동)" in korean
    assert 'data-place-credit="행정구역: 통계청·행정안전부"' in korean
    strings = map_strings(korean)
    assert (strings["spacesOne"], strings["spaces"]) == (
        "지도에 공간 1곳",
        "지도에 공간 %(count)s곳",
    )


@pytest.fixture
def bookable_space(site):
    from spaces.models import District, SpaceType
    from spaces.services import save_space

    space, _created = save_space(
        {
            "external_id": "near-bookable",
            "title": "망원 예약 사랑방",
            "space_type": SpaceType.objects.get(slug="small-library"),
            "district": District.objects.get(slug="mapo"),
            "address": "서울특별시 마포구 시험로 99",
            "latitude": 37.5566,
            "longitude": 126.9009,
            "bookable": True,
            "opening_hours": "Mo-Su 08:00-24:00",
            "capacity": 10,
        }
    )
    return space


def card_link(html, title):
    link = re.search(rf'href="([^"]+)">{title}</a>', html)[1]
    return link.replace("&amp;", "&")


def test_a_time_chosen_in_the_directory_goes_with_the_space_to_its_booking_form(
    client, bookable_space, django_user_model
):
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    html = page(client, date=day, start="10:00", end="12:00")
    assert titles(html) == ["망원 예약 사랑방"]
    link = card_link(html, "망원 예약 사랑방")
    assert link == f"{bookable_space.url}?date={day}&start=10%3A00&end=12%3A00"

    space_page = client.get(link).content.decode()
    booking = card_link(space_page, "예약 신청")
    assert booking.endswith(f"/book/?date={day}&start=10:00&end=12:00")
    client.force_login(django_user_model.objects.create_user("near-booker", password="x"))
    form = client.get(booking).content.decode()
    assert f'name="date" value="{day}"' in form
    assert 'name="start" value="10:00"' in form
    assert 'name="end" value="12:00"' in form

    # Without a time the links are plain again: the space page shows its first free day.
    assert card_link(page(client), "망원 예약 사랑방") == bookable_space.url
    assert "book/?date=" in client.get(bookable_space.url).content.decode()
    assert "&amp;start=" not in client.get(bookable_space.url).content.decode()


def test_a_card_kept_for_a_chosen_time_is_not_shown_for_another(client, bookable_space, settings):
    settings.CACHE_SECONDS = 600  # the cards are kept, as in production
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    first = card_link(page(client, date=day, start="10:00", end="12:00"), "망원 예약 사랑방")
    later = card_link(page(client, date=day, start="14:00", end="24:00"), "망원 예약 사랑방")
    plain = card_link(page(client, q="예약"), "망원 예약 사랑방")
    assert first.endswith("start=10%3A00&end=12%3A00")
    assert later.endswith("start=14%3A00&end=24%3A00")
    assert plain == bookable_space.url
