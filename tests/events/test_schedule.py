"""From a program's schedule to its dates (Asia/Seoul, no daylight saving): weekly and
monthly rules, short months, dates added and left out (whole days), COUNT and UNTIL,
a single date, the 180-day horizon, and schedules finer than daily refused quickly."""

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from events.models import Occurrence, ProgramPage
from events.schedule import HORIZON_DAYS, program_dates

from .conftest import TODAY, days, rule, seoul

pytestmark = pytest.mark.usefixtures("clock")

TUESDAY, THURSDAY, SATURDAY = 1, 3, 5


def test_weekly_tuesday_and_thursday_from_a_monday_starts_on_the_tuesday(make_program):
    assert TODAY.weekday() == 0  # the first date given is a Monday
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")

    dates = days(program)

    assert dates[:5] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 15),
    ]
    assert TODAY not in dates
    assert {d.weekday() for d in dates} == {TUESDAY, THURSDAY}


def test_every_date_starts_and_ends_at_the_programs_seoul_times(make_program):
    program = make_program(
        schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH", start_time=dt.time(19, 30), duration_minutes=90
    )
    for occurrence in Occurrence.objects.filter(program=program):
        start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
        assert (start.hour, start.minute) == (19, 30)
        assert (end.hour, end.minute) == (21, 0)
        assert occurrence.start.astimezone(dt.UTC).hour == 10  # UTC+9 all year round
    first = Occurrence.objects.filter(program=program).order_by("start").first()
    assert first.start == seoul(dt.date(2026, 12, 1), 19, 30)


def test_monthly_on_the_second_saturday(make_program):
    program = make_program(schedule="RRULE:FREQ=MONTHLY;BYDAY=+2SA")

    dates = days(program)

    assert dates == [
        dt.date(2026, 12, 12),
        dt.date(2027, 1, 9),
        dt.date(2027, 2, 13),
        dt.date(2027, 3, 13),
        dt.date(2027, 4, 10),
        dt.date(2027, 5, 8),
    ]
    assert all(d.weekday() == SATURDAY and 8 <= d.day <= 14 for d in dates)


def test_monthly_second_saturday_starting_after_this_months_one_begins_next_month(
    make_program,
):
    program = make_program(
        schedule="RRULE:FREQ=MONTHLY;BYDAY=+2SA", start_date=dt.date(2026, 12, 20)
    )
    assert days(program)[:3] == [dt.date(2027, 1, 9), dt.date(2027, 2, 13), dt.date(2027, 3, 13)]


def test_monthly_on_the_31st_skips_the_short_months(make_program):
    program = make_program(schedule="RRULE:FREQ=MONTHLY;BYMONTHDAY=31")
    # February and April have no 31st; May 31 is past the 180-day horizon (May 29).
    assert days(program) == [dt.date(2026, 12, 31), dt.date(2027, 1, 31), dt.date(2027, 3, 31)]


# The editor's date picker gives a Seoul midnight: sent as UTC (the widget), written
# as a Seoul time, or a plain midnight in UTC — each means the same whole day.
SEOUL_DAY_SPELLINGS = ["{d}T000000", "{prev}T150000Z", "{d}T000000Z"]


@pytest.mark.parametrize("spelling", SEOUL_DAY_SPELLINGS)
def test_a_left_out_date_removes_that_day(make_program, spelling):
    left_out = spelling.format(d="20261203", prev="20261202")
    program = make_program(schedule=f"RRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE:{left_out}")
    assert days(program)[:3] == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 10)]


@pytest.mark.parametrize("spelling", SEOUL_DAY_SPELLINGS)
def test_an_added_date_adds_that_day_at_the_programs_time(make_program, spelling):
    added = spelling.format(d="20261205", prev="20261204")
    program = make_program(schedule=f"RRULE:FREQ=WEEKLY;BYDAY=TU,TH\nRDATE:{added}")
    assert days(program)[:4] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 5),  # a Saturday, added
        dt.date(2026, 12, 8),
    ]
    added_date = Occurrence.objects.get(program=program, start__date=dt.date(2026, 12, 5))
    assert added_date.start == seoul(dt.date(2026, 12, 5), 19)


def test_added_and_left_out_dates_together(make_program):
    program = make_program(
        schedule=(
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\n"
            "RDATE:20261204T150000Z\n"  # Saturday 5 December
            "EXDATE:20261207T150000Z,20261209T150000Z"  # Tuesday 8, Thursday 10
        )
    )
    assert days(program)[:4] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 5),
        dt.date(2026, 12, 15),
    ]


def test_count_ends_the_rule_after_that_many_dates(make_program):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5")
    assert days(program) == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 15),
    ]


@pytest.mark.parametrize("until", ["20261209T150000Z", "20261210T000000", "20261210T235959"])
def test_until_includes_its_own_day(make_program, until):
    program = make_program(schedule=f"RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL={until}")
    assert days(program) == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 10),
    ]


def test_a_short_daily_course(make_program):
    program = make_program(schedule="RRULE:FREQ=DAILY;COUNT=5", start_date=dt.date(2026, 12, 7))
    assert days(program) == [dt.date(2026, 12, d) for d in range(7, 12)]


def test_an_empty_schedule_is_a_single_date_on_the_first_date(make_program):
    today = make_program()
    later = make_program(start_date=dt.date(2026, 12, 24), start_time=dt.time(14))

    assert days(today) == [TODAY]
    assert days(later) == [dt.date(2026, 12, 24)]
    assert Occurrence.objects.get(program=later).start == seoul(dt.date(2026, 12, 24), 14)


def test_a_never_ending_rule_is_kept_as_far_as_the_horizon(make_program):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    dates = days(program)
    horizon = TODAY + dt.timedelta(days=HORIZON_DAYS)
    assert max(dates) <= horizon
    assert max(dates) > horizon - dt.timedelta(days=7)
    assert len(dates) == 52  # 26 weeks of two dates


def test_a_daily_rule_for_years_is_capped_at_the_horizon(make_program, expansion):
    program = make_program(schedule="RRULE:FREQ=DAILY;UNTIL=20301231T150000Z")
    # Each expansion stops at the horizon (and the day after it), not in 2030.
    assert expansion.runs >= 1
    assert expansion.periods <= expansion.runs * (HORIZON_DAYS + 2)

    dates = days(program)

    assert len(dates) == HORIZON_DAYS + 1
    assert dates[0] == TODAY
    assert dates[-1] == TODAY + dt.timedelta(days=HORIZON_DAYS)
    # Every day once: a program happens at most once a day.
    assert len(set(dates)) == len(dates)


def test_a_daily_rule_for_years_passes_the_editors_check(program):
    program.schedule = rule("RRULE:FREQ=DAILY;UNTIL=20301231T150000Z")
    program.clean()  # no ValidationError: it is capped, not refused


@pytest.mark.parametrize("freq", ["MINUTELY", "HOURLY", "SECONDLY"])
def test_a_schedule_finer_than_daily_is_refused_quickly_with_a_message(program, freq, expansion):
    program.schedule = rule(f"RRULE:FREQ={freq}")

    with pytest.raises(ValidationError) as error:
        program.clean()

    assert expansion.periods == 0  # refused before any date is worked out
    assert error.value.message_dict["schedule"] == [
        "프로그램은 하루에 한 번, 시작 시각에 열립니다. 매일 또는 그보다 드물게 반복하고, "
        "규칙에 시나 분을 넣지 마세요."
    ]


def test_a_minutely_schedule_in_the_database_gives_no_dates_and_does_not_hang(program, expansion):
    """Wagtail refuses to save it, but should one reach the database anyway (a script,
    an import), the daily refresh keeps no dates rather than expanding it minute by
    minute."""
    from django.core.management import call_command

    assert days(program)
    ProgramPage.objects.filter(pk=program.pk).update(schedule=rule("RRULE:FREQ=MINUTELY"))

    call_command("refresh_program_dates", stdout=io.StringIO())
    assert expansion.periods == 0  # not expanded minute by minute, nor at all

    assert days(program) == []


def test_the_editor_refuses_a_minutely_schedule_with_the_message(admin_client, space, expansion):
    """Through Wagtail's page editor: the form is shown again with the message, and
    no program is created."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": "매분 모임",
            "slug": "every-minute",
            "summary": "",
            "description": rich_text(""),
            "image_alt": "",
            "category": "class",
            "audience": "everyone",
            "language": "ko",
            "tags": "",
            "start_date": TODAY.isoformat(),
            "start_time": "19:00",
            "duration_minutes": "90",
            "schedule": "RRULE:FREQ=MINUTELY",
            "capacity": "",
            "is_free": "on",
            "fee_note": "",
            "organiser_name": "",
            "organiser_email": "",
            "organiser_phone": "",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/events/programpage/{space.pk}/", data)

    assert expansion.periods == 0
    assert response.status_code == 200
    assert "프로그램은 하루에 한 번, 시작 시각에 열립니다." in response.content.decode()
    assert not ProgramPage.objects.filter(slug="every-minute").exists()


def test_the_editor_publishes_a_weekly_program_with_its_dates(admin_client, space):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": "화목 뜨개질",
            "slug": "knitting",
            "summary": "",
            "description": rich_text(""),
            "image_alt": "",
            "category": "club",
            "audience": "everyone",
            "language": "ko",
            "tags": "",
            "start_date": TODAY.isoformat(),
            "start_time": "19:00",
            "duration_minutes": "90",
            "schedule": "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE:20261202T150000Z",
            "capacity": "8",
            "is_free": "on",
            "fee_note": "",
            "organiser_name": "",
            "organiser_email": "",
            "organiser_phone": "",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/events/programpage/{space.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    program = ProgramPage.objects.get(slug="knitting")
    assert program.live
    assert days(program)[:3] == [dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 10)]
    assert set(Occurrence.objects.filter(program=program).values_list("places", flat=True)) == {8}


def test_a_rule_that_never_gives_a_date_is_answered_quickly(program, expansion):
    """February has no 30th: a daily rule limited to 30 February never matches. The
    editor's check (and every publish and daily refresh) must not search the calendar
    up to the year 9999 for it (that search looks at about 2.9 million days)."""
    program.schedule = rule("RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")

    dates = program_dates(program, TODAY, strict=True)

    assert dates == []
    assert expansion.periods <= HORIZON_DAYS + 2, f"looked at {expansion.periods} days"
