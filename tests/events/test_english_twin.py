"""A program's English title and summary (``title_en``, ``summary_en``): the English
site shows them on the program's page, where the page is otherwise the Korean one;
left empty, the Korean is shown, marked as Korean. The space's road address is given
in English there too."""

import re

from .conftest import text

HANGUL = re.compile("[가-힣]")


def heading(html):
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


def test_the_english_page_shows_the_english_title_summary_and_address(client, make_program):
    program = make_program(
        title="뜨개질 모임", title_en="Knitting circle", summary_en="Knit with your neighbours."
    )
    korean = text(client.get(program.url))
    assert heading(korean) == "<h1>뜨개질 모임</h1>"
    assert '<p class="lead">함께 뜨개질해요.</p>' in korean
    assert "서울특별시 마포구 망원로 1" in korean and "Mangwon-ro" not in korean

    english = text(client.get(f"/en{program.url}"))
    assert heading(english) == "<h1>Knitting circle</h1>"
    assert '<p class="lead">Knit with your neighbours.</p>' in english
    assert "<span>1 Mangwon-ro, Mapo-gu, Seoul</span>" in english
    assert (
        re.search(r"<title>[^<]*", english).group(0) == "<title>Knitting circle · Community Space"
    )


def test_without_an_english_title_the_korean_one_is_marked_as_korean(client, make_program):
    program = make_program(title="뜨개질 모임")
    english = text(client.get(f"/en{program.url}"))
    assert heading(english) == '<h1 lang="ko">뜨개질 모임</h1>'
    assert '<p class="lead" lang="ko">함께 뜨개질해요.</p>' in english


def test_an_address_that_is_not_a_road_address_stays_korean_and_marked(
    client, make_space, make_program
):
    space = make_space(title="망원 공방", address="마포구 망원동 123-4 상가 2층")
    program = make_program(parent=space, title="목공 기초", title_en="Woodworking basics")
    english = text(client.get(f"/en{program.url}"))
    assert '<span lang="ko">마포구 망원동 123-4 상가 2층</span>' in english
