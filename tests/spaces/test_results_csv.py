"""The directory's "Download these results (CSV)": a plain link in the results header to
/spaces/results.csv with the page's query, giving every matching space (not one page of
results) in the bulk import's columns plus url, UTF-8 with a BOM, read back here with
Python's csv module and by the import itself."""

import csv
import io
import re
from html import unescape

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import iri_to_uri

from wagtail.models import PageViewRestriction

import pytest

from spaces import directory, export
from spaces.importer import COLUMNS, SpaceImporter
from spaces.models import SpacePage

BASE = "https://portal.example.org"
URL = "/spaces/results.csv"


@pytest.fixture(autouse=True)
def public_address():
    with override_settings(PORTAL_BASE_URL=BASE):
        yield


def import_rows(rows):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({**dict.fromkeys(COLUMNS, ""), **row} for row in rows)
    report = SpaceImporter().run(out.getvalue().encode(), "spaces.csv")
    assert report.ok, report.errors
    return report


def row(n, **changes):
    values = {
        "external_id": f"MAPO-{n:03}",
        "name": f"망원 공간 {n}",
        "name_en": f"Mangwon space {n}",
        "space_type": "small-library",
        "district": "mapo",
        "address": f"서울특별시 마포구 망원로 {n}",
        "latitude": "37.5556",
        "longitude": "126.9101",
        "capacity": "24",
        "operator_name": "망원동 주민자치회",
        "operator_kind": "public",
        "phone": "02-123-4567",
        "email": "library@example.org",
        "website": "https://mangwon.example.org",
        "opening_hours": "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "amenities": "wifi; whiteboard",
        "accessibility": "lift",
        "description": "동네 <작은> 도서관입니다.\n누구나 오세요.\n\n둘째 문단.",
        "bookable": "yes",
    }
    values.update(changes)
    return values


@pytest.fixture
def spaces(bilingual_site):
    import_rows(
        [
            row(1),
            row(2, name="망원 공간 2", bookable="no", amenities="", capacity=""),
            row(3, district="seongdong", space_type="shared-kitchen", name="성수 공유부엌"),
            row(4, name="망원 공간 4"),
        ]
    )
    return {s.external_id: s for s in SpacePage.objects.filter(external_id__isnull=False)}


def download(client, url=URL, params=None, **headers):
    response = client.get(url, params or {}, HTTP_HOST="evil.example", **headers)
    assert response.status_code == 200, response.content[:300]
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="spaces-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return response, body


def table(body):
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    return rows


def download_link(client, query=""):
    page = client.get(f"/spaces/{query}").content.decode()
    found = re.findall(r'<a href="([^"]*)" download>([^<]*)</a>', page)
    assert len(found) == 1, found
    href, text = found[0]
    return unescape(href), text


def test_the_results_header_links_to_the_csv_of_the_same_search(client, spaces):
    href, text = download_link(client, "?district=mapo&sort=name&page=1")
    assert text == "이 결과 내려받기 (CSV)"
    assert href == "/spaces/results.csv?district=mapo&sort=name"  # every page, not page 1
    __, body = download(client, href)
    assert [r["name"] for r in table(body)] == ["망원 공간 1", "망원 공간 2", "망원 공간 4"]


def test_no_link_when_nothing_matches(client, spaces):
    page = client.get("/spaces/?district=gangnam").content.decode()
    assert "results.csv" not in page


def test_every_matching_space_not_only_the_page_shown(client, monkeypatch, spaces):
    monkeypatch.setattr(directory, "PAGE_SIZE", 2)
    shown = re.findall(r'<h3 class="space-card__title">', client.get("/spaces/").content.decode())
    assert len(shown) == 2
    href, __ = download_link(client)
    __, body = download(client, href)
    assert len(table(body)) == 4


def test_the_columns_are_the_import_format_plus_url(client, spaces):
    response, body = download(client, params={"district": "mapo"})
    header = body.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [*COLUMNS, "url"]
    first = table(body)[0]
    space = spaces["MAPO-001"]
    assert first == {
        "external_id": "MAPO-001",
        "name": "망원 공간 1",
        "name_en": "Mangwon space 1",
        "space_type": "작은도서관",
        "district": "마포구",
        "address": "서울특별시 마포구 망원로 1",
        "latitude": "37.5556",
        "longitude": "126.9101",
        "capacity": "24",
        "operator_name": "망원동 주민자치회",
        "operator_kind": "public",
        "phone": "02-123-4567",
        "email": "library@example.org",
        "website": "https://mangwon.example.org",
        "opening_hours": "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "amenities": first["amenities"],
        "accessibility": first["accessibility"],
        "description": "동네 <작은> 도서관입니다.\n누구나 오세요.\n\n둘째 문단.",
        "bookable": "yes",
        "url": f"{BASE}{space.url}",
    }
    assert len(first["amenities"].split("; ")) == 2
    assert first["accessibility"]
    assert response["X-Total-Count"] == "3"
    assert '<https://www.kogl.or.kr/info/licenseType1.do>; rel="license"' in response["Link"]
    assert b"evil.example" not in body


def test_a_download_imports_again_unchanged(client, spaces):
    """Edited in a spreadsheet or not, the file goes back through the import: every row
    updates its own space, none is created, and the next download is the same file."""
    __, body = download(client)
    report = SpaceImporter().run(body, "spaces.csv")
    assert report.ok, report.errors
    assert (len(report.created), len(report.updated)) == (0, 4)
    assert SpacePage.objects.count() == 4
    __, again = download(client)
    assert table(again) == table(body)


def test_english_names_and_addresses_under_en(client, spaces):
    __, body = download(client, "/en" + URL, {"district": "seongdong"})
    (found,) = table(body)
    assert (found["space_type"], found["district"]) == ("Shared kitchen", "Seongdong-gu")
    assert found["url"] == iri_to_uri(f"{BASE}/en/spaces/{spaces['MAPO-003'].slug}/")
    report = SpaceImporter(dry_run=True).run(body, "spaces.csv")
    assert report.ok and len(report.updated) == 1


def test_private_and_draft_spaces_are_left_out(client, spaces):
    PageViewRestriction.objects.create(page=spaces["MAPO-001"], restriction_type="login")
    spaces["MAPO-002"].unpublish()
    __, body = download(client)
    assert [r["external_id"] for r in table(body)] == ["MAPO-004", "MAPO-003"]


def test_text_a_spreadsheet_would_run_is_written_as_text(client, spaces):
    import_rows([row(5, name='=HYPERLINK("http://evil.example","열기")', district="jongno")])
    __, body = download(client, params={"district": "jongno"})
    assert table(body)[0]["name"] == '\'=HYPERLINK("http://evil.example","열기")'


@pytest.mark.parametrize(
    "params",
    [
        {"district": "atlantis"},
        {"min_capacity": "many"},
        {"sort": "random"},
        {"page": "0"},
        {"page": "x"},
    ],
)
def test_bad_parameters_are_a_clear_400(client, spaces, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    name = next(iter(params))
    assert f"\n{name}: " in response.content.decode()


def test_more_than_one_file_of_rows_comes_in_pages(client, monkeypatch, spaces):
    monkeypatch.setattr(export, "MAX_ROWS", 3)
    first, body = download(client, params={"sort": "name"})
    assert len(table(body)) == 3
    assert first["X-Total-Count"] == "4"
    assert f'<{BASE}/spaces/results.csv?sort=name&page=2>; rel="next"' in first["Link"]
    second, rest = download(client, params={"sort": "name", "page": "2"})
    assert [r["name"] for r in table(rest)] == ["성수 공유부엌"]
    assert 'rel="next"' not in second["Link"]
    assert client.get(URL, {"page": "3"}).status_code == 404


def test_the_queries_do_not_grow_with_the_rows(client, spaces):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            download(client)
        return len(captured.captured_queries)

    download(client)
    few = queries()
    import_rows([row(n) for n in range(10, 30)])
    assert queries() == few


def test_downloads_are_limited_per_client(client, monkeypatch, spaces):
    monkeypatch.setattr(export, "DOWNLOADS_PER_HOUR", 2)
    for __ in range(2):
        download(client)
    response = client.get(URL)
    assert response.status_code == 429
    assert response["Retry-After"]
