"""The directory at /spaces/: every filter, their combinations, sorting, paging, and
bad input answered with a notice instead of an error."""

import datetime as dt
import re

from django.utils import timezone

import pytest
import time_machine

from spaces.models import AccessibilityFeature, Amenity
from tests.conftest import write_as_recorded


def titles(response):
    return re.findall(
        r'<h3 class="space-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def amenities(*slugs):
    return list(Amenity.objects.filter(slug__in=slugs))


def features(*slugs):
    return list(AccessibilityFeature.objects.filter(slug__in=slugs))


@pytest.fixture
def clock():
    """The time pinned (a Monday 09:00 in Seoul), so that the site and the spaces are
    the same rows in every test and the spaces' recording is written again."""
    moment = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


@pytest.fixture
def spaces(clock, make_space):
    """Three spaces, written as recorded after the first test built them."""
    return write_as_recorded(
        "the directory's library, kitchen and hall", lambda: three_spaces(make_space)
    )


def three_spaces(make_space):
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
            opening_hours="Mo-Su 08:00-22:00",
            amenities=amenities("projector", "sound-system"),
            latitude=37.4966,
            longitude=127.0630,
            address="서울특별시 강남구 테헤란로 5",
        ),
    }


def add_spaces(fields):
    """Published spaces (one for each dict of ``fields``, over those of ``make_space``'s
    defaults) saved in one batch the way the import and the demo save them
    (``bulk.save_spaces``): the same pages, revisions and index entries as ``make_space``
    gives, in a fraction of the time."""
    from spaces import bulk
    from spaces.models import District, SpaceType

    defaults = {
        "space_type": SpaceType.objects.get(slug="small-library"),
        "district": District.objects.get(slug="mapo"),
        "address": "서울특별시 마포구 망원로 1",
        "latitude": 37.5560,
        "longitude": 126.9100,
    }
    items = [
        bulk.SpaceItem(data={**defaults, "external_id": f"batch-{n}", **extra})
        for n, extra in enumerate(fields)
    ]
    outcomes = bulk.save_spaces(items)
    assert [outcome.error for outcome in outcomes] == [None] * len(items)
    assert all(outcome.page.live for outcome in outcomes)


def get(client, **params):
    return client.get("/spaces/", params)


def test_directory_lists_every_space_with_a_count(client, spaces):
    response = get(client)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(s.title for s in spaces.values())
    assert "공간 3곳" in response.content.decode()


def test_filter_by_type(client, spaces):
    assert titles(get(client, type="shared-kitchen")) == ["성수 공유부엌"]


def test_several_types_mean_any_of_them(client, spaces):
    assert sorted(titles(get(client, type=["shared-kitchen", "small-library"]))) == [
        "망원 작은도서관",
        "성수 공유부엌",
    ]


def test_filter_by_district(client, spaces):
    assert titles(get(client, district="gangnam")) == ["강남 다목적홀"]


def test_amenities_must_all_be_present(client, spaces):
    assert sorted(titles(get(client, amenity="wifi"))) == ["망원 작은도서관", "성수 공유부엌"]
    assert titles(get(client, amenity=["wifi", "projector"])) == ["망원 작은도서관"]


def test_accessibility_features_must_all_be_present(client, spaces):
    assert sorted(titles(get(client, accessibility="wheelchair-access"))) == [
        "망원 작은도서관",
        "성수 공유부엌",
    ]
    assert titles(get(client, accessibility=["wheelchair-access", "lift"])) == ["망원 작은도서관"]


def test_minimum_capacity(client, spaces):
    assert sorted(titles(get(client, min_capacity="15"))) == ["강남 다목적홀", "망원 작은도서관"]
    assert titles(get(client, min_capacity="100")) == ["강남 다목적홀"]


def test_free_text_matches_inside_korean_words_and_english_names(client, spaces):
    assert titles(get(client, q="부엌")) == ["성수 공유부엌"]
    assert titles(get(client, q="kitchen")) == ["성수 공유부엌"]
    assert titles(get(client, q="테헤란로")) == ["강남 다목적홀"]  # address
    assert titles(get(client, q="마포구")) == ["망원 작은도서관"]  # district name


def test_free_text_ignores_case_and_how_hangul_was_typed(client, spaces):
    import unicodedata

    assert titles(get(client, q="SHARED KITCHEN")) == ["성수 공유부엌"]
    assert titles(get(client, q="Mapo-gu")) == ["망원 작은도서관"]  # the district's English name
    # A Mac sends Hangul decomposed (jamo): the same word.
    assert titles(get(client, q=unicodedata.normalize("NFD", "공유부엌"))) == ["성수 공유부엌"]


def test_free_text_follows_a_published_rename_and_a_bulk_update(client, spaces):
    from spaces import bulk

    library = spaces["library"]
    library.title, library.name_en = "망원 책마루", "Chaekmaru"
    library.save_revision().publish()
    assert titles(get(client, q="책마루")) == ["망원 책마루"]
    assert titles(get(client, q="mangwon")) == []  # the old English name

    data = {"external_id": library.external_id, "summary": "Quiet reading corner"}
    [outcome] = bulk.save_spaces([bulk.SpaceItem(data=data)])
    assert outcome.error is None
    assert titles(get(client, q="reading corner")) == ["망원 책마루"]


def test_free_text_is_matched_literally_whatever_it_holds(client, spaces, make_space):
    make_space(title="O'Neil 50% 작업실\\", name_en="O'Neil Studio")
    assert titles(get(client, q="o'neil")) == ["O&#x27;Neil 50% 작업실\\"]
    assert titles(get(client, q="50%")) == ["O&#x27;Neil 50% 작업실\\"]
    assert titles(get(client, q="%")) == ["O&#x27;Neil 50% 작업실\\"]  # not a wildcard
    assert titles(get(client, q="실\\")) == ["O&#x27;Neil 50% 작업실\\"]
    assert titles(get(client, q="'&!|:*")) == []  # no query syntax either


def test_free_text_words_must_all_match(client, spaces):
    assert titles(get(client, q="망원 도서관")) == ["망원 작은도서관"]
    assert titles(get(client, q="망원 부엌")) == []


def test_open_now_uses_the_opening_hours(client, spaces):
    saturday_noon = timezone.make_aware(dt.datetime(2026, 11, 28, 12, 0))
    with time_machine.travel(saturday_noon, tick=False):
        assert sorted(titles(get(client, open_now="1"))) == ["강남 다목적홀", "성수 공유부엌"]
    monday_morning = timezone.make_aware(dt.datetime(2026, 11, 23, 8, 30))
    with time_machine.travel(monday_morning, tick=False):
        assert titles(get(client, open_now="1")) == ["강남 다목적홀"]


def test_open_now_changes_as_the_minute_turns(client, spaces):
    """Which spaces are open is remembered for a minute at most: the library closes at
    18:00, and the list that showed it at 17:59 does not show it at 18:00."""
    monday = dt.date(2026, 11, 23)
    for second, shown in ((10, True), (50, True)):
        moment = timezone.make_aware(dt.datetime.combine(monday, dt.time(17, 59, second)))
        with time_machine.travel(moment, tick=False):
            assert ("망원 작은도서관" in titles(get(client, open_now="1"))) is shown
    closing = timezone.make_aware(dt.datetime.combine(monday, dt.time(18, 0, 5)))
    with time_machine.travel(closing, tick=False):
        assert titles(get(client, open_now="1")) == ["강남 다목적홀"]
        assert "망원 작은도서관" in titles(get(client))  # still listed without the filter


def test_filters_combine(client, spaces):
    response = get(client, amenity="wifi", accessibility="wheelchair-access", min_capacity="15")
    assert titles(response) == ["망원 작은도서관"]
    assert titles(get(client, district="mapo", type="shared-kitchen")) == []


def test_sort_by_name_newest_and_nearest(client, make_space):
    # Built, not written as recorded: a recording gives its pages one publishing time.
    three_spaces(make_space)
    assert titles(get(client, sort="name")) == ["강남 다목적홀", "망원 작은도서관", "성수 공유부엌"]
    assert titles(get(client, sort="newest")) == [
        "강남 다목적홀",
        "성수 공유부엌",
        "망원 작은도서관",
    ]
    near_mangwon = get(client, near="37.5563,126.9010")  # within 2 km by default
    assert titles(near_mangwon) == ["망원 작은도서관"]
    assert "거리 0.4km" in near_mangwon.content.decode()
    near_banpo = get(client, near="37.5200,127.0000", radius="10")
    assert titles(near_banpo) == ["성수 공유부엌", "강남 다목적홀", "망원 작은도서관"]


def test_filters_live_in_the_url_and_the_form_remembers_them(client, spaces):
    content = get(client, type="shared-kitchen", min_capacity="5", open_now="1").content.decode()
    assert 'name="type" value="shared-kitchen" checked' in content
    assert 'name="min_capacity" min="1" max="100000" inputmode="numeric" value="5"' in content
    assert 'id="filter-open-now" name="open_now" value="1" checked' in content


def test_open_now_and_free_now_say_how_they_differ_and_the_selects_fit(client, spaces):
    """ "Open now" (opening hours) and "Free now" (no booking) were taken for one filter,
    and the "Within" and "Sort by" selects cut their long first option at 1280 px: each
    says what it means in a help line the field points to, and the options stay short."""
    import re

    content = get(client).content.decode()
    for field, help_text in [
        ("filter-open-now", "운영 시간 기준이며, 예약 여부와 상관없습니다."),
        ("filter-free-now", "운영 중이고 앞으로 30분 동안 예약이 없는 곳."),
        ("filter-radius", "자동으로 동이나 지점에서는 2km, 구에서는 5km 안을 찾습니다."),
        ("filter-sort", "자동: 장소를 넣으면 가까운 순, 아니면 이름순."),
    ]:
        assert re.search(rf'id="{field}"[^>]*aria-describedby="{field}-help"', content)
        assert f'id="{field}-help">{help_text}</p>' in content
    for select in ("filter-radius", "filter-sort"):
        first = re.search(rf'id="{select}".*?<option value=""[^>]*>([^<]*)</option>', content, re.S)
        assert first.group(1) == "자동"


def test_each_active_filter_can_be_removed_on_its_own(client, spaces):
    content = get(client, type="shared-kitchen", district="seongdong").content.decode()
    assert 'href="?district=seongdong">공유부엌' in content
    assert 'href="?type=shared-kitchen">성동구' in content


def test_no_match_shows_a_helpful_empty_state(client, spaces):
    content = get(client, type="shared-kitchen", district="gangnam").content.decode()
    assert "조건에 맞는 공간이 없습니다 — 필터를 하나 빼 보세요" in content
    assert "필터 모두 지우기" in content


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"district": "atlantis"}, "자치구 “atlantis”을(를) 찾을 수 없어"),
        ({"type": "castle"}, "공간 유형 “castle”을(를) 찾을 수 없어"),
        ({"amenity": "jacuzzi"}, "편의시설 “jacuzzi”을(를) 찾을 수 없어"),
        ({"min_capacity": "lots"}, "“lots”은(는) 1부터"),
        ({"min_capacity": "-3"}, "“-3”은(는) 1부터"),
        ({"near": "north"}, "위도,경도"),
        ({"near": "95,200"}, "지구 위의 위치가 아닙니다"),
        ({"near": "atlantis"}, "맞는 자치구나 주소가 없습니다"),
        ({"bbox": "1,2,3"}, "bbox=서,남,동,북"),
        ({"bbox": "a,b,c,d"}, "네 개의 숫자"),
        ({"bbox": "127.2,37.4,126.8,37.7"}, "서쪽 경도는 동쪽보다"),
        ({"bbox": "126.8,-95,127.2,37.7"}, "위도는 −90"),
        ({"sort": "random"}, "알 수 없는 정렬"),
        ({"sort": "nearest"}, "위치가 필요"),
        ({"page": "abc"}, "페이지 번호가 아니어서"),
        ({"page": "99"}, "99 페이지는 없어"),
        ({"q": "가" * 500}, "200자로 줄였습니다"),
    ],
)
def test_bad_parameters_give_a_notice_and_still_a_page(client, spaces, params, notice):
    response = get(client, **params)
    assert response.status_code == 200
    content = response.content.decode()
    assert notice in content
    assert "message--warning" in content


def test_unknown_values_are_ignored_but_known_ones_still_apply(client, spaces):
    response = get(client, district=["atlantis", "gangnam"])
    assert titles(response) == ["강남 다목적홀"]


def test_results_are_paginated_keeping_the_filters(client, bilingual_site):
    add_spaces([{"title": f"공간 {i:02d}", "amenities": amenities("wifi")} for i in range(23)])
    response = get(client, amenity="wifi")
    assert len(titles(response)) == 20
    content = response.content.decode()
    assert 'href="?amenity=wifi&amp;page=2"' in content
    assert len(titles(get(client, amenity="wifi", page="2"))) == 3


def test_english_directory_shows_english_names_and_labels(client, spaces):
    content = client.get("/en/spaces/", {"type": "shared-kitchen"}).content.decode()
    assert ">Seongsu Shared Kitchen</a>" in content
    assert "Seongdong-gu" in content
    assert "1 space" in content


def test_directory_works_without_javascript_as_a_plain_get_form(client, spaces):
    content = get(client).content.decode()
    assert '<form class="filters" method="get" action="/spaces/"' in content
    assert "<script" not in content.split('<form class="filters"')[1].split("</form>")[0]


@pytest.mark.parametrize("count", [3, 40])
def test_directory_runs_a_constant_number_of_queries(
    client, bilingual_site, django_assert_max_num_queries, count
):
    add_spaces(
        [
            {
                "title": f"공간 {i}",
                "opening_hours": "Mo-Fr 09:00-18:00",
                "amenities": amenities("wifi"),
            }
            for i in range(count)
        ]
    )
    client.get("/spaces/")  # warm caches (navigation, taxonomies), renditions
    client.get("/en/spaces/")
    with django_assert_max_num_queries(15):
        assert client.get("/spaces/", {"amenity": "wifi", "open_now": "1"}).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/en/spaces/").status_code == 200


@pytest.fixture(scope="module")
def demo_photos(django_db_setup, django_db_blocker):
    """The images of the first 600 demo spaces' galleries, drawn once for the module
    (inside a transaction rolled back after it): the demo finds them by title instead
    of drawing them again for each test."""
    from django.db import transaction

    from spaces import demo as spaces_demo
    from spaces.models import District, SpaceType

    with django_db_blocker.unblock(), transaction.atomic():
        districts = list(District.objects.order_by("sort_order", "slug"))
        types = list(SpaceType.objects.order_by("sort_order", "slug"))
        amenity_rows = list(Amenity.objects.order_by("sort_order", "slug"))
        feature_rows = list(AccessibilityFeature.objects.order_by("sort_order", "slug"))
        pool = spaces_demo.PhotoPool({t.slug: t for t in types})
        for i in range(600):
            data = spaces_demo.space_data(1, i, districts, types, amenity_rows, feature_rows)
            for slug, variant, __ in data["photos"]:
                pool.get(slug, variant)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("count", [20, 600])
def test_query_count_is_the_same_for_20_or_600_demo_spaces(
    demo_photos, client, bilingual_site, django_assert_max_num_queries, count
):
    """The demo's spaces come with photos (renditions), hours and amenities: the
    directory and a space page still run a fixed number of queries."""
    from spaces import demo as spaces_demo
    from spaces.models import SpacePage

    bilingual_site.spaces = count
    bilingual_site.quiet = True
    spaces_demo.load(bilingual_site)
    assert SpacePage.objects.count() == count
    space_url = SpacePage.objects.order_by("pk").first().url
    urls = ["/spaces/", "/en/spaces/?amenity=wifi&open_now=1", space_url, "/en" + space_url]
    for url in urls:
        client.get(url)  # first views create the photo renditions and fill the caches
    for url in urls:
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "date, notice",
    [
        (
            "2026-11-29",
            "2026-11-29은(는) 지난 날짜입니다. 비어 있는 시간은 오늘부터 찾을 수 있어 시간 조건은 적용하지 않았습니다.",
        ),
        (
            "2040-01-01",
            "비어 있는 시간은 2031-12-04까지 찾을 수 있어 시간 조건은 적용하지 않았습니다.",
        ),
        (
            "tomorrow",
            "“tomorrow”은(는) 2026-12-05 같은 날짜가 아니어서 시간 조건은 적용하지 않았습니다.",
        ),
    ],
)
def test_a_date_free_times_cannot_be_found_for_says_why(client, spaces, date, notice):
    """A day already past or beyond the search's reach is a date all the same: the notice
    says what is wrong with it, not that it is no date, and every space is listed."""
    response = get(client, date=date, start="10:00", end="12:00")
    content = response.content.decode()
    assert f'<li class="message message--warning">{notice}</li>' in content
    assert len(titles(response)) == 3
