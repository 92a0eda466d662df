"""Retention: what is older than PERSONAL_DATA_RETENTION_DAYS is kept only anonymised
(bookings, registrations, campaign entries), sent e-mails are forgotten, the search
log keeps its daily hits only WAGTAILSEARCH_HITS_MAX_AGE days; a second run changes
nothing."""

import datetime as dt
import io
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest
import time_machine

from bookings.models import Booking, BookingSeries, Notice, Status
from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
from core.dates import retention_period
from core.demo import ensure_section, publish
from events.models import Occurrence, ProgramPage, Registration, RegistrationStatus
from residents import rights
from residents.models import ResidentNotice

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
CUTOFF = NOW - dt.timedelta(days=3 * 365)  # the default retention period
OLD = CUTOFF - dt.timedelta(days=1)
RECENT = CUTOFF + dt.timedelta(days=1)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def booking(world, end, purpose, **fields):
    return Booking.objects.create(
        space=world.space,
        user=world.resident,
        start=end - dt.timedelta(hours=2),
        end=end,
        headcount=4,
        purpose=purpose,
        status=Status.CONFIRMED,
        reason="확정 메모",
        **fields,
    )


def registration(world, end):
    occurrence = Occurrence.objects.create(
        program=world.program, space=world.space, start=end - dt.timedelta(hours=1), end=end
    )
    return Registration.objects.create(
        occurrence=occurrence, user=world.resident, status=RegistrationStatus.CONFIRMED
    )


def entry(world, closes, slug):
    campaign = CampaignPage(
        title=f"캠페인 {slug}",
        slug=slug,
        opens_at=closes - dt.timedelta(days=30),
        closes_at=closes,
    )
    world.campaigns.add_child(instance=campaign)
    publish(campaign)
    return CampaignEntry.objects.create(
        campaign=campaign,
        user=world.resident,
        space=world.space,
        space_title=world.space.title,
        why="이웃과 함께하는 공간이에요.",
        contact="010-1111-2222",
        photo=ContentFile(b"\xff\xd8photo", name="photo.jpg"),
        notes="당첨 연락 완료",
        terms_accepted_at=closes - dt.timedelta(days=10),
        privacy_accepted_at=closes - dt.timedelta(days=10),
        created_at=closes - dt.timedelta(days=10),
    )


@pytest.fixture
def world(clock, bilingual_site, make_space):
    space = make_space(title="망원 작은도서관", bookable=True, email="space@example.org")
    program = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            summary="함께해요.",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=60,
        )
    )
    publish(program)
    world = SimpleNamespace(
        space=space,
        program=ProgramPage.objects.get(pk=program.pk),
        resident=get_user_model().objects.create_user(
            "seoyeon", email="seoyeon@example.org", password="changeme"
        ),
        campaigns=ensure_section(
            bilingual_site,
            CampaignIndexPage,
            "campaigns",
            ko={"title": "캠페인", "summary": "캠페인"},
            en={"title": "Campaigns", "summary": "Campaigns"},
        ),
    )
    world.old_series = BookingSeries.objects.create(
        space=space, user=world.resident, weeks=1, created_at=OLD - dt.timedelta(days=3)
    )
    world.old_booking = booking(world, OLD, "오래된 모임", series=world.old_series)
    world.recent_booking = booking(world, RECENT, "최근 모임")
    world.old_registration = registration(world, OLD)
    world.recent_registration = registration(world, RECENT)
    world.old_entry = entry(world, OLD, "old")
    world.recent_entry = entry(world, RECENT, "recent")
    world.old_photo, world.recent_photo = world.old_entry.photo.name, world.recent_entry.photo.name
    for sent_at, kind in ((OLD, "confirmed"), (RECENT, "received")):
        Notice.objects.create(
            booking=world.recent_booking,
            kind=kind,
            recipient="seoyeon@example.org",
            created_at=sent_at,
            sent_at=sent_at,
        )
    ResidentNotice.objects.create(
        user=world.resident,
        recipient="seoyeon@example.org",
        kind=ResidentNotice.Kind.BOOKING_REMINDER,
        key="reminder-old",
        created_at=OLD,
        sent_at=OLD,
    )
    old_term, recent_term = Query.get("오래된 검색어"), Query.get("도서관")
    QueryDailyHits.objects.create(query=old_term, date=NOW.date() - dt.timedelta(days=30), hits=2)
    QueryDailyHits.objects.create(query=recent_term, date=NOW.date() - dt.timedelta(days=30))
    QueryDailyHits.objects.create(query=recent_term, date=NOW.date(), hits=3)
    Session.objects.create(
        session_key="expired" * 4, session_data="", expire_date=NOW - dt.timedelta(days=1)
    )
    return world


def reloaded(row):
    return type(row).objects.get(pk=row.pk)


def test_what_outlived_the_retention_period_is_kept_only_anonymised(world, committing):
    out = io.StringIO()
    with committing():
        call_command("apply_retention", stdout=out)

    old = reloaded(world.old_booking)
    assert (old.user, old.purpose, old.reason, old.status) == (None, "", "", Status.CONFIRMED)
    assert reloaded(world.old_series).user is None
    assert reloaded(world.old_registration).user is None
    entry = reloaded(world.old_entry)
    assert (entry.user, entry.why, entry.contact, entry.notes, entry.photo.name) == (
        None,
        "",
        "",
        "",
        "",
    )
    assert not default_storage.exists(world.old_photo)
    # Younger rows keep everything.
    recent = reloaded(world.recent_booking)
    assert (recent.user, recent.purpose) == (world.resident, "최근 모임")
    assert reloaded(world.recent_registration).user == world.resident
    assert reloaded(world.recent_entry).why == "이웃과 함께하는 공간이에요."
    assert default_storage.exists(world.recent_photo)
    # Sent e-mails older than the period, the search log's old days, expired sessions.
    assert list(Notice.objects.values_list("kind", flat=True)) == ["received"]
    assert not ResidentNotice.objects.exists()
    assert list(Query.objects.values_list("query_string", flat=True)) == ["도서관"]
    assert list(QueryDailyHits.objects.values_list("hits", flat=True)) == [3]
    assert not Session.objects.exists()
    report = out.getvalue()
    assert "(1095 days)" in report
    for line in (
        "1 bookings anonymised",
        "1 recurring bookings anonymised",
        "1 registrations anonymised",
        "1 campaign entries anonymised",
        "1 entry photos deleted",
        "2 sent e-mails and notices deleted",
        "2 search log daily hits deleted",
        "1 search terms without hits deleted",
        "1 expired sessions deleted",
    ):
        assert line in report


def test_a_second_run_changes_nothing(world, committing):
    with committing():
        rights.apply_retention()
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert "Done: 0 changes." in out.getvalue()
    assert reloaded(world.recent_booking).purpose == "최근 모임"


def test_the_scheduler_passes_the_time_and_the_period_is_a_setting(world, settings):
    counts = rights.apply_retention(now=NOW + dt.timedelta(days=2))
    assert counts["bookings"] == 2  # the recent one is now past the period too
    assert reloaded(world.recent_booking).user is None

    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    assert retention_period() == "30일"
    settings.PERSONAL_DATA_RETENTION_DAYS = 365 * 2
    assert retention_period() == "2년"
