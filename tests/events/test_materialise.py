"""Program dates kept as ``Occurrence`` rows: made on publish, brought in line with a
changed schedule on republish (a dropped date with registrations stays, cancelled,
and shows so), restored, removed on unpublish, rolled forward daily."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from events import services
from events.models import Occurrence, Registration, RegistrationStatus
from events.schedule import HORIZON_DAYS

from .conftest import NOW, TODAY, days, listing_items, page_dates, republish, seoul

pytestmark = pytest.mark.usefixtures("clock")

TUE = dt.date(2026, 12, 1)
THU = dt.date(2026, 12, 3)
NEXT_TUE = dt.date(2026, 12, 8)
NEXT_THU = dt.date(2026, 12, 10)


def date_of(program, day):
    return Occurrence.objects.get(program=program, start=seoul(day, 19))


def test_publishing_creates_the_dates_with_the_places(program, space):
    occurrences = list(Occurrence.objects.filter(program=program).order_by("start"))
    assert len(occurrences) == 52
    first = occurrences[0]
    assert first.start == seoul(TUE, 19)
    assert first.end == seoul(TUE, 20, 30)
    assert first.space_id == space.pk
    assert first.places == 3
    assert first.confirmed_count == first.waitlist_count == 0
    assert not any(o.cancelled for o in occurrences)


def test_a_draft_makes_no_dates(space):
    from events.models import ProgramPage

    draft = space.add_child(
        instance=ProgramPage(title="초안", slug="draft", start_date=TODAY, live=False)
    )
    draft.save_revision()
    assert not Occurrence.objects.filter(program=draft).exists()


def test_republishing_the_same_schedule_changes_nothing(program):
    before = list(Occurrence.objects.filter(program=program).values_list("pk", "start"))
    republish(program, title="뜨개질 모임 (새 이름)")
    after = list(Occurrence.objects.filter(program=program).values_list("pk", "start"))
    assert after == before


def test_a_dropped_date_without_registrations_is_removed(program):
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    assert days(program)[:3] == [TUE, NEXT_TUE, dt.date(2026, 12, 15)]
    assert not Occurrence.objects.filter(program=program, cancelled=True).exists()


def test_a_dropped_date_with_registrations_stays_cancelled(program, resident):
    registration = services.register(resident, date_of(program, THU).pk)

    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")

    thursday = date_of(program, THU)
    assert thursday.cancelled
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # kept, to be seen
    # The other Thursdays had nobody registered: gone.
    assert not Occurrence.objects.filter(program=program, start=seoul(NEXT_THU, 19)).exists()
    assert days(program)[:3] == [TUE, THU, NEXT_TUE]


def test_a_cancelled_date_shows_as_cancelled_on_the_page_and_in_the_listing(
    program, resident, client
):
    services.register(resident, date_of(program, THU).pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")

    shown = page_dates(client.get(program.url))
    assert [d["when"][:10] for d in shown[:3]] == ["2026-12-01", "2026-12-03", "2026-12-08"]
    thursday = shown[1]
    assert thursday["cancelled"] and thursday["status"] == "취소됨"
    assert thursday["button"] is None  # no registering for it
    assert not shown[0]["cancelled"] and shown[0]["button"] == "신청하기"

    items = listing_items(client.get("/programs/"))
    cancelled = [item for item in items if item[2]]
    assert cancelled == [("뜨개질 모임", "2026-12-03T19:00:00+09:00", True, "취소됨")]


def test_a_cancelled_date_refuses_new_registrations(program, resident, make_resident):
    services.register(resident, date_of(program, THU).pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    with pytest.raises(services.RegistrationError, match="취소되었습니다"):
        services.register(make_resident(), date_of(program, THU).pk)


def test_restoring_a_date_uncancels_it_with_its_registrations(program, resident, client):
    registration = services.register(resident, date_of(program, THU).pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")
    assert date_of(program, THU).cancelled

    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")

    thursday = date_of(program, THU)
    assert not thursday.cancelled
    assert thursday.pk == registration.occurrence_id
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    assert len(days(program)) == 52
    assert not any(d["cancelled"] for d in page_dates(client.get(program.url)))


def test_a_left_out_day_with_registrations_is_cancelled_and_restored(program, resident):
    services.register(resident, date_of(program, THU).pk)
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE:20261202T150000Z")
    assert date_of(program, THU).cancelled
    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    assert not date_of(program, THU).cancelled


def test_a_new_capacity_reaches_the_dates(program):
    republish(program, capacity=10)
    assert set(Occurrence.objects.filter(program=program).values_list("places", flat=True)) == {10}
    republish(program, capacity=None)
    assert set(Occurrence.objects.filter(program=program).values_list("places", flat=True)) == {
        None
    }


def test_a_new_length_reaches_the_dates(program):
    """The dates end when the program's new length says (the listing, the page and
    the calendars all show ``end``)."""
    republish(program, duration_minutes=120)
    ends = {timezone.localtime(o.end).time() for o in Occurrence.objects.filter(program=program)}
    assert ends == {dt.time(21, 0)}


def test_a_new_start_time_moves_the_dates(program, client):
    republish(program, start_time=dt.time(10))
    starts = {
        timezone.localtime(o.start).time() for o in Occurrence.objects.filter(program=program)
    }
    assert starts == {dt.time(10)}
    assert len(days(program)) == 52


def test_unpublishing_removes_the_dates_from_the_listing(program, make_program, client):
    other = make_program(title="그림책 읽는 저녁", schedule="RRULE:FREQ=WEEKLY;BYDAY=WE")
    assert {item[0] for item in listing_items(client.get("/programs/"))} == {
        "뜨개질 모임",
        other.title,
    }

    program.unpublish()

    assert {item[0] for item in listing_items(client.get("/programs/"))} == {other.title}
    assert not Occurrence.objects.filter(program=program).exists()
    assert client.get(program.url).status_code == 404


def test_unpublishing_keeps_dates_with_registrations_as_cancelled(program, resident, client):
    registration = services.register(resident, date_of(program, THU).pk)

    program.unpublish()

    assert list(Occurrence.objects.filter(program=program)) == [date_of(program, THU)]
    assert date_of(program, THU).cancelled
    assert listing_items(client.get("/programs/")) == []

    # Publishing again brings the dates back, the registration with its date.
    program.refresh_from_db()
    program.save_revision().publish()
    assert len(days(program)) == 52
    assert not date_of(program, THU).cancelled
    registration.refresh_from_db()
    assert registration.occurrence_id == date_of(program, THU).pk


def test_the_daily_refresh_rolls_the_horizon_forward(program, clock):
    assert max(days(program)) == dt.date(2027, 5, 27)  # the last Thursday within 180 days

    clock.move_to(NOW + dt.timedelta(days=30))
    out = io.StringIO()
    call_command("refresh_program_dates", stdout=out)

    today = TODAY + dt.timedelta(days=30)
    dates = days(program)
    assert max(dates) <= today + dt.timedelta(days=HORIZON_DAYS)
    assert max(dates) == dt.date(2027, 6, 24)
    assert "added 8, cancelled 0, removed 0" in out.getvalue()
    # Past dates are kept as they were (registrations refer to them).
    assert dates[0] == TUE
    assert len(dates) == 60

    # Running it again the same day changes nothing.
    out = io.StringIO()
    call_command("refresh_program_dates", stdout=out)
    assert "added 0, cancelled 0, removed 0" in out.getvalue()


def test_the_daily_refresh_ends_with_the_rule(make_program, clock):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4")
    clock.move_to(NOW + dt.timedelta(days=60))
    call_command("refresh_program_dates", stdout=io.StringIO())
    assert days(program) == [TUE, THU, NEXT_TUE, NEXT_THU]


def test_the_daily_refresh_leaves_unpublished_programs_alone(program, clock):
    program.unpublish()
    clock.move_to(NOW + dt.timedelta(days=30))
    call_command("refresh_program_dates", stdout=io.StringIO())
    assert not Occurrence.objects.filter(program=program).exists()


def test_the_refresh_task_does_the_same(program, clock):
    from events.tasks import refresh_program_dates

    clock.move_to(NOW + dt.timedelta(days=7))
    result = refresh_program_dates.enqueue()
    assert tuple(result.return_value) == (2, 0, 0)
    assert max(days(program)) == dt.date(2027, 6, 3)


def test_a_past_date_is_not_touched_by_a_schedule_change(program, resident, clock):
    services.register(resident, date_of(program, TUE).pk)
    clock.move_to(seoul(dt.date(2026, 12, 2), 9))  # the Tuesday is over

    republish(program, schedule="RRULE:FREQ=WEEKLY;BYDAY=TH")

    tuesday = date_of(program, TUE)
    assert not tuesday.cancelled
    assert days(program)[:3] == [TUE, THU, NEXT_THU]
