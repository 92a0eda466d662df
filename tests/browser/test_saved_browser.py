"""Saving a space (찜) in a real browser, clicking as people do: from its directory card
with JavaScript (the link becomes a toggle button, its state shown in words beside it)
at a phone's and a desktop's width, then found on /accounts/saved/ and removed there;
and without JavaScript, where the card's link asks first (after logging in) and comes
back to the directory. And My page's calendar addresses on a phone: copied with one
press, selectable without JavaScript, and a new address only after asking.

At the phone's width the portal's Content Security Policy is enforced (the toggle must
work under it); at the desktop's it is bypassed so that axe-core can be injected, and
the pages on the way are checked for accessibility."""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from residents.models import SavedItem

from .conftest import assert_no_axe_violations

TITLE = "망원 작은도서관"


@pytest.fixture
def site(make_space, live_server, db):
    get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )
    make_space(title=TITLE, opening_hours="Mo-Su 09:00-22:00")
    make_space(title="성북 공유부엌", district="seongbuk")
    return live_server.url


def log_in(page, site, next_path="/"):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    fill_log_in(page)


def fill_log_in(page):
    page.get_by_label("아이디 또는 이메일").fill("resident1")
    page.get_by_label("비밀번호").fill("changeme")
    page.locator("main").get_by_role("button", name="로그인").click()


def saved_titles():
    return list(SavedItem.objects.values_list("page__title", flat=True))


@pytest.mark.parametrize("width", [375, 1280])
def test_a_resident_saves_a_space_from_its_card_then_removes_it(site, new_page, width):
    checked = width == 1280  # axe-core needs the policy bypassed (an inline script)
    page = new_page(viewport={"width": width, "height": 800}, bypass_csp=checked)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, "/spaces/")
    expect(page).to_have_url(f"{site}/spaces/")

    card = page.locator(".space-card", has_text=TITLE)
    toggle = card.get_by_role("button", name="찜하기")
    expect(toggle).to_have_accessible_description(TITLE)  # which space it saves
    expect(toggle).to_have_attribute("aria-pressed", "false")
    state = card.get_by_text("찜함", exact=True)  # the state in words, not colour alone
    expect(state).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_accessible_name("찜하기")  # a toggle keeps its name
    expect(state).to_be_visible()
    expect(page.get_by_text("찜했습니다. 마이페이지에서 볼 수 있습니다.")).to_have_count(1)
    assert saved_titles() == [TITLE]
    # The other card is untouched; after a reload the state comes from the server.
    other = page.locator(".space-card", has_text="성북 공유부엌").get_by_role(
        "button", name="찜하기"
    )
    expect(other).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    if checked:
        assert_no_axe_violations(page)
        # The space's own page: its save form posts in the background.
        space = SavedItem.objects.get().page
        page.goto(f"{site}{space.url}")
        on_page = page.get_by_role("button", name="찜하기")
        expect(on_page).to_have_attribute("aria-pressed", "true")
        assert_no_axe_violations(page)
        expect(page.locator("main").get_by_text("찜함", exact=True)).to_be_visible()
        on_page.click()
        expect(on_page).to_have_attribute("aria-pressed", "false")
        expect(page.locator("main").get_by_text("찜함", exact=True)).to_be_hidden()
        expect(page).to_have_url(f"{site}{space.url}")
        assert saved_titles() == []
        on_page.click()
        expect(on_page).to_have_attribute("aria-pressed", "true")
        assert saved_titles() == [TITLE]
        page.goto(f"{site}/accounts/saved/{space.pk}/")  # the page a card's link opens
        expect(page.get_by_role("heading", name="찜을 해제할까요?")).to_be_visible()
        assert_no_axe_violations(page)

    page.goto(f"{site}/accounts/saved/")
    items = page.locator(".saved-item")
    expect(items).to_have_count(1)
    expect(items.get_by_role("link", name=TITLE)).to_be_visible()
    if checked:
        assert_no_axe_violations(page)
    items.get_by_role("button", name=f"찜 해제 — {TITLE}").click()
    expect(page.get_by_text("아직 찜한 곳이 없습니다")).to_be_visible()
    assert saved_titles() == []
    assert errors == []


def test_without_javascript_the_card_asks_first_and_comes_back(site, new_page):
    page = new_page(javascript=False)
    page.goto(f"{site}/spaces/?district=mapo")
    card = page.locator(".space-card", has_text=TITLE)
    card.get_by_role("link", name="찜하기").click()

    fill_log_in(page)  # not logged in yet: the log-in page first
    expect(page.get_by_role("heading", name="이 공간을 찜할까요?")).to_be_visible()
    page.locator("main").get_by_role("button", name="찜하기").click()

    expect(page).to_have_url(f"{site}/spaces/?district=mapo")
    expect(page.get_by_text(f"‘{TITLE}’, 찜 목록에 담았습니다.", exact=False)).to_be_visible()
    assert saved_titles() == [TITLE]

    page.goto(f"{site}/accounts/saved/")
    expect(page.locator(".saved-item").get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("button", name=f"찜 해제 — {TITLE}").click()
    expect(page.get_by_text(f"‘{TITLE}’, 찜 목록에서 뺐습니다.")).to_be_visible()
    assert saved_titles() == []


def test_calendar_addresses_fit_a_phone_and_copy_with_one_press(site, new_page):
    from residents.models import Profile

    page = new_page(viewport={"width": 375, "height": 800}, bypass_csp=False)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    log_in(page, site, "/accounts/")
    section = page.locator("#calendar")
    webcal = section.get_by_label("webcal:// 주소 (Apple 캘린더, Outlook)")
    webcal.scroll_into_view_if_needed()
    box = webcal.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # the field fits the screen
    copy = section.get_by_role("button", name="복사").first
    expect(copy).to_have_accessible_description("webcal:// 주소 (Apple 캘린더, Outlook)")
    copy.click()
    expect(section.get_by_role("status").first).to_have_text("복사했어요")
    token = Profile.objects.get(user__username="resident1").calendar_token
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/calendar/{token}.ics")

    section.get_by_role("link", name="캘린더 주소 새로 만들기").click()
    expect(page.get_by_role("heading", name="캘린더 주소를 새로 만들까요?")).to_be_visible()
    assert Profile.objects.get(user__username="resident1").calendar_token == token
    page.get_by_role("button", name="캘린더 주소 새로 만들기").click()
    expect(page.get_by_text("내 캘린더 주소를 새로 만들었습니다.", exact=False)).to_be_visible()
    new_token = Profile.objects.get(user__username="resident1").calendar_token
    assert new_token != token
    expect(page.locator("#calendar-feed-https")).to_have_value(re.compile(f"{new_token}.ics$"))


def test_without_javascript_the_calendar_address_is_there_to_select(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800}, javascript=False)
    log_in(page, site, "/accounts/")
    field = page.get_by_label("https:// 주소 (다른 캘린더 앱)")
    expect(field).to_have_attribute("readonly", "")
    expect(field).to_have_value(re.compile(r"^http://.+/accounts/calendar/.+\.ics$"))
    expect(page.locator("#calendar").get_by_role("button", name="복사")).to_have_count(0)
