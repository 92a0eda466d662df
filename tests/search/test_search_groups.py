"""The search results page in the portal's design (issue 20): with no kind chosen, each
kind's best results under a heading with how many of that kind were found and a link to
all of them; a result with a photo shows it small, one without its kind's icon; an
empty query and a search that finds nothing offer tips and the portal's sections."""

import datetime as dt
import re
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.images import get_image_model

import pytest
import recurrence
from PIL import Image as PILImage

from events.models import ProgramPage
from search.views import PER_KIND


def photo(title):
    buffer = BytesIO()
    PILImage.new("RGB", (320, 240), "#2a7a5a").save(buffer, "JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="kitchen.jpg"))


def publish_program(space, **fields):
    """A one-date program published under ``space``, tomorrow at 19:00."""
    program = ProgramPage(
        start_date=timezone.localdate() + dt.timedelta(days=1),
        start_time=dt.time(19),
        duration_minutes=90,
        schedule=recurrence.Recurrence(),
        capacity=8,
        **fields,
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return program


@pytest.fixture
def kitchens(make_space):
    """Six shared kitchens (the first with a photo) and a cooking class in one."""
    spaces = [
        make_space(
            title=f"성수 공유부엌 {n}",
            space_type="shared-kitchen",
            summary="이웃과 함께 요리하는 공유부엌",
            gallery=[(photo(f"부엌 {n}"), "조리대가 있는 부엌")] if n == 1 else None,
        )
        for n in range(1, 7)
    ]
    publish_program(spaces[0], title="공유부엌 요리 교실", summary="제철 채소로 반찬을 만들어요.")
    return spaces


def html(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def group(page, key):
    """The HTML of the ``key`` kind's section, or None."""
    found = re.search(
        rf'<section class="search-group search-group--{key}".*?</section>', page, re.S
    )
    return found[0] if found else None


def results_in(section):
    return re.findall(r'<li class="search-result search-result--\w+">', section)


def test_every_kind_shows_its_best_with_how_many_and_a_link_to_all(client, kitchens):
    page = html(client, "/search/", q="부엌")
    spaces, programs = group(page, "space"), group(page, "program")
    assert re.search(
        r'<h2 class="search-group__title" id="search-group-space">.*?공간 '
        r'<span class="search-group__count">6</span></h2>',
        spaces,
        re.S,
    )
    assert len(results_in(spaces)) == PER_KIND
    assert 'href="?q=%EB%B6%80%EC%97%8C&amp;type=space">공간 결과 6건 모두 보기' in spaces
    assert '<span class="search-group__count">1</span>' in programs
    assert len(results_in(programs)) == 1
    assert "모두 보기" not in programs  # all of them are shown
    assert '<span class="kind-badge kind-badge--program">프로그램</span>' in programs
    assert 'class="pagination"' not in page  # the kinds' links page instead
    assert page.index('id="search-group-space"') < page.index('id="search-group-program"')


def test_a_kind_chosen_lists_all_of_it_in_pages(client, kitchens):
    page = html(client, "/search/", q="부엌", type="space")
    assert group(page, "program") is None
    assert len(results_in(group(page, "space"))) == 6
    assert "모두 보기" not in page


def test_a_result_with_a_photo_shows_it_small_and_one_without_its_kinds_icon(client, kitchens):
    page = html(client, "/en/search/", q="부엌", type="space")
    found = re.findall(r'<li class="search-result search-result--space">.*?</li>', page, re.S)
    assert len(found) == 6
    photographed = [li for li in found if "공유<mark>부엌</mark> 1</a>" in li]
    others = [li for li in found if li not in photographed]
    img = re.search(r"<picture>.*?(<img [^>]*>).*?</picture>", photographed[0], re.S)[1]
    assert 'alt=""' in img and 'class="search-result__picture"' in img
    assert 'loading="lazy"' in img
    assert all("<picture>" not in other for other in others)
    assert all('class="search-result__art" aria-hidden="true"' in other for other in others)


def test_the_overview_costs_no_more_queries_than_a_kinds_page_and_its_photos(
    client, kitchens, django_assert_max_num_queries
):
    client.get("/search/", {"q": "부엌"})  # the searches are remembered
    with CaptureQueriesContext(connection) as kind_page:
        client.get("/search/", {"q": "부엌", "type": "space"})
    # The pages shown (one query, one per page type), their photos (two) — as a
    # kind's page — and a program's type and its space (where it is held): at most
    # three more, however many programs are shown.
    with django_assert_max_num_queries(len(kind_page) + 3):
        client.get("/search/", {"q": "부엌"})


def test_a_first_search_over_several_kinds_counts_them_once(client, kitchens):
    """Each kind's best results are searched, but the kinds are counted once: the count
    is a query over the whole index, the slowest of a search at 60,000 spaces."""
    with CaptureQueriesContext(connection) as search:
        page = html(client, "/search/", q="부엌")
    counts = [q["sql"] for q in search.captured_queries if "GROUP BY" in q["sql"]]
    assert len(counts) == 1, counts
    assert len(results_in(group(page, "space"))) == PER_KIND
    assert len(results_in(group(page, "program"))) == 1
    # a kind's page, opened from its link, lists all six it counted
    assert len(results_in(group(html(client, "/search/", q="부엌", type="space"), "space"))) == 6


def index_statements(queries):
    return [q["sql"] for q in queries.captured_queries if "indexentry" in q["sql"]]


def titles_in(section):
    return re.findall(r'<h3 class="search-results__title"><a href="([^"]+)"', section)


def test_a_first_search_ranks_every_match_once_when_it_holds_each_kinds_best(client, kitchens):
    """Six kitchens and a class: the search of all kinds holds both kinds whole, so
    each kind's best is read from it — one count and one ranking, not one more ranking
    of every match for each kind (at 60,000 spaces, a common word ranks tens of
    thousands of entries for each)."""
    with CaptureQueriesContext(connection) as search:
        page = html(client, "/search/", q="부엌")
    assert len(index_statements(search)) == 2, index_statements(search)
    space_page = html(client, "/search/", q="부엌", type="space")
    assert titles_in(group(page, "space")) == titles_in(group(space_page, "space"))[:PER_KIND]
    assert len(results_in(group(page, "program"))) == 1


@pytest.mark.parametrize("words", ["부엌", "요리", "공유", "부엌 요리"])
def test_each_kinds_best_is_what_its_own_page_lists_first(client, kitchens, monkeypatch, words):
    """However the best of a kind is found — read from the search of all kinds or
    searched on its own — it is the first of what that kind's page lists. A head of
    three results makes the search of all kinds hold only part of the six kitchens."""
    from search import engine, views

    monkeypatch.setattr(engine, "RERANK", 3)
    monkeypatch.setattr(views, "PER_KIND", 2)
    page = html(client, "/search/", q=words)
    for key in ("space", "program"):
        shown = group(page, key)
        own = group(html(client, "/search/", q=words, type=key), key)
        assert titles_in(shown) == titles_in(own)[:2], key


def test_results_that_rank_alike_are_each_listed_once_across_pages(client, make_space):
    """Twenty-five spaces found alike by a word: paging through them lists each once
    (ties in rank have a fixed order)."""
    for n in range(25):
        make_space(title=f"마을 공방 {n}", summary="함께 만드는 공방")
    seen = []
    for number in (1, 2, 3):
        page = html(client, "/search/", q="공방", type="space", page=str(number))
        seen += titles_in(group(page, "space"))
    assert len(seen) == 25 and len(set(seen)) == 25


def test_an_empty_query_offers_the_portals_sections(client, kitchens):
    page = html(client, "/search/")
    browse = re.search(r'<section class="search-browse".*?</section>', page, re.S)[0]
    assert "포털 둘러보기" in browse
    assert 'href="/spaces/"' in browse and 'href="/programs/"' in browse
    assert "search-group" not in page and 'class="facets' not in page


def test_a_search_that_finds_nothing_gives_tips_and_a_way_on(client, kitchens):
    page = html(client, "/en/search/", q="zzzzqqq")
    empty = re.search(r'<div class="empty-state search-empty">.*?</section>\s*</div>', page, re.S)[
        0
    ]
    assert "Nothing matches “zzzzqqq”" in empty
    assert "Check the spelling, or try fewer or shorter words." in empty
    assert "Or browse the portal" in empty and 'href="/en/spaces/"' in empty
    assert 'class="facets' not in page  # every kind would say 0

    only_programs = html(client, "/en/search/", q="zzzzqqq", type="program")
    assert 'class="facets search-kinds"' in only_programs  # a way back to all kinds
    assert '<a href="?q=zzzzqqq">Search every kind of page, not only this one</a>' in only_programs


def test_results_of_one_kind_alone_are_all_shown_without_a_see_all_link(client, kitchens):
    page = html(client, "/search/", q="성수")
    assert group(page, "program") is None
    assert len(results_in(group(page, "space"))) == 6  # not the best 4 and a link
    assert "모두 보기" not in page


def test_results_of_the_same_name_say_where_they_are(client, bilingual_site, make_space):
    """Three "Language exchange" programs were three cards alike: a program result names
    its space and district, a space result its type and district, in the page's
    language, and a program's summary is its English one on English pages."""
    from spaces.models import District, SpaceType

    for title, name_en, district in [
        ("망원 작은도서관", "Mangwon Library", "mapo"),
        ("성수 작은도서관", "Seongsu Library", "seongdong"),
    ]:
        space = make_space(
            title=title, name_en=name_en, space_type="small-library", district=district
        )
        publish_program(
            space,
            title="언어 교환",
            title_en="Language exchange",
            summary="서로의 언어로 이야기해요.",
            summary_en="Residents talk in each other's languages.",
        )

    def places(page, key):
        return re.findall(
            r'<p class="search-result__place">(.*?)</p>', group(page, key) or "", re.S
        )

    def plain(line):
        return re.sub(r"<[^>]+>", "", line)

    english = html(client, "/en/search/", q="language", type="program")
    assert sorted(plain(line) for line in places(english, "program")) == [
        "Mangwon Library · Mapo-gu",
        "Seongsu Library · Seongdong-gu",
    ]
    assert (
        '<p class="search-result__text">Residents talk in each other&#x27;s '
        "<mark>language</mark>s.</p>" in english
    )

    korean = html(client, "/search/", q="언어 교환", type="program")
    assert sorted(plain(line) for line in places(korean, "program")) == [
        "망원 작은도서관 · 마포구",
        "성수 작은도서관 · 성동구",
    ]
    library = SpaceType.objects.get(slug="small-library").name
    spaces = html(client, "/search/", q="작은도서관", type="space")
    assert sorted(plain(line) for line in places(spaces, "space")) == sorted(
        f"{library} · {District.objects.get(slug=slug).name}" for slug in ("mapo", "seongdong")
    )
