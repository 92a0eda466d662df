"""The registration e-mails carry absolute links from ``PORTAL_BASE_URL`` — the
program's page and "My registrations" — each on its own line, and they answer."""

import datetime as dt

from django.core import mail

import pytest

from events.models import Occurrence

from .conftest import register_url, seoul

pytestmark = pytest.mark.usefixtures("clock")

BASE = "https://example.seoul.kr"


def links_in(message):
    found = [line for line in message.body.splitlines() if "://" in line]
    for line in found:
        assert line == line.strip() and " " not in line, line
        assert line.startswith(BASE + "/"), line
    return found


def test_a_registration_mail_links_the_program_and_my_registrations(
    as_resident, program, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    tuesday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 1), 19))
    with committing():
        as_resident.post(register_url(program), {"occurrence": tuesday.pk})

    (message,) = mail.outbox  # one mail for one registration
    assert message.subject == "[커뮤니티 공간] 신청 완료: 뜨개질 모임 2026-12-01 19:00"
    assert "프로그램 페이지:" in message.body and "내 참가 신청:" in message.body
    page, mine = links_in(message)
    assert page == BASE + program.url
    assert as_resident.get(page.removeprefix(BASE)).status_code == 200
    assert mine == f"{BASE}/accounts/registrations/"
    listing = as_resident.get(mine.removeprefix(BASE))
    assert listing.status_code == 200 and "뜨개질 모임" in listing.content.decode()
    assert "localhost" not in message.body and ":8000" not in message.body


def test_the_cancellation_mail_gives_my_registrations_once(
    as_resident, program, settings, committing
):
    settings.PORTAL_BASE_URL = BASE
    tuesday = Occurrence.objects.get(program=program, start=seoul(dt.date(2026, 12, 1), 19))
    with committing():
        as_resident.post(register_url(program), {"occurrence": tuesday.pk})
    registration = tuesday.registrations.get()
    mail.outbox.clear()
    with committing():
        as_resident.post(f"/accounts/registrations/{registration.pk}/cancel/")

    (message,) = mail.outbox
    assert message.body.startswith("참가 신청을 취소했습니다.")
    assert links_in(message) == [BASE + program.url, f"{BASE}/accounts/registrations/"]
    assert message.body.count("/accounts/registrations/") == 1
    assert message.body.rstrip().endswith(f"내 참가 신청:\n{BASE}/accounts/registrations/")
