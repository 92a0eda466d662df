"""City staff's statistics in a real browser: choose a period with the two date fields,
see bookings by district and month, and download the same table as CSV for Excel.
Data: tests/operators/stats_world.py."""

import csv
import io
from pathlib import Path

from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from spaces import access
from tests.operators import stats_world

from .conftest import assert_no_axe_violations

STATISTICS = "/admin/space-statistics/"


@pytest.fixture
def site(bilingual_site, live_server, make_space):
    access.ensure_roles()
    staff = stats_world.make_user("stats-staff")
    staff.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    stats_world.build(make_space)
    return live_server.url


def log_in(page, site, username, next_path):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()


def cells(table, district):
    header = table.page.get_by_role("rowheader", name=district, exact=True)
    row = table.get_by_role("row").filter(has=header)
    return row.get_by_role("cell").all_inner_texts()


def test_staff_choose_a_period_see_bookings_by_district_and_download_the_csv(page, site):
    log_in(page, site, "stats-staff", STATISTICS)
    expect(page.get_by_role("heading", name="자치구·월별 예약과 참가 신청")).to_be_visible()

    page.get_by_label("시작일").fill("2026-10-01")
    page.get_by_label("종료일").fill("2026-11-30")
    with page.expect_navigation():
        page.get_by_role("button", name="보기").click()

    assert "start=2026-10-01" in page.url and "end=2026-11-30" in page.url
    table = page.get_by_role("table", name="예약 신청, 2026-10-01 ~ 2026-11-30")
    expect(table).to_be_visible()
    headings = table.get_by_role("columnheader").all_inner_texts()
    assert headings == ["자치구", "2026-10", "2026-11", "합계"]
    assert cells(table, "마포구") == ["1", "2", "3"]
    assert cells(table, "종로구") == ["0", "1", "1"]
    assert cells(table, "합계") == ["1", "3", "4"]
    confirmed = page.get_by_role("table", name="확정된 예약, 2026-10-01 ~ 2026-11-30")
    assert cells(confirmed, "마포구") == ["0", "1", "1"]  # 11-01 00:30 in Seoul

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV로 내려받기 (예약 신청)", exact=True).click()
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["자치구", "2026-10", "2026-11", "합계"]
    by_district = {row[0]: row[1:] for row in rows}
    assert by_district["마포구"] == ["1", "2", "3"]
    assert by_district["종로구"] == ["0", "1", "1"]
    assert rows[-1] == ["합계", "1", "3", "4"]
    assert len(rows) == 27  # heading, 25 districts, totals: the table on the screen

    assert_no_axe_violations(page)


def test_a_backwards_period_is_explained_beside_the_field(page, site):
    log_in(page, site, "stats-staff", STATISTICS)

    page.get_by_label("시작일").fill("2026-11-30")
    page.get_by_label("종료일").fill("2026-10-01")
    with page.expect_navigation():
        page.get_by_label("종료일").press("Enter")

    end = page.get_by_label("종료일")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_accessible_description("종료일은 시작일보다 앞설 수 없습니다.")
    expect(page.get_by_role("table", name="예약 신청", exact=False)).to_have_count(0)
