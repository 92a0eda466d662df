"""The /programs/ listing: coming dates across spaces, every filter and their
combinations, bad values answered with a notice (never a 500), English, empty states,
no JavaScript needed, and a constant number of queries."""

import datetime as dt
import re

import pytest

from events import services
from events.models import Occurrence
from tests.conftest import write_as_recorded

from .conftest import NOW, listing_items, listing_titles, seoul, text

pytestmark = pytest.mark.usefixtures("clock")

KNITTING, CODING, FILM = "뜨개질 모임", "어린이 코딩 교실", "주민 영화 모임"


@pytest.fixture
def programs(make_program, make_space, space, make_resident):
    """Knitting in Mapo (free, Tue/Thu, 3 places); coding for children in Seongdong
    (paid, once on Wednesday 2 December, 1 place — taken); a film night for adults in
    Gangnam (free, drop-in, the 2nd Saturday of the month)."""
    return write_as_recorded(
        "the listing's programs", lambda: build_programs(make_program, make_space, make_resident)
    )


def build_programs(make_program, make_space, make_resident):
    kitchen = make_space(
        title="성수 공유부엌",
        space_type="shared-kitchen",
        district="seongdong",
        address="서울특별시 성동구 성수이로 7",
    )
    hall = make_space(
        title="강남 다목적홀",
        space_type="multipurpose-hall",
        district="gangnam",
        address="서울특별시 강남구 테헤란로 5",
    )
    knitting = make_program(
        title=KNITTING,
        category="club",
        audience="everyone",
        schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
    )
    coding = make_program(
        parent=kitchen,
        title=CODING,
        category="class",
        audience="children",
        is_free=False,
        fee_note="재료비 5,000원",
        start_date=dt.date(2026, 12, 2),
        capacity=1,
    )
    film = make_program(
        parent=hall,
        title=FILM,
        category="gathering",
        audience="adults",
        capacity=None,
        schedule="RRULE:FREQ=MONTHLY;BYDAY=+2SA",
        start_time=dt.time(14),
    )
    services.register(make_resident(), Occurrence.objects.get(program=coding).pk)
    return {"knitting": knitting, "coding": coding, "film": film}


def get(client, **params):
    response = client.get("/programs/", params)
    assert response.status_code == 200
    return response


def count_heading(response):
    return re.search(r'<h2 id="program-results-title"[^>]*>([^<]*)</h2>', text(response)).group(1)


def test_the_listing_shows_coming_dates_across_spaces_in_order(client, programs):
    response = get(client)
    items = listing_items(response)
    total = Occurrence.objects.count()
    assert count_heading(response) == f"{total}개 회차"
    assert len(items) == 30  # the first page
    assert [when for _t, when, *_ in items] == sorted(when for _t, when, *_ in items)
    assert items[:4] == [
        (KNITTING, "2026-12-01T19:00:00+09:00", False, "3자리 남음"),
        (CODING, "2026-12-02T19:00:00+09:00", False, "마감 — 대기 신청 가능"),
        (KNITTING, "2026-12-03T19:00:00+09:00", False, "3자리 남음"),
        (KNITTING, "2026-12-08T19:00:00+09:00", False, "3자리 남음"),
    ]
    page = text(response)
    # Dates grouped by day, each day's date block a heading.
    days = re.findall(r'<h3 class="program-day"><time datetime="([^"]+)">(.*?)</time></h3>', page)
    assert days[0][0] == "2026-12-01"
    assert re.sub(r"<[^>]+>", "", days[0][1]) == "12/1 (화요일)"
    assert "성수 공유부엌 · 성동구" in page


def test_a_drop_in_date_says_so(client, programs):
    items = listing_items(get(client, **{"from": "2026-12-12", "to": "2026-12-12"}))
    assert items == [(FILM, "2026-12-12T14:00:00+09:00", False, "신청 없이 참여")]


def test_past_dates_leave_the_listing(client, programs, clock):
    clock.move_to(seoul(dt.date(2026, 12, 2), 21))  # after the coding class
    items = listing_items(get(client))
    assert items[0][:2] == (KNITTING, "2026-12-03T19:00:00+09:00")
    assert CODING not in listing_titles(get(client))


def test_a_date_under_way_is_still_listed(client, programs, clock):
    clock.move_to(seoul(dt.date(2026, 12, 1), 20))  # knitting runs until 20:30
    assert listing_items(get(client))[0][:2] == (KNITTING, "2026-12-01T19:00:00+09:00")


def test_filter_by_date_range(client, programs):
    one_day = get(client, **{"from": "2026-12-02", "to": "2026-12-02"})
    assert [i[:2] for i in listing_items(one_day)] == [(CODING, "2026-12-02T19:00:00+09:00")]
    week = get(client, **{"from": "2026-12-01", "to": "2026-12-07"})
    assert [i[1][:10] for i in listing_items(week)] == ["2026-12-01", "2026-12-02", "2026-12-03"]
    assert count_heading(week) == "3개 회차"


def test_only_a_start_or_only_an_end(client, programs):
    until = get(client, to="2026-12-02")
    assert [i[1][:10] for i in listing_items(until)] == ["2026-12-01", "2026-12-02"]
    since = listing_items(get(client, **{"from": "2027-05-01"}))
    assert since[0][1] == "2027-05-04T19:00:00+09:00"
    assert {i[0] for i in since} == {KNITTING, FILM}


def test_filter_by_district(client, programs):
    assert listing_titles(get(client, district="seongdong")) == [CODING]
    assert listing_titles(get(client, district=["seongdong", "gangnam"])) == sorted([CODING, FILM])


def test_filter_by_space_type(client, programs):
    assert listing_titles(get(client, type="multipurpose-hall")) == [FILM]
    assert listing_titles(get(client, type="small-library")) == [KNITTING]


def test_filter_by_category(client, programs):
    assert listing_titles(get(client, category="class")) == [CODING]
    assert listing_titles(get(client, category=["club", "gathering"])) == sorted([KNITTING, FILM])


def test_filter_by_audience(client, programs):
    assert listing_titles(get(client, audience="children")) == [CODING]
    assert listing_titles(get(client, audience="adults")) == [FILM]


def test_free_only(client, programs):
    assert listing_titles(get(client, free="1")) == sorted([KNITTING, FILM])


def test_places_left_only(client, programs, make_resident):
    # The coding class is full; the film night needs no places.
    assert listing_titles(get(client, available="1")) == sorted([KNITTING, FILM])
    tuesday = Occurrence.objects.get(
        program=programs["knitting"], start=seoul(dt.date(2026, 12, 1))
    )
    for _ in range(3):
        services.register(make_resident(), tuesday.pk)
    dates = [i[1][:10] for i in listing_items(get(client, available="1"))]
    assert "2026-12-01" not in dates
    assert "2026-12-03" in dates


def test_places_left_leaves_out_cancelled_dates(client, programs, make_resident):
    from .conftest import republish

    thursday = Occurrence.objects.get(
        program=programs["knitting"], start=seoul(dt.date(2026, 12, 3))
    )
    services.register(make_resident(), thursday.pk)
    republish(programs["knitting"], schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    week = {"from": "2026-12-01", "to": "2026-12-07"}
    assert ("2026-12-03T19:00:00+09:00", True) in [
        (i[1], i[2]) for i in listing_items(get(client, **week))
    ]
    assert "2026-12-03T19:00:00+09:00" not in [
        i[1] for i in listing_items(get(client, available="1", **week))
    ]


def test_filters_combine(client, programs):
    assert listing_titles(get(client, free="1", district="mapo", category="club")) == [KNITTING]
    assert listing_titles(get(client, free="1", audience="children")) == []
    both = get(client, category=["club", "class"], **{"from": "2026-12-02", "to": "2026-12-03"})
    assert [i[:2] for i in listing_items(both)] == [
        (CODING, "2026-12-02T19:00:00+09:00"),
        (KNITTING, "2026-12-03T19:00:00+09:00"),
    ]


def test_the_form_remembers_the_filters(client, programs):
    page = text(
        get(client, category="club", district="mapo", free="1", available="on", to="2026-12-31")
    )
    assert 'name="category" value="club" checked' in page
    assert 'name="district" value="mapo" checked' in page
    assert 'id="filter-free" name="free" value="1" checked' in page
    assert 'id="filter-available" name="available" value="1" checked' in page
    assert 'name="to" value="2026-12-31"' in page
    assert "필터 모두 지우기" in page


def test_the_listing_works_without_javascript_as_a_plain_get_form(client, programs):
    page = text(get(client))
    assert '<form class="filters" method="get" action="/programs/"' in page
    form = page.split('<form class="filters"')[1].split("</form>")[0]
    assert "<script" not in form
    assert 'type="date"' in form and 'type="submit"' in form


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"from": "tomorrow"}, "“tomorrow”은(는) 2026-12-05 같은 날짜가 아니어서"),
        ({"to": "2026-13-45"}, "“2026-13-45”은(는) 2026-12-05 같은 날짜가 아니어서"),
        (
            {"from": "2026-12-31", "to": "2026-12-01"},
            "끝 날짜가 시작 날짜보다 앞서 있어 서로 바꾸었습니다.",
        ),
        ({"district": "atlantis"}, "“atlantis”은(는) 알 수 없는"),
        ({"type": "castle"}, "“castle”은(는) 알 수 없는"),
        ({"category": "juggling"}, "“juggling”은(는) 알 수 없는"),
        ({"audience": "aliens"}, "“aliens”은(는) 알 수 없는"),
        ({"page": "abc"}, "“abc”은(는) 페이지 번호가 아니어서"),
        ({"page": "99"}, "99 페이지는 없어"),
        ({"page": "0"}, "0 페이지는 없어"),
    ],
)
def test_bad_values_give_a_notice_and_still_a_page(client, programs, params, notice):
    response = get(client, **params)
    page = text(response)
    assert notice in page
    assert "message--warning" in page
    assert listing_items(response)  # the dates are still shown


@pytest.mark.parametrize(
    "params",
    [
        {"from": "9999-12-31"},
        {"to": "9999-12-31"},
        {"from": "0001-01-01"},
        {"to": "0001-01-01"},
        {"from": "2026-12-01" * 50},
        {"district": "x" * 5000},
        {"page": "9" * 40},
        {"page": "-1"},
        {"free": "\x00"},
    ],
    ids=lambda params: "&".join(f"{k}={v[:12]!r}" for k, v in params.items()),
)
def test_extreme_values_are_not_a_server_error(programs, params):
    from django.test import Client

    client = Client(raise_request_exception=False)
    response = client.get("/programs/", params)
    assert response.status_code == 200


def test_swapped_dates_are_used_the_right_way_round(client, programs):
    response = get(client, **{"from": "2026-12-03", "to": "2026-12-01"})
    assert [i[1][:10] for i in listing_items(response)] == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]


def test_unknown_values_are_ignored_but_known_ones_still_apply(client, programs):
    response = get(client, district=["atlantis", "gangnam"])
    assert listing_titles(response) == [FILM]


def test_results_are_paged(client, programs):
    first = get(client)
    second = get(client, page="2")
    assert len(listing_items(first)) == 30
    assert listing_items(second)
    assert not set(listing_items(first)) & set(listing_items(second))
    assert 'href="?page=2"' in text(first)
    filtered = text(get(client, category="club"))
    assert 'href="?category=club&amp;page=2"' in filtered


def test_the_english_listing(client, programs):
    response = client.get("/en/programs/", {"category": "club", "to": "2026-12-03"})
    assert response.status_code == 200
    page = text(response)
    assert count_heading(response) == "2 dates"
    assert "3 places left" in page
    assert "Club" in page and "Free" in page
    assert '<form class="filters" method="get" action="/en/programs/"' in page
    titles = {i[0] for i in listing_items(response)}
    assert titles == {KNITTING}
    assert re.search(r'href="/en/spaces/[^"]+/program-\d+/"', page)  # stays in English
    one = client.get("/en/programs/", {"from": "2026-12-02", "to": "2026-12-02"})
    assert count_heading(one) == "1 date"
    assert "Full — waitlist open" in text(one)


def test_the_english_listing_notices(client, programs):
    page = text(client.get("/en/programs/", {"from": "soon", "category": "juggling"}))
    assert "“soon” is not a date like 2026-12-05; that filter was ignored." in page
    assert "“juggling” is not a known category; that filter was ignored." in page


def test_no_match_shows_a_helpful_empty_state(client, programs):
    page = text(get(client, audience="seniors"))
    assert "맞는 프로그램이 없습니다 — 조건을 하나 빼 보세요" in page
    assert "필터 모두 지우기" in page
    assert "0개 회차" in page


def test_nothing_scheduled_shows_the_empty_state(client, space):
    page = text(get(client))
    assert "아직 예정된 프로그램이 없습니다" in page
    assert "필터 모두 지우기" not in page
    english = text(client.get("/en/programs/"))
    assert "No programs are scheduled yet" in english


def test_an_unpublished_program_is_not_listed(client, programs):
    programs["film"].unpublish()
    assert FILM not in listing_titles(get(client))


# --- query budget -------------------------------------------------------------------------


@pytest.fixture
def many_programs(make_program, make_space, make_resident):
    """``n`` programs with varied schedules over three spaces; the first has full
    dates with people waiting."""

    def make(n):
        spaces = [
            make_space(title="강남 다목적홀", space_type="multipurpose-hall", district="gangnam"),
            make_space(title="성수 공유부엌", space_type="shared-kitchen", district="seongdong"),
        ]
        schedules = [
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6",
            "RRULE:FREQ=MONTHLY;BYDAY=+2SA;COUNT=3",
            "RRULE:FREQ=DAILY;COUNT=3",
            "",
        ]
        programs = [
            make_program(
                parent=spaces[i % 2] if i % 3 else None,
                title=f"프로그램 {i:02d}",
                category=["club", "class", "talk", "workshop"][i % 4],
                schedule=schedules[i % len(schedules)],
                start_date=NOW.date() + dt.timedelta(days=i % 7),
                capacity=[3, None, 10][i % 3],
            )
            for i in range(n)
        ]
        for occurrence in Occurrence.objects.filter(program=programs[0]).order_by("start")[:4]:
            for _ in range(4):
                services.register(make_resident(), occurrence.pk)
        return programs

    return make


@pytest.mark.parametrize("count", [5, 40])
def test_the_listing_runs_a_constant_number_of_queries(
    client, many_programs, django_assert_max_num_queries, count
):
    many_programs(count)
    urls = [
        "/programs/",
        "/programs/?category=club&category=class&free=1&available=1&district=gangnam",
        "/programs/?from=2026-12-01&to=2026-12-31&audience=everyone",
        "/en/programs/?page=2",
    ]
    for url in urls:
        client.get(url)  # warm caches (navigation, taxonomies, site roots)
    for url in urls:
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [5, 40])
def test_a_program_page_runs_a_constant_number_of_queries(
    client, many_programs, django_assert_max_num_queries, count
):
    program = many_programs(count)[0]
    korean = program.url
    client.get(korean)
    client.get(f"/en{korean}")
    with django_assert_max_num_queries(15):
        assert client.get(korean).status_code == 200
    # The English address finds the untranslated page through its Korean source: two
    # queries more for the routing, whatever the number of programs.
    with django_assert_max_num_queries(17):
        assert client.get(f"/en{korean}").status_code == 200


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for __ in range(2):  # warm the caches and the memos (the site's, then its locale's)
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_residents_program_page_costs_the_same_however_many_dates_they_wait_for(
    client, many_programs, make_resident
):
    """The page shows a resident's place on the waitlist for each of the next dates;
    that must not cost one more query per date they wait for."""
    program = many_programs(5)[0]
    url = program.url
    full = list(Occurrence.objects.filter(program=program).order_by("start")[:4])

    once, many = make_resident(), make_resident()
    services.register(once, full[0].pk)
    for occurrence in full:
        services.register(many, occurrence.pk)
    assert {r.status for r in many.registrations.all()} == {"waitlisted"}

    client.force_login(once)
    with_one = queries_for(client, url)
    client.force_login(many)
    with_four = queries_for(client, url)

    assert with_four == with_one
    assert with_one <= 20


def test_my_registrations_costs_the_same_however_many_dates_they_wait_for(
    client, many_programs, make_resident
):
    program = many_programs(5)[0]
    full = list(Occurrence.objects.filter(program=program).order_by("start")[:4])
    once, many = make_resident(), make_resident()
    services.register(once, full[0].pk)
    for occurrence in full:
        services.register(many, occurrence.pk)

    client.force_login(once)
    with_one = queries_for(client, "/accounts/registrations/")
    client.force_login(many)
    with_four = queries_for(client, "/accounts/registrations/")

    assert with_four == with_one


def test_a_registration_renews_only_the_listing_pages_that_show_its_date(
    client, programs, make_resident, committing
):
    """With the page cache on as in production: a registration for a date on the
    listing's first page shows there at once (its places left), and only that date is
    rendered again; one for a date further on leaves the first page cached."""
    from unittest import mock

    from django.test import override_settings
    from django.utils import timezone

    from events import listing

    def local(occurrence):
        return timezone.localtime(occurrence.start).isoformat()[:16]

    knitting = Occurrence.objects.filter(program=programs["knitting"]).order_by("start")
    first, later = knitting.first(), knitting.last()
    with override_settings(CACHE_SECONDS=600, PAGE_CACHE_SECONDS=300):
        assert client.get("/programs/")["X-Page-Cache"] == "miss"
        assert client.get("/programs/")["X-Page-Cache"] == "hit"
        on_first_page = {when[:16] for _title, when, *_rest in listing_items(get(client))}
        assert local(first) in on_first_page and local(later) not in on_first_page

        with committing():
            services.register(make_resident(), later.pk)
        assert client.get("/programs/")["X-Page-Cache"] == "hit"

        with committing():
            services.register(make_resident(), first.pk)
        render = listing.render_to_string
        with mock.patch.object(listing, "render_to_string", side_effect=render) as rendered:
            response = get(client)
        assert response["X-Page-Cache"] == "miss"
        assert rendered.call_count == 1  # the date registered for
        shown = {when[:16]: status for title, when, _cancelled, status in listing_items(response)}
        assert shown[local(first)] == "2자리 남음"


# --- what each date shows (issue 20: the design system's rows) --------------------------


def item_html(response, title):
    for html in re.findall(r'<li class="program-item[^"]*">.*?</p>\s*</li>', text(response), re.S):
        if f">{title}</a></h4>" in html:
            return html
    raise AssertionError(f"{title} is not listed")


def tags(html):
    return [
        re.sub(r"<[^>]+>", "", tag)
        for tag in re.findall(r'<span class="program-tag[^"]*">(.*?)</span>(?= |</p>)', html)
    ]


def test_each_date_shows_its_time_place_category_audience_and_fee(client, programs):
    response = get(client)
    coding = item_html(response, CODING)
    assert re.search(r'<time datetime="2026-12-02T19:00:00\+09:00">19:00</time>–', coding)
    assert "성수 공유부엌 · 성동구" in coding
    assert tags(coding) == ["강좌", "대상: 어린이", "유료"]
    assert "마감 — 대기 신청 가능" in coding
    knitting = item_html(response, KNITTING)
    assert tags(knitting) == ["동아리", "대상: 누구나", "무료"]
    assert 'class="program-tag program-tag--free"' in knitting
    # Lucide icons beside the time, the place and the audience, hidden from readers.
    for icon in ("clock", "map-pin", "users"):
        assert f'<span class="icon icon--{icon}" aria-hidden="true"></span>' in knitting
    assert 'href="/static/css/programs.css"' in text(response)


def test_each_day_is_a_date_block_with_its_dates_beside_it(client, programs):
    page = text(get(client, **{"from": "2026-12-01", "to": "2026-12-03"}))
    groups = re.findall(
        r'<div class="program-day-group">\s*<h3 class="program-day"><time datetime="([^"]+)">',
        page,
    )
    assert groups == ["2026-12-01", "2026-12-02", "2026-12-03"]


def test_the_filters_are_a_disclosure_open_only_while_filtering(client, programs):
    plain = text(get(client))
    panel = re.search(r"<details class=\"filters-panel programs-filters\"([^>]*)>", plain)
    assert panel and " open" not in panel.group(1)
    assert 'data-open-when="(min-width: 56rem)"' in panel.group(1)  # always open when wide
    assert "필터 적용 중" not in plain

    filtered = text(get(client, free="1"))
    panel = re.search(r"<details class=\"filters-panel programs-filters\"([^>]*)>", filtered)
    assert " open" in panel.group(1)
    assert "(필터 적용 중)" in filtered
    assert 'class="programs-results__clear" href="/programs/"' in filtered


def test_no_match_says_how_to_widen_the_search(client, programs):
    page = text(get(client, audience="seniors"))
    assert "empty-state" in page
    assert "맞는 프로그램이 없습니다 — 조건을 하나 빼 보세요" in page
    assert 'class="button button--secondary" href="/programs/"' in page
