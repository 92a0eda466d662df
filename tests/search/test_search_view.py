def test_search_finds_pages_in_korean(client, bilingual_site):
    response = client.get("/search/", {"q": "프로그램"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/programs/"' in content
    assert "검색 결과" in content


def test_english_search_shows_english_translations_of_results(client, bilingual_site):
    content = client.get("/en/search/", {"q": "프로그램"}).content.decode()
    assert '<a href="/en/programs/">Programs</a>' in content


def test_empty_query_shows_guidance_not_results(client, bilingual_site):
    content = client.get("/search/").content.decode()
    assert "찾고 싶은 공간" in content
    assert "search-results" not in content


def test_no_match_gives_a_helpful_empty_state(client, bilingual_site):
    content = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing matches “zzzzqqq”" in content
    assert "empty-state" in content


def test_overlong_query_and_bad_page_numbers_never_fail(client, bilingual_site):
    response = client.get("/search/", {"q": "가" * 5000, "page": "abc"})
    assert response.status_code == 200
    assert "앞의 200자만" in response.content.decode()
    assert client.get("/search/", {"q": "공간", "page": "999"}).status_code == 200
    assert client.get("/search/", {"q": "공간", "page": "-1"}).status_code == 200


# --- Korean matching, facets, highlighting, suggestions, promotions, hostile input ----


import re  # noqa: E402
from urllib.parse import quote, urlencode  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import pytest  # noqa: E402


def sql_sent(queries):
    """Characters of SQL (with its parameters) the captured queries sent."""
    return sum(len(query["sql"]) for query in queries.captured_queries)


@pytest.fixture
def kitchen(make_space):
    return make_space(
        title="성수 공유부엌",
        name_en="Seongsu Shared Kitchen",
        space_type="shared-kitchen",
        district="seongdong",
        summary="이웃과 함께 요리하는 공유부엌",
    )


def test_part_of_a_korean_compound_word_finds_the_space_and_is_highlighted(client, kitchen):
    content = client.get("/search/", {"q": "부엌에서"}).content.decode()
    assert "성수 공유" in content
    assert "<mark>부엌</mark>" in content


def test_type_facets_count_and_filter_results(client, kitchen):
    content = client.get("/search/", {"q": "부엌"}).content.decode()
    assert 'href="?q=%EB%B6%80%EC%97%8C&amp;type=space"' in content
    assert 'class="facets__count">1<' in content
    only_programs = client.get("/search/", {"q": "부엌", "type": "program"}).content.decode()
    assert "성수 공유" not in only_programs
    odd = client.get("/search/", {"q": "부엌", "type": "castle"})
    assert odd.status_code == 200
    assert "castle" in odd.content.decode()  # a notice says the kind is unknown


def test_english_plural_finds_the_singular(client, kitchen):
    content = client.get("/en/search/", {"q": "kitchens"}).content.decode()
    assert "Seongsu" in content or "성수" in content


def test_a_misspelt_word_gets_a_did_you_mean(client, kitchen):
    content = client.get("/en/search/", {"q": "kitchn"}).content.decode()
    assert "Did you mean" in content
    assert "?q=kitchen" in content


def test_staff_promotions_come_first(client, kitchen, bilingual_site):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get("요리")
    SearchPromotion.objects.create(query=query, page=kitchen, sort_order=0, description="추천 공간")
    content = client.get("/search/", {"q": "요리"}).content.decode()
    assert "search-results--promoted" in content
    assert content.index("추천 공간") < content.index('<ol class="search-results"')
    assert Query.get("요리").hits == 1  # the query is counted for staff's reports


@pytest.mark.parametrize(
    "query",
    [
        "가" * 10_000,
        "a" * 10_000,
        '""""((((]]]]{{{{',
        "'; DROP TABLE wagtailcore_page; --",
        '<script>alert("x")</script>',
        "%_%_\\\\",
        "\x00\x01",
        "OR AND NOT * ~ ^",
    ],
    ids=[
        "hangul-10k",
        "latin-10k",
        "quotes-brackets",
        "sql",
        "html",
        "wildcards",
        "control",
        "operators",
    ],
)
def test_hostile_queries_answer_quickly_and_safely(client, kitchen, query):
    client.get("/search/", {"q": "이웃"})  # warm the caches the page reads
    with CaptureQueriesContext(connection) as ordinary:
        client.get("/search/", {"q": "공유부엌"})
    with CaptureQueriesContext(connection) as hostile:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    # Bounded work whatever the input: no more queries, and no more SQL sent to the
    # database, than an ordinary search that finds a space (the query is cut at
    # MAX_QUERY_LENGTH characters before it becomes search terms).
    assert len(hostile) <= len(ordinary)
    assert sql_sent(hostile) <= sql_sent(ordinary)
    content = response.content.decode()
    assert "<script>alert" not in content
    from wagtail.models import Page

    assert Page.objects.filter(pk=kitchen.pk).exists()


# --- places in the search box ---------------------------------------------------------


@pytest.fixture
def mangwon_kitchen(make_space):
    return make_space(
        title="망원 공유부엌",
        name_en="Mangwon Shared Kitchen",
        space_type="shared-kitchen",
        latitude=37.5566,
        longitude=126.9009,
    )


def place_box(content):
    """(href, text) of the box that offers the directory near a place, or None."""
    found = re.search(r'<p class="notice search-place"><a href="([^"]+)">([^<]+)</a>', content)
    return (found[1].replace("&amp;", "&"), found[2]) if found else None


def test_a_place_in_the_search_offers_the_spaces_near_it(client, kitchen, mangwon_kitchen):
    content = client.get("/search/", {"q": "망원동 공유부엌"}).content.decode()
    href, text = place_box(content)
    assert text == "망원동 근처 공간 보기"
    assert href == "/spaces/?" + urlencode({"near": "망원동", "q": "공유부엌"})
    assert content.index("search-place") < content.index('class="result-count"')
    directory = client.get(href).content.decode()
    assert "망원 공유부엌" in directory and "마포구 망원동 반경 2km" in directory

    assert place_box(client.get("/search/", {"q": "망원동에서"}).content.decode()) == (
        "/spaces/?near=" + quote("망원동"),
        "망원동 근처 공간 보기",
    )
    english = client.get("/en/search/", {"q": "Mangwon-dong kitchen"}).content.decode()
    assert place_box(english) == (
        "/en/spaces/?near=Mangwon-dong&q=kitchen",
        "Spaces near Mangwon-dong",
    )
    assert (
        "Mangwon Shared Kitchen"
        in client.get("/en/spaces/?near=Mangwon-dong&q=kitchen").content.decode()
    )


@pytest.mark.parametrize("query", ["공유부엌", "중앙 도서관", "kitchen", "신사동"])
def test_words_that_name_no_one_place_offer_no_place(client, kitchen, query):
    # 중앙 is also the stem of a 행정동 (중앙동); 신사동 is in three districts.
    assert place_box(client.get("/search/", {"q": query}).content.decode()) is None


def test_a_place_in_the_search_costs_no_more_queries_once_the_directory_is_known(
    client, kitchen, django_assert_max_num_queries
):
    client.get("/search/", {"q": "망원동"})  # the directory's address is remembered
    with CaptureQueriesContext(connection) as plain:
        client.get("/search/", {"q": "도서관"})
    with django_assert_max_num_queries(len(plain)):
        assert place_box(client.get("/search/", {"q": "연남동"}).content.decode())
