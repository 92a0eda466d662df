"""Staff's side: the Registrations listing in the Wagtail admin (filter by program and
status, CSV export); registrations are made by residents, so there is no Add form."""

import csv
import datetime as dt
import io

from django.test import Client

import pytest

from events import services
from events.models import Occurrence, Registration

from .conftest import seoul, text

pytestmark = pytest.mark.usefixtures("clock")

LISTING = "/admin/snippets/events/registration/"


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def registrations(make_program, make_resident, clock):
    knitting = make_program(
        title="뜨개질 모임", schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH", capacity=1
    )
    books = make_program(title="그림책 읽는 저녁", start_date=dt.date(2026, 12, 2))
    tuesday = Occurrence.objects.get(program=knitting, start=seoul(dt.date(2026, 12, 1)))
    evening = Occurrence.objects.get(program=books)
    made = {}
    for name, occurrence in [
        ("kim", tuesday),
        ("lee", tuesday),
        ("park", evening),
        ("choi", evening),
    ]:
        user = make_resident()
        user.username = name
        user.save()
        made[name] = services.register(user, occurrence.pk)
        clock.shift(dt.timedelta(minutes=1))
    services.cancel(made["choi"])
    return {name: Registration.objects.get(pk=r.pk) for name, r in made.items()}


def test_staff_see_every_registration_with_its_status(admin_client, registrations):
    response = admin_client.get(LISTING)
    page = text(response)
    assert response.status_code == 200
    for registration in registrations.values():
        assert str(registration) in page
    assert "신청 완료" in page and "대기 중" in page and "취소됨" in page


def test_the_listing_filters_by_program(admin_client, registrations):
    page = text(admin_client.get(LISTING, {"program": "그림책"}))
    assert str(registrations["park"]) in page and str(registrations["choi"]) in page
    assert str(registrations["kim"]) not in page and str(registrations["lee"]) not in page


def test_the_listing_filters_by_status(admin_client, registrations):
    page = text(admin_client.get(LISTING, {"status": "waitlisted"}))
    assert str(registrations["lee"]) in page
    for name in ("kim", "park", "choi"):
        assert str(registrations[name]) not in page


def test_the_csv_export_holds_the_registrations(admin_client, registrations):
    rows = csv_rows(admin_client.get(LISTING, {"export": "csv"}))
    assert len(rows) == 4
    by_user = {row["신청자"]: row for row in rows}
    assert set(by_user) == {"kim", "lee", "park", "choi"}
    assert by_user["kim"]["시작 일시"] == "2026-12-01 19:00"  # Seoul time
    assert by_user["lee"]["상태"] in ("waitlisted", "대기 중")
    assert by_user["choi"]["상태"] in ("cancelled", "취소됨")


def test_the_csv_export_follows_the_program_filter(admin_client, registrations):
    rows = csv_rows(admin_client.get(LISTING, {"program": "뜨개질", "export": "csv"}))
    assert sorted(row["신청자"] for row in rows) == ["kim", "lee"]


def test_there_is_no_add_form_and_asking_for_it_is_not_a_server_error(admin_user, registrations):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    listing = text(client.get(LISTING))
    assert f'href="{LISTING}add/"' not in listing
    before = Registration.objects.count()
    assert client.get(f"{LISTING}add/").status_code < 500
    response = client.post(f"{LISTING}add/", {"status": "confirmed"})
    assert response.status_code < 500
    assert Registration.objects.count() == before


def test_staff_cannot_change_a_registrations_status_in_the_admin(admin_user, registrations):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    registration = registrations["lee"]
    response = client.post(f"{LISTING}edit/{registration.pk}/", {"status": "confirmed"})
    assert response.status_code < 500
    registration.refresh_from_db()
    assert registration.status == "waitlisted"


def test_residents_cannot_open_the_listing(client, registrations):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kim"))
    response = client.get(LISTING)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(LISTING, {"export": "csv"}).status_code == 302


def test_the_csv_export_has_one_heading_per_column(admin_client, registrations):
    """A spreadsheet (and csv.DictReader) needs distinct headings: the program date
    and the Seoul start time must not both be called "회차"."""
    response = admin_client.get(LISTING, {"export": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headings = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(headings) == len(set(headings)), headings


def test_the_csv_export_gives_seoul_times(admin_client, registrations):
    """Like the bookings export: a registration made at 09:00 in Seoul reads 09:00,
    not the UTC midnight the database holds."""
    rows = csv_rows(admin_client.get(LISTING, {"export": "csv"}))
    by_user = {row["신청자"]: row for row in rows}
    assert by_user["kim"]["신청 시각"].startswith("2026-11-30 09:00")
    assert by_user["choi"]["취소 시각"].startswith("2026-11-30 09:04")
