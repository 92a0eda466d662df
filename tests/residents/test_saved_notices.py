"""Residents who saved a program are told when it opens new dates, and those who saved a
space when its published opening hours change: once, in their language, only if they
want to hear (``notify_saved``). Drafts, unchanged hours and the dates that only come
into view as the kept window moves on a day tell nobody."""

import datetime as dt

from django.core import mail

import pytest
import recurrence
import time_machine

from events.models import Occurrence, ProgramPage
from events.schedule import refresh_all
from residents.models import ResidentNotice, SavedItem
from spaces.bulk import SpaceItem, save_spaces
from spaces.models import OpeningPeriod
from spaces.services import save_space

from .notice_support import NOW, mails_to, make_resident, publish_program, seoul

BASE = "https://example.seoul.kr"
NEW_HOURS = "Mo-Fr 10:00-21:00; Sa 10:00-18:00; PH off"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(clock, make_space):
    return make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        opening_hours="Mo-Sa 09:00-21:00",
    )


@pytest.fixture
def program(space):
    """Tuesdays at 19:00."""
    return publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=TU")


def save(user, page):
    SavedItem.objects.create(user=user, page=page)
    return user


def republish(program, schedule):
    program = ProgramPage.objects.get(pk=program.pk)
    program.schedule = recurrence.deserialize(schedule)
    program.save_revision().publish()
    return program


def change_hours(space, rule, **options):
    page, __ = save_space({"external_id": space.external_id, "opening_hours": rule}, **options)
    return page


# --- a saved program's new dates -------------------------------------------------------


def test_residents_who_saved_a_program_hear_of_its_new_dates(space, program, committing, settings):
    settings.PORTAL_BASE_URL = BASE
    saver = save(make_resident("saver"), program)
    save(make_resident("uninterested", notify_saved=False), program)
    make_resident("stranger")
    tuesdays = Occurrence.objects.filter(program=program).count()

    with committing():
        republish(program, "RRULE:FREQ=WEEKLY;BYDAY=TU,TH")

    thursdays = Occurrence.objects.filter(program=program).count() - tuesdays
    assert thursdays == 26  # every Thursday of the next 180 days
    assert [m.to for m in mail.outbox] == [["saver@example.org"]]
    (message,) = mail.outbox
    assert message.subject == "[커뮤니티 공간] 찜한 프로그램의 새 일정: 뜨개질 모임"
    body = message.body
    assert body.startswith("찜한 프로그램에 새 일정이 열렸습니다.")
    assert "장소: 망원 작은도서관, 서울특별시 마포구 망원로 1" in body
    listed = [line for line in body.splitlines() if line.startswith("- ")]
    assert listed[:3] == ["- 12월 3일(목) 19:00", "- 12월 10일(목) 19:00", "- 12월 17일(목) 19:00"]
    assert len(listed) == 10
    assert "외 16개" in body
    assert f"프로그램 페이지에서 신청하기:\n{BASE}{program.url}\n" in body
    assert f"{BASE}/accounts/notifications/" in body
    notice = ResidentNotice.objects.get()
    assert (notice.kind, notice.user, notice.page_id) == ("new-dates", saver, program.pk)

    # Publishing again with the same schedule opens nothing new: nobody is told again.
    with committing():
        republish(program, "RRULE:FREQ=WEEKLY;BYDAY=TU,TH")
    assert len(mail.outbox) == 1


def test_the_days_that_come_into_view_each_day_are_not_news(space, program, clock, committing):
    save(make_resident("saver"), program)
    clock.move_to(seoul(dt.date(2026, 12, 3), 3))  # Thursday: the window now ends on a Tuesday

    with committing():
        refresh_all()

    assert Occurrence.objects.filter(program=program, start=seoul(dt.date(2027, 6, 1), 19)).exists()
    assert not ResidentNotice.objects.exists() and not mail.outbox


def test_a_new_date_earlier_today_is_not_announced(space, committing):
    """Tuesdays at 08:00 added on a Tuesday at 09:00: today's is kept but is no news."""
    program = publish_program(space, schedule="RRULE:FREQ=WEEKLY;BYDAY=WE", start_time=dt.time(8))
    save(make_resident("saver"), program)
    with committing():
        republish(program, "RRULE:FREQ=WEEKLY;BYDAY=TU,WE")

    assert Occurrence.objects.filter(program=program, start=seoul(NOW.date(), 8)).exists()
    (message,) = mail.outbox
    listed = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert listed[0] == "- 12월 8일(화) 08:00"


def test_the_same_new_dates_are_told_once(space, program, committing):
    from events.signals import dates_added

    save(make_resident("saver"), program)
    thursday = Occurrence.objects.create(
        program=program,
        space=space,
        start=seoul(dt.date(2026, 12, 3), 19),
        end=seoul(dt.date(2026, 12, 3), 20),
    )
    with committing():
        dates_added.send(sender=ProgramPage, program=program, occurrences=[thursday])
        dates_added.send(sender=ProgramPage, program=program, occurrences=[thursday])

    assert ResidentNotice.objects.count() == 1 and len(mail.outbox) == 1


def test_the_new_dates_notice_speaks_the_residents_language(space, program, committing):
    save(make_resident("jane", language="en"), program)
    with committing():
        republish(program, "RRULE:FREQ=WEEKLY;BYDAY=TU,TH")

    (message,) = mail.outbox
    assert message.subject == "[Community Space] New dates for a program you saved: 뜨개질 모임"
    assert "- Thu 3 Dec 19:00" in message.body
    assert "and 16 more dates" in message.body
    assert "/en/" in message.body


# --- a saved space's opening hours ------------------------------------------------------


def test_residents_who_saved_a_space_hear_of_its_new_hours(space, committing, settings):
    settings.PORTAL_BASE_URL = BASE
    save(make_resident("saver"), space)
    save(make_resident("uninterested", notify_saved=False), space)

    with committing():
        change_hours(space, NEW_HOURS)

    (message,) = mail.outbox
    assert message.to == ["saver@example.org"]
    assert message.subject == "[커뮤니티 공간] 찜한 공간의 운영 시간 변경: 망원 작은도서관"
    body = message.body
    assert body.startswith("찜한 공간의 운영 시간이 바뀌었습니다.")
    assert "운영 시간: 월–금 10:00–21:00, 토 10:00–18:00, 일요일·공휴일 휴무" in body
    assert f"공간 페이지:\n{BASE}{space.url}\n" in body
    notice = ResidentNotice.objects.get()
    assert notice.kind == "hours-changed" and notice.detail == {"rule": NEW_HOURS}

    # Published again unchanged, or with other fields changed: nobody is told again.
    with committing():
        change_hours(space, NEW_HOURS)
        save_space({"external_id": space.external_id, "summary": "새 소개"})
    assert len(mail.outbox) == 1


def test_a_draft_of_new_hours_tells_nobody_until_it_is_published(space, committing):
    save(make_resident("saver"), space)
    open_periods = list(OpeningPeriod.objects.filter(space=space).values_list("weekday", "opens"))

    with committing():
        draft = change_hours(space, NEW_HOURS, publish=False)
    assert not mail.outbox
    # The directory's "open now" still answers with the published hours.
    assert list(OpeningPeriod.objects.filter(space=space).values_list("weekday", "opens")) == (
        open_periods
    )

    with committing():
        draft.get_latest_revision().publish()
    assert len(mails_to("saver@example.org")) == 1
    assert OpeningPeriod.objects.filter(space=space, weekday=6).count() == 0  # closed Sundays


def test_the_bulk_import_tells_savers_too(space, committing):
    save(make_resident("saver"), space)

    with committing():
        (outcome,) = save_spaces(
            [SpaceItem(data={"external_id": space.external_id, "opening_hours": NEW_HOURS})]
        )

    assert outcome.error is None
    (notice,) = ResidentNotice.objects.all()
    assert notice.kind == "hours-changed" and notice.sent_at is not None


def test_the_hours_notice_in_english_names_the_space_in_english(space, committing):
    save(make_resident("jane", language="en"), space)
    with committing():
        change_hours(space, NEW_HOURS)

    (message,) = mail.outbox
    assert message.subject == (
        "[Community Space] New opening hours for a space you saved: Mangwon Small Library"
    )
    assert (
        "Opening hours: Mon–Fri 10:00–21:00, Sat 10:00–18:00, closed Sun and public holidays"
        in (message.body)
    )
