"""The Seoul gazetteer (``spaces.places``): places found by the names people type, in
Korean or English, with or without their 구/동 endings, inside addresses; and the look-up
views the map pickers ask (the admin's, behind admin access; the registration form's,
for signed-in people)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest

from spaces import access, places, seed

MANGWON = (37.556606, 126.900916)  # 마포구 망원동 (법정동) in the data


def names(found):
    return [(place.district, place.name) for place in found]


@pytest.mark.parametrize("text", ["망원동", "망원", "Mangwon-dong", "mangwon dong", "MANGWONDONG"])
def test_mangwon_dong_is_found_by_its_korean_or_english_name(text):
    found = places.lookup(text)
    assert names(found)[0] == ("마포구", "망원동")
    assert places.best(text) == found[0]
    assert (found[0].lat, found[0].lon) == MANGWON
    assert found[0].kind == places.LEGAL


def test_mangwon_dong_also_offers_the_administrative_dongs_named_after_it():
    assert names(places.lookup("망원동")) == [
        ("마포구", "망원동"),
        ("마포구", "망원1동"),
        ("마포구", "망원2동"),
    ]


def test_a_numbered_administrative_dong_is_found_as_itself():
    best = places.best("망원1동")
    assert (best.district, best.name, best.kind) == ("마포구", "망원1동", places.ADMIN)
    # The source names 행정동 in Korean only: the English name follows its 법정동
    # family and the data's way of writing numbers (상도1동 is "Sangdo 1(il)-dong").
    assert best.name_en == "Mangwon 1(il)-dong" and best.district_en == "Mapo-gu"
    assert best.label("en") == "Mangwon 1(il)-dong, Mapo-gu"


def test_an_administrative_dong_of_no_legal_family_is_romanised():
    best = places.best("청룡동")
    assert (best.district, best.kind) == ("관악구", places.ADMIN)
    assert best.label("en") == "Cheongnyong-dong, Gwanak-gu"


def test_no_english_label_holds_hangul_and_each_finds_its_place_again():
    """What the English "near a place" box offers is English only, and sending it
    (the field then holds the label) finds the place offered."""
    for place in places.gazetteer().places:
        for language in ("en", "ko"):
            label = place.label(language)
            if language == "en":
                assert not any("가" <= char <= "힣" for char in label), label
            found = places.resolve(label)
            assert (found.district, found.name) == (place.district, place.name), label


def test_the_public_lookup_answers_in_the_language_asked(client):
    english = client.get("/api/places.json", {"q": "망원1", "lang": "en"}).json()
    korean = client.get("/api/places.json", {"q": "망원1"}).json()
    assert english["results"][0]["label"] == "Mangwon 1(il)-dong, Mapo-gu"
    assert korean["results"][0]["label"] == "마포구 망원1동"
    for result in english["results"]:
        assert not any("가" <= char <= "힣" for char in result["label"]), result
    for result in korean["results"]:
        assert not any(char.isascii() and char.isalpha() for char in result["label"]), result


@pytest.mark.parametrize("text", ["마포구", "마포", "Mapo-gu", "mapo", "mapo gu"])
def test_a_district_is_found_before_a_dong_of_the_same_stem(text):
    best = places.best(text)
    assert (best.name, best.kind) == ("마포구", places.DISTRICT)
    # The taxonomy's own centre (spaces.seed, as the District rows have it).
    assert (best.lat, best.lon) == (37.5593, 126.9087)
    assert ("마포구", "마포동") in names(places.lookup(text))


def test_every_district_of_the_taxonomy_is_in_the_gazetteer():
    for slug, name, name_en, lat, lon in seed.DISTRICTS:
        for text in (name, name_en):
            best = places.best(text)
            assert (best.kind, best.code, best.lat, best.lon) == (places.DISTRICT, slug, lat, lon)


def test_yeonnam_dong_is_one_place_although_both_kinds_of_dong_carry_the_name():
    found = places.lookup("연남동")
    assert names(found) == [("마포구", "연남동")]
    assert found[0].kind == places.LEGAL and found[0].name_en == "Yeonnam-dong"


def test_seongsu_dong_has_no_single_place_so_its_parts_are_offered():
    """The data holds 성수동1가 and 성수동2가 (법정동) and four 성수…동 (행정동), no
    plain 성수동: a person picks one."""
    assert places.best("성수동") is None
    found = names(places.lookup("성수동"))
    assert found[:2] == [("성동구", "성수동1가"), ("성동구", "성수동2가")]
    assert ("성동구", "성수1가1동") in found
    assert places.best("Seongsu-dong 1-ga").name == "성수동1가"


def test_a_name_in_several_districts_is_left_for_the_person_to_choose():
    assert places.best("신사동") is None
    assert names(places.lookup("신사동"))[:2] == [("강남구", "신사동"), ("은평구", "신사동")]


@pytest.mark.parametrize(
    "address",
    [
        "서울 마포구 망원동 123-4",
        "서울특별시 마포구 망원동 412-3번지",
        "123-4 Mangwon-dong, Mapo-gu, Seoul",
    ],
)
def test_an_address_finds_its_dong(address):
    found = places.lookup(address)
    assert names(found) == [("마포구", "망원동"), ("마포구", "마포구")]
    assert places.best(address).name == "망원동"


def test_an_address_naming_its_district_keeps_the_dong_of_that_district():
    assert places.best("서울 은평구 신사동 12").district == "은평구"
    assert places.best("서울 강남구 신사동 12").district == "강남구"


def test_a_road_name_address_finds_its_district():
    assert places.best("서울특별시 마포구 월드컵로 212").name == "마포구"


@pytest.mark.parametrize("text", ["", "   ", "없는동네", "Atlantis", "123-4", "서울"])
def test_unknown_names_find_nothing(text):
    assert places.lookup(text) == []
    assert places.best(text) is None


def test_suggest_offers_names_being_typed():
    assert [p.name for p in places.suggest("망원", limit=3)] == ["망원동", "망원1동", "망원2동"]
    typed = [p.name for p in places.suggest("망", limit=10)]
    assert {"망원동", "망우동"} <= set(typed)
    assert [p.name_en for p in places.suggest("Yeonna")] == ["Yeonnam-dong"]
    assert len(places.suggest("서", limit=4)) == 4
    assert places.suggest("없는") == []


def test_the_data_is_read_once_per_process():
    assert places.gazetteer() is places.gazetteer()
    assert len([p for p in places.gazetteer().places if p.kind == places.DISTRICT]) == 25


# --- the look-up views ---------------------------------------------------------------


@pytest.fixture
def staff(db):
    access.ensure_roles()
    user = get_user_model().objects.create_user("staff-places", password="changeme")
    user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def resident(db):
    user = get_user_model().objects.create_user("resident-places", password="changeme")
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_lookup_moves_to_the_one_place_named(staff):
    answer = staff.get("/admin/places/", {"q": "망원동"}).json()
    assert answer["best"] == 0
    first = answer["results"][0]
    assert (first["label"], first["lat"], first["lon"]) == ("마포구 망원동", *MANGWON)
    assert [r["name"] for r in answer["results"]] == ["망원동", "망원1동", "망원2동"]


def test_the_admin_lookup_lets_the_person_choose_among_equals(staff):
    answer = staff.get("/admin/places/", {"q": "신사동"}).json()
    assert answer["best"] is None
    assert [r["label"] for r in answer["results"]][:2] == ["강남구 신사동", "은평구 신사동"]


def test_the_admin_lookup_answers_nothing_found_for_an_unknown_name(staff):
    answer = staff.get("/admin/places/", {"q": "없는동네"}).json()
    assert answer == {"query": "없는동네", "results": [], "best": None}


def test_the_admin_lookup_needs_admin_access(resident):
    response = resident.get("/admin/places/", {"q": "망원동"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Client().get("/admin/places/", {"q": "망원동"}).status_code == 302


def test_the_registration_forms_lookup_is_for_signed_in_people(resident):
    answer = resident.get("/operators/register/places/", {"q": "Mangwon-dong"}).json()
    assert answer["results"][answer["best"]]["name"] == "망원동"
    english = resident.get("/en/operators/register/places/", {"q": "망원동"}).json()
    assert english["results"][0]["label"] == "Mangwon-dong, Mapo-gu"
    assert Client().get("/operators/register/places/", {"q": "망원동"}).status_code == 403


def test_the_space_editor_has_the_place_search_box(staff, make_space):
    space = make_space()
    html = staff.get(f"/admin/pages/{space.pk}/edit/").content.decode()
    assert "동 이름이나 주소로 찾기" in html
    assert 'data-place-search-url="/admin/places/"' in html
    assert 'for="id_location_latlng"' in html
    assert "행정구역: 통계청·행정안전부" in html
    assert "js/place-editor.js" in html and "unpkg.com" not in html


def test_the_registration_forms_districts_carry_their_centres(resident, taxonomies):
    html = resident.get("/operators/register/").content.decode()
    assert 'data-lat="37.559300" data-lng="126.908700"' in html  # 마포구
    assert 'data-place-search-url="/operators/register/places/"' in html
