"""The program schedule editor (issue 16): its own controls in Korean, what they store
(the same RRULE/RDATE/EXDATE as before), clear messages instead of errors, existing
schedules shown back in the controls, and the schedule in words on the program page
in Korean and English, with every date and the dates left out said as such."""

import datetime as dt
import re
from html import unescape as html_unescape

from django.utils import timezone, translation

import pytest
import recurrence

from events.models import Occurrence, ProgramPage
from events.schedule import describe, left_out_dates
from tests.security.test_exports_schedules import field_errors

from .conftest import TODAY, days, page_dates, seoul, text, translate

pytestmark = pytest.mark.usefixtures("clock")

ADD = "/admin/pages/add/events/programpage/{pk}/"

# "Every Tue and Thu until 31 March 2027, except Thu 24 December, plus Sat 30 January."
ISSUE = {
    "schedule-repeat": "weekly",
    "schedule-interval": "1",
    "schedule-weekday": ["TU", "TH"],
    "schedule-monthly": "day",
    "schedule-monthday": "1",
    "schedule-position": "1",
    "schedule-position_day": "MO",
    "schedule-end": "until",
    "schedule-until": "2027-03-31",
    "schedule-count": "",
    "schedule-rdate": ["2027-01-30", ""],
    "schedule-exdate": ["2026-12-24", ""],
}


def editor_form(
    title="화목 그림책 모임", slug="picture-books", start_date="2026-12-01", **schedule
):
    """The page editor's form as a browser posts it with the schedule's controls."""
    from wagtail.test.utils.form_data import rich_text

    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "description": rich_text(""),
        "image_alt": "",
        "category": "club",
        "audience": "everyone",
        "language": "ko",
        "tags": "",
        "start_date": start_date,
        "start_time": "19:00",
        "duration_minutes": "120",
        "capacity": "10",
        "is_free": "on",
        "fee_note": "",
        "organiser_name": "",
        "organiser_email": "",
        "organiser_phone": "",
        "action-publish": "action-publish",
    }
    data.update({**ISSUE, **schedule})
    return data


def editor_of(html):
    """The schedule editor's HTML as the page shows it (up to the next field)."""
    start = html.index('<div class="schedule-editor" data-schedule-editor')
    return html[start : html.index('id="id_capacity"', start)]


def tue_thu(first, last):
    return [
        first + dt.timedelta(days=n)
        for n in range((last - first).days + 1)
        if (first + dt.timedelta(days=n)).weekday() in (1, 3)
    ]


# --- the editor ----------------------------------------------------------------------


def test_the_editor_shows_korean_controls_and_no_django_recurrence(admin_client, space):
    html = text(admin_client.get(ADD.format(pk=space.pk)))

    editor = editor_of(html)
    for option in ("반복하지 않음", "매일", "매주", "매월"):
        assert f">{option}</option>" in editor
    for day in "월화수목금토일":
        assert f'<span aria-hidden="true">{day}</span>' in editor
    for words in ("반복 간격", "끝나는 때", "이 날짜까지", "더하는 날짜", "쉬는 날짜", "날짜 추가"):
        assert words in editor
    assert '<label class="w-field__label" for="id_schedule" id="id_schedule-label">' in html
    assert 'type="date" name="schedule-until"' in editor
    assert "/static/recurrence/" not in html and "jquery.init.js" not in html
    assert "/static/js/schedule-editor.js" in html and "/static/css/schedule-editor.css" in html
    # Places per date comes after the whole editor, not on top of it.
    assert html.index('<div class="schedule-editor"') < html.index('id="id_capacity"')


def test_the_editor_saves_the_issues_schedule_as_rrule_rdate_and_exdate(admin_client, space):
    response = admin_client.post(ADD.format(pk=space.pk), editor_form())

    assert response.status_code == 302, field_errors(response, "schedule")
    program = ProgramPage.objects.get(slug="picture-books")
    assert program.live
    assert recurrence.serialize(program.schedule) == (
        "RRULE:FREQ=WEEKLY;UNTIL=20270330T150000Z;BYDAY=TU,TH\n"
        "RDATE:20270129T150000Z\n"
        "EXDATE:20261223T150000Z"
    )
    expected = sorted(
        set(tue_thu(dt.date(2026, 12, 1), dt.date(2027, 3, 31))) - {dt.date(2026, 12, 24)}
        | {dt.date(2027, 1, 30)}
    )
    assert days(program) == expected
    start = Occurrence.objects.filter(program=program).order_by("start").first()
    assert (start.start, start.end) == (
        seoul(dt.date(2026, 12, 1)),
        seoul(dt.date(2026, 12, 1), 21),
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"schedule-weekday": []}, "요일을 하나 이상 고르세요."),
        ({"schedule-interval": "0"}, "반복 간격은 1에서 366 사이의 정수여야 합니다."),
        ({"schedule-interval": "매주"}, "반복 간격은 1에서 366 사이의 정수여야 합니다."),
        ({"schedule-until": ""}, "마지막 날짜를 입력하세요(YYYY-MM-DD)."),
        ({"schedule-until": "2027-02-30"}, "마지막 날짜를 입력하세요(YYYY-MM-DD)."),
        ({"schedule-until": "2026-11-01"}, "반복이 끝나는 날짜가 첫 날짜보다 앞섭니다."),
        (
            {"schedule-end": "count", "schedule-count": "0"},
            "규칙의 반복 횟수는 1회에서 1000회 사이여야 합니다.",
        ),
        ({"schedule-rdate": ["2027-13-01"]}, "“2027-13-01”은(는) 날짜가 아닙니다"),
        ({"schedule-exdate": ["1999-12-24"]}, "일정의 날짜는 2000년에서 2100년 사이여야 합니다."),
        ({"schedule-repeat": "hourly"}, "반복 방법을 고르세요."),
        ({"schedule-repeat": "custom", "schedule-rules": "RRULE:FREQ=NOPE"}, "지금 규칙을 읽을"),
        (
            {"schedule-repeat": "monthly", "schedule-monthly": "weekday", "schedule-position": "9"},
            "매월 몇째 무슨 요일인지 고르세요.",
        ),
        ({"schedule-repeat": "monthly", "schedule-monthday": "32"}, "매월 며칠인지 고르세요."),
    ],
)
def test_what_the_editor_cannot_use_is_said_on_the_field(admin_client, space, changes, message):
    response = admin_client.post(ADD.format(pk=space.pk), editor_form(**changes))

    assert response.status_code == 200  # the form again, with why
    errors = " ".join(field_errors(response, "schedule"))
    assert message in errors, errors
    assert not ProgramPage.objects.filter(slug="picture-books").exists()
    # What was chosen is shown again, not lost.
    html = text(response)
    assert 'aria-invalid="true"' in editor_of(html)


def test_the_form_shown_again_keeps_what_was_typed(admin_client, space):
    response = admin_client.post(ADD.format(pk=space.pk), editor_form(**{"schedule-weekday": []}))
    editor = editor_of(text(response))

    assert '<option value="weekly" selected>매주</option>' in editor
    assert 'value="2027-03-31"' in editor and 'value="2026-12-24"' in editor
    assert 'value="2027-01-30"' in editor
    assert re.search(r'value="until" id="id_schedule-end-until"\s+checked', editor)


def test_no_repeat_is_the_first_date_plus_the_extra_dates(admin_client, space):
    form = editor_form(**{"schedule-repeat": "", "schedule-rdate": ["2026-12-12", "2026-12-19"]})
    response = admin_client.post(ADD.format(pk=space.pk), form)

    assert response.status_code == 302, field_errors(response, "schedule")
    program = ProgramPage.objects.get(slug="picture-books")
    assert not program.schedule.rrules
    assert days(program) == [dt.date(2026, 12, 1), dt.date(2026, 12, 12), dt.date(2026, 12, 19)]


@pytest.mark.parametrize(
    "stored, shown",
    [
        (
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270330T150000Z\nEXDATE:20261223T150000Z",
            [
                '<option value="weekly" selected>',
                'value="TU" id="id_schedule-weekday-TU" checked',
                'value="TH" id="id_schedule-weekday-TH" checked',
                'name="schedule-until" id="id_schedule-until" value="2027-03-31"',
                'name="schedule-exdate" id="id_schedule-exdate-0" value="2026-12-24"',
            ],
        ),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=+2SA",
            [
                '<option value="monthly" selected>',
                'value="weekday" id="id_schedule-monthly-weekday" checked',
                '<option value="2" selected>둘째</option>',
                '<option value="SA" selected>토요일</option>',
            ],
        ),
        (
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1;COUNT=6",
            [
                '<option value="-1" selected>마지막 날</option>',
                'name="schedule-interval" id="id_schedule-interval" value="2"',
                'name="schedule-count" id="id_schedule-count" value="6"',
            ],
        ),
        ("RRULE:FREQ=DAILY;COUNT=5", ['<option value="daily" selected>']),
        ("", ['<option value="" selected>반복하지 않음</option>']),
    ],
)
def test_an_existing_schedule_is_shown_in_the_controls(admin_client, make_program, stored, shown):
    program = make_program(schedule=stored)
    html = text(admin_client.get(f"/admin/pages/{program.pk}/edit/"))
    editor = editor_of(html)
    for piece in shown:
        assert piece in editor
    assert "지금 규칙 유지" not in editor


KEPT = [
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1SA",
    "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXRULE:FREQ=MONTHLY;BYDAY=1TU\nRDATE:20261204T150000Z",
    "RRULE:FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15",
]


@pytest.mark.parametrize("stored", KEPT)
def test_a_schedule_the_controls_cannot_show_is_kept_as_it_is(admin_client, make_program, stored):
    program = make_program(schedule=stored, capacity=10, duration_minutes=120)
    before = recurrence.serialize(program.schedule)
    html = text(admin_client.get(f"/admin/pages/{program.pk}/edit/"))
    editor = editor_of(html)
    assert '<option value="custom" selected>지금 규칙 유지</option>' in editor
    kept = re.search(r'name="schedule-rules" value="([^"]*)"', editor).group(1)

    # Saved again with only the title changed: the same schedule.
    form = editor_form(
        title="새 제목",
        slug=program.slug,
        start_date=program.start_date.isoformat(),
        **{
            "schedule-repeat": "custom",
            "schedule-rules": html_unescape(kept),
            "schedule-rdate": re.findall(
                r'name="schedule-rdate" id="[^"]+" value="([^"]+)"', editor
            ),
            "schedule-exdate": [],
        },
    )
    response = admin_client.post(f"/admin/pages/{program.pk}/edit/", form)

    assert response.status_code == 302, field_errors(response, "schedule")
    program = ProgramPage.objects.get(pk=program.pk)
    assert program.title == "새 제목"
    assert recurrence.serialize(program.schedule) == before


def test_editing_a_schedule_changes_the_dates(admin_client, program):
    assert days(program)[:2] == [dt.date(2026, 12, 1), dt.date(2026, 12, 3)]
    form = editor_form(
        title=program.title,
        slug=program.slug,
        **{
            "schedule-weekday": ["WE"],
            "schedule-end": "count",
            "schedule-count": "3",
            "schedule-rdate": [],
            "schedule-exdate": [],
        },
        start_date=TODAY.isoformat(),
    )
    response = admin_client.post(f"/admin/pages/{program.pk}/edit/", form)

    assert response.status_code == 302, field_errors(response, "schedule")
    program = ProgramPage.objects.get(pk=program.pk)
    assert recurrence.serialize(program.schedule) == "RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=WE"
    assert days(program) == [dt.date(2026, 12, 2), dt.date(2026, 12, 9), dt.date(2026, 12, 16)]


def test_dates_are_seoul_days_whatever_time_zone_the_editor_uses(admin_client, space):
    """Wagtail runs admin requests in the user's own time zone (their account
    settings); the schedule's days and the program's times stay Seoul's."""
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    admin = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.current_time_zone = "America/Los_Angeles"
    profile.save()

    response = admin_client.post(ADD.format(pk=space.pk), editor_form())

    assert response.status_code == 302, field_errors(response, "schedule")
    program = ProgramPage.objects.get(slug="picture-books")
    assert "EXDATE:20261223T150000Z" in recurrence.serialize(program.schedule)
    assert dt.date(2026, 12, 24) not in days(program)
    first = Occurrence.objects.filter(program=program).order_by("start").first()
    assert first.start == seoul(dt.date(2026, 12, 1), 19)


# --- the schedule in words -------------------------------------------------------------


@pytest.mark.parametrize(
    "stored, korean, english",
    [
        (
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270330T150000Z",
            "매주 화·목요일 19:00–21:00, 2027년 3월 31일까지",
            "Every Tue and Thu, 19:00–21:00, until 31 March 2027",
        ),
        (
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "매주 월·수·금요일 19:00–21:00",
            "Every Mon, Wed and Fri, 19:00–21:00",
        ),
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
            "2주마다 수요일 19:00–21:00",
            "Every 2 weeks on Wed, 19:00–21:00",
        ),
        ("RRULE:FREQ=DAILY;COUNT=5", "매일 19:00–21:00, 총 5회", "Every day, 19:00–21:00, 5 times"),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=+2SA",
            "매월 둘째 토요일 19:00–21:00",
            "On the second Saturday of every month, 19:00–21:00",
        ),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
            "매월 마지막 금요일 19:00–21:00",
            "On the last Friday of every month, 19:00–21:00",
        ),
        (
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=15",
            "매월 15일 19:00–21:00",
            "On day 15 of every month, 19:00–21:00",
        ),
        (
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1SA",
            "아래 날짜에 19:00–21:00",
            "On the dates listed below, 19:00–21:00",
        ),
        ("", "", ""),
    ],
)
def test_the_schedule_in_words(make_program, stored, korean, english):
    program = make_program(schedule=stored, duration_minutes=120)
    with translation.override("ko"):
        assert describe(program) == korean
    with translation.override("en"):
        assert describe(program) == english


def test_the_program_page_says_the_schedule_and_lists_every_date(client, admin_client, space):
    admin_client.post(ADD.format(pk=space.pk), editor_form())
    program = ProgramPage.objects.get(slug="picture-books")
    english = translate(program, title="Picture book club", slug="picture-books")

    response = client.get(program.url)
    html = text(response)

    assert "매주 화·목요일 19:00–21:00, 2027년 3월 31일까지" in html
    assert "12월 24일(목)에는 쉽니다." in html
    assert "weekly" not in html and "each" not in html  # django-recurrence's to_text
    shown = [
        timezone.localtime(dt.datetime.fromisoformat(d["when"])).date()
        for d in page_dates(response)
    ]
    expected = sorted(
        set(tue_thu(dt.date(2026, 12, 1), dt.date(2027, 3, 31))) - {dt.date(2026, 12, 24)}
        | {dt.date(2027, 1, 30)}
    )
    assert shown == expected  # all of them, not the first dozen
    # The first eight show; the rest sit behind a "more" control that needs no script.
    folded = html[html.index('<details class="date-more">') :]
    assert f"회차 {len(expected) - 8}개 더 보기" in folded
    assert folded.count('<li class="date-item') == len(expected) - 8

    english_html = text(client.get(english.url))
    assert english.url.startswith("/en/")
    assert "Every Tue and Thu, 19:00–21:00, until 31 March 2027" in english_html
    assert "No session on Thu 24 December." in english_html
    assert f"Show {len(expected) - 8} more dates" in english_html


def test_a_left_out_date_in_the_past_or_off_the_rule_is_not_mentioned(make_program, clock):
    program = make_program(
        schedule=(
            "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\n"
            "EXDATE:20261130T150000Z,20261201T150000Z,20261209T150000Z"  # Tue 1, Wed 2, Thu 10
        )
    )
    assert left_out_dates(program, TODAY) == [dt.date(2026, 12, 1), dt.date(2026, 12, 10)]
    clock.move_to(timezone.make_aware(dt.datetime(2026, 12, 5, 9)))
    assert left_out_dates(program, dt.date(2026, 12, 5)) == [dt.date(2026, 12, 10)]


def test_a_short_schedule_has_no_more_control(client, make_program):
    program = make_program(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    html = text(client.get(program.url))
    assert len(page_dates(client.get(program.url))) == 3
    assert "date-more" not in html
