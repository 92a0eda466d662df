"""The privacy policy on a 375 px phone: found from the footer, its table of contents
usable, readable without sideways scrolling, no accessibility violations."""

import re

import pytest

from .conftest import assert_no_axe_violations

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def site(home, live_server):
    return live_server.url


def test_a_phone_user_finds_the_policy_in_the_footer_and_jumps_to_their_rights(site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(site + "/")

    link = page.locator("footer").get_by_role("link", name="개인정보처리방침")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    assert link.locator("strong").count() == 1  # shown in bold
    link.click()
    page.wait_for_url(site + "/privacy/")
    assert page.locator("h1").inner_text() == "개인정보처리방침"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)

    contents = page.get_by_role("navigation", name="목차")
    contents.get_by_role("link", name="7. 정보주체의 권리와 행사 방법").click()
    page.wait_for_url(re.compile(r"/privacy/#rights$"))
    rights = page.locator("h2#rights")
    box = rights.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]  # scrolled to it
    download = page.get_by_role("link", name="내 정보 내려받기")
    assert download.get_attribute("href") == "/accounts/export/"

    page.locator(".site-menu__toggle").click()  # on a phone the language links are in the menu
    page.get_by_role("navigation", name="언어").get_by_role("link", name="English").click()
    page.wait_for_url(site + "/en/privacy/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Privacy policy"
    assert page.locator("footer").get_by_role("link", name="Privacy policy").is_visible()
    assert_no_axe_violations(page)
