"""Logging in by keyboard, in Korean and English: the ID, Tab, the password, Enter. Tab
goes from the ID straight to the password box; "Forgot your password?" comes after it,
still visible and reachable."""

import pytest
from playwright.sync_api import expect

from tests.residents.mypage_support import PASSWORD, resident

from .conftest import assert_no_axe_violations

TEXT = {
    "ko": {
        "login": "아이디 또는 이메일",
        "forgot": "비밀번호를 잊으셨나요?",
        "my_page": "마이페이지",
    },
    "en": {
        "login": "Username or e-mail",
        "forgot": "Forgot your password?",
        "my_page": "My page",
    },
}


@pytest.fixture
def site(bilingual_site, live_server):
    resident("seoyeon", confirmed=True)
    return live_server.url


@pytest.mark.parametrize("language", ["ko", "en"])
def test_id_tab_password_enter_logs_in(site, page, language):
    text = TEXT[language]
    prefix = "" if language == "ko" else "/en"
    page.goto(f"{site}{prefix}/accounts/login/")

    main = page.locator("main")
    login = main.get_by_label(text["login"])
    password = main.locator("input[name=password]")
    forgot = main.get_by_role("link", name=text["forgot"])
    expect(forgot).to_be_visible()
    # The link comes after the password box, in the page and on the screen.
    assert password.bounding_box()["y"] < forgot.bounding_box()["y"]
    assert_no_axe_violations(page)

    login.click()
    page.keyboard.type("seoyeon")
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    # Still reachable by keyboard: the next Tab stop is the link.
    page.keyboard.press("Tab")
    expect(forgot).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(password).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(text["my_page"])
