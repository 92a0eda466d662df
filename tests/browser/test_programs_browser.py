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
