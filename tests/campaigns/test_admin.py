"""City staff screen campaign entries in the Wagtail admin: the listing (filters,
search), the CSV export, the edit form where only status and notes change, the status
rules enforced on the server — and nobody else (operators, residents) gets in."""

import csv
import io

from django.contrib.auth.models import Group, Permission
from django.test import Client

import pytest

from campaigns.apps import grant_staff_permissions
from campaigns.models import TRANSITIONS, CampaignEntry, EntryStatus
from spaces import access

from .conftest import NOW, WHY, ko, ko_text

pytestmark = pytest.mark.usefixtures("clock")

LISTING = "/admin/snippets/campaigns/campaignentry/"


def edit_url(entry):
    return f"{LISTING}edit/{entry.pk}/"


def text(response):
    return response.content.decode()


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def make_entry(campaign, user, space, status=EntryStatus.SUBMITTED, **fields):
    values = {
        "why": WHY,
        "contact": "010-9876-5432",
        "terms_accepted_at": NOW,
        "privacy_accepted_at": NOW,
        "status": status,
    }
    values.update(fields)
    return CampaignEntry.objects.create(
        campaign=campaign, user=user, space=space, space_title=space.title, **values
    )


@pytest.fixture
def staff(make_user):
    return make_user("staff1", staff_group=True)


@pytest.fixture
def as_staff(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def entries(campaign, spaces, make_user, resident):
    other = make_user("doyoon", first_name="도윤", last_name="최")
    third = make_user("jieun", first_name="지은", last_name="김")
    return {
        "submitted": make_entry(campaign, resident, spaces.library),
        "shortlisted": make_entry(campaign, other, spaces.kitchen, EntryStatus.SHORTLISTED),
        "selected": make_entry(
            campaign, third, spaces.workshop, EntryStatus.SELECTED, why="목공방에서 만난 이웃들"
        ),
    }


def edit(client, entry, **changes):
    """Post the edit form as staff would: the editable fields, with ``changes``."""
    data = {"status": entry.status, "notes": entry.notes}
    data.update(changes)
    return client.post(edit_url(entry), data)


# --- roles ------------------------------------------------------------------------------


def test_city_staff_hold_the_entry_permissions_after_migrate(db):
    staff = Group.objects.get(name=access.STAFF_GROUP)
    codenames = set(
        staff.permissions.filter(content_type__app_label="campaigns").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_campaignentry", "change_campaignentry", "delete_campaignentry"}
    # Nobody adds entries in the admin; operators have nothing on entries.
    operators = Group.objects.get(name=access.OPERATORS_GROUP)
    assert not operators.permissions.filter(content_type__app_label="campaigns").exists()


def test_granting_is_idempotent_and_needs_the_group(db):
    assert grant_staff_permissions() is True
    assert grant_staff_permissions() is True
    Group.objects.filter(name=access.STAFF_GROUP).delete()
    assert grant_staff_permissions() is False
    assert not Permission.objects.filter(group__name=access.STAFF_GROUP).exists()


# --- the listing and the export ----------------------------------------------------------


def test_staff_see_every_entry_with_its_status(as_staff, entries):
    response = as_staff.get(LISTING)

    assert response.status_code == 200
    html = text(response)
    for name in ("망원 작은도서관", "성산 공유부엌", "연남 목공방", "seoyeon", "doyoon"):
        assert name in html
    assert str(EntryStatus.SHORTLISTED.label) in html


def test_the_listing_filters_by_status_and_campaign(as_staff, entries, make_campaign, campaign):
    html = text(as_staff.get(LISTING, {"status": "shortlisted"}))
    assert "성산 공유부엌" in html and "망원 작은도서관" not in html

    other = make_campaign("other-campaign", english=False)
    html = text(as_staff.get(LISTING, {"campaign": other.pk}))
    assert "성산 공유부엌" not in html and "망원 작은도서관" not in html
    html = text(as_staff.get(LISTING, {"campaign": campaign.pk}))
    assert "성산 공유부엌" in html and "망원 작은도서관" in html


def test_the_listing_searches_spaces_and_reasons(as_staff, entries):
    html = text(as_staff.get(LISTING, {"q": "목공방에서"}))

    assert "연남 목공방" in html and "망원 작은도서관" not in html


def test_the_csv_export_has_the_columns(as_staff, entries):
    rows = csv_rows(as_staff.get(LISTING, {"export": "csv", "status": "submitted"}))

    (row,) = rows
    expected = {
        "ID": str(entries["submitted"].pk),
        "Campaign": "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요",
        "Status": str(EntryStatus.SUBMITTED.label),
        "Space": "망원 작은도서관",
        "Why": WHY,
        "Resident": "seoyeon",
        "Contact": "010-9876-5432",
        "Photo": "",
        "Terms accepted at": "2026-11-30 09:00",
        "Personal data use accepted at": "2026-11-30 09:00",
        "Sent at": "2026-11-30 09:00",
        "Status changed at": "",
        "Status changed by": "",
        "Staff notes": "",
    }
    assert list(row) == [ko_text(column) for column in expected]
    for column, value in expected.items():
        assert row[ko_text(column)] == value, (column, row)


# --- screening --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,goal",
    [
        ("submitted", "shortlisted"),
        ("submitted", "not_selected"),
        ("shortlisted", "selected"),
        ("shortlisted", "not_selected"),
    ],
)
def test_allowed_transitions(as_staff, staff, entries, start, goal):
    entry = entries[start]

    response = edit(as_staff, entry, status=goal, notes="사연이 구체적임")

    assert response.status_code == 302, text(response)
    entry.refresh_from_db()
    assert entry.status == goal
    assert entry.notes == "사연이 구체적임"
    assert entry.decided_at == NOW
    assert entry.decided_by == staff


@pytest.mark.parametrize(
    "start,goal",
    [
        ("submitted", "selected"),
        ("shortlisted", "submitted"),
        ("selected", "not_selected"),
        ("selected", "submitted"),
    ],
)
def test_other_transitions_are_refused_with_a_message(as_staff, entries, start, goal):
    entry = entries[start]

    response = edit(as_staff, entry, status=goal)

    assert response.status_code == 200  # the form again, with the error
    html = text(response)
    label = {s.value: str(s.label) for s in EntryStatus}
    if start == "selected":
        message = ko(
            "“%(current)s” is a final decision; it cannot be changed.", current=label[start]
        )
    else:
        allowed = ", ".join(label[s] for s in TRANSITIONS[start])
        message = ko(
            "An entry that is “%(current)s” can only become: %(allowed)s.",
            current=label[start],
            allowed=allowed,
        )
    assert message in html
    entry.refresh_from_db()
    assert entry.status == start
    assert entry.decided_at is None


def test_notes_change_without_a_status_change(as_staff, entries):
    entry = entries["selected"]

    response = edit(as_staff, entry, notes="경품 발송 완료")

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.notes == "경품 발송 완료"
    assert entry.status == EntryStatus.SELECTED
    assert entry.decided_at is None  # no status change recorded


def test_the_entry_itself_is_read_only(as_staff, entries, spaces):
    entry = entries["submitted"]

    response = edit(
        as_staff,
        entry,
        why="바꾼 사연",
        contact="hacker@example.org",
        space_title="다른 공간",
        status="shortlisted",
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.why == WHY
    assert entry.contact == "010-9876-5432"
    assert entry.space_title == "망원 작은도서관"
    assert entry.status == EntryStatus.SHORTLISTED


def test_the_edit_form_shows_the_entry(as_staff, entries):
    html = text(as_staff.get(edit_url(entries["submitted"])))

    assert WHY in html
    assert "010-9876-5432" in html
    assert 'name="status"' in html and 'name="notes"' in html
    assert 'name="why"' not in html and 'name="contact"' not in html


def test_staff_cannot_add_entries_in_the_admin(staff, entries):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    before = CampaignEntry.objects.count()

    response = client.post(f"{LISTING}add/", {"status": "selected"})

    assert response.status_code < 500
    assert response.status_code != 200
    assert CampaignEntry.objects.count() == before


def test_staff_may_delete_an_entry_and_its_photo_goes_with_it(as_staff, entries):
    from django.core.files.base import ContentFile

    entry = entries["submitted"]
    entry.photo.save("x.jpg", ContentFile(b"photo"), save=True)
    name = entry.photo.name
    storage = entry.photo.storage

    response = as_staff.post(f"{LISTING}delete/{entry.pk}/")

    assert response.status_code == 302
    assert not CampaignEntry.objects.filter(pk=entry.pk).exists()
    assert not storage.exists(name)


# --- nobody else ------------------------------------------------------------------------


@pytest.fixture
def operator_client(make_user):
    client = Client()
    client.force_login(make_user("operator9", operator=True))
    return client


def test_operators_cannot_reach_the_entries(operator_client, entries):
    entry = entries["submitted"]
    for url, params in (
        (LISTING, {}),
        (LISTING, {"export": "csv"}),
        (edit_url(entry), {}),
        (f"{LISTING}delete/{entry.pk}/", {}),
    ):
        response = operator_client.get(url, params)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] in ("/admin/", "/admin/login/") or response[
                "Location"
            ].startswith("/admin/login/"), url
        assert WHY not in text(response)
    response = operator_client.post(edit_url(entry), {"status": "shortlisted", "notes": "x"})
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_residents_cannot_reach_the_entries(as_resident, entries):
    for params in ({}, {"export": "csv"}):
        response = as_resident.get(LISTING, params)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert as_resident.get(edit_url(entries["submitted"])).status_code == 302


def test_the_admin_menu_shows_entries_to_staff_only(as_staff, operator_client, entries):
    assert LISTING in text(as_staff.get("/admin/"))
    assert LISTING not in text(operator_client.get("/admin/"))


def test_deleting_a_residents_account_keeps_their_entries_without_them(entries, resident):
    """The city keeps its campaign's record; the entry no longer names anyone."""
    resident.delete()

    entry = CampaignEntry.objects.get(pk=entries["submitted"].pk)
    assert entry.user is None
    assert entry.resident_name == "탈퇴한 회원"
    assert CampaignEntry.objects.count() == 3
