"""A resident's data rights end to end: the download holds exactly their rows; deleting
the account cancels what is to come (operators told, the waitlist moves up), leaves no
personal field anywhere and keeps the city's records anonymised; other residents are
untouched; administrators' accounts are closed by the city instead."""

import datetime as dt
import io
import json
import re
import zipfile
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

import pytest
import recurrence
import time_machine
from allauth.account.models import EmailAddress

from bookings.models import Booking, BookingSeries, Notice, Status
from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
from core.dates import retention_period
from core.demo import ensure_section, publish
from events.models import Occurrence, ProgramPage, Registration, RegistrationStatus
from events.services import register
from operators.models import OperatorNotice
from residents import rights
from residents.models import ResidentNotice, SavedItem, profile_for
from spaces import access
from spaces.models import SpaceOperator

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
TODAY = NOW.date()
PASSWORD = "changeme"
EXPORT = "/accounts/export/"
DELETE = "/accounts/delete/"
DELETED_KO = "탈퇴한 회원"
# The resident whose rights are exercised: values distinctive enough to search for.
JIEUN = {
    "username": "jieun.kim77",
    "email": "jieun.kim77@example.org",
    "first_name": "지은",
    "last_name": "김",
    "phone": "010-2718-2818",
}
MINSU = {
    "username": "minsu.park42",
    "email": "minsu.park42@example.org",
    "first_name": "민수",
    "last_name": "박",
    "phone": "010-3141-5926",
}


def seoul(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def text(response):
    return response.content.decode()


def jpeg():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 90, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_person(values, *, extra_address=None):
    user = get_user_model().objects.create_user(
        values["username"],
        email=values["email"],
        password=PASSWORD,
        first_name=values["first_name"],
        last_name=values["last_name"],
    )
    EmailAddress.objects.create(user=user, email=values["email"], verified=True, primary=True)
    if extra_address:
        EmailAddress.objects.create(user=user, email=extra_address, verified=False)
    profile = profile_for(user)
    profile.phone = values["phone"]
    profile.save()
    return user


def holdings(person, world, *, day_offset, tag, campaign=None, saved_page=None):
    """Rows of every kind for ``person``, ``day_offset`` days later than the first
    resident's (their times never overlap); their free texts carry ``tag``."""
    space, program = world.space, world.program
    campaign = campaign or world.campaign
    future = TODAY + dt.timedelta(days=3 + day_offset)  # Thursday (or later)
    booking = Booking.objects.create(
        space=space,
        user=person,
        start=seoul(future, 14),
        end=seoul(future, 16),
        headcount=4,
        purpose=f"{tag} 독서 모임",
        status=Status.REQUESTED,
        expires_at=NOW + dt.timedelta(hours=48),
    )
    past = Booking.objects.create(
        space=space,
        user=person,
        start=seoul(TODAY - dt.timedelta(days=10 + day_offset), 14),
        end=seoul(TODAY - dt.timedelta(days=10 + day_offset), 16),
        headcount=6,
        purpose=f"{tag} 지난 모임",
        status=Status.CONFIRMED,
        reason=f"{tag} 운영자 메모",
        decided_at=NOW - dt.timedelta(days=12),
    )
    series = BookingSeries.objects.create(space=space, user=person, weeks=2)
    series_dates = [
        Booking.objects.create(
            space=space,
            user=person,
            start=seoul(TODAY + dt.timedelta(days=4 + 7 * week + day_offset), 18),
            end=seoul(TODAY + dt.timedelta(days=4 + 7 * week + day_offset), 20),
            headcount=3,
            purpose=f"{tag} 매주 모임",
            status=Status.REQUESTED,
            expires_at=NOW + dt.timedelta(hours=48),
            series=series,
        )
        for week in range(2)
    ]
    past_date = Occurrence.objects.create(
        program=program,
        space=space,
        start=seoul(TODAY - dt.timedelta(days=6 + day_offset), 10),
        end=seoul(TODAY - dt.timedelta(days=6 + day_offset), 11, 30),
        places=5,
    )
    past_registration = Registration.objects.create(
        occurrence=past_date, user=person, status=RegistrationStatus.CONFIRMED
    )
    entry = CampaignEntry.objects.create(
        campaign=campaign,
        user=person,
        space=space,
        space_title=space.title,
        why=f"{tag} 이웃과 그림책 모임을 시작했어요.",
        contact=f"{tag}-연락처",
        photo=ContentFile(jpeg(), name="mine.jpg"),
        terms_accepted_at=NOW,
        privacy_accepted_at=NOW,
    )
    saved = SavedItem.objects.create(user=person, page=saved_page or world.saved_pages[tag])
    ResidentNotice.objects.create(
        user=person,
        recipient=person.email,
        kind=ResidentNotice.Kind.BOOKING_REMINDER,
        key=f"reminder-{tag}-{day_offset}",
        booking=booking,
        sent_at=NOW,
    )
    Notice.objects.create(
        booking=past, kind=Notice.Kind.CONFIRMED, recipient=person.email, sent_at=NOW
    )
    return SimpleNamespace(
        booking=booking,
        past=past,
        series=series,
        series_dates=series_dates,
        past_registration=past_registration,
        entry=entry,
        saved=saved,
    )


@pytest.fixture
def world(clock, bilingual_site, make_space, django_capture_on_commit_callbacks):
    """Space A (run by an operator) with a program of one place a date and a campaign;
    Jieun and Minsu each hold rows of every kind; Jieun has the first date's place and
    Waiting is on its waitlist."""
    access.ensure_roles()
    space = make_space(
        title="망원 작은도서관",
        bookable=True,
        opening_hours="Mo-Su 09:00-21:00",
        capacity=12,
        email="space-a@example.org",
    )
    kitchen = make_space(title="성산 공유부엌")
    operator = get_user_model().objects.create_user(
        "operator1", email="operator1@example.org", password=PASSWORD
    )
    SpaceOperator.objects.create(space=space, user=operator, status=SpaceOperator.Status.ACTIVE)
    staff = get_user_model().objects.create_user(
        "staff1", email="staff1@example.org", password=PASSWORD
    )
    staff.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    program = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            summary="함께 뜨개질해요.",
            start_date=TODAY,
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=1,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    publish(program)
    program = ProgramPage.objects.get(pk=program.pk)
    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인"},
        en={"title": "Campaigns", "summary": "Campaigns"},
    )
    campaign = CampaignPage(
        title="내가 사랑하는 공간",
        slug="love",
        opens_at=NOW - dt.timedelta(days=14),
        closes_at=NOW + dt.timedelta(days=14),
    )
    index.add_child(instance=campaign)
    publish(campaign)
    world = SimpleNamespace(
        space=space,
        program=program,
        campaign=CampaignPage.objects.get(pk=campaign.pk),
        operator=operator,
        staff=staff,
        saved_pages={"jieun": space, "minsu": kitchen},
    )
    world.jieun = make_person(JIEUN, extra_address="jieun.old@example.org")
    world.minsu = make_person(MINSU)
    world.waiting = get_user_model().objects.create_user(
        "waiting", email="waiting@example.org", password=PASSWORD
    )
    world.mine = holdings(world.jieun, world, day_offset=0, tag="jieun")
    world.theirs = holdings(world.minsu, world, day_offset=1, tag="minsu")
    dates = list(Occurrence.objects.filter(program=program, start__gt=NOW).order_by("start"))
    world.first_date, world.second_date = dates[0], dates[1]
    with django_capture_on_commit_callbacks(execute=False):
        world.mine.registration = register(world.jieun, world.first_date.pk)
        world.waitlisted = register(world.waiting, world.first_date.pk)
        world.theirs.registration = register(world.minsu, world.second_date.pk)
    assert world.waitlisted.status == RegistrationStatus.WAITLISTED
    OperatorNotice.objects.create(
        recipient="operator1@example.org",
        kind=OperatorNotice.Kind.APPROVED,
        space=space,
        space_title=space.title,
    )
    mail.outbox.clear()
    return world


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- download ---------------------------------------------------------------------------


def test_the_download_holds_the_residents_rows_and_none_of_anyone_elses(world):
    response = logged_in(world.jieun).get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        'attachment; filename="community-space-jieun.kim77-2026-11-30.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["username"] == JIEUN["username"]
    assert data["account"]["email"] == JIEUN["email"]
    assert data["profile"]["phone"] == JIEUN["phone"]
    assert {a["email"] for a in data["email_addresses"]} == {
        JIEUN["email"],
        "jieun.old@example.org",
    }
    assert sorted(b["purpose"] for b in data["bookings"]) == sorted(
        ["jieun 독서 모임", "jieun 지난 모임", "jieun 매주 모임", "jieun 매주 모임"]
    )
    assert [s["weeks"] for s in data["recurring_bookings"]] == [2]
    assert {r["status"] for r in data["registrations"]} == {"confirmed"}
    assert len(data["registrations"]) == 2
    (entry,) = data["campaign_entries"]
    assert entry["why"] == "jieun 이웃과 그림책 모임을 시작했어요."
    assert entry["photo"] == world.mine.entry.photo.name
    assert [s["title"] for s in data["saved_items"]] == ["망원 작은도서관"]
    assert {(n["about"], n["recipient"]) for n in data["notices"]} >= {
        ("booking", JIEUN["email"]),
        ("resident", JIEUN["email"]),
        ("registration", JIEUN["email"]),
    }
    # Nothing of Minsu's, nor the operator's address, nor the calendar token's value.
    body = text(response)
    for value in [*MINSU.values(), "minsu", "성산 공유부엌", "operator1@example.org"]:
        assert value not in body
    assert profile_for(world.jieun).calendar_token not in body


def test_the_download_as_csv_is_a_zip_of_one_spreadsheet_per_kind(world):
    response = logged_in(world.jieun).get(EXPORT, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="community-space-jieun.kim77-2026-11-30.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"account.csv", "profile.csv", "bookings.csv", "registrations.csv"} <= names
    assert {"campaign_entries.csv", "saved_items.csv", "notices.csv"} <= names
    bookings = archive.read("bookings.csv").decode("utf-8")
    assert bookings.startswith("\ufeffid,space,start,end")  # Excel reads Korean
    assert bookings.count("jieun 매주 모임") == 2
    everything = "".join(archive.read(name).decode("utf-8") for name in names)
    assert JIEUN["phone"] in everything
    for value in MINSU.values():
        assert value not in everything


def test_the_download_reads_as_people_read_it(world):
    """It says what it holds and what the portal never kept; every code has its label in
    the language of the page it came from; saved items say space or program; times are
    Seoul's, to the second."""
    world.mine.past.decided_at = NOW + dt.timedelta(microseconds=123456)
    world.mine.past.save(update_fields=["decided_at"])
    SavedItem.objects.create(user=world.jieun, page=world.program)
    client = logged_in(world.jieun)

    data = json.loads(client.get(EXPORT).content)

    about = data["about"]
    assert about["language"] == "ko"
    assert "예약" in about["holds"] and "찜" in about["holds"]
    assert "이메일 주소 확인 메일과 비밀번호 재설정 메일" in about["not_held"]
    assert "+09:00" in about["how_to_read"]
    assert data["generated_at"] == "2026-11-30T09:00:00+09:00"
    past = next(b for b in data["bookings"] if b["id"] == world.mine.past.pk)
    assert (past["status"], past["status_label"]) == ("confirmed", "확정")
    assert past["decided_at"] == "2026-11-30T09:00:00+09:00"  # no microseconds
    assert past["start"] == f"{TODAY - dt.timedelta(days=10):%Y-%m-%d}T14:00:00+09:00"
    assert {(r["status"], r["status_label"]) for r in data["registrations"]} == {
        ("confirmed", "신청 완료")
    }
    assert data["campaign_entries"][0]["status_label"] == "접수"
    assert data["profile"]["reminder_label"] == "하루 전"
    saved = {(s["kind"], s["kind_label"], s["title"]) for s in data["saved_items"]}
    assert saved == {("space", "공간", "망원 작은도서관"), ("program", "프로그램", "뜨개질 모임")}
    assert all(n["kind_label"] for n in data["notices"])
    assert not re.search(r"T\d\d:\d\d:\d\d\.\d", text(client.get(EXPORT)))

    english = json.loads(client.get("/en" + EXPORT).content)
    assert english["about"]["language"] == "en"
    assert "confirm your address or reset your password" in english["about"]["not_held"]
    assert {(s["kind"], s["kind_label"]) for s in english["saved_items"]} == {
        ("space", "Space"),
        ("program", "Program"),
    }
    past = next(b for b in english["bookings"] if b["id"] == world.mine.past.pk)
    assert past["status_label"] == "Confirmed"

    archive = zipfile.ZipFile(io.BytesIO(client.get(EXPORT, {"format": "csv"}).content))
    about_text = archive.read("about.txt").decode("utf-8-sig")
    assert about_text.startswith("커뮤니티 공간: 내 정보\n")
    assert "비밀번호 재설정 메일" in about_text
    saved_csv = archive.read("saved_items.csv").decode("utf-8-sig")
    assert saved_csv.startswith("kind,kind_label,title,url,saved_at")
    assert "program,프로그램,뜨개질 모임" in saved_csv


def test_the_download_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for more in range(1, 5):  # more rows of each kind, two weeks apart
        campaign = world.campaign.get_parent().add_child(
            instance=CampaignPage(
                title=f"캠페인 {more}",
                slug=f"campaign-{more}",
                opens_at=NOW - dt.timedelta(days=7),
                closes_at=NOW + dt.timedelta(days=7),
            )
        )
        holdings(
            world.jieun,
            world,
            day_offset=14 * more,
            tag="jieun",
            campaign=campaign,
            saved_page=campaign,
        )
    client = logged_in(world.jieun)

    with django_assert_max_num_queries(18):  # 16 today, whatever the rows
        response = client.get(EXPORT)

    assert len(json.loads(response.content)["bookings"]) == 4 * 5


def test_the_download_needs_a_log_in_and_a_known_format(world, client):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    response = logged_in(world.jieun).get(EXPORT, {"format": "xml"})
    assert response.status_code == 400
    assert "json" in text(response)


# --- deletion ---------------------------------------------------------------------------


def test_the_delete_page_says_what_will_happen(world):
    response = logged_in(world.jieun).get(DELETE)

    assert response.status_code == 200
    page = text(response)
    assert "앞으로 있을 예약 3건이 취소됩니다" in page  # one booking, two series dates
    assert "앞으로 있을 프로그램 신청 1건이 취소됩니다" in page
    assert DELETED_KO in page
    assert 'name="password"' in page
    assert 'autocomplete="current-password"' in page
    assert EXPORT in page
    assert "/privacy/" in page


def test_a_wrong_password_deletes_nothing(world):
    response = logged_in(world.jieun).post(DELETE, {"password": "not-it"})

    assert response.status_code == 400
    assert "비밀번호가 맞지 않습니다. 아무것도 삭제되지 않았습니다." in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert get_user_model().objects.filter(pk=world.jieun.pk).exists()
    booking = Booking.objects.get(pk=world.mine.booking.pk)
    assert (booking.user, booking.status) == (world.jieun, Status.REQUESTED)


def searchable_fields(model):
    text_fields = (models.CharField, models.TextField, models.JSONField)
    return [f for f in model._meta.concrete_fields if isinstance(f, text_fields)]


def rows_mentioning(values):
    """(model, field, pk) of every row of every model whose text column holds a value."""
    found = []
    for model in apps.get_models():
        for field in searchable_fields(model):
            forms = set(values)
            if isinstance(field, models.JSONField):  # stored with \\u escapes on SQLite
                forms |= {json.dumps(value)[1:-1] for value in values}
            condition = Q()
            for value in forms:
                condition |= Q(**{f"{field.name}__icontains": value})
            for pk in model._base_manager.filter(condition).values_list("pk", flat=True):
                found.append((model._meta.label, field.name, pk))
    return found


def test_deleting_the_account_leaves_no_personal_field_anywhere(world, committing):
    jieun, mine = world.jieun, world.mine
    photo = mine.entry.photo.name
    # Staff screened the entry (the admin logs it under the entry's name), the resident
    # searched for their own name, and they are logged in on a second device.
    log(instance=mine.entry, action="wagtail.edit", user=world.staff)
    Query.get("jieun.kim77").add_hit()
    Query.get("김지은").add_hit()
    Query.get("도서관").add_hit()
    elsewhere = logged_in(jieun)
    personal = [JIEUN["username"], JIEUN["email"], "jieun.old@example.org", "김지은"]
    personal += [JIEUN["phone"], "jieun 이웃", "jieun-연락처", "jieun 지난 모임"]
    assert rows_mentioning(personal)  # the search finds them while they are there

    with committing():
        response = logged_in(jieun).post(DELETE, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=jieun.pk).exists()
    assert rows_mentioning(personal) == []
    assert not default_storage.exists(photo)
    assert not any(
        Session.objects.filter(session_key=s.session_key).exists()
        for s in Session.objects.all()
        if s.get_decoded().get(SESSION_KEY) == str(jieun.pk)
    )
    assert elsewhere.get(EXPORT).status_code == 302  # logged out there too
    assert Query.objects.filter(query_string="도서관").exists()  # others' searches stay
    # The entry's log entry now reads "Deleted member".
    label = ModelLogEntry.objects.get(object_id=str(mine.entry.pk)).label
    assert label.endswith("(탈퇴한 회원)") or label.endswith("(Deleted member)")


def test_deleting_keeps_the_citys_records_anonymised_and_cancels_what_is_to_come(world, committing):
    mine = world.mine
    with committing():
        response = logged_in(world.jieun).post(DELETE, {"password": PASSWORD}, follow=True)

    assert "계정이 삭제되었습니다." in text(response)
    past = Booking.objects.get(pk=mine.past.pk)
    assert (past.user, past.purpose, past.reason, past.status) == (None, "", "", Status.CONFIRMED)
    assert Booking.objects.get(pk=mine.booking.pk).status == Status.CANCELLED
    assert {b.status for b in Booking.objects.filter(series=mine.series)} == {Status.CANCELLED}
    assert BookingSeries.objects.get(pk=mine.series.pk).user is None
    assert Booking.objects.filter(pk__in=[mine.booking.pk, mine.past.pk], user=None).count() == 2
    assert Registration.objects.get(pk=mine.past_registration.pk).user is None
    assert Registration.objects.get(pk=mine.registration.pk).status == RegistrationStatus.CANCELLED
    entry = CampaignEntry.objects.get(pk=mine.entry.pk)
    assert (entry.user, entry.why, entry.contact, entry.photo.name) == (None, "", "", "")
    assert entry.status == "submitted" and entry.space_title == "망원 작은도서관"
    # The person waiting moved up and was told; the operator heard of the cancellations;
    # nothing went to the deleted account.
    waitlisted = Registration.objects.get(pk=world.waitlisted.pk)
    assert waitlisted.status == RegistrationStatus.CONFIRMED
    recipients = [address for message in mail.outbox for address in message.to]
    assert "waiting@example.org" in recipients
    assert "space-a@example.org" in recipients and "operator1@example.org" in recipients
    assert not {JIEUN["email"], "jieun.old@example.org"} & set(recipients)


def test_another_residents_rows_are_untouched(world, committing):
    theirs, minsu = world.theirs, world.minsu
    with committing():
        logged_in(world.jieun).post(DELETE, {"password": PASSWORD})

    minsu.refresh_from_db()
    assert minsu.email == MINSU["email"] and profile_for(minsu).phone == MINSU["phone"]
    for booking in (theirs.booking, theirs.past, *theirs.series_dates):
        booking.refresh_from_db()
        assert booking.user == minsu and booking.purpose.startswith("minsu")
        assert booking.status == Status.REQUESTED or booking.pk == theirs.past.pk
    entry = CampaignEntry.objects.get(pk=theirs.entry.pk)
    assert (entry.user, entry.contact) == (minsu, "minsu-연락처")
    assert default_storage.exists(entry.photo.name)
    assert Registration.objects.get(pk=theirs.registration.pk).user == minsu
    assert SavedItem.objects.filter(user=minsu).count() == 1
    assert ResidentNotice.objects.filter(user=minsu).count() == 1
    assert Notice.objects.filter(recipient=MINSU["email"]).exists()
    assert EmailAddress.objects.filter(user=minsu).count() == 1


def test_operators_and_staff_see_deleted_member(world, committing):
    with committing():
        logged_in(world.jieun).post(DELETE, {"password": PASSWORD})
    operator = logged_in(world.operator)
    staff = logged_in(world.staff)

    listing = text(operator.get(reverse("wagtailsnippets_bookings_booking:list")))
    assert DELETED_KO in listing
    assert not re.search(r"<td[^>]*>\s*None\s*</td>", listing)
    decide = operator.get(reverse("bookings_decide", args=[world.mine.past.pk]))
    assert DELETED_KO in text(decide)
    # Deciding about a deleted member's booking is refused with a reason, not a 500.
    refused = operator.post(
        reverse("bookings_decide", args=[world.mine.past.pk]),
        {"action": "decline", "reason": "노쇼"},
    )
    assert refused.status_code == 400
    assert Booking.objects.get(pk=world.mine.past.pk).status == Status.CONFIRMED
    entries = text(staff.get(reverse("wagtailsnippets_campaigns_campaignentry:list")))
    assert DELETED_KO in entries
    edit = staff.get(
        reverse("wagtailsnippets_campaigns_campaignentry:edit", args=[world.mine.entry.pk])
    )
    assert DELETED_KO in text(edit)
    registrations = text(staff.get(reverse("wagtailsnippets_events_registration:list")))
    assert f"{DELETED_KO} → 뜨개질 모임" in registrations
    export = staff.get(reverse("wagtailsnippets_bookings_booking:list"), {"export": "csv"})
    assert DELETED_KO in export.getvalue().decode("utf-8-sig")
    assert CampaignEntry.objects.get(pk=world.mine.entry.pk).public_name == DELETED_KO


def test_an_operator_may_delete_their_account_and_the_space_stays(world, committing):
    space = world.space
    with committing():
        response = logged_in(world.operator).post(DELETE, {"password": PASSWORD})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="operator1").exists()
    assert not SpaceOperator.objects.filter(space=space).exists()
    assert type(space).objects.filter(pk=space.pk).exists()
    assert not Group.objects.filter(name=access.space_group_name(space.pk)).exists()
    assert not OperatorNotice.objects.filter(recipient="operator1@example.org").exists()


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_administrators_accounts_are_closed_by_the_city(world, role):
    admin = world.staff
    if role == "superuser":
        admin = get_user_model().objects.create_superuser(
            "root", email="root@example.org", password=PASSWORD
        )
    client = logged_in(admin)

    page = client.get(DELETE)
    refused = client.post(DELETE, {"password": PASSWORD})

    assert page.status_code == refused.status_code == 403
    assert "관리자 계정은 시청 담당자가 닫습니다" in text(page)
    assert 'name="password"' not in text(page)
    assert get_user_model().objects.filter(pk=admin.pk).exists()
    with pytest.raises(rights.DeletionRefused):
        rights.delete_account(admin)


def test_the_delete_page_needs_a_log_in(client):
    response = client.get(DELETE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_my_pages_data_section_offers_the_download_deletion_and_retention(rf, world):
    from django.template.loader import render_to_string

    request = rf.get("/accounts/")
    request.user = world.jieun
    html = render_to_string(
        "residents/includes/data_rights.html",
        {"retention_period": retention_period()},
        request=request,
    )

    assert f'href="{EXPORT}"' in html and f'href="{EXPORT}?format=csv"' in html
    assert f'href="{DELETE}"' in html
    assert "3년 동안" in html
    assert "/privacy/" in html
