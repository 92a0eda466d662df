"""The home page's parts (issue 20): the portal's numbers, the spaces by type, the map
and its "near a place" form, the open campaign, this week's programs and the latest
stories with their covers — public pages only, each with its empty state, and the page
still kept whole by the page cache."""

import datetime as dt
import json
import re

from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest

from tests.campaigns.conftest import NOW
from tests.stories.conftest import make_image

HEADER = "X-Page-Cache"


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def section(html, title_id):
    """The ``<section>`` headed by the element with ``title_id``."""
    return html.split(f'id="{title_id}"')[1].split("</section>")[0]


def numbers(html):
    """{"spaces": n, "districts": n, "programs": n} as the home page shows them."""
    values = re.findall(r'<span class="home-numbers__value">([\d,]+)</span>', html)
    counts = [int(value.replace(",", "")) for value in values]
    return dict(zip(("spaces", "districts", "programs"), counts, strict=True))


def type_tiles(html):
    """[(href, name, count text)] of the space type tiles."""
    return re.findall(
        r'<a class="type-tile" href="([^"]+)">.*?<span class="type-tile__name">([^<]+)</span> '
        r'<span class="type-tile__count">([^<]+)</span>',
        html,
        re.S,
    )


@pytest.fixture
def spaces(clock, make_space):
    return {
        "library": make_space(title="망원 작은도서관", space_type="small-library"),
        "second_library": make_space(
            title="합정 작은도서관", space_type="small-library", district="mapo"
        ),
        "kitchen": make_space(
            title="성수 공유부엌", space_type="shared-kitchen", district="seongdong"
        ),
        "private": make_space(
            title="비공개 공방", space_type="workshop", district="gangdong", latitude=37.55
        ),
    }


# --- numbers and types ---------------------------------------------------------------


def test_numbers_and_types_count_public_spaces_only(client, spaces):
    PageViewRestriction.objects.create(page=spaces["private"], restriction_type="login")

    html = text(client.get("/"))
    assert numbers(html) == {"spaces": 3, "districts": 2, "programs": 0}
    assert "공간 <span" in html and "자치구 <span" in html
    # The tile names the type; its count says how many, not "공간" a second time.
    assert type_tiles(html) == [
        ("/spaces/?type=small-library", "작은도서관", "2곳"),
        ("/spaces/?type=shared-kitchen", "공유부엌", "1곳"),
    ]
    assert "공방" not in section(html, "types-title")  # its only space is private

    english = text(client.get("/en/"))
    assert numbers(english) == {"spaces": 3, "districts": 2, "programs": 0}
    assert type_tiles(english) == [
        ("/en/spaces/?type=small-library", "Small library", "2 spaces"),
        ("/en/spaces/?type=shared-kitchen", "Shared kitchen", "1 space"),
    ]


def test_a_space_made_private_leaves_the_counts_at_once(client, spaces):
    assert numbers(text(client.get("/")))["spaces"] == 4
    PageViewRestriction.objects.create(page=spaces["library"], restriction_type="login")
    html = text(client.get("/"))
    assert numbers(html)["spaces"] == 3
    assert ("/spaces/?type=small-library", "작은도서관", "1곳") in type_tiles(html)


def test_a_type_tile_leads_to_the_directory_filtered_by_it(client, spaces):
    href = type_tiles(text(client.get("/")))[0][0]
    listing = text(client.get(href))
    assert "공간 2곳" in listing
    assert "성수 공유부엌" not in listing


def test_the_type_icons_are_the_maps_pins(client, spaces):
    tiles = section(text(client.get("/")), "types-title")
    assert 'data-type-icon="small-library" data-icon="library"' in tiles
    assert "vendor/lucide-static/library.svg" in tiles


def test_programs_this_month_counts_public_programs_with_a_date_this_month(
    client, make_program, make_space, clock
):
    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")  # from 1 Dec
    make_program(title="12월 요리 교실", start_date=dt.date(2026, 12, 2))
    make_program(title="오늘 저녁 모임", start_date=dt.date(2026, 11, 30))
    hidden = make_space(title="비공개 공간")
    private = make_program(parent=hidden, title="비공개 모임", start_date=dt.date(2026, 11, 30))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert private.live

    # Monday 30 November: tonight's meeting is November's only public program.
    assert numbers(text(client.get("/")))["programs"] == 1
    clock.move_to(NOW + dt.timedelta(days=2))  # 2 December: the knitting club and the class
    assert numbers(text(client.get("/")))["programs"] == 2


def test_an_empty_portal_shows_no_numbers_and_says_so_for_types(client, home):
    html = text(client.get("/"))
    assert "home-numbers" not in html
    assert "아직 등록된 커뮤니티 공간이 없습니다" in section(html, "types-title")


# --- the map and "near a place" ------------------------------------------------------


def test_the_near_form_sends_a_place_to_the_directory_by_get(client, spaces):
    html = text(client.get("/"))
    form = re.search(r'<form class="home-near"[^>]*>', html)[0]
    assert 'action="/spaces/"' in form and 'method="get"' in form
    assert 'name="near"' in html
    assert "csrfmiddlewaretoken" not in html
    english = text(client.get("/en/"))
    assert re.search(r'<form class="home-near"[^>]*action="/en/spaces/"', english)


def test_the_map_takes_the_directorys_settings_and_has_a_link_without_javascript(
    client, spaces, settings
):
    html = section(text(client.get("/en/")), "map-title")
    box = re.search(r"<div class=\"home-map__box\"[^>]*>", html, re.S)[0]
    assert 'data-api="/api/spaces.geojson"' in box
    assert f'data-tiles="{settings.MAP_TILE_URL}"' in box
    assert 'data-bounds="126.76,37.41,127.19,37.72"' in box
    assert 'data-lang="en"' in box
    # Without JavaScript, the box and the link under it lead to the directory.
    assert '<a href="/en/spaces/">Open the directory to see the spaces on a map</a>' in html
    assert '<a href="/en/spaces/">See all spaces on the map</a>' in html
    strings = json.loads(
        re.search(r'<script id="home-map-strings" type="application/json">(.*?)</script>', html)[1]
    )
    assert strings["spaces"] == "%(count)s spaces on the map"


# --- the open campaign ---------------------------------------------------------------


def test_the_open_campaign_is_shown_with_its_call_to_action(client, clock, make_campaign):
    make_campaign()
    html = section(text(client.get("/")), "campaign-title")
    assert "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요" in html
    assert re.search(
        r'<a class="button" href="/campaigns/love-your-space/#take-part">참여하기', html
    )
    english = section(text(client.get("/en/")), "campaign-title")
    assert "Find and share the community space you love" in english
    assert 'href="/en/campaigns/love-your-space/#take-part"' in english


def test_without_an_open_campaign_the_home_says_so(client, clock, make_campaign):
    make_campaign(slug="past", opens=NOW - dt.timedelta(days=60), closes=NOW - dt.timedelta(days=1))
    make_campaign(
        slug="coming", opens=NOW + dt.timedelta(days=3), closes=NOW + dt.timedelta(days=9)
    )
    private = make_campaign(slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = section(text(client.get("/")), "campaign-title")
    assert "지금 진행 중인 캠페인이 없습니다" in html
    assert 'href="/campaigns/"' in html
    assert "#take-part" not in html


def test_the_cached_home_page_stops_showing_a_campaign_when_it_closes(client, clock, make_campaign):
    make_campaign(closes=NOW + dt.timedelta(hours=1))
    with override_settings(PAGE_CACHE_SECONDS=86400):
        first = client.get("/")
        assert "#take-part" in text(first)
        assert client.get("/")[HEADER] == "hit"
        clock.move_to(NOW + dt.timedelta(hours=1, seconds=1))
        later = client.get("/")
    assert later[HEADER] == "miss"
    assert "지금 진행 중인 캠페인이 없습니다" in text(later)


def test_the_cached_home_page_shows_a_campaign_once_it_opens(client, clock, make_campaign):
    make_campaign(opens=NOW + dt.timedelta(minutes=30))
    with override_settings(PAGE_CACHE_SECONDS=86400):
        assert "#take-part" not in text(client.get("/"))
        clock.move_to(NOW + dt.timedelta(minutes=31))
        assert "#take-part" in text(client.get("/"))


# --- this week's programs ------------------------------------------------------------


def test_no_programs_this_week_is_said_with_a_link_to_the_coming_ones(client, make_program, clock):
    make_program(title="다음 주 모임", start_date=dt.date(2026, 12, 7))  # next Monday
    html = section(text(client.get("/")), "whats-on-title")
    assert "이번 주에는 예정된 프로그램이 없습니다" in html
    assert "다음 주 모임" not in html
    assert '<a class="button button--secondary" href="/programs/">' in html


def test_the_cached_home_page_moves_to_the_next_week_at_midnight(client, make_program, clock):
    make_program(title="다음 주 모임", start_date=dt.date(2026, 12, 7))  # next Monday
    with override_settings(PAGE_CACHE_SECONDS=86400):
        assert "다음 주 모임" not in text(client.get("/"))
        clock.move_to(NOW + dt.timedelta(hours=15, seconds=5))  # just past midnight
        assert "다음 주 모임" in text(client.get("/"))


# --- the latest stories --------------------------------------------------------------


def test_latest_stories_are_cards_with_their_covers(client, clock, make_story):
    make_story(title="표지 없는 이야기")
    cover = make_image("책장", size=(1600, 1000))
    make_story(title="골목 도서관의 겨울", image=cover, image_alt="책장 앞에 모인 이웃들")

    html = section(text(client.get("/")), "stories-title")
    titles = re.findall(r'<h3 class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["표지 없는 이야기", "골목 도서관의 겨울"]
    images = re.findall(r"<img [^>]+>", html)
    assert len(images) == 1
    assert re.search(r'width="640" height="400" alt="책장 앞에 모인 이웃들"', images[0])
    assert 'href="/stories/"' in html


# --- the whole page ------------------------------------------------------------------


def test_the_page_cache_keeps_the_home_page(client, spaces, make_campaign, make_story):
    make_campaign()
    make_story(title="이웃 이야기")
    with override_settings(PAGE_CACHE_SECONDS=300):
        assert client.get("/")[HEADER] == "miss"
        assert client.get("/")[HEADER] == "hit"
        assert client.get("/en/")[HEADER] == "miss"
        assert client.get("/en/")[HEADER] == "hit"


def test_the_home_page_keeps_to_its_budget_with_every_part_shown(
    client, spaces, make_program, make_campaign, make_story, django_assert_max_num_queries
):
    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    make_campaign()
    make_story(title="골목 도서관의 겨울", image=make_image("책장"), image_alt="책장")
    html = text(client.get("/"))
    assert "#take-part" in html and "뜨개질 모임" in html and "home-numbers" in html
    text(client.get("/en/"))
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/en/").status_code == 200


def test_a_cold_home_page_adds_only_the_grouped_counts(
    client, spaces, make_program, make_campaign, make_story, django_assert_max_num_queries
):
    """Nothing remembered yet (a publication renews every part): the numbers and types
    cost the private pages' ids and one grouped query, the programs of the month one."""
    from django.core.cache import caches

    make_program(title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    make_campaign()
    make_story(title="골목 도서관의 겨울")
    client.get("/")
    caches["derived"].clear()
    with django_assert_max_num_queries(24) as captured:
        assert client.get("/").status_code == 200
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"].upper()]
    assert len([sql for sql in grouped if "space_type_id" in sql]) == 1


def test_the_map_can_be_skipped_by_keyboard(client, spaces):
    html = text(client.get("/"))
    skip = html.index('href="#after-map"')
    assert skip < html.index("data-map-canvas") < html.index('id="after-map"')
