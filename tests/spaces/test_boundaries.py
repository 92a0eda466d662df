"""Seoul's outlines as open data: /api/districts.geojson (the 25 districts with their
number of spaces, the directory's slugs and a centre for the map's labels) and
/api/neighbourhoods.geojson?district=<slug> (a district's 법정동), the base layer every
map draws so it is readable without tiles."""

import json

from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from spaces.models import District

DISTRICTS = "/api/districts.geojson"
NEIGHBOURHOODS = "/api/neighbourhoods.geojson"


def answer(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    return body


def by_slug(body):
    return {feature["properties"]["slug"]: feature for feature in body["features"]}


def ring_points(geometry):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [point for polygon in polygons for ring in polygon for point in ring]


@pytest.mark.django_db
def test_every_district_is_there_with_the_directory_slug_and_its_spaces(
    make_space, client, committing
):
    make_space(title="망원 작은도서관", district="mapo")
    make_space(title="합정 공유부엌", district="mapo", space_type="shared-kitchen")
    make_space(title="성수 공방", district="seongdong", space_type="workshop")
    private = make_space(title="비공개 공방", district="seongdong", space_type="workshop")
    with committing():
        PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_space(title="초안 공간", district="jongno")
    draft.unpublish()

    body = answer(client.get(DISTRICTS))
    districts = by_slug(body)
    assert set(districts) == set(District.objects.values_list("slug", flat=True))
    assert len(districts) == 25
    assert districts["mapo"]["properties"]["spaces"] == 2
    assert districts["seongdong"]["properties"]["spaces"] == 1  # not the private one
    assert districts["jongno"]["properties"]["spaces"] == 0  # not the draft
    mapo = districts["mapo"]["properties"]
    assert (mapo["name"], mapo["name_ko"], mapo["name_en"]) == ("마포구", "마포구", "Mapo-gu")
    assert "행정안전부" in body["attribution"]
    # RFC 7946: [longitude, latitude], all of them in Seoul; the label inside the city.
    for feature in body["features"]:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for lon, lat in ring_points(feature["geometry"]):
            assert 126.7 < lon < 127.3 and 37.4 < lat < 37.75
        lon, lat = feature["properties"]["centre"]
        assert 126.7 < lon < 127.3 and 37.4 < lat < 37.75


@pytest.mark.django_db
def test_english_names_and_a_clear_error_for_an_unknown_language(bilingual_site, client):
    mapo = by_slug(answer(client.get(DISTRICTS, {"lang": "en"})))["mapo"]["properties"]
    assert mapo["name"] == "Mapo-gu"
    response = client.get(DISTRICTS, {"lang": "fr"})
    assert response.status_code == 400
    assert json.loads(response.content)["problems"][0]["parameter"] == "lang"


@pytest.mark.django_db
def test_the_counts_follow_a_publication_and_a_browser_revalidates_with_its_etag(
    make_space, client, committing
):
    first = client.get(DISTRICTS)
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert client.get(DISTRICTS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with committing():
        make_space(title="새 공간", district="gangnam")
    again = client.get(DISTRICTS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert by_slug(answer(again))["gangnam"]["properties"]["spaces"] == 1


@pytest.mark.django_db
def test_districts_cost_the_same_few_queries_however_many_spaces(
    make_space, django_assert_max_num_queries
):
    for n in range(6):
        make_space(title=f"공간 {n}", district="mapo" if n % 2 else "jongno")
    with django_assert_max_num_queries(4):
        answer(Client().get(DISTRICTS))


@pytest.mark.django_db
def test_a_district_s_neighbourhoods(bilingual_site, client):
    body = answer(client.get(NEIGHBOURHOODS, {"district": "mapo"}))
    names = {feature["properties"]["name"] for feature in body["features"]}
    assert {"망원동", "합정동", "서교동", "상암동"} <= names
    assert len(names) == 26
    assert {feature["properties"]["district"] for feature in body["features"]} == {"mapo"}
    assert body["district"] == "mapo"
    # Each name goes on a point inside its neighbourhood (not the middle of its box).
    mangwon = next(f for f in body["features"] if f["properties"]["name"] == "망원동")
    lon, lat = mangwon["properties"]["centre"]
    assert 126.89 < lon < 126.92 and 37.55 < lat < 37.57
    english = answer(client.get(NEIGHBOURHOODS, {"district": "mapo", "lang": "en"}))
    assert "Mangwon-dong" in {feature["properties"]["name"] for feature in english["features"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, parameter",
    [
        ({}, "district"),
        ({"district": "atlantis"}, "district"),
        ({"district": "mapo", "lang": "x"}, "lang"),
    ],
)
def test_a_bad_neighbourhood_request_says_what_is_wrong(bilingual_site, client, params, parameter):
    response = client.get(NEIGHBOURHOODS, params)
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["error"]
    assert body["problems"][0]["parameter"] == parameter
