"""My page in a real browser, on a phone (375 px) and a desktop (1280 px), in Korean and
English: a resident logs in, finds their booking and their program registration, and
changes when reminders come by clicking; the choice is saved and shown, and "saved" is
said in the section, in view."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from residents.models import Profile
from tests.residents.mypage_support import PASSWORD, World, resident

from .conftest import assert_no_axe_violations

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
TEXT = {
    "ko": {
        "login": "아이디 또는 이메일",
        "password": "비밀번호",
        "log_in": "로그인",
        "my_page": "마이페이지",
        "bookings": "내 예약",
        "registrations": "내 참가 신청",
        "notifications": "알림",
        "save": "알림 설정 저장",
        "saved": "알림 설정을 저장했습니다.",
        "reminders": {"off": "알림 받지 않기", "1d": "하루 전", "2h": "2시간 전"},
    },
    "en": {
        "login": "Username or e-mail",
        "password": "Password",
        "log_in": "Log in",
        "my_page": "My page",
        "bookings": "My bookings",
        "registrations": "My registrations",
        "notifications": "Notifications",
        "save": "Save notification settings",
        "saved": "Your notification settings are saved.",
        "reminders": {"off": "No reminders", "1d": "The day before", "2h": "2 hours before"},
    },
}


@pytest.fixture
def site(bilingual_site, make_space, live_server):
    world = World(bilingual_site, make_space)
    seoyeon = resident("seoyeon", first_name="서연", last_name="박", confirmed=True)
    world.booking(seoyeon, days=3, hour=14)
    world.registration(seoyeon, days=4)
    return live_server.url


def log_in(page, site, prefix, text):
    page.goto(f"{site}{prefix}/accounts/login/?next={prefix}/accounts/")
    page.get_by_label(text["login"]).fill("seoyeon")
    page.get_by_label(text["password"], exact=False).first.fill(PASSWORD)
    page.locator("main").get_by_role("button", name=text["log_in"]).click()


@pytest.mark.parametrize(
    "language, viewport, reminder",
    [("ko", PHONE, "2h"), ("ko", DESKTOP, "off"), ("en", PHONE, "off"), ("en", DESKTOP, "2h")],
    ids=["ko-375", "ko-1280", "en-375", "en-1280"],
)
def test_resident_finds_their_things_and_changes_reminders(
    site, new_page, language, viewport, reminder
):
    text = TEXT[language]
    prefix = "" if language == "ko" else "/en"
    page = new_page(viewport=viewport)

    log_in(page, site, prefix, text)

    expect(page.get_by_role("heading", level=1)).to_have_text(text["my_page"])
    assert page.locator("html").get_attribute("lang") == language
    bookings = page.locator("#bookings")
    expect(bookings.get_by_role("heading", name=text["bookings"])).to_be_visible()
    expect(bookings.locator(".booking-item")).to_have_count(1)
    expect(bookings.locator(".booking-item")).to_contain_text("14:00–15:00")
    registrations = page.locator("#registrations")
    expect(registrations.get_by_role("heading", name=text["registrations"])).to_be_visible()
    expect(registrations.locator(".booking-item")).to_contain_text("뜨개질 모임")
    # Nothing wider than the screen on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], width
    assert_no_axe_violations(page)

    # The table of contents leads to the settings; choose by clicking, then save.
    page.locator(".page-toc").get_by_role("link", name=text["notifications"], exact=True).click()
    settings = page.locator("#notifications")
    settings.get_by_label(text["reminders"][reminder], exact=True).check()
    settings.get_by_role("button", name=text["save"]).click()

    # The answer is where the resident is, also on a phone: in the section, in view.
    status = page.locator("#notifications [role=status]")
    expect(status).to_have_text(text["saved"])
    expect(status).to_be_in_viewport()
    user = get_user_model().objects.get(username="seoyeon")
    assert Profile.objects.get(user=user).reminder == reminder
    expect(
        page.locator("#notifications").get_by_label(text["reminders"][reminder], exact=True)
    ).to_be_checked()
    assert page.locator("html").get_attribute("lang") == language
