"""The open map data at /api/spaces.geojson: an RFC 7946 FeatureCollection of the live
spaces in a bbox, narrowed by the directory's own filters, with 400s that name the bad
parameter, CORS, ETag/304 caching, server-side clusters for crowded areas and a number
of queries that does not grow with the number of spaces."""

import datetime as dt
import itertools
import json
import re
from urllib.parse import urlsplit

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine

from core import versions
from spaces import geo
from spaces.bulk import SpaceItem, save_spaces
from spaces.models import AccessibilityFeature, Amenity, District, SpaceType
from spaces.services import save_space

URL = "/api/spaces.geojson"
SEOUL = "126.76,37.41,127.19,37.72"  # the whole city: west,south,east,north


# --- helpers ------------------------------------------------------------------------------


def get(client, **params):
    return client.get(URL, params)


def collection(response):
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def points(data):
    return [f for f in data["features"] if not f["properties"].get("cluster")]


def feature_titles(response):
    return sorted(f["properties"]["title"] for f in points(collection(response)))


def directory_titles(client, **params):
    """The titles the directory page lists for the same query string."""
    response = client.get("/spaces/", params)
    assert response.status_code == 200
    return sorted(
        re.findall(
            r'<h3 class="space-card__title"><a href="[^"]+">([^<]+)</a>',
            response.content.decode(),
        )
    )


def problems(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    assert body["error"]
    return {problem["parameter"] for problem in body["problems"]}


def amenities(*slugs):
    return list(Amenity.objects.filter(slug__in=slugs))


def features(*slugs):
    return list(AccessibilityFeature.objects.filter(slug__in=slugs))


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture
def spaces(make_space):
    """The directory tests' three spaces, in three districts (the hall is bookable)."""
    return {
        "library": make_space(
            title="망원 작은도서관",
            name_en="Mangwon Small Library",
            space_type="small-library",
            district="mapo",
            capacity=20,
            opening_hours="Mo-Fr 09:00-18:00",
            amenities=amenities("wifi", "projector"),
            accessibility=features("wheelchair-access", "lift"),
            latitude=37.5560,
            longitude=126.9050,
        ),
        "kitchen": make_space(
            title="성수 공유부엌",
            name_en="Seongsu Shared Kitchen",
            space_type="shared-kitchen",
            district="seongdong",
            capacity=12,
            opening_hours="Sa-Su 10:00-20:00",
            amenities=amenities("kitchen", "wifi"),
            accessibility=features("wheelchair-access"),
            latitude=37.5445,
            longitude=127.0560,
            address="서울특별시 성동구 성수이로 7",
        ),
        "hall": make_space(
            title="강남 다목적홀",
            name_en="Gangnam Hall",
            space_type="multipurpose-hall",
            district="gangnam",
            capacity=120,
            bookable=True,
            opening_hours="Mo-Su 08:00-22:00",
            amenities=amenities("projector", "sound-system"),
            latitude=37.4966,
            longitude=127.0630,
            address="서울특별시 강남구 테헤란로 5",
        ),
    }


@pytest.fixture
def add_spaces(bilingual_site):
    """``add_spaces([(lat, lng), …])``: published spaces at those points, saved in one
    batch through the bulk path (fast: a few statements for the whole list)."""
    space_type = SpaceType.objects.get(slug="small-library")
    district = District.objects.get(slug="mapo")
    counter = itertools.count(1)

    def add(coordinates):
        items = []
        for latitude, longitude in coordinates:
            n = next(counter)
            data = {
                "external_id": f"geojson-{n}",
                "title": f"지도 공간 {n:03d}",
                "space_type": space_type,
                "district": district,
                "address": f"서울특별시 마포구 망원로 {n}",
                "location": geo.point_string(latitude, longitude),
            }
            items.append(SpaceItem(data=data))
        outcomes = save_spaces(items)
        assert [o.error for o in outcomes] == [None] * len(outcomes)
        return [o.page for o in outcomes]

    return add


def grid(count, south=37.45, west=126.80, step=0.013, columns=25):
    """``count`` points on a grid across Seoul, ``step`` degrees apart."""
    return [
        (round(south + (i // columns) * step, 6), round(west + (i % columns) * step, 6))
        for i in range(count)
    ]


# --- the happy path -----------------------------------------------------------------------


def test_a_feature_collection_of_points_in_lon_lat_order(client, spaces):
    response = get(client, bbox=SEOUL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = collection(response)
    assert data["type"] == "FeatureCollection"
    assert data["clustered"] is False
    assert data["total"] == 3
    by_id = {f["properties"]["id"]: f for f in data["features"]}
    assert set(by_id) == {s.pk for s in spaces.values()}
    for space in spaces.values():
        feature = by_id[space.pk]
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        # RFC 7946: longitude first (Seoul: ~127 east, ~37.5 north).
        assert feature["geometry"]["coordinates"] == [space.longitude, space.latitude]


def test_properties_carry_id_title_url_slugs_capacity_and_bookable(client, spaces):
    data = collection(get(client, bbox=SEOUL))
    by_id = {f["properties"]["id"]: f["properties"] for f in data["features"]}
    hall = by_id[spaces["hall"].pk]
    assert hall["id"] == spaces["hall"].pk
    assert hall["title"] == "강남 다목적홀"
    assert hall["type"] == "multipurpose-hall"
    assert hall["district"] == "gangnam"
    assert hall["capacity"] == 120
    assert hall["bookable"] is True
    kitchen = by_id[spaces["kitchen"].pk]
    assert (kitchen["type"], kitchen["district"]) == ("shared-kitchen", "seongdong")
    assert (kitchen["capacity"], kitchen["bookable"]) == (12, False)


def test_each_url_is_absolute_and_opens_the_space_page(client, spaces):
    data = collection(get(client, bbox=SEOUL))
    assert len(data["features"]) == 3
    for feature in data["features"]:
        url = urlsplit(feature["properties"]["url"])
        assert (url.scheme, url.netloc) == ("http", "testserver")
        assert url.path.startswith("/spaces/")
        page = client.get(url.path)
        assert page.status_code == 200
        assert feature["properties"]["title"] in page.content.decode()


def test_english_names_and_english_urls_with_lang_en(client, spaces):
    data = collection(get(client, bbox=SEOUL, lang="en"))
    by_id = {f["properties"]["id"]: f["properties"] for f in data["features"]}
    library = by_id[spaces["library"].pk]
    assert library["title"] == "Mangwon Small Library"
    path = urlsplit(library["url"]).path
    assert path.startswith("/en/spaces/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Mangwon Small Library" in page.content.decode()
    # The Korean answer keeps the Korean name and the unprefixed address.
    korean = collection(get(client, bbox=SEOUL, lang="ko"))
    korean_library = {f["properties"]["id"]: f["properties"] for f in korean["features"]}[
        spaces["library"].pk
    ]
    assert korean_library["title"] == "망원 작은도서관"
    assert urlsplit(korean_library["url"]).path.startswith("/spaces/")


def test_drafts_and_spaces_without_a_map_point_are_left_out(client, spaces, make_space):
    nowhere = make_space(title="주소만 있는 공간", latitude=None, longitude=None)
    assert nowhere.live and nowhere.latitude is None
    draft, _created = save_space(
        {
            "external_id": "draft-1",
            "title": "아직 비공개 공간",
            "space_type": SpaceType.objects.get(slug="workshop"),
            "district": District.objects.get(slug="mapo"),
            "address": "서울특별시 마포구 망원로 3",
            "latitude": 37.5561,
            "longitude": 126.9051,
        },
        publish=False,
    )
    assert not draft.live
    data = collection(get(client, bbox=SEOUL))
    ids = {f["properties"]["id"] for f in data["features"]}
    assert ids == {s.pk for s in spaces.values()}
    assert data["total"] == 3
    # Without a bbox, still no draft and no point-less space.
    assert {f["properties"]["id"] for f in collection(get(client))["features"]} == ids


# --- the bbox -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edge, inside, outside",
    [
        ("west", "126.905,37.5,127.0,37.6", "126.90501,37.5,127.0,37.6"),
        ("south", "126.8,37.556,127.0,37.6", "126.8,37.55601,127.0,37.6"),
        ("east", "126.8,37.5,126.905,37.6", "126.8,37.5,126.90499,37.6"),
        ("north", "126.8,37.5,127.0,37.556", "126.8,37.5,127.0,37.55599"),
    ],
)
def test_a_space_on_the_edge_is_inside_just_beyond_it_is_not(client, spaces, edge, inside, outside):
    """The library stands at 37.5560 N, 126.9050 E."""
    assert feature_titles(get(client, bbox=inside)) == ["망원 작은도서관"]
    assert feature_titles(get(client, bbox=outside)) == []


def test_a_bbox_around_one_district_returns_only_its_spaces(client, spaces):
    around_gangnam = "127.03,37.48,127.09,37.51"
    assert feature_titles(get(client, bbox=around_gangnam)) == ["강남 다목적홀"]
    assert feature_titles(get(client, bbox=around_gangnam)) == feature_titles(
        get(client, bbox=SEOUL, district="gangnam")
    )
    assert directory_titles(client, bbox=around_gangnam) == ["강남 다목적홀"]


# --- the directory's filters --------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"type": "shared-kitchen"}, ["성수 공유부엌"]),
        ({"type": ["shared-kitchen", "small-library"]}, ["망원 작은도서관", "성수 공유부엌"]),
        ({"district": "gangnam"}, ["강남 다목적홀"]),
        ({"amenity": "wifi"}, ["망원 작은도서관", "성수 공유부엌"]),
        ({"amenity": ["wifi", "projector"]}, ["망원 작은도서관"]),
        ({"accessibility": "wheelchair-access"}, ["망원 작은도서관", "성수 공유부엌"]),
        ({"accessibility": ["wheelchair-access", "lift"]}, ["망원 작은도서관"]),
        ({"min_capacity": "15"}, ["강남 다목적홀", "망원 작은도서관"]),
        ({"min_capacity": "100"}, ["강남 다목적홀"]),
        ({"q": "부엌"}, ["성수 공유부엌"]),
        ({"q": "kitchen"}, ["성수 공유부엌"]),
        ({"q": "테헤란로"}, ["강남 다목적홀"]),
        ({"q": "망원 부엌"}, []),
        ({"amenity": "wifi", "min_capacity": "15"}, ["망원 작은도서관"]),
        ({"district": "mapo", "type": "shared-kitchen"}, []),
    ],
)
def test_each_filter_narrows_the_map_as_it_narrows_the_directory(client, spaces, params, expected):
    assert feature_titles(get(client, bbox=SEOUL, **params)) == expected
    assert directory_titles(client, bbox=SEOUL, **params) == expected


def test_open_now_follows_the_opening_hours_like_the_directory(client, spaces):
    saturday_noon = timezone.make_aware(dt.datetime(2026, 11, 28, 12, 0))
    with time_machine.travel(saturday_noon, tick=False):
        expected = ["강남 다목적홀", "성수 공유부엌"]
        assert feature_titles(get(client, bbox=SEOUL, open_now="1")) == expected
        assert directory_titles(client, bbox=SEOUL, open_now="1") == expected
    monday_morning = timezone.make_aware(dt.datetime(2026, 11, 23, 8, 30))
    with time_machine.travel(monday_morning, tick=False):
        assert feature_titles(get(client, bbox=SEOUL, open_now="1")) == ["강남 다목적홀"]
        assert directory_titles(client, bbox=SEOUL, open_now="1") == ["강남 다목적홀"]


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"bbox": "126.8,37.4,127.2"}, "bbox"),
        ({"bbox": "126.8,37.4,127.2,37.7,1"}, "bbox"),
        ({"bbox": "west,south,east,north"}, "bbox"),
        ({"bbox": "nan,37.4,127.2,37.7"}, "bbox"),
        ({"bbox": "126.8,37.4,inf,37.7"}, "bbox"),
        ({"bbox": "126.8,-inf,127.2,37.7"}, "bbox"),
        ({"bbox": "127.2,37.4,126.8,37.7"}, "bbox"),  # west > east
        ({"bbox": "126.8,37.4,126.8,37.7"}, "bbox"),  # west == east
        ({"bbox": "126.8,37.7,127.2,37.4"}, "bbox"),  # south > north
        ({"bbox": "126.8,37.5,127.2,37.5"}, "bbox"),  # south == north
        ({"bbox": "126.8,37.4,127.2,95"}, "bbox"),
        ({"bbox": "126.8,-95,127.2,37.7"}, "bbox"),
        ({"bbox": "126.8,37.4,200,37.7"}, "bbox"),
        ({"bbox": "-200,37.4,127.2,37.7"}, "bbox"),
        ({"bbox": SEOUL, "zoom": "-1"}, "zoom"),
        ({"bbox": SEOUL, "zoom": "23"}, "zoom"),
        ({"bbox": SEOUL, "zoom": "abc"}, "zoom"),
        ({"bbox": SEOUL, "zoom": "1.5"}, "zoom"),
        ({"bbox": SEOUL, "type": "castle"}, "type"),
        ({"bbox": SEOUL, "district": "atlantis"}, "district"),
        ({"bbox": SEOUL, "amenity": "jacuzzi"}, "amenity"),
        ({"bbox": SEOUL, "accessibility": "teleporter"}, "accessibility"),
        ({"bbox": SEOUL, "min_capacity": "abc"}, "min_capacity"),
        ({"bbox": SEOUL, "min_capacity": "0"}, "min_capacity"),
        ({"bbox": SEOUL, "lang": "fr"}, "lang"),
    ],
)
def test_malformed_or_out_of_range_input_is_a_400_naming_the_parameter(
    client, spaces, params, parameter
):
    response = get(client, **params)
    assert problems(response) == {parameter}
    assert "ETag" not in response


def test_the_lists_own_parameters_are_ignored(client, spaces):
    """sort and page order or page the list; the map answers the same set (near a
    place both hold the spaces within its radius: tests/spaces/test_near.py)."""
    plain = collection(get(client, bbox=SEOUL))
    for extra in ({"sort": "nearest"}, {"sort": "random"}, {"page": "x"}):
        assert collection(get(client, bbox=SEOUL, **extra))["features"] == plain["features"]


def test_every_bad_parameter_is_named_at_once(client, spaces):
    response = get(client, bbox="1,2,3", zoom="99", type="castle", min_capacity="many")
    assert problems(response) == {"bbox", "zoom", "type", "min_capacity"}


@pytest.mark.parametrize(
    "query",
    [
        "bbox=",
        "bbox=,,,",
        "bbox=1e400,37.4,127.2,37.7",
        "bbox=%00",
        "zoom=" + "9" * 5000,
        "zoom=%00",
        "min_capacity=" + "9" * 5000,
        "type=%00&district=%FF",
        "q=" + "가" * 500,
        "lang=%00",
        "open_now=%FF&near=%00",
        "bbox=126.8,37.4,127.2,37.7&bbox=garbage",
    ],
)
def test_no_input_ever_gives_a_server_error(client, spaces, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code in (200, 400)
    assert response["Access-Control-Allow-Origin"] == "*"
    json.loads(response.content)


# --- methods and CORS ---------------------------------------------------------------------


def test_post_is_a_405_in_json_not_a_csrf_page(db, spaces):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"bbox": SEOUL})
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert "error" in json.loads(response.content)
    assert "GET" in response["Allow"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_options_is_a_cors_preflight(client, spaces):
    response = client.options(URL, headers={"Origin": "https://maps.example.org"})
    assert response.status_code == 204
    assert "GET" in [m.strip() for m in response["Access-Control-Allow-Methods"].split(",")]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_anyone_may_read_it_from_another_site(client, spaces):
    response = client.get(URL, {"bbox": SEOUL}, headers={"Origin": "https://maps.example.org"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


# --- caching ------------------------------------------------------------------------------


def test_etag_and_cache_control_and_304_on_a_repeat(client, spaces):
    response = get(client, bbox=SEOUL)
    etag = response["ETag"]
    assert re.fullmatch(r'(W/)?"[^"]+"', etag)
    # A browser asks again each time (the map must agree with the list after a
    # booking), and is answered 304 while nothing changed.
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(URL, {"bbox": SEOUL}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # Another question has another tag.
    other = get(client, bbox=SEOUL, type="shared-kitchen")
    assert other["ETag"] != etag
    assert (
        client.get(
            URL, {"bbox": SEOUL, "type": "shared-kitchen"}, headers={"If-None-Match": etag}
        ).status_code
        == 200
    )


def test_changing_a_space_changes_the_etag_and_the_body(client, spaces):
    first = get(client, bbox=SEOUL)
    etag = first["ETag"]
    assert "망원 작은도서관" in first.content.decode()
    save_space({"external_id": spaces["library"].external_id, "title": "망원 책마루"})
    changed = client.get(URL, {"bbox": SEOUL}, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "망원 책마루" in feature_titles(changed)
    assert "망원 작은도서관" not in feature_titles(changed)


def test_publishing_a_draft_changes_the_etag_and_adds_the_space(client, spaces):
    data = {
        "external_id": "draft-2",
        "title": "곧 여는 공방",
        "space_type": SpaceType.objects.get(slug="workshop"),
        "district": District.objects.get(slug="mapo"),
        "address": "서울특별시 마포구 망원로 9",
        "latitude": 37.5570,
        "longitude": 126.9070,
    }
    save_space(data, publish=False)
    before = get(client, bbox=SEOUL)
    assert "곧 여는 공방" not in feature_titles(before)
    save_space(data, publish=True)
    after = client.get(URL, {"bbox": SEOUL}, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "곧 여는 공방" in feature_titles(after)


def test_unpublishing_a_space_removes_it(client, spaces):
    before = get(client, bbox=SEOUL)
    spaces["kitchen"].unpublish()
    after = client.get(URL, {"bbox": SEOUL}, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "성수 공유부엌" not in feature_titles(after)


def test_urls_come_from_the_public_address_whatever_the_request(client, spaces, settings):
    """Every absolute link is the configured public address's (``PORTAL_BASE_URL``): a
    plain-http health check or an internal host asking first changes nothing."""
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    plain = collection(client.get(URL, {"bbox": SEOUL}))
    secure = collection(client.get(URL, {"bbox": SEOUL}, secure=True))
    for answer in (plain, secure):
        urls = [f["properties"]["url"] for f in answer["features"]]
        assert urls and all(url.startswith("https://portal.example.org/spaces/") for url in urls)


def test_losing_the_version_key_never_serves_stale_data(client, spaces):
    """The data version lives only in the cache: when its key is evicted (LRU, a
    Redis restart) the counter must not fall back to a value already handed out, or
    old ETags and old cached answers become valid again."""
    versions.cache.clear()  # a fresh cache, as after a deploy or a Redis restart
    first = get(client, bbox=SEOUL)
    assert "망원 작은도서관" in feature_titles(first)
    save_space({"external_id": spaces["library"].external_id, "title": "망원 책마루"})
    assert "망원 책마루" in feature_titles(get(client, bbox=SEOUL))
    versions.cache.delete(versions.SITE)  # evicted; the cached answers are still there
    assert "망원 책마루" in feature_titles(get(client, bbox=SEOUL))
    after = client.get(URL, {"bbox": SEOUL}, headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200


# --- clustering ---------------------------------------------------------------------------


def test_a_crowded_bbox_answers_with_clusters(client, add_spaces, settings):
    settings.SPACES_MAP_MAX_POINTS = 3
    # Three tight groups of four (Mapo, Seongdong, Gangnam), each well inside one grid
    # cell at zoom 11, and one lone space.
    groups = [(37.5560, 126.9050), (37.5445, 127.0500), (37.4966, 127.0630)]
    coordinates = [(lat + i * 0.0001, lng + i * 0.0001) for lat, lng in groups for i in range(4)]
    coordinates.append((37.6500, 126.8000))
    add_spaces(coordinates)
    data = collection(get(client, bbox=SEOUL, zoom="11"))
    assert data["type"] == "FeatureCollection"
    assert data["clustered"] is True
    assert data["zoom"] == 11
    assert data["total"] == len(coordinates)
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    assert sorted(f["properties"]["count"] for f in clusters) == [4, 4, 4]
    assert sum(f["properties"].get("count", 1) for f in data["features"]) == data["total"]
    for feature in clusters:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert feature["properties"]["cluster"] is True
        assert feature["properties"]["count"] >= 2
        lng, lat = feature["geometry"]["coordinates"]
        west, south, east, north = feature["properties"]["bbox"]
        assert west <= lng <= east and south <= lat <= north
        assert 126.76 <= lng <= 127.19 and 37.41 <= lat <= 37.72  # [lon, lat], in Seoul
    # A lone space stays a full point feature.
    lone = [f for f in data["features"] if not f["properties"].get("cluster")]
    assert [f["geometry"]["coordinates"] for f in lone] == [[126.8, 37.65]]
    assert {"id", "title", "url", "type", "district"} <= set(lone[0]["properties"])


def test_zooming_in_splits_clusters(client, add_spaces, settings):
    settings.SPACES_MAP_MAX_POINTS = 3
    pages = add_spaces(grid(40, step=0.007, columns=8))
    counts = []
    for zoom in (0, 5, 9, 11, 13, 15, 22):
        data = collection(get(client, bbox=SEOUL, zoom=str(zoom)))
        assert data["clustered"] is True and data["zoom"] == zoom
        assert sum(f["properties"].get("count", 1) for f in data["features"]) == 40
        counts.append(len(data["features"]))
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]
    # At the closest zoom every space (700 m apart) is its own point again.
    data = collection(get(client, bbox=SEOUL, zoom="22"))
    assert {f["properties"]["id"] for f in data["features"]} == {p.pk for p in pages}


def test_without_zoom_the_bbox_picks_one(client, add_spaces, settings):
    settings.SPACES_MAP_MAX_POINTS = 3
    add_spaces(grid(10))
    data = collection(get(client, bbox=SEOUL))
    assert data["clustered"] is True
    assert 0 <= data["zoom"] <= 22
    assert sum(f["properties"].get("count", 1) for f in data["features"]) == 10


def test_filters_apply_to_clusters_too(client, add_spaces, spaces, settings):
    settings.SPACES_MAP_MAX_POINTS = 3
    add_spaces(grid(10))  # small libraries in Mapo
    data = collection(get(client, bbox=SEOUL, type="small-library", zoom="11"))
    assert data["clustered"] is True
    assert data["total"] == 11  # the ten plus the Mangwon library
    kitchens = collection(get(client, bbox=SEOUL, type="shared-kitchen", zoom="11"))
    assert kitchens["clustered"] is False
    assert [f["properties"]["title"] for f in kitchens["features"]] == ["성수 공유부엌"]


def test_at_or_under_the_threshold_the_answer_is_plain_points(client, add_spaces, settings):
    settings.SPACES_MAP_MAX_POINTS = 3
    pages = add_spaces(grid(3) + [(37.70, 127.15)])
    in_the_south_west = "126.76,37.41,126.90,37.50"
    data = collection(get(client, bbox=in_the_south_west, zoom="5"))
    assert data["clustered"] is False
    assert "zoom" not in data
    assert data["total"] == 3
    assert {f["properties"]["id"] for f in data["features"]} == {p.pk for p in pages[:3]}
    assert not any(f["properties"].get("cluster") for f in data["features"])


# --- query budget -------------------------------------------------------------------------


def count_queries(client, **params):
    for cache in caches.all():  # no cached body, taxonomies or locale: the full cost
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, **params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("max_points", [1000, 3], ids=["points", "clusters"])
def test_the_number_of_queries_does_not_grow_with_the_spaces(
    client, add_spaces, settings, django_assert_max_num_queries, max_points
):
    settings.SPACES_MAP_MAX_POINTS = max_points
    lone = (37.7100, 127.1800)  # one space alone in its cell, so clusters mix in a point
    add_spaces([lone, *grid(4)])
    params = {"bbox": SEOUL, "zoom": "11"}
    small = {lang: count_queries(client, **params, lang=lang) for lang in ("ko", "en")}
    add_spaces(grid(30)[4:])
    data = collection(get(client, bbox=SEOUL, zoom="11"))
    assert data["total"] == 31
    assert data["clustered"] is (max_points == 3)
    large = {lang: count_queries(client, **params, lang=lang) for lang in ("ko", "en")}
    assert large == small
    versions.cache.clear()
    with django_assert_max_num_queries(12):
        get(client, bbox=SEOUL, zoom="11", type="small-library", amenity="wifi", open_now="1")
