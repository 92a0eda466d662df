"""City staff import spaces in a real browser: they check a CSV file with "Dry run",
read the report and import the very same file with "이대로 가져오기" — the file is
chosen once."""

import csv
import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from spaces import access
from spaces.models import SpacePage

ROWS = [
    {
        "external_id": "IMPORT-1",
        "name": "연남 마을부엌",
        "name_en": "Yeonnam Village Kitchen",
        "space_type": "shared-kitchen",
        "district": "mapo",
        "address": "서울특별시 마포구 연남로 2",
        "latitude": "37.5620",
        "longitude": "126.9230",
    },
    {
        "external_id": "IMPORT-2",
        "name": "합정 작은도서관",
        "space_type": "small-library",
        "district": "mapo",
        "address": "서울특별시 마포구 합정로 3",
        "latitude": "37.5490",
        "longitude": "126.9130",
    },
]


@pytest.fixture
def site(bilingual_site, live_server, db):
    access.ensure_roles()
    staff = get_user_model().objects.create_user(
        "staff1", email="staff1@example.org", password="changeme"
    )
    staff.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    return live_server.url


@pytest.fixture
def spreadsheet(tmp_path):
    path = tmp_path / "spaces.csv"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(ROWS[0]))
    writer.writeheader()
    writer.writerows(ROWS)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_staff_check_a_file_then_import_it_without_choosing_it_again(page, site, spreadsheet):
    chosen = []
    page.on("filechooser", lambda chooser: chosen.append(chooser))
    page.goto(site + "/admin/login/?next=/admin/spaces/import/")
    page.get_by_label("사용자 이름").fill("staff1")
    page.locator("#id_password").fill("changeme")  # its label is not translated yet
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("heading", name="공간 일괄 등록")).to_be_visible()

    with page.expect_file_chooser() as dialog:  # the file dialog: choose the CSV
        page.get_by_label("스프레드시트 파일").click()
    dialog.value.set_files(spreadsheet)
    page.get_by_label("시험 실행").check()
    submit = page.get_by_role("button", name="검사하고 등록하기")
    # Its words show beside a small icon (the icon once filled the button and hid them).
    icon, words = submit.locator("svg").bounding_box(), submit.bounding_box()
    assert icon["width"] <= 24 and words["height"] <= 60, (icon, words)
    expect(submit).to_contain_text("검사하고 등록하기")
    submit.click()

    report = page.locator("#import-report")
    expect(report.get_by_role("heading", name="시험 실행 결과")).to_be_visible()
    expect(report.get_by_role("status")).to_contain_text("2개 행을 등록할 수 있습니다")
    assert not SpacePage.objects.filter(external_id__startswith="IMPORT-").exists()

    report.get_by_role("button", name=re.compile("이대로 가져오기$")).click()

    expect(report.get_by_role("heading", name="일괄 등록 결과")).to_be_visible()
    expect(report.get_by_role("status")).to_contain_text("2개 행을 등록했습니다")
    expect(page.get_by_role("button", name=re.compile("이대로 가져오기$"))).to_have_count(0)
    assert len(chosen) == 1  # the file dialog opened once: the file was never asked again

    kitchen = SpacePage.objects.get(external_id="IMPORT-1")
    assert kitchen.live and kitchen.name_en == "Yeonnam Village Kitchen"
    assert kitchen.latest_revision.user.username == "staff1"
    assert SpacePage.objects.get(external_id="IMPORT-2").live
    page.goto(site + kitchen.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("연남 마을부엌")
