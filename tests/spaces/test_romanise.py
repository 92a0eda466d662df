"""Korean names and addresses in English for the English site (``spaces.romanise``)
and the "Getting there" notes read into English (``spaces.directions``): as Seoul's
signs write them, and nothing made up for text of another form."""

import pytest

from spaces import directions, romanise


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("망원", "Mangwon"),
        ("종로", "Jongno"),
        ("신림", "Sillim"),
        ("왕십리", "Wangsimni"),
        ("청룡", "Cheongnyong"),
        ("낙성대", "Nakseongdae"),
        ("길음", "Gireum"),
        ("독립문", "Dongnimmun"),
        ("선릉", "Seolleung"),
        ("여의도", "Yeouido"),
    ],
)
def test_names_are_romanised_with_the_sound_changes_inside_them(korean, english):
    assert romanise.romanise(korean) == english


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("망원1동", "Mangwon 1(il)-dong"),
        ("청룡동", "Cheongnyong-dong"),
        ("면목3·8동", "Myeonmok 3(sam)·8(pal)-dong"),
        ("종로5·6가동", "Jongno 5(o)·6(yuk)-ga-dong"),
        ("성수1가1동", "Seongsu 1(il)-ga 1(il)-dong"),
        ("마포구", "Mapo-gu"),
    ],
)
def test_neighbourhoods_are_written_as_the_place_data_writes_them(korean, english):
    assert romanise.place_name(korean) == english


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("서울특별시 마포구 망원로3길 12, 2층", "2F, 12 Mangwon-ro 3-gil, Mapo-gu, Seoul"),
        ("서울특별시 강남구 강남대로 101-3", "101-3 Gangnam-daero, Gangnam-gu, Seoul"),
        ("서울 종로구 종로 1, 지하 1층", "B1, 1 Jong-ro, Jongno-gu, Seoul"),
        ("서울특별시 마포구 월드컵로 212", "212 World Cup-ro, Mapo-gu, Seoul"),
    ],
)
def test_road_addresses_are_given_in_the_english_order(korean, english):
    assert romanise.english_address(korean) == english


@pytest.mark.parametrize(
    "address", ["마포구 망원동 123-4", "서울특별시 마포구 망원로 12, 행복빌딩 2층", "망원시장 안"]
)
def test_other_addresses_are_not_guessed(address):
    assert romanise.english_address(address) is None


@pytest.mark.parametrize(
    ("kind", "korean", "english"),
    [
        ("station", "망원역 2번 출구 도보 5분", "Mangwon Station, exit 2, 5 min on foot"),
        ("station", "홍대입구역 8번 출구", "Hongik Univ. Station, exit 8"),
        (
            "transit",
            "마을버스 마포08, 지선버스 7011번 ‘망원동 주민센터’ 정류장 하차",
            "Village bus Mapo 08, bus 7011, get off at ‘Mangwon-dong Community Service Center’",
        ),
        (
            "parking",
            "건물 주차장 2대 (사전 문의)",
            "2 spaces in the building's car park (ask first)",
        ),
        (
            "parking",
            "주차 불가 — 대중교통을 이용해 주세요.",
            "No parking: please come by public transport.",
        ),
    ],
)
def test_notes_in_the_usual_forms_are_read_into_english(kind, korean, english):
    assert directions.english_note(kind, korean) == english


@pytest.mark.parametrize(
    ("kind", "korean"),
    [
        ("station", "망원역에서 가까워요"),
        ("transit", "버스 타고 오세요"),
        ("parking", "교회 주차장"),
    ],
)
def test_notes_in_other_words_are_left_as_written(kind, korean):
    assert directions.english_note(kind, korean) is None


def test_the_way_there_is_english_on_the_english_site_and_marked_korean_where_it_cannot_be(
    settings,
):
    from types import SimpleNamespace

    from django.utils import translation

    space = SimpleNamespace(
        address="서울특별시 마포구 망원로 1",
        district=SimpleNamespace(name_en="Mapo-gu"),
        nearest_station="망원역 2번 출구 도보 5분",
        transit_notes="",
        parking="교회 주차장",
    )
    with translation.override("en"):
        assert directions.address(space) == ("1 Mangwon-ro, Mapo-gu, Seoul", "en")
        notes = directions.notes(space)
    assert [(str(label), text, lang) for label, text, lang in notes] == [
        ("Subway", "Mangwon Station, exit 2, 5 min on foot", "en"),
        ("Parking", "교회 주차장", "ko"),
    ]
    with translation.override("ko"):
        assert directions.address(space) == ("서울특별시 마포구 망원로 1", "ko")
        assert [text for __, text, __ in directions.notes(space)] == [
            "망원역 2번 출구 도보 5분",
            "교회 주차장",
        ]
