"""The portal's frame in a real browser: log-in, sign-up, a missing page, the terms and
a booking page at a phone's and a desktop's width, in Korean and English, with no
accessibility violations and nothing wider than the screen; the footer's policy links
found and followed like people do."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations

WIDTHS = [{"width": 375, "height": 740}, {"width": 1280, "height": 900}]


@pytest.fixture
def site(make_space, live_server, django_user_model):
    django_user_model.objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )
    make_space(
        title="망원 작은도서관",
        name_en="Mangwon Small Library",
        bookable=True,
        opening_hours="Mo-Su 09:00-22:00",
        capacity=12,
    )
    return live_server.url


def assert_fits_and_is_accessible(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", WIDTHS, ids=["375", "1280"])
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["ko", "en"])
def test_public_pages_of_the_frame_pass_axe(site, new_page, viewport, prefix):
    page = new_page(viewport=viewport)
    for path, status in (
        ("/accounts/login/", 200),
        ("/accounts/signup/", 200),
        ("/no-such-page/", 404),
        ("/terms/", 200),
        ("/accessibility/", 200),
    ):
        response = page.goto(f"{site}{prefix}{path}")
        assert response.status == status, path
        expect(page.locator("footer.site-footer")).to_be_visible()
        assert_fits_and_is_accessible(page, viewport)


@pytest.mark.parametrize("viewport", WIDTHS, ids=["375", "1280"])
def test_the_booking_page_passes_axe_in_both_languages(site, new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto(f"{site}/spaces/")
    page.get_by_role("link", name="망원 작은도서관").first.click()
    page.get_by_role("link", name="예약 신청").click()
    # Not logged in yet: the log-in page, then back to the form.
    page.get_by_label("아이디 또는 이메일").fill("resident1")
    page.get_by_label("비밀번호").fill("changeme")
    page.locator("main").get_by_role("button", name="로그인").click()
    expect(page.get_by_role("heading", name="망원 작은도서관 예약하기")).to_be_visible()
    assert_fits_and_is_accessible(page, viewport)

    if viewport["width"] < 768:  # on a phone the language links are in the menu
        page.locator(".site-menu__toggle").click()
    page.get_by_role("navigation", name="언어").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mangwon Small Library")
    assert_fits_and_is_accessible(page, viewport)


def test_a_phone_user_follows_the_footer_to_the_terms_and_the_statement(site, new_page):
    page = new_page(viewport=WIDTHS[0])
    page.goto(site + "/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="이용약관").click()
    page.wait_for_url(site + "/terms/")
    expect(page.get_by_role("heading", level=1)).to_have_text("이용약관")

    page.get_by_role("contentinfo").get_by_role("link", name="공공데이터 개방").click()
    page.wait_for_url(site + "/terms/#open-data")
    box = page.locator("h2#open-data").bounding_box()
    assert box is not None and 0 <= box["y"] < WIDTHS[0]["height"]  # scrolled to it

    page.get_by_role("contentinfo").get_by_role("link", name="웹 접근성 정책").click()
    page.wait_for_url(site + "/accessibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text("웹 접근성 정책")
    mail = page.get_by_role("link", name="accessibility@example.org")
    expect(mail).to_have_attribute("href", "mailto:accessibility@example.org")
