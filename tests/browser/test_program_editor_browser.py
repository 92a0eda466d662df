"""The program schedule editor in a real browser (issue 16), driven as a space's
operator drives it: by mouse at 1280 and 1920 px, and by keyboard alone, in Korean.
They set "every Tue and Thu 19:00–21:00 until 2027-03-31, except 2026-12-24, plus
2027-01-28", publish, and the saved RRULE/RDATE/EXDATE and the public page (every
date, the day off said as such, the schedule in Korean and English) are checked.
Editing an existing program's schedule is saved too. Wagtail's own date picker still
opens beside the editor, and nothing of django-recurrence is loaded."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import recurrence
from playwright.sync_api import expect

from events.models import ProgramPage
from spaces import access
from spaces.models import SpaceOperator

NAVIGATION = 20_000
YEAR = dt.timedelta(weeks=52)  # a year later, on the same weekdays


def seoul_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


def issue_dates():
    """The issue's dates (first Tuesday, end, day off, extra day), moved on by whole
    52-week years once its day off has passed, so each stays on its weekday and in
    the future whenever the test runs."""
    dates = {
        "first": dt.date(2026, 12, 8),
        "until": dt.date(2027, 3, 31),
        "off": dt.date(2026, 12, 24),
        "extra": dt.date(2027, 1, 28),
    }
    while dates["off"] <= seoul_today():
        dates = {key: day + YEAR for key, day in dates.items()}
    return dates


def expected_dates(dates, extra=()):
    """The Tue/Thu dates from the first to the end, without the day off, with the
    extra days, as far as the page lists them: those whose 19:00–21:00 session has not
    ended (today's too, before 21:00 in Seoul), within 180 days."""
    horizon = seoul_today() + dt.timedelta(days=180)
    found = {
        dates["first"] + dt.timedelta(days=n)
        for n in range((dates["until"] - dates["first"]).days + 1)
        if (dates["first"] + dt.timedelta(days=n)).weekday() in (1, 3)
    }
    found = (found - {dates["off"]}) | {dates["extra"], *extra}
    return sorted(d for d in found if not_ended(d) and d <= horizon)


def not_ended(day):
    """Whether the 19:00–21:00 session of ``day`` has not ended yet in Seoul: the page
    lists a date until its session is over, today's too."""
    now = timezone.localtime(timezone=timezone.get_default_timezone())
    return dt.datetime.combine(day, dt.time(21), tzinfo=now.tzinfo) > now


@pytest.fixture
def site(make_space, live_server):
    """A space run by operator "op1" (an ordinary operator, not staff)."""
    access.ensure_roles()
    operator = get_user_model().objects.create_user(
        "op1", email="op1@example.org", password="changeme"
    )
    space = make_space(title="망원 작은도서관", opening_hours="Mo-Su 09:00-21:00")
    SpaceOperator.objects.create(space=space, user=operator, status=SpaceOperator.Status.ACTIVE)
    return live_server.url, space


def log_in(page, url, next_path):
    page.goto(f"{url}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill("op1")
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()


def watch_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def publish_by_mouse(page):
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation(timeout=NAVIGATION):
        page.get_by_role("button", name="게시", exact=True).click()
    problems = page.locator(".help-critical, .error-message").all_inner_texts()
    assert "/add/" not in page.url and "/edit/" not in page.url, problems


def saved_text(program):
    return recurrence.serialize(ProgramPage.objects.get(pk=program.pk).schedule)


def utc_midnight(day):
    """A Seoul day as the editor stores it: Seoul midnight, written in UTC."""
    return f"{day - dt.timedelta(days=1):%Y%m%d}T150000Z"


def check_public_page(page, url, program, dates, extra=()):
    """The program page lists exactly the dates, says the day off, folds the long
    list behind a "more" control, and gives the schedule in Korean and English."""
    page.goto(url + program.url)
    until = dates["until"]
    sentence = f"매주 화·목요일 19:00–21:00, {until.year}년 {until.month}월 {until.day}일까지"
    expect(page.locator(".program__schedule")).to_have_text(sentence)
    off = dates["off"]
    expect(page.locator(".program__days-off")).to_have_text(
        f"{off.month}월 {off.day}일(목)에는 쉽니다."
    )
    expected = expected_dates(dates, extra)
    shown = [
        dt.datetime.fromisoformat(value).date()
        for value in page.locator(".date-list time").evaluate_all(
            "times => times.map(t => t.getAttribute('datetime'))"
        )
    ]
    assert shown == expected
    more = page.locator("details.date-more")
    hidden_date = more.locator(".date-item").first
    expect(hidden_date).to_be_hidden()
    more.get_by_text(f"회차 {len(expected) - 8}개 더 보기").click()
    expect(hidden_date).to_be_visible()

    page.goto(f"{url}/en{program.url}")
    expect(page.locator(".program__schedule")).to_have_text(
        f"Every Tue and Thu, 19:00–21:00, until {until.day} {until:%B} {until.year}"
    )
    expect(page.locator(".program__days-off")).to_have_text(
        f"No session on Thu {off.day} {off:%B}."
    )


@pytest.mark.parametrize("width", [1280, 1920])
def test_an_operator_sets_the_issues_schedule_by_mouse(site, new_page, width):
    url, space = site
    dates = issue_dates()
    page = new_page(viewport={"width": width, "height": 1000})
    errors = watch_errors(page)
    log_in(page, url, f"/admin/pages/add/events/programpage/{space.pk}/")
    assert not [u for u in page.requested_urls if "/static/recurrence/" in u or "jquery.init" in u]

    # Wagtail's own date picker still opens beside the editor.
    first_date = page.get_by_label("첫 날짜")
    first_date.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")

    page.get_by_placeholder("페이지 제목*").fill(f"화목 그림책 모임 {width}")
    first_date.fill(dates["first"].isoformat())
    page.get_by_label("시작 시각").fill("19:00")
    page.get_by_label("진행 시간(분)").click()  # closes the date and time pickers
    page.get_by_label("진행 시간(분)").fill("120")

    editor = page.locator("[data-schedule-editor]")
    page.get_by_label("반복", exact=True).select_option(label="매주")
    expect(page.get_by_text("주마다", exact=True)).to_be_visible()
    expect(editor.get_by_role("radio", name="매월 같은 날짜")).to_be_hidden()  # monthly only
    # Weekday boxes are large targets: a click near the box's edge ticks it.
    for name in ("화요일", "목요일"):
        box = editor.locator("label.schedule-editor__day").filter(
            has=page.get_by_role("checkbox", name=name)
        )
        size = box.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, size
        box.click(position={"x": size["width"] - 5, "y": size["height"] - 5})
        expect(page.get_by_role("checkbox", name=name)).to_be_checked()

    editor.get_by_role("radio", name="이 날짜까지").click()
    editor.get_by_label("마지막 날짜").fill(dates["until"].isoformat())
    editor.get_by_role("button", name="날짜 추가 — 더하는 날짜").click()
    editor.get_by_label("더하는 날짜 1").fill(dates["extra"].isoformat())
    editor.get_by_role("button", name="날짜 추가 — 더하는 날짜").click()
    editor.get_by_label("더하는 날짜 2").fill("2027-02-02")
    editor.get_by_role("button", name="지우기 더하는 날짜 2").click()  # changed our mind
    expect(editor.get_by_label("더하는 날짜 2")).to_have_count(0)
    editor.get_by_role("button", name="날짜 추가 — 쉬는 날짜").click()
    editor.get_by_label("쉬는 날짜 1").fill(dates["off"].isoformat())

    # Nothing overlaps: places per date comes after the whole editor.
    capacity = page.get_by_label("회차당 정원")
    editor_box, capacity_box = editor.bounding_box(), capacity.bounding_box()
    assert capacity_box["y"] >= editor_box["y"] + editor_box["height"]
    capacity.fill("12")
    publish_by_mouse(page)

    program = ProgramPage.objects.get(title=f"화목 그림책 모임 {width}")
    assert program.live
    assert saved_text(program) == (
        f"RRULE:FREQ=WEEKLY;UNTIL={utc_midnight(dates['until'])};BYDAY=TU,TH\n"
        f"RDATE:{utc_midnight(dates['extra'])}\n"
        f"EXDATE:{utc_midnight(dates['off'])}"
    )
    assert (program.start_time, program.duration_minutes, program.capacity) == (
        dt.time(19),
        120,
        12,
    )
    check_public_page(page, url, program, dates)
    assert errors == []


def tab_to(page, locator, limit=60):
    """Press Tab until ``locator`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def type_date(page, field, day):
    """Type a date into a focused native date field, segment by segment in the order
    the browser shows them (it follows the machine's locale): tries month/day/year,
    year/month/day and day/month/year, clearing with Backspace between tries."""
    for order in ("%m%d%Y", "%Y%m%d", "%d%m%Y"):
        page.keyboard.type(day.strftime(order))
        if field.input_value() == day.isoformat():
            return
        for _ in range(3):  # back to the first segment, clearing each
            page.keyboard.press("Backspace")
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"could not type {day} into {field}")


def test_an_operator_sets_the_issues_schedule_by_keyboard_alone(site, new_page):
    url, space = site
    dates = issue_dates()
    page = new_page(viewport={"width": 1920, "height": 1000})
    errors = watch_errors(page)
    log_in(page, url, f"/admin/pages/add/events/programpage/{space.pk}/")
    keys = page.keyboard

    title = page.get_by_placeholder("페이지 제목*")
    tab_to(page, title)
    keys.type("키보드 그림책 모임")
    tab_to(page, page.get_by_label("첫 날짜"))
    keys.type(dates["first"].isoformat())
    keys.press("Escape")
    tab_to(page, page.get_by_label("시작 시각"))
    keys.press("Control+a")
    keys.type("19:00")
    keys.press("Escape")
    tab_to(page, page.get_by_label("진행 시간(분)"))
    keys.press("Control+a")
    keys.type("120")

    editor = page.locator("[data-schedule-editor]")
    tab_to(page, page.get_by_label("반복", exact=True))
    keys.press("ArrowDown")  # 매일
    keys.press("ArrowDown")  # 매주
    expect(page.get_by_label("반복", exact=True)).to_have_value("weekly")
    keys.press("Tab")
    expect(editor.get_by_label("반복 간격")).to_be_focused()
    for day, tick in (("월", False), ("화", True), ("수", False), ("목", True)):
        keys.press("Tab")
        checkbox = editor.get_by_role("checkbox", name=f"{day}요일")
        expect(checkbox).to_be_focused()
        if tick:
            keys.press("Space")
            expect(checkbox).to_be_checked()
    tab_to(page, editor.get_by_role("radio", name="끝을 정하지 않음", exact=False))
    keys.press("ArrowDown")
    expect(editor.get_by_role("radio", name="이 날짜까지")).to_be_checked()
    keys.press("Tab")
    until = editor.get_by_label("마지막 날짜")
    expect(until).to_be_focused()
    type_date(page, until, dates["until"])

    add_extra = editor.get_by_role("button", name="날짜 추가 — 더하는 날짜")
    tab_to(page, add_extra)
    keys.press("Space")
    extra = editor.get_by_label("더하는 날짜 1")
    expect(extra).to_be_focused()
    type_date(page, extra, dates["extra"])
    add_off = editor.get_by_role("button", name="날짜 추가 — 쉬는 날짜")
    tab_to(page, add_off)
    keys.press("Enter")
    off = editor.get_by_label("쉬는 날짜 1")
    expect(off).to_be_focused()
    type_date(page, off, dates["off"])

    tab_to(page, page.get_by_label("회차당 정원"))
    keys.type("12")
    # The footer's menu: open it and press "Publish" with the keyboard.
    tab_to(page, page.locator("footer [data-w-dropdown-target=toggle]").last, limit=120)
    keys.press("Enter")
    publish = page.get_by_role("button", name="게시", exact=True)
    tab_to(page, publish, limit=10)
    with page.expect_navigation(timeout=NAVIGATION):
        keys.press("Enter")
    assert "/add/" not in page.url, page.locator(".error-message").all_inner_texts()

    program = ProgramPage.objects.get(title="키보드 그림책 모임")
    assert saved_text(program) == (
        f"RRULE:FREQ=WEEKLY;UNTIL={utc_midnight(dates['until'])};BYDAY=TU,TH\n"
        f"RDATE:{utc_midnight(dates['extra'])}\n"
        f"EXDATE:{utc_midnight(dates['off'])}"
    )
    check_public_page(page, url, program, dates)
    assert errors == []


def test_an_operator_changes_an_existing_programs_schedule(site, new_page):
    url, space = site
    dates = issue_dates()
    program = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            start_date=dates["first"],
            start_time=dt.time(19),
            duration_minutes=120,
            capacity=8,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    page = new_page(viewport={"width": 1280, "height": 900})
    errors = watch_errors(page)
    log_in(page, url, f"/admin/pages/{program.pk}/edit/")

    editor = page.locator("[data-schedule-editor]")
    expect(page.get_by_label("반복", exact=True)).to_have_value("weekly")
    expect(editor.get_by_role("checkbox", name="화요일")).to_be_checked()
    expect(editor.get_by_role("checkbox", name="목요일")).to_be_checked()
    expect(editor.get_by_role("radio", name="끝을 정하지 않음", exact=False)).to_be_checked()

    editor.get_by_role("checkbox", name="목요일").click()  # Tuesdays only now
    editor.get_by_role("checkbox", name="토요일").click()  # and Saturdays
    editor.get_by_role("radio", name="정한 횟수만큼").click()
    editor.get_by_label("횟수", exact=True).fill("6")
    editor.get_by_role("button", name="날짜 추가 — 쉬는 날짜").click()
    second_saturday = dates["first"] + dt.timedelta(days=11)
    editor.get_by_label("쉬는 날짜 1").fill(second_saturday.isoformat())
    publish_by_mouse(page)

    assert saved_text(program) == (
        f"RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU,SA\nEXDATE:{utc_midnight(second_saturday)}"
    )
    page.goto(url + program.url)
    expect(page.locator(".program__schedule")).to_have_text("매주 화·토요일 19:00–21:00, 총 6회")
    first = dates["first"]
    six = [first + dt.timedelta(days=n) for n in (0, 4, 7, 14, 18)]  # one Saturday off
    shown = [
        dt.datetime.fromisoformat(value).date()
        for value in page.locator(".date-list time").evaluate_all(
            "times => times.map(t => t.getAttribute('datetime'))"
        )
    ]
    assert shown == [d for d in six if not_ended(d)]
    assert errors == []
