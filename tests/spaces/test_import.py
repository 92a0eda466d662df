"""The bulk import of spaces: manage.py import_spaces and the staff upload form."""

import csv
import datetime as dt
import io
import re

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.users.models import UserProfile

import pytest
import time_machine
from openpyxl import Workbook

from spaces import admin_views, bulk, import_staging, importer
from spaces.importer import COLUMNS, SpaceImporter
from spaces.models import District, SpacePage, SpaceType
from spaces.services import bulk_saving, save_space

IMPORT_URL = "/admin/spaces/import/"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the catalogue translates."""
    with translation.override("en"):
        yield


@pytest.fixture
def directory(korean_only_site):
    """The Korean space directory the imported spaces go under."""
    return korean_only_site


def good_row(**changes):
    row = {
        "external_id": "MAPO-001",
        "name": "망원 작은도서관",
        "name_en": "Mangwon Small Library",
        "space_type": "small-library",
        "district": "mapo",
        "address": "서울특별시 마포구 망원로 1",
        "latitude": "37.5556",
        "longitude": "126.9101",
        "capacity": "24",
        "operator_name": "망원동 주민자치회",
        "operator_kind": "public",
        "phone": "02-123-4567",
        "email": "library@example.org",
        "website": "mangwon.example.org",
        "opening_hours": "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "amenities": "wifi; 빔프로젝터 ;Whiteboard",
        "accessibility": "lift;Step-free entrance",
        "description": "동네 <작은> 도서관입니다.\n누구나 오세요.\n\n둘째 문단.",
        "bookable": "yes",
    }
    row.update(changes)
    return row


def csv_bytes(rows, columns=COLUMNS, bom=False, encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def xlsx_bytes(rows, columns=COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    workbook.create_sheet("Notes").append(["not", "read"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run_import(tmp_path, content, *args, name="spaces.csv"):
    """(stdout, stderr, CommandError or None) of manage.py import_spaces."""
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_spaces", str(path), *args, verbosity=0, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def check(rows, columns=COLUMNS):
    """The dry-run report of these rows (nothing is written)."""
    return SpaceImporter(dry_run=True).run(csv_bytes(rows, columns), "spaces.csv")


def error_lines(report):
    return [str(error) for error in report.sorted_errors()]


# --- importing ------------------------------------------------------------------------


def test_csv_import_creates_published_pages_with_fields_terms_point_and_hours(directory, tmp_path):
    second = good_row(
        external_id="JONGNO-7", name="청운 공방", district="종로구", space_type="공방"
    )
    out, err, error = run_import(tmp_path, csv_bytes([good_row(), second]))

    assert error is None, err
    assert "imported 2 rows (2 created, 0 updated)" in out
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert page.live and not page.has_unpublished_changes
    assert page.get_parent().specific_class.__name__ == "SpaceIndexPage"
    assert page.locale.language_code == "ko"
    assert (page.title, page.name_en) == ("망원 작은도서관", "Mangwon Small Library")
    assert (page.space_type.slug, page.district.slug) == ("small-library", "mapo")
    assert (page.latitude, page.longitude) == (37.5556, 126.9101)
    assert page.location == "SRID=4326;POINT(126.910100 37.555600)"
    assert page.capacity == 24
    assert (page.operator_name, page.operator_kind) == ("망원동 주민자치회", "public")
    assert (page.email, page.website) == ("library@example.org", "https://mangwon.example.org")
    assert page.bookable is True
    assert sorted(page.amenities.values_list("slug", flat=True)) == [
        "projector",
        "whiteboard",
        "wifi",
    ]
    assert sorted(page.accessibility.values_list("slug", flat=True)) == [
        "lift",
        "step-free-entrance",
    ]
    assert page.opening_periods.filter(weekday=5).count() == 1  # Saturday
    assert page.opening_periods.count() == 6
    assert page.description == (
        "<p>동네 &lt;작은&gt; 도서관입니다.<br/>누구나 오세요.</p><p>둘째 문단.</p>"
    )
    assert page.revisions.count() == 1
    other = SpacePage.objects.get(external_id="JONGNO-7")
    assert (other.district.slug, other.space_type.slug) == ("jongno", "workshop")


def test_import_indexes_the_pages_for_search_and_references_once_done(directory, tmp_path):
    run_import(tmp_path, csv_bytes([good_row()]))
    page = SpacePage.objects.get(external_id="MAPO-001")
    results = get_search_backend().search("망원", SpacePage)
    assert page in list(results)

    # The deferred reference index matches what an ordinary save records.
    imported = set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type", "to_object_id", "model_path"
        )
    )
    page.save_revision().publish()  # outside bulk_saving: indexed by the signal handlers
    again = set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type", "to_object_id", "model_path"
        )
    )
    assert imported == again


def test_an_import_indexes_only_the_spaces_it_wrote_not_the_whole_site(
    directory, tmp_path, monkeypatch
):
    """Re-indexing after an import is incremental: the spaces already there are not
    indexed again, for search or for references, whatever the size of the directory."""
    run_import(tmp_path, csv_bytes([good_row(external_id=f"OLD-{n}") for n in range(3)]))
    old = {str(pk) for pk in SpacePage.objects.values_list("pk", flat=True)}
    searched, referenced = [], []
    from modelsearch.backends.base import BaseSearchBackend as backend

    add_bulk = backend.add_bulk
    monkeypatch.setattr(
        backend,
        "add_bulk",
        lambda self, model, objs: (
            searched.extend(str(o.pk) for o in objs) or add_bulk(self, model, objs)
        ),
    )
    from spaces import services

    index_references = services._index_references
    monkeypatch.setattr(
        services,
        "_index_references",
        lambda objs: referenced.extend(str(o.pk) for o in objs) or index_references(objs),
    )

    run_import(tmp_path, csv_bytes([good_row(external_id="NEW-1", name="새 공간")]))

    new = {str(SpacePage.objects.get(external_id="NEW-1").pk)}
    assert set(searched) == new and not old & set(searched)
    assert set(referenced) == new


def test_indexing_on_save_works_as_usual_after_a_bulk_import(directory):
    def space(external_id):
        return {
            "external_id": external_id,
            "title": f"공간 {external_id}",
            "space_type": SpaceType.objects.get(slug="club-room"),
            "district": District.objects.get(slug="jung"),
            "address": "서울특별시 중구 세종대로 110",
        }

    with bulk_saving():
        in_bulk, _created = save_space(space("IN-BULK"))
        assert not is_indexed(in_bulk)  # deferred while the block runs
    assert is_indexed(in_bulk)
    after, _created = save_space(space("AFTER"))
    assert is_indexed(after)  # the usual signal handlers are back


def is_indexed(page):
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SpacePage), object_id=str(page.pk)
    ).exists()


def test_as_drafts_creates_unpublished_pages_with_a_revision(directory, tmp_path):
    out, err, error = run_import(tmp_path, csv_bytes([good_row()]), "--as-drafts")

    assert error is None, err
    assert "imported 1 row as drafts (1 created, 0 updated)" in out
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert not page.live
    assert page.has_unpublished_changes
    assert page.live_revision is None and page.latest_revision is not None


def test_as_drafts_on_a_published_space_keeps_the_live_version(directory, tmp_path):
    run_import(tmp_path, csv_bytes([good_row()]))
    run_import(tmp_path, csv_bytes([good_row(name="새 이름")]), "--as-drafts")

    page = SpacePage.objects.get(external_id="MAPO-001")
    assert page.live and page.title == "망원 작은도서관"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "새 이름"


def test_dry_run_reports_what_would_change_and_writes_nothing(directory, tmp_path):
    run_import(tmp_path, csv_bytes([good_row()]))
    pages, revisions = Page.objects.count(), Revision.objects.count()
    rows = [
        good_row(name="바뀐 이름"),
        good_row(external_id="NEW-1"),
        good_row(external_id="NEW-2"),
    ]

    out, err, error = run_import(tmp_path, csv_bytes(rows), "--dry-run")

    assert error is None, err
    assert "dry run: 3 rows would be imported (2 created, 1 updated); nothing was saved" in out
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert SpacePage.objects.get(external_id="MAPO-001").title == "망원 작은도서관"


def test_reimport_updates_the_same_page_as_a_new_revision(directory, tmp_path):
    run_import(tmp_path, csv_bytes([good_row()]))
    page = SpacePage.objects.get(external_id="MAPO-001")
    changed = good_row(
        name="망원 열린도서관",
        latitude="37.5600",
        longitude="126.9200",
        amenities="piano",
        opening_hours="Sa-Su 10:00-16:00",
        capacity="",
        bookable="no",
    )

    out, err, error = run_import(tmp_path, csv_bytes([changed]))

    assert error is None, err
    assert "imported 1 row (0 created, 1 updated)" in out
    assert SpacePage.objects.filter(external_id="MAPO-001").count() == 1
    updated = SpacePage.objects.get(pk=page.pk)
    assert updated.title == "망원 열린도서관"
    assert updated.slug == page.slug  # the URL stays
    assert (updated.latitude, updated.longitude) == (37.56, 126.92)
    assert list(updated.amenities.values_list("slug", flat=True)) == ["piano"]
    assert updated.capacity is None and updated.bookable is False
    assert set(updated.opening_periods.values_list("weekday", flat=True)) == {5, 6}
    assert updated.revisions.count() == 2
    assert updated.live and not updated.has_unpublished_changes


def test_xlsx_import_reads_the_first_sheet_with_numbers_and_booleans(directory, tmp_path):
    row = good_row(latitude=37.5556, longitude=126.9101, capacity=24, bookable=True)
    second = good_row(external_id=2024, name="둘째", capacity=12.0, bookable=False)

    out, err, error = run_import(tmp_path, xlsx_bytes([row, second]), name="spaces.xlsx")

    assert error is None, err
    assert "imported 2 rows (2 created, 0 updated)" in out
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert (page.latitude, page.longitude, page.capacity, page.bookable) == (
        37.5556,
        126.9101,
        24,
        True,
    )
    other = SpacePage.objects.get(external_id="2024")
    assert (other.capacity, other.bookable) == (12, False)


def test_csv_with_byte_order_mark_is_read(directory, tmp_path):
    out, err, error = run_import(tmp_path, csv_bytes([good_row()], bom=True))
    assert error is None, err
    assert "Unknown columns" not in err
    assert SpacePage.objects.filter(external_id="MAPO-001").exists()


@pytest.mark.parametrize(
    ("district", "space_type"),
    [
        ("마포구", "작은도서관"),
        ("Mapo-gu", "Small library"),
        ("mapo-GU", "SMALL LIBRARY"),
        ("mapo", "small-library"),
    ],
)
def test_korean_english_and_slug_names_are_accepted_for_district_and_type(db, district, space_type):
    report = check([good_row(district=district, space_type=space_type)])
    assert report.ok, error_lines(report)
    assert len(report.created) == 1


def test_bookable_and_operator_kind_accept_korean_words(db):
    report = check(
        [
            good_row(external_id="A", bookable="예", operator_kind="민간"),
            good_row(external_id="B", bookable="아니오", operator_kind="공공"),
            good_row(external_id="C", bookable="TRUE", operator_kind="Private"),
            good_row(external_id="D", bookable="0", operator_kind=""),
        ]
    )
    assert report.ok, error_lines(report)


def test_optional_columns_may_be_left_out_or_empty(directory, tmp_path):
    columns = ["external_id", "name", "space_type", "district", "address", "email"]
    row = {"external_id": "MIN-1", "name": "최소", "space_type": "workshop"}
    row |= {"district": "jung", "address": "중구 어딘가"}
    out, err, error = run_import(tmp_path, csv_bytes([row], columns=columns))
    assert error is None, err
    page = SpacePage.objects.get(external_id="MIN-1")
    assert page.live and page.latitude is None and page.opening_hours == ""


# --- problems -------------------------------------------------------------------------


def test_unknown_district_is_reported_with_row_number_and_allowed_values(db):
    report = check([good_row(external_id="A"), good_row(external_id="B", district="Mapo-dong")])
    assert not report.ok
    (line,) = error_lines(report)
    assert line.startswith("row 3, district: unknown district “Mapo-dong” — allowed: jongno, jung,")
    assert "gangdong" in line


def test_unknown_space_type_is_reported_with_allowed_values(db):
    report = check([good_row(space_type="sauna")])
    (line,) = error_lines(report)
    assert line.startswith(
        "row 2, space_type: unknown space type “sauna” — allowed: small-library,"
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (
            "amenities",
            "wifi;jacuzzi",
            "row 2, amenities: unknown amenity “jacuzzi” — allowed: wifi,",
        ),
        (
            "accessibility",
            "lift; ramp",
            "row 2, accessibility: unknown accessibility feature “ramp” — allowed: wheelchair-access,",
        ),
    ],
)
def test_unknown_amenity_or_accessibility_term_is_reported(db, column, value, expected):
    (line,) = error_lines(check([good_row(**{column: value})]))
    assert line.startswith(expected)


def test_point_outside_seoul_is_reported(db):
    (line,) = error_lines(check([good_row(latitude="35.1796", longitude="129.0756")]))
    assert line == (
        "row 2, latitude/longitude: the point 35.1796, 129.0756 is outside Seoul "
        "(latitude 37.41–37.72, longitude 126.76–127.19)"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"latitude": "north"}, "row 2, latitude: “north” is not a number"),
        ({"longitude": ""}, "row 2, longitude: give both latitude and longitude, or neither"),
    ],
)
def test_bad_coordinates_are_reported(db, changes, expected):
    assert error_lines(check([good_row(**changes)])) == [expected]


def test_bad_opening_hours_are_reported_with_the_parser_explanation(db):
    (line,) = error_lines(check([good_row(opening_hours="Mo-Fr 9h to 6pm")]))
    assert line.startswith("row 2, opening_hours: “Mo-Fr 9h to 6pm” is not valid opening hours")


def test_bad_email_is_reported(db):
    lines = error_lines(check([good_row(email="library@")]))
    assert lines == ["row 2, email: “library@” is not a valid e-mail address"]


def test_bad_website_is_reported(db):
    lines = error_lines(check([good_row(website="not a site")]))
    assert lines == ["row 2, website: “not a site” is not a valid web address"]


def test_missing_name_is_reported(db):
    lines = error_lines(check([good_row(), good_row(external_id="B", name="")]))
    assert lines == ["row 3, name: a value is required"]


@pytest.mark.parametrize("value", ["0", "-3", "many", "2.5"])
def test_capacity_must_be_a_positive_whole_number(db, value):
    lines = error_lines(check([good_row(capacity=value)]))
    assert lines == [f"row 2, capacity: “{value}” is not a positive whole number"]


def test_bad_bookable_and_operator_kind_are_reported(db):
    lines = error_lines(check([good_row(bookable="maybe", operator_kind="city")]))
    assert lines == [
        "row 2, operator_kind: “city” is not an operator kind — allowed: public, private (공공, 민간)",
        "row 2, bookable: “maybe” is not yes or no — allowed: yes, no, 예, 아니오, true, false, 1, 0",
    ]


def test_duplicate_external_id_in_the_file_fails_every_copy(db):
    rows = [good_row(), good_row(external_id="OTHER"), good_row(name="다른 이름")]
    report = check(rows)
    assert error_lines(report) == [
        "row 2, external_id: “MAPO-001” appears more than once in the file (rows 2, 4)",
        "row 4, external_id: “MAPO-001” appears more than once in the file (rows 2, 4)",
    ]
    assert [number for number, _id in report.created] == [3]


def test_every_problem_of_a_row_is_reported_not_just_the_first(db):
    row = good_row(name="", district="nowhere", email="x", capacity="-1")
    lines = error_lines(check([row]))
    assert [line.split(":")[0] for line in lines] == [
        "row 2, name",
        "row 2, district",
        "row 2, capacity",
        "row 2, email",
    ]


def test_row_numbers_are_spreadsheet_rows_even_with_line_breaks_in_cells(db):
    rows = [good_row(description="첫 줄\n둘째 줄\n\n셋째"), good_row(external_id="B", district="x")]
    (line,) = error_lines(check(rows))
    assert line.startswith("row 3, district:")


def test_file_missing_required_columns_is_rejected_naming_them(directory, tmp_path):
    columns = [c for c in COLUMNS if c not in ("district", "address")]
    out, err, error = run_import(tmp_path, csv_bytes([good_row()], columns=columns))
    assert error is not None
    assert "Required columns are missing: district, address." in str(error)
    assert not SpacePage.objects.exists()


def test_unknown_columns_are_ignored_with_a_warning(directory, tmp_path):
    columns = [*COLUMNS, "colour"]
    out, err, error = run_import(tmp_path, csv_bytes([good_row(colour="red")], columns=columns))
    assert error is None
    assert "Warning: Unknown columns were ignored: colour." in err
    assert SpacePage.objects.filter(external_id="MAPO-001").exists()


def test_a_row_without_coordinates_imports_with_a_warning_naming_its_row(directory, tmp_path):
    rows = [good_row(), good_row(external_id="NOPOINT", latitude="", longitude="")]
    out, err, error = run_import(tmp_path, csv_bytes(rows))

    assert error is None
    assert "row 3: no latitude/longitude, so this space will not be on the map" in err
    assert "row 2:" not in err  # the row with a point is not warned about
    assert SpacePage.objects.get(external_id="NOPOINT").latitude is None


def test_failing_rows_make_the_command_exit_non_zero_while_valid_rows_import(directory, tmp_path):
    rows = [
        good_row(),
        good_row(external_id="BAD", district="Atlantis"),
        good_row(external_id="OK2"),
    ]
    out, err, error = run_import(tmp_path, csv_bytes(rows))

    assert isinstance(error, CommandError) and error.returncode == 1
    assert "1 row failed" in str(error)
    assert "imported 2 rows (2 created, 0 updated), 1 row failed" in out
    assert "row 3, district: unknown district “Atlantis”" in err
    assert set(SpacePage.objects.values_list("external_id", flat=True)) == {"MAPO-001", "OK2"}


def test_command_exit_status_is_1_when_a_row_fails(directory, tmp_path):
    path = tmp_path / "spaces.csv"
    path.write_bytes(csv_bytes([good_row(district="Atlantis")]))
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_spaces", str(path), "-v", "0"]).execute()
    assert exit_info.value.code == 1


def test_non_utf8_csv_is_rejected_with_a_clear_message(db, tmp_path):
    out, err, error = run_import(tmp_path, csv_bytes([good_row()], encoding="cp949"))
    assert "The file is not UTF-8 CSV" in str(error)
    assert "CSV UTF-8" in str(error)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\x00\x01\x02garbage\xff\xfe", "spaces.csv", "not UTF-8 CSV"),
        (b"\x00\x01\x02 binary", "spaces.csv", "not a CSV text file"),
        (b"PK\x03\x04 not really a zip", "spaces.xlsx", "not a readable Excel workbook"),
        (b"external_id,name\n1,2\n", "spaces.xlsx", "not an Excel workbook"),
        (b"", "spaces.csv", "The file is empty."),
        (b"just,one,line\n", "spaces.csv", "Required columns are missing"),
        (b"a;b;c\n1;2;3\n", "spaces.csv", "Separate the columns with commas"),
        (b"external_id,name,space_type,district,address\n", "spaces.csv", "no data rows"),
        (b"hello", "spaces.txt", "Upload a .csv or .xlsx file."),
    ],
)
def test_unreadable_files_get_a_clear_message(db, content, name, expected):
    report = SpaceImporter().run(content, name)
    assert not report.ok
    assert expected in report.summary()


# --- the admin upload form ----------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model, directory):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def upload(content, name="spaces.csv", **options):
    return {"file": SimpleUploadedFile(name, content), **options}


def test_import_form_is_shown_to_a_superuser(admin_client):
    response = admin_client.get(IMPORT_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        'type="file"' in content and 'name="dry_run"' in content and 'name="as_drafts"' in content
    )
    assert "Import spaces" in content


def test_uploading_a_file_in_the_admin_imports_it_and_shows_the_report(admin_client):
    rows = [good_row(), good_row(external_id="B", email="nope")]
    response = admin_client.post(IMPORT_URL, upload(csv_bytes(rows)))

    assert response.status_code == 200
    content = response.content.decode()
    assert "imported 1 row (1 created, 0 updated), 1 row failed" in content
    assert "<td>3</td>" in content and "<code>email</code>" in content
    assert "“nope” is not a valid e-mail address" in content
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert page.live
    assert page.latest_revision.user.username == "boss"


def test_admin_dry_run_and_drafts_options_are_honoured(admin_client):
    response = admin_client.post(IMPORT_URL, upload(csv_bytes([good_row()]), dry_run="on"))
    assert "dry run: 1 row would be imported (1 created, 0 updated)" in response.content.decode()
    assert not SpacePage.objects.exists()

    admin_client.post(IMPORT_URL, upload(csv_bytes([good_row()]), as_drafts="on"))
    assert not SpacePage.objects.get(external_id="MAPO-001").live


def test_admin_import_of_an_xlsx_file(admin_client):
    response = admin_client.post(IMPORT_URL, upload(xlsx_bytes([good_row()]), "spaces.xlsx"))
    assert "imported 1 row (1 created, 0 updated)" in response.content.decode()


def test_wrong_file_type_is_a_form_error(admin_client):
    response = admin_client.post(IMPORT_URL, upload(b"hello", "spaces.pdf"))
    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file" in response.content.decode()
    assert not SpacePage.objects.exists()


def test_oversized_file_is_a_form_error(admin_client, monkeypatch):
    monkeypatch.setattr(admin_views, "MAX_UPLOAD_BYTES", 1000)
    response = admin_client.post(IMPORT_URL, upload(csv_bytes([good_row()] * 10)))
    assert response.status_code == 200
    assert "files may be at most 1000" in response.content.decode()
    assert not SpacePage.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("사과,배\n".encode("cp949") * 3, "spaces.csv", "The file is not UTF-8 CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "spaces.xlsx", "not an Excel workbook"),
        (b"PK\x03\x04\x14\x00broken", "spaces.xlsx", "not a readable Excel workbook"),
    ],
)
def test_garbage_files_give_a_clear_error_never_a_500(admin_client, content, name, expected):
    response = admin_client.post(IMPORT_URL, upload(content, name))
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_users_who_may_not_import_get_403(client, django_user_model, directory):
    user = django_user_model.objects.create_user("resident", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload(csv_bytes([good_row()]))).status_code == 403
    assert not SpacePage.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, directory):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editors_with_the_add_space_permission_may_import(client, django_user_model, directory):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_spacepage"),
    )
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 200


# --- applying a dry run without uploading again ---------------------------------------


def apply_token(response):
    """The token the "Import as checked" form carries (the form sends nothing else)."""
    form = response.content.decode().split('class="import-apply"', 1)[1].split("</form>", 1)[0]
    fields = re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', form)
    assert sorted(fields) == ["csrfmiddlewaretoken", "token"]
    assert 'type="file"' not in form
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


@pytest.fixture(autouse=True)
def no_kept_files():
    """The test storage lives as long as the process: start without kept files."""
    for name in kept_files():
        default_storage.delete(f"{import_staging.FOLDER}/{name}")


def kept_files():
    try:
        return default_storage.listdir(import_staging.FOLDER)[1]
    except FileNotFoundError:
        return []


def dry_run(client, rows, **options):
    response = client.post(IMPORT_URL, upload(csv_bytes(rows), dry_run="on", **options))
    assert response.status_code == 200
    return response


def test_after_a_dry_run_the_checked_file_imports_without_choosing_it_again(admin_client):
    rows = [good_row(), good_row(external_id="B", email="nope")]
    checked = dry_run(admin_client, rows)
    assert " as checked" in checked.content.decode()
    assert "Rows with problems are left out." in checked.content.decode()
    assert not SpacePage.objects.exists()

    response = admin_client.post(IMPORT_URL, {"token": apply_token(checked)})

    assert response.status_code == 200
    content = response.content.decode()
    assert "imported 1 row (1 created, 0 updated), 1 row failed" in content
    assert " as checked" not in content
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert page.live and page.title == "망원 작은도서관"
    assert page.latest_revision.user.username == "boss"
    assert kept_files() == []  # cleaned up


def test_applying_keeps_the_drafts_choice_of_the_dry_run(admin_client):
    checked = dry_run(admin_client, [good_row()], as_drafts="on")
    assert "New versions are saved as drafts." in checked.content.decode()
    admin_client.post(IMPORT_URL, {"token": apply_token(checked)})
    assert not SpacePage.objects.get(external_id="MAPO-001").live


def test_a_checked_file_is_imported_once(admin_client):
    token = apply_token(dry_run(admin_client, [good_row()]))
    admin_client.post(IMPORT_URL, {"token": token})
    again = admin_client.post(IMPORT_URL, {"token": token})
    assert again.status_code == 400
    assert "This file has already been imported" in again.content.decode()
    assert SpacePage.objects.get(external_id="MAPO-001").revisions.count() == 1


def test_a_checked_file_expires_after_an_hour(admin_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = apply_token(dry_run(admin_client, [good_row()]))
        clock.shift(dt.timedelta(minutes=61))
        response = admin_client.post(IMPORT_URL, {"token": token})
    assert response.status_code == 400
    assert "kept for an hour only. Choose it again" in response.content.decode()
    assert not SpacePage.objects.exists()
    assert kept_files() == []


def test_files_checked_and_never_imported_are_deleted_by_a_later_dry_run(admin_client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        dry_run(admin_client, [good_row()])
        clock.shift(dt.timedelta(minutes=61))
        dry_run(admin_client, [good_row(external_id="B")])
    assert len(kept_files()) == 1


def test_another_users_checked_file_is_refused(admin_client, django_user_model):
    token = apply_token(dry_run(admin_client, [good_row()]))
    other = django_user_model.objects.create_superuser("other", "other@example.org", "pw")
    UserProfile.objects.create(user=other, preferred_language="en")
    someone_else = Client()
    someone_else.force_login(other)
    response = someone_else.post(IMPORT_URL, {"token": token})
    assert response.status_code == 403
    assert "Another user checked this file" in response.content.decode()
    assert not SpacePage.objects.exists()
    # the one who checked it still can
    assert "imported 1 row" in admin_client.post(IMPORT_URL, {"token": token}).content.decode()


def test_a_changed_kept_file_or_a_forged_token_is_refused(admin_client):
    token = apply_token(dry_run(admin_client, [good_row()]))
    (name,) = kept_files()
    path = f"{import_staging.FOLDER}/{name}"
    default_storage.delete(path)
    default_storage.save(path, ContentFile(csv_bytes([good_row(name="바뀐 이름")])))
    response = admin_client.post(IMPORT_URL, {"token": token})
    assert response.status_code == 400
    assert "not the one that was checked" in response.content.decode()

    forged = admin_client.post(IMPORT_URL, {"token": token[:-3] + "abc"})
    assert forged.status_code == 400
    assert "cannot be applied. Choose the file again." in forged.content.decode()
    assert not SpacePage.objects.exists()


def test_a_dry_run_with_nothing_to_import_offers_no_apply(admin_client):
    content = dry_run(admin_client, [good_row(email="nope")]).content.decode()
    assert " as checked" not in content


# --- limits and partial failures -----------------------------------------------------


def test_overlong_values_are_reported_with_the_limit(db):
    lines = error_lines(check([good_row(phone="0" * 41)]))
    assert lines == ["row 2, phone: is too long: 41 characters, at most 40"]


def test_files_with_too_many_rows_are_refused(db, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 2)
    report = check([good_row(external_id=str(n)) for n in range(3)])
    assert report.file_errors == ["The file has more than 2 rows; split it into smaller files."]


def test_columns_left_out_of_the_file_leave_existing_values_alone(directory, tmp_path):
    run_import(tmp_path, csv_bytes([good_row()]))
    columns = ["external_id", "name", "space_type", "district", "address"]
    run_import(tmp_path, csv_bytes([good_row(name="새 이름")], columns=columns))
    page = SpacePage.objects.get(external_id="MAPO-001")
    assert page.title == "새 이름"
    assert (page.email, page.capacity, page.amenities.count()) == ("library@example.org", 24, 3)


def test_a_row_that_fails_while_saving_is_reported_and_the_others_are_saved(
    directory, tmp_path, monkeypatch
):
    from spaces.models import hours as hours_model

    real_weekly_periods = hours_model.weekly_periods

    def weekly_periods(rule):  # fails deep inside saving the second row's page
        if rule == "Su 01:00-02:00":
            raise ValidationError({"opening_hours": "the database said no"})
        return real_weekly_periods(rule)

    monkeypatch.setattr(hours_model, "weekly_periods", weekly_periods)  # one page at a time
    monkeypatch.setattr(bulk, "weekly_periods", weekly_periods)  # a batch
    rows = [
        good_row(),
        good_row(external_id="BROKEN", opening_hours="Su 01:00-02:00"),
        good_row(external_id="LAST"),
    ]
    out, err, error = run_import(tmp_path, csv_bytes(rows))

    assert error is not None
    assert "row 3: not saved: opening_hours: the database said no" in err
    assert "imported 2 rows (2 created, 0 updated), 1 row failed" in out
    assert set(SpacePage.objects.values_list("external_id", flat=True)) == {"MAPO-001", "LAST"}
    parent = SpacePage.objects.get(external_id="LAST").get_parent()
    assert parent.numchild == parent.get_children().count() == 2  # the tree stays sound
