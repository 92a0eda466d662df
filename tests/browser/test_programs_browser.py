"""Programs in a real browser: find a program, register, the next resident joins the
waitlist, the first cancels, the one waiting moves up and is told; pages accessible."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

import pytest
import recurrence
from playwright.sync_api import expect

from events.models import ProgramPage

from .conftest import assert_no_axe_violations


@pytest.fixture
def program(make_space, live_server, db):
    for name in ("resident1", "resident2"):
        get_user_model().objects.create_user(name, f"{name}@example.org", "changeme")
    space = make_space(title="망원 작은도서관", opening_hours="Mo-Su 09:00-21:00")
    program = ProgramPage(
        title="그림책 읽는 저녁",
        summary="아이와 함께 그림책을 읽어요.",
        start_date=timezone.localdate() + dt.timedelta(days=1),
        start_time=dt.time(19),
        duration_minutes=90,
        schedule=recurrence.Recurrence(),
        capacity=1,
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return program


def log_in(page, live_server, username, next_path):
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    page.locator("main").get_by_role("button", name="로그인").click()


def test_register_waitlist_and_move_up(program, live_server, new_page):
    first = new_page()
    first.goto(live_server.url + "/programs/")
    expect(first.locator(".program-item")).to_have_count(1)
    expect(first.locator(".program-item")).to_contain_text("1자리 남음")
    assert_no_axe_violations(first)
    first.get_by_role("link", name="그림책 읽는 저녁").click()
    log_in(first, live_server, "resident1", first.url.removeprefix(live_server.url))
    first.get_by_role("button", name="신청하기").click()
    expect(first.locator(".date-item__mine")).to_contain_text("신청했습니다.")
    assert_no_axe_violations(first)

    second = new_page()
    log_in(second, live_server, "resident2", program.url)
    expect(second.locator(".date-item")).to_contain_text("마감 — 대기 신청 가능")
    second.get_by_role("button", name="대기 신청하기").click()
    expect(second.locator(".date-item__mine")).to_contain_text("대기 1번입니다.")

    first.goto(live_server.url + "/accounts/registrations/")
    first.get_by_role("link", name="참가 신청 취소").click()  # asks first
    first.get_by_role("button", name="네, 참가 신청을 취소합니다").click()
    expect(first.get_by_text("참가 신청을 취소했습니다.")).to_be_visible()

    second.reload()
    expect(second.locator(".date-item__mine")).to_contain_text("신청했습니다.")
    promoted = [m for m in mail.outbox if m.to == ["resident2@example.org"]]
    assert any("대기에서 확정" in m.subject for m in promoted)


@pytest.mark.rendering
def test_on_a_phone_the_filters_open_from_their_button(program, live_server, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(live_server.url + "/programs/")
    free_only = page.get_by_label("무료만")
    expect(free_only).to_be_hidden()  # the dates come first
    expect(page.locator(".program-item")).to_have_count(1)
    assert_no_axe_violations(page)
    page.locator(".filters-panel__toggle").click()
    free_only.check()
    page.get_by_role("button", name="프로그램 보기").click()
    page.wait_for_url("**free=1**")
    expect(page.locator(".programs-filters__on")).to_have_text("(필터 적용 중)")
    expect(page.locator(".program-item .program-tag--free")).to_have_text("무료")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator(".programs-results").get_by_role("link", name="필터 모두 지우기").click()
    page.wait_for_url(live_server.url + "/programs/")
    assert_no_axe_violations(page)


@pytest.mark.rendering
def test_on_a_wide_screen_filters_date_blocks_and_rows_sit_side_by_side(program, live_server, page):
    for path in ("/programs/", "/en/programs/"):
        page.goto(live_server.url + path)
        expect(page.locator(".filters-panel__toggle")).to_be_hidden()
        expect(page.locator("#filter-free")).to_be_visible()
        filters = page.locator(".programs-filters").bounding_box()
        results = page.locator(".programs-results").bounding_box()
        assert filters["x"] + filters["width"] <= results["x"]
        day = page.locator(".program-day").first.bounding_box()
        row = page.locator(".program-item").first.bounding_box()
        assert day["x"] + day["width"] <= row["x"]  # the date block beside its dates
        time = page.locator(".program-item__time").first.bounding_box()
        title = page.locator(".program-item__title").first.bounding_box()
        assert time["x"] + time["width"] <= title["x"]  # the time beside the title
        assert_no_axe_violations(page)
