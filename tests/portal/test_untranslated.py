"""Korean content on the English site (issue 17): shown, but said to be untranslated
and marked ``lang="ko"`` where it appears (WCAG 3.1.2), while English names are shown
wherever a space has one — on program, space and story pages, in the directory, the
program listing, "what's on soon" and the search. The Korean site gets no such marks."""

import datetime as dt
import re

from django.utils import timezone

import pytest
import recurrence
import time_machine

from core.demo import ensure_translation

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
NOTICE = "This page has not been translated yet; it is shown in its original language."
PROGRAM = "그림책 읽는 저녁"


@pytest.fixture
def world(make_space, bilingual_site):
    """A space with an English name and a Korean-only program under it; a second space
    translated to English (without an English name of its own)."""
    from events.models import ProgramPage

    with time_machine.travel(NOW, tick=False):
        library = make_space(title="망원 작은도서관", name_en="Mangwon Small Library")
        program = library.add_child(
            instance=ProgramPage(
                title=PROGRAM,
                slug="picture-books",
                summary="아이와 함께 그림책을 읽어요.",
                description="<p>처음 오시는 분도 환영합니다.</p>",
                start_date=NOW.date(),
                start_time=dt.time(19),
                duration_minutes=90,
                schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
            )
        )
        program.save_revision().publish()
        kitchen = make_space(title="성산 공유부엌", address="서울특별시 마포구 성산로 2")
        ensure_translation(kitchen, bilingual_site.locales["en"], title="Seongsan Shared Kitchen")
        # Addresses as a Korean page gives them (a page's url follows the language a
        # request leaves active).
        yield {"library": library.url, "program": program.url, "kitchen": kitchen.url}


def get(client, url):
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_english_program_page_says_it_is_korean_and_marks_it(client, world):
    html = get(client, "/en" + world["program"])

    assert NOTICE in html
    assert f'<h1 lang="ko">{PROGRAM}</h1>' in html
    assert '<p class="lead" lang="ko">아이와 함께 그림책을 읽어요.</p>' in html
    assert '<div class="rich-text" lang="ko"><p>처음 오시는 분도 환영합니다.</p></div>' in html
    # The space it is held in: its English name and its address read in English.
    assert ">Mangwon Small Library</a>, <span>1 Mangwon-ro, Mapo-gu, Seoul</span>" in html

    korean = get(client, world["program"])
    assert "번역되지 않았습니다" not in korean
    assert f"<h1>{PROGRAM}</h1>" in korean and 'lang="ko"' not in korean.split("<main")[1]


def test_an_english_space_page_marks_only_the_korean_words(client, world):
    html = get(client, "/en" + world["library"])

    assert NOTICE in html
    assert '<article class="container space">' in html  # English around the Korean
    assert "<h1>Mangwon Small Library</h1>" in html
    assert '<p class="space__original-name" lang="ko">망원 작은도서관</p>' in html
    assert "<dt>Address</dt><dd>1 Mangwon-ro, Mapo-gu, Seoul</dd>" in html  # read in English
    # Its programs, listed on it.
    assert re.search(rf'<a href="[^"]+picture-books/" lang="ko">{PROGRAM}</a>', html)


def test_the_english_directory_shows_english_names_and_addresses(client, world):
    html = get(client, "/en/spaces/")

    titles = re.findall(r'<h3 class="space-card__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)
    assert sorted(titles) == ["Mangwon Small Library", "Seongsan Shared Kitchen"]
    assert '<h3 class="space-card__title" lang=' not in html  # both in English
    assert '<p class="space-card__address">2 Seongsan-ro, Mapo-gu, Seoul</p>' in html


def test_the_english_search_shows_english_names_and_marks_korean_titles(client, world):
    html = get(client, "/en/search/?q=Mangwon")
    assert re.search(r'<a href="/en/spaces/[^"]+/"><mark>Mangwon</mark> Small Library</a>', html)
    assert '<p class="search-results__original" lang="ko">망원 작은도서관</p>' in html

    html = get(client, "/en/search/?q=그림책")
    assert re.search(
        r'<a href="[^"]+picture-books/" lang="ko"><mark>그림책</mark> 읽는 저녁</a>', html
    )

    html = get(client, "/en/search/?q=공유부엌")
    assert re.search(r'<a href="/en/spaces/[^"]+/">Seongsan Shared Kitchen</a>', html)


def test_english_program_lists_mark_korean_titles(client, world):
    listing = get(client, "/en/programs/")
    assert '<h4 class="program-item__title" lang="ko"><a href="/en/' in listing
    assert "Mangwon Small Library" in listing

    home = get(client, "/en/")
    soon = home.split('id="whats-on-title"')[1].split("</section>")[0]
    assert re.search(rf'lang="ko">{PROGRAM}</a> · Mangwon Small Library</p>', soon)


def test_the_korean_site_has_no_language_marks_to_make(client, world):
    pages = "".join(get(client, url) for url in ("/spaces/", "/programs/", world["library"]))
    for element in (
        "space-card__title",
        "space-card__address",
        "program-item__title",
    ):
        assert re.search(rf'class="{element}">', pages), element
    assert "<h1>망원 작은도서관</h1>" in pages
    assert "<dt>주소</dt><dd>서울특별시 마포구 망원로 1</dd>" in pages


def test_english_breadcrumbs_name_the_space_in_english_and_mark_korean_titles(client, world, story):
    html = get(client, "/en" + world["program"])
    trail = html.split('class="breadcrumbs')[1].split("</nav>")[0]
    assert '<a href="/en/">Home</a>' in trail
    assert re.search(r'<a href="/en/spaces/[^"]*/">Mangwon Small Library</a>', trail)
    assert f'<span aria-current="page" lang="ko">{PROGRAM}</span>' in trail
    # The directory has an English title: not marked.
    assert re.search(r'<a href="/en/spaces/">[^<]+</a>', trail)

    home = get(client, "/en/")
    latest = home.split('id="stories-title"')[1].split("</section>")[0]
    assert re.search(r'<a href="/en/stories/winter/" lang="ko">골목 도서관의 겨울</a>', latest)

    korean = get(client, world["program"])
    assert 'lang="ko"' not in korean.split('class="breadcrumbs')[1].split("</nav>")[0]
