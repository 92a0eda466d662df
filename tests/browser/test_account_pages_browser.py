"""Account pages in a real browser: the sign-up consents fit a phone in English, the
e-mail page keeps the last address, and deleting the account looks dangerous while
keeping it is the obvious other choice."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.residents.mypage_support import PASSWORD, resident

from .conftest import assert_no_axe_violations

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site(bilingual_site, live_server):
    resident("seoyeon", confirmed=True)
    return live_server.url


def log_in(page, site):
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("아이디 또는 이메일").fill("seoyeon")
    page.get_by_label("비밀번호", exact=False).first.fill(PASSWORD)
    page.locator("main").get_by_role("button", name="로그인").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("마이페이지")


def fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, scroll


@pytest.mark.rendering
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_the_english_consent_table_fits_and_breaks_between_words(site, new_page, viewport):
    page = new_page(viewport=viewport)

    page.goto(f"{site}/en/accounts/signup/")

    table = page.locator(".consent-table")
    expect(table.get_by_role("rowheader", name="What we collect")).to_be_visible()
    expect(table.get_by_role("cell", name="Until you delete your account")).to_be_visible()
    fits(page, viewport["width"])
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # Each column is wide enough for its longest word ("registrations"), so no word is split.
    for cell in table.locator("th, td").all():
        assert cell.bounding_box()["width"] >= 100
    expect(page.locator(".consent-later")).to_contain_text("your name and phone number")
    assert_no_axe_violations(page)


def test_the_last_address_stays_and_deleting_looks_dangerous(site, new_page):
    page = new_page(viewport=PHONE)
    log_in(page, site)

    page.goto(f"{site}/accounts/email/")
    address = page.locator(".address").filter(has_text="seoyeon@example.org")
    expect(address).to_contain_text("하나뿐인 주소라서 삭제할 수 없습니다")
    expect(address.get_by_role("button")).to_have_count(0)  # nothing to send, nothing to remove
    fits(page, PHONE["width"])
    assert_no_axe_violations(page)
    assert EmailAddress.objects.filter(email="seoyeon@example.org").exists()

    page.goto(f"{site}/accounts/delete/")
    delete = page.get_by_role("button", name="탈퇴하기")
    keep = page.get_by_role("link", name="탈퇴하지 않기")
    expect(delete).to_have_css("background-color", "rgb(176, 0, 32)")  # red, 6.9:1 with white
    expect(keep).to_have_css("background-color", "rgb(11, 92, 70)")  # the portal's own button
    page.get_by_label("비밀번호").fill("not-my-password")
    delete.click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    keep.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("마이페이지")
