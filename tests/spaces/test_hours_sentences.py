"""Opening hours read as sentences (issue 17): "월–금 10:00–21:00, 토 10:00–18:00,
일요일 휴무", not the operator's "Mo-Fr 10:00-21:00; …" — in Korean and English, public
holidays included; the machine-readable forms (JSON-LD, the API) stay as they were."""

import json
import re

from django.utils import translation

import pytest

from spaces import hours

RULES = [
    (
        "Mo-Fr 10:00-21:00; Sa 10:00-18:00; Su off",
        "월–금 10:00–21:00, 토 10:00–18:00, 일요일 휴무",
        "Mon–Fri 10:00–21:00, Sat 10:00–18:00, closed Sun",
    ),
    (
        "Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off",
        "월–금 09:00–18:00, 토 10:00–14:00, 일요일·공휴일 휴무",
        "Mon–Fri 09:00–18:00, Sat 10:00–14:00, closed Sun and public holidays",
    ),
    (
        "Tu-Su 10:00-22:00",
        "화–일 10:00–22:00, 월요일 휴무",
        "Tue–Sun 10:00–22:00, closed Mon",
    ),
    (
        "Mo-Su 09:00-22:00; PH off",
        "매일 09:00–22:00, 공휴일 휴무",
        "Daily 09:00–22:00, closed on public holidays",
    ),
    ("24/7", "연중무휴 24시간", "Open 24 hours, every day"),
    (
        "Mo-Fr 09:00-12:00,13:00-18:00; PH off",
        "월–금 09:00–12:00·13:00–18:00, 토·일요일·공휴일 휴무",
        "Mon–Fri 09:00–12:00 and 13:00–18:00; closed Sat, Sun and public holidays",
    ),
    (
        "Mo,We,Fr 10:00-12:00",
        "월·수·금 10:00–12:00, 화·목·토·일요일 휴무",
        "Mon, Wed and Fri 10:00–12:00; closed Tue, Thu, Sat and Sun",
    ),
    # Past midnight: one span, on the evening it starts.
    ("Fr,Sa 20:00-02:00", "금·토 20:00–02:00, 월–목·일요일 휴무", None),
    (
        "Sa,Su 10:00-18:00; PH 10:00-14:00",
        "토·일 10:00–18:00, 공휴일 10:00–14:00, 월–금요일 휴무",
        "Sat and Sun 10:00–18:00, public holidays 10:00–14:00, closed Mon–Fri",
    ),
    ("off", "휴무", "Closed"),
]


def said(rule, language):
    with translation.override(language):
        return hours.describe(rule)


@pytest.mark.parametrize(("rule", "korean", "english"), RULES)
def test_a_rule_reads_as_a_sentence_in_both_languages(rule, korean, english):
    assert said(rule, "ko").sentence == korean
    if english:
        assert said(rule, "en").sentence == english
    assert not said(rule, "ko").varies


def test_a_rule_that_changes_through_the_year_says_so():
    text = said("Jan-Mar Mo 10:00-12:00; Apr-Dec Tu 10:00-12:00", "ko")
    assert text.sentence == "화 10:00–12:00, 월·수–일요일 휴무"  # June's week
    assert text.varies


def test_no_rule_or_an_unreadable_one_gives_no_sentence():
    assert hours.describe("") is None
    assert hours.describe("whenever we feel like it") is None


# --- on the page, and where machines read the hours ------------------------------------


@pytest.fixture
def library(make_space):
    return make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        opening_hours="Mo-Fr 10:00-21:00; Sa 10:00-18:00; Su,PH off",
    )


def summary(html):
    return re.search(r'<p class="hours__summary">([^<]*)</p>', html)[1]


def test_the_page_says_the_hours_in_a_sentence_not_the_rule(client, library):
    korean = client.get(library.url).content.decode()
    english = client.get("/en" + library.url).content.decode()

    assert summary(korean) == "월–금 10:00–21:00, 토 10:00–18:00, 일요일·공휴일 휴무"
    assert (
        summary(english) == "Mon–Fri 10:00–21:00, Sat 10:00–18:00, closed Sun and public holidays"
    )
    for html in (korean, english):
        assert "Mo-Fr 10:00-21:00" not in html.split("</head>")[1]
        assert '<table class="hours">' in html  # this week, day by day, stays
        assert "hours__varies" not in html


def test_a_seasonal_rule_points_to_this_weeks_table(client, make_space):
    space = make_space(opening_hours="Jan-Mar Mo 10:00-12:00; Apr-Dec Tu 10:00-12:00")
    html = client.get(space.url).content.decode()
    assert "운영 시간은 시기에 따라 달라집니다" in html


def test_json_ld_and_the_api_keep_the_machine_readable_hours(client, library):
    html = client.get(library.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    friday = next(s for s in data["openingHoursSpecification"] if s["dayOfWeek"].endswith("Friday"))
    assert (friday["opens"], friday["closes"]) == ("10:00", "21:00")

    item = client.get(f"/api/v2/spaces/{library.pk}/").json()
    assert item["opening_hours"] == "Mo-Fr 10:00-21:00; Sa 10:00-18:00; Su,PH off"
