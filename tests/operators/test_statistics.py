"""Staff statistics (*Reports → Space statistics*): bookings and registrations counted by
district × month over a period staff choose, as tables and as CSV downloads for Excel.

Data: tests/operators/stats_world.py. The clock is Monday 2026-11-30 09:00 in Seoul, so
the default period is 2025-12-01 – 2026-11-30."""

import csv
import io
import re
from html.parser import HTMLParser

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest
import time_machine

from spaces import access

from . import stats_world
from .conftest import NOW

URL = reverse("operators_statistics")
MONTHS_DEFAULT = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def data(make_space):
    return stats_world.build(make_space)


@pytest.fixture
def staff(db):
    access.ensure_roles()
    user = stats_world.make_user("stats-staff")
    user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    client = Client()
    client.force_login(user)
    return client


class Tables(HTMLParser):
    """Every <table> of a page as {caption id: [[cell text, …], …]} (rows of th/td)."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.rows, self.cell, self.caption = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.rows = []
        elif tag == "caption" and self.rows is not None:
            self.caption = attrs.get("id")
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("th", "td") and self.rows is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.tables[self.caption] = self.rows
            self.rows = self.caption = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(html, key):
    """The district × month table ``key`` as {district: [cells…]} plus its heading row
    (under "자치구") and its totals row (under "합계")."""
    rows = Tables(html).tables[f"caption-{key}"]
    return {row[0]: row[1:] for row in rows}


def csv_download(client, params):
    response = client.get(URL, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Korean
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def errors(html):
    return re.findall(r'<p class="error-message" id="id_(\w+)-error">(.*?)</p>', html)


# --- the tables --------------------------------------------------------------------------


def test_bookings_are_counted_by_district_and_seoul_month_over_the_last_twelve_months(staff, data):
    response = staff.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    requested = table(html, "bookings")
    assert requested["자치구"] == MONTHS_DEFAULT + ["합계"]
    #               Dec … May  Jun  Jul Aug Sep  Oct  Nov  total
    assert requested["마포구"] == ["0"] * 10 + ["1", "2", "3"]
    assert requested["종로구"] == ["0"] * 6 + ["1", "0", "0", "0", "0", "1", "2"]
    assert requested["종로구"][-1] == "2"  # the December booking is after the period
    assert requested["강남구"] == ["0"] * 13  # every district has its row
    assert requested["합계"] == ["0"] * 6 + ["1", "0", "0", "0", "1", "3", "5"]
    confirmed = table(html, "bookings-confirmed")
    # 2026-11-01 00:30 in Seoul is still October in UTC: it counts in November.
    assert confirmed["마포구"] == ["0"] * 11 + ["1", "1"]
    assert confirmed["종로구"] == ["0"] * 6 + ["1"] + ["0"] * 5 + ["1"]
    assert confirmed["합계"][-1] == "2"


def test_registrations_are_counted_with_a_place_and_on_the_waitlist(staff, data):
    html = staff.get(URL).content.decode()

    placed = table(html, "registrations")
    # Registered 2026-09-01 00:10 in Seoul (still August in UTC): September.
    assert placed["마포구"] == ["0"] * 9 + ["1", "0", "0", "1"]
    assert placed["종로구"] == ["0"] * 11 + ["1", "1"]
    waiting = table(html, "registrations-waitlisted")
    assert waiting["마포구"] == ["0"] * 11 + ["1", "1"]
    assert waiting["합계"][-1] == "1"
    # The per-month chart counts every registration (the cancelled one too).
    november = re.search(r'<th scope="row">2026-11</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<span class="column-chart__value">(\d+)</span>', november) == ["3", "3"]


def test_the_tables_are_accessible_tables_with_captions_and_header_scopes(staff, data):
    html = staff.get(URL).content.decode()

    for key, title in [
        ("bookings", "예약 신청"),
        ("bookings-confirmed", "확정된 예약"),
        ("registrations", "자리가 확정된 참가 신청"),
        ("registrations-waitlisted", "대기 중인 참가 신청"),
    ]:
        caption = re.search(rf'<caption id="caption-{key}">(.*?)</caption>', html).group(1)
        assert caption == f"{title}, 2025-12-01 ~ 2026-11-30"
        assert f'<h2 id="table-{key}">{title}</h2>' in html
    assert '<th scope="col">2026-11</th>' in html
    assert '<th scope="row">마포구</th>' in html
    # The period form: two labelled date fields, filled with the default period.
    assert '<label for="id_start">시작일</label>' in html
    assert re.search(r'<input type="date" name="start" value="2025-12-01"[^>]*id="id_start"', html)
    assert re.search(r'<input type="date" name="end" value="2026-11-30"[^>]*id="id_end"', html)


def test_a_chosen_period_gives_its_own_months(staff, data):
    html = staff.get(URL, {"start": "2026-10-15", "end": "2026-11-01"}).content.decode()

    requested = table(html, "bookings")
    assert requested["자치구"] == ["2026-10", "2026-11", "합계"]
    # Both days are included: 10-31 23:00 and 11-01 00:30 (Seoul) count.
    assert requested["마포구"] == ["1", "1", "2"]
    assert requested["종로구"] == ["0", "0", "0"]
    assert 'value="2026-10-15"' in html


# --- the CSV downloads ------------------------------------------------------------------


def test_the_csv_is_the_table_on_the_screen(staff, data):
    params = {"start": "2026-06-01", "end": "2026-11-30"}
    html = staff.get(URL, params).content.decode()
    link = re.search(r'<a href="([^"]+)" class="statistics__download" download>', html)
    assert link.group(1).startswith(URL + "?")
    assert "CSV로 내려받기" in html

    rows = csv_download(staff, {**params, "table": "bookings"})

    shown = Tables(html).tables["caption-bookings"]
    assert rows == shown
    assert rows[0] == ["자치구", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"] + [
        "2026-11",
        "합계",
    ]
    by_district = {row[0]: row[1:] for row in rows}
    assert by_district["마포구"] == ["0", "0", "0", "0", "1", "2", "3"]
    assert by_district["종로구"] == ["1", "0", "0", "0", "0", "1", "2"]
    assert rows[-1] == ["합계", "1", "0", "0", "0", "1", "3", "5"]
    assert len(rows) == 1 + 25 + 1  # heading, Seoul's 25 districts, totals


def test_each_table_has_its_own_csv_link(staff, data):
    html = staff.get(URL).content.decode()

    links = re.findall(r'<a href="([^"]+)" class="statistics__download" download>', html)
    assert len(links) == 4
    for key in ("bookings-confirmed", "registrations", "registrations-waitlisted"):
        (link,) = [href for href in links if f"table={key}&" in href.replace("&amp;", "&")]
        rows = csv_download(staff, {"start": "2025-12-01", "end": "2026-11-30", "table": key})
        assert rows == Tables(html).tables[f"caption-{key}"]
        assert link


def test_an_unknown_table_is_not_found(staff, data):
    response = staff.get(
        URL, {"start": "2026-01-01", "end": "2026-11-30", "table": "users", "export": "csv"}
    )
    assert response.status_code == 404


# --- periods that make no sense --------------------------------------------------------------


@pytest.mark.parametrize(
    "params,expected",
    [
        (
            {"start": "2026-11-30", "end": "2026-10-01"},
            [("end", "종료일은 시작일보다 앞설 수 없습니다.")],
        ),
        (
            {"start": "2020-01-01", "end": "2026-11-30"},
            [("end", "기간은 최대 60개월(5년)까지 고를 수 있습니다.")],
        ),
        (
            {"start": "1999-12-31", "end": "2000-01-31"},
            [("start", "2000년부터 2100년 사이의 날짜를 고르세요.")],
        ),
        ({"start": "2026-02-30", "end": "2026-11-30"}, [("start", "올바른 날짜를 입력하세요.")]),
        ({"start": "어제", "end": "2026-11-30"}, [("start", "올바른 날짜를 입력하세요.")]),
        ({"start": "2026-01-01"}, [("end", "이 필드는 필수 항목입니다.")]),
    ],
)
def test_a_period_that_makes_no_sense_gets_a_message_not_an_error(staff, data, params, expected):
    for extra in ({}, {"export": "csv", "table": "bookings"}):
        response = staff.get(URL, {**params, **extra})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        assert errors(html) == expected
        assert f'aria-describedby="id_{expected[0][0]}-error"' in html
        assert 'aria-invalid="true"' in html
        assert "caption-bookings" not in html  # no figures for a wrong period


# --- who may see them and what it costs ------------------------------------------------


def test_operators_and_residents_cannot_see_the_statistics(data, grant):
    operator = stats_world.make_user("stats-operator")
    grant(operator, data["mapo"])
    resident = data["users"][0]
    params = {"start": "2026-01-01", "end": "2026-11-30", "table": "bookings", "export": "csv"}
    for user in (operator, resident):
        client = Client()
        client.force_login(user)
        for query in ({}, params):
            response = client.get(URL, query)
            assert response.status_code in (302, 403), user
            assert b"caption-bookings" not in response.content
            assert not response.get("Content-Type", "").startswith("text/csv")
    anonymous = Client().get(URL, params)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")


def test_the_counting_is_a_few_grouped_queries_however_much_there_is(
    staff, data, make_space, django_assert_max_num_queries
):
    """Three queries count everything (districts, bookings, registrations): more rows,
    districts or months add none."""
    five_years = {"start": "2021-12-01", "end": "2026-11-30"}
    with django_assert_max_num_queries(8):
        csv_download(staff, {**five_years, "table": "bookings"})
    with django_assert_max_num_queries(20) as page:
        staff.get(URL, five_years)
    before = len(page.captured_queries)

    gangnam = make_space(title="강남 통계 공간", district="gangnam", bookable=True)
    occurrence = stats_world.make_occurrence(gangnam)
    for n in range(12):
        user = stats_world.make_user(f"stats-more{n}")
        stats_world.book(gangnam, user, stats_world.seoul(2024, 1 + n, 3, 10), "confirmed")
        stats_world.register(occurrence, user, stats_world.seoul(2023, 1 + n, 3), "confirmed")

    with django_assert_max_num_queries(8):
        rows = csv_download(staff, {**five_years, "table": "bookings-confirmed"})
    assert {row[0]: row[-1] for row in rows}["강남구"] == "12"
    with django_assert_max_num_queries(before):
        html = staff.get(URL, five_years).content.decode()
    assert table(html, "registrations")["강남구"][-1] == "12"


def district_map(html, key):
    """{district: (count, shade level)} of one district map (choropleth) on the page."""
    figure = re.search(
        rf'<figure class="choropleth">\s*<figcaption id="map-{key}">.*?</figure>', html, re.S
    )
    assert figure, key
    areas = re.findall(
        r'class="choropleth__area choropleth__area--(\d)" d="M[^"]+"><title>([^:<]+): (\d+)</title>',
        figure.group(0),
    )
    return {name: (int(count), int(level)) for level, name, count in areas}


def test_district_maps_shade_each_district_by_its_spaces_bookings_and_registrations(staff, data):
    html = staff.get(URL).content.decode()
    spaces, bookings, registrations = (
        district_map(html, key) for key in ("spaces", "bookings", "registrations")
    )
    for shaded in (spaces, bookings, registrations):
        assert len(shaded) == 25  # every district drawn, with its name and number
    # In the default period Mapo has 3 bookings of any status, Jongno 2: Mapo darkest.
    assert bookings["마포구"] == (3, 5)
    assert bookings["종로구"] == (2, 4)
    assert bookings["강남구"] == (0, 0)
    assert registrations["마포구"] == registrations["종로구"] == (1, 5)
    assert spaces["마포구"] == (1, 5) and spaces["서초구"] == (0, 0)
    # The numbers are the tables' (the maps' accessible twin).
    assert table(html, "bookings")["마포구"][-1] == "3"
    assert "<svg" in html and 'role="img"' in html
