"""The frame's polish in a real browser (issue 20). On a phone the header is one bar
(the name and a menu button, at most 72 px) whose menu opens by click or by keyboard,
holds the sections, search, account and language links, and its links work; from
768 px the header is as before, one row from 1280 px with a search field never
narrower than its placeholder. The text is set in Pretendard GOV, served by the portal
in subsets. The campaign page's badges and actions, the breadcrumb's separators and the
maps' Leaflet credit look right; home, a missing page and a campaign pass axe."""

import datetime as dt

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from campaigns.models import CampaignIndexPage, CampaignPage
from core.demo import ensure_section, ensure_translation, publish

from .conftest import assert_no_axe_violations, external_requests

PHONES = [320, 375, 430]
LANGUAGES = {"": ("메뉴", "주 메뉴", "프로그램"), "/en": ("Menu", "Main menu", "Programs")}
CAMPAIGN = "/campaigns/love-your-space/"


def _campaign(index, slug, title, opens, closes):
    page = CampaignPage(
        slug=slug,
        title=title,
        opens_at=opens,
        closes_at=closes,
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        description="<p>주민 여러분이 사랑하는 공간 이야기를 모읍니다.</p>",
        image_alt="",
    )
    index.add_child(instance=page)
    return publish(page)


@pytest.fixture
def site(bilingual_site, make_space, story, live_server, django_user_model):
    django_user_model.objects.create_user("resident1", "resident1@example.org", "changeme")
    make_space(title="망원 작은도서관", name_en="Mangwon Small Library")
    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    now = timezone.now()
    open_one = _campaign(
        index,
        "love-your-space",
        "내가 사랑하는 공간",
        now - dt.timedelta(days=3),
        now + dt.timedelta(days=30),
    )
    ensure_translation(open_one, bilingual_site.locales["en"], title="The space you love")
    _campaign(
        index,
        "space-stories",
        "우리 동네 공간 이야기",
        now - dt.timedelta(days=90),
        now - dt.timedelta(days=30),
    )
    return live_server.url


def log_in(page, site):
    page.goto(site + "/accounts/login/")
    page.get_by_label("아이디 또는 이메일").fill("resident1")
    page.get_by_label("비밀번호").fill("changeme")
    page.locator("main").get_by_role("button", name="로그인").click()
    page.wait_for_url(site + "/accounts/")


def header_height(page):
    return page.locator("header.site-header").bounding_box()["height"]


def menu_expanded(page, cdp, name):
    """Whether Chromium tells assistive technology the menu button is expanded."""
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        if (
            node.get("name", {}).get("value") == name
            and node["role"]["value"] == "DisclosureTriangle"
        ):
            return {p["name"]: p["value"]["value"] for p in node["properties"]}["expanded"]
    raise AssertionError(f"no menu button named {name}")


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "resident"])
def test_on_a_phone_the_header_is_one_bar_and_its_menu_opens_by_click(site, new_page, logged_in):
    page = new_page(viewport={"width": 375, "height": 740})
    if logged_in:
        log_in(page, site)
    for width in PHONES:
        for prefix, (menu, nav_name, programs) in LANGUAGES.items():
            page.set_viewport_size({"width": width, "height": 740})
            page.goto(f"{site}{prefix}/")
            where = f"{width}{prefix or '/ko'}"
            assert header_height(page) <= 72, where
            sections = page.get_by_role("navigation", name=nav_name)
            expect(sections).to_be_hidden()
            expect(page.locator("#header-search-q")).to_be_hidden()

            page.locator(".site-menu__toggle", has_text=menu).click()
            expect(sections.get_by_role("link", name=programs)).to_be_visible()
            expect(page.locator("#header-search-q")).to_be_visible()
            account = page.locator(".account-nav")
            expect(account.get_by_role("link").first).to_be_visible()
            if logged_in:
                expect(account.get_by_role("button")).to_be_visible()  # log out
            expect(page.locator(".language-switch a")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, where

    # The menu's links lead where they say (the last page was English at 430 px).
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Programs").click()
    page.wait_for_url(site + "/en/programs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programs")
    assert header_height(page) <= 72


def test_the_menu_opens_by_keyboard_with_its_state_told_and_escape_closes_it(site, new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    cdp = page.context.new_cdp_session(page)
    page.goto(site + "/")
    for _ in range(3):  # the skip link, the portal's name, the menu button
        page.keyboard.press("Tab")
    toggle = page.locator(".site-menu__toggle")
    expect(toggle).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert menu_expanded(page, cdp, "메뉴") is False

    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="주 메뉴")).to_be_visible()
    assert menu_expanded(page, cdp, "메뉴") is True
    page.keyboard.press("Escape")  # portal.js: closes and gives the focus back
    expect(page.get_by_role("navigation", name="주 메뉴")).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    sections = page.get_by_role("navigation", name="주 메뉴")
    expect(sections.get_by_role("link", name="공간 찾기")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/programs/")

    # In English, and with the language link from the menu.
    page.goto(site + "/en/")
    page.locator(".site-menu__toggle").focus()
    page.keyboard.press("Enter")
    assert menu_expanded(page, cdp, "Menu") is True
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/")


def test_the_menu_works_without_javascript(site, new_page):
    page = new_page(viewport={"width": 375, "height": 740}, javascript=False)
    page.goto(site + "/en/")
    assert header_height(page) <= 72
    page.locator(".site-menu__toggle").click()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Stories").click()
    page.wait_for_url(site + "/en/stories/")

    wide = new_page(viewport={"width": 1280, "height": 900}, javascript=False)
    wide.goto(site + "/en/")
    expect(wide.locator(".site-menu__toggle")).to_be_hidden()
    expect(wide.get_by_role("navigation", name="Main menu")).to_be_visible()
    expect(wide.locator("#header-search-q")).to_be_visible()


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "resident"])
def test_from_768_pixels_the_header_shows_everything_and_from_1280_in_one_row(
    site, new_page, logged_in
):
    page = new_page()
    if logged_in:
        log_in(page, site)
    for width in [768, 1280, 1920]:
        for prefix, (_menu, nav_name, _programs) in LANGUAGES.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{site}{prefix}/")
            where = f"{width}{prefix or '/ko'}"
            expect(page.locator(".site-menu__toggle")).to_be_hidden()
            expect(page.get_by_role("navigation", name=nav_name)).to_be_visible()
            search = page.locator("#header-search-q")
            expect(search).to_be_visible()
            if width < 1280:
                continue
            # One row: the name, the sections, the search and the language link side by side.
            tops = [
                page.locator(selector).bounding_box()
                for selector in [".brand", ".main-nav", ".header-search", ".language-switch"]
            ]
            middles = [box["y"] + box["height"] / 2 for box in tops]
            assert max(middles) - min(middles) < 12, (where, middles)
            assert header_height(page) <= 72, where
            # The placeholder is never cut ("Search spaces, progran…").
            room, needed = page.evaluate(
                """(input) => {
                  const style = getComputedStyle(input);
                  const context = document.createElement("canvas").getContext("2d");
                  context.font = `${style.fontSize} ${style.fontFamily}`;
                  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
                  return [input.clientWidth - padding, context.measureText(input.placeholder).width];
                }""",
                search.element_handle(),
            )
            assert needed <= room, (where, needed, room)


def test_the_text_is_set_in_pretendard_gov_from_the_portal(site, page):
    page.goto(site + "/")
    page.evaluate("document.fonts.ready.then(() => true)")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Pretendard GOV Variable"'), family
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Pretendard GOV')"
        " && f.status === 'loaded').length"
    )
    assert loaded >= 1
    fonts = [u for u in page.requested_urls if u.endswith(".woff2")]
    assert fonts and all("/static/vendor/pretendard-gov/woff2-dynamic-subset/" in u for u in fonts)
    assert len(fonts) < 40  # only the subsets of the glyphs on the page, of 120
    answer = page.request.get(fonts[0])
    assert answer.ok and answer.headers["content-type"] == "font/woff2"
    assert external_requests(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_home_a_missing_page_and_a_campaign_pass_axe(site, new_page, width):
    page = new_page(viewport={"width": width, "height": 800})
    for prefix in LANGUAGES:
        for path, status in [("/", 200), ("/no-such-page/", 404), (CAMPAIGN, 200)]:
            response = page.goto(f"{site}{prefix}{path}")
            assert response.status == status, path
            assert_no_axe_violations(page)
            if width < 768:  # and with the menu open
                page.locator(".site-menu__toggle").click()
                assert_no_axe_violations(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_missing_page_leads_on_by_search_and_by_section(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site + "/en/no-such-page/")
    main = page.locator("main")
    main.get_by_role("searchbox", name="Search the portal").fill("Mangwon")
    main.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/search/?q=Mangwon")
    page.go_back()
    main.get_by_role("navigation", name="Browse the portal").get_by_role(
        "link", name="Stories"
    ).click()
    page.wait_for_url(site + "/en/stories/")


def test_campaign_badges_have_a_background_and_its_actions_no_bullets(site, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    transparent = "rgba(0, 0, 0, 0)"
    page.goto(site + CAMPAIGN)
    badge = page.locator(".campaign-period .status")
    expect(badge).to_have_text("진행 중")
    assert badge.evaluate("(e) => getComputedStyle(e).backgroundColor") != transparent
    actions = page.locator(".take-part .actions li")
    expect(actions).to_have_count(2)
    for item in actions.all():
        assert item.evaluate("(e) => getComputedStyle(e).listStyleType") == "none"

    page.goto(site + "/campaigns/")
    for status in page.locator(".campaign-period .status").all():
        assert status.evaluate("(e) => getComputedStyle(e).backgroundColor") != transparent


def test_the_breadcrumb_separator_ends_the_item_before_it(site, story, new_page):
    page = new_page(viewport={"width": 375, "height": 800})
    page.goto(site + story.url)
    items = page.locator(".breadcrumbs li")
    assert items.count() >= 2
    pseudo = "(e, which) => getComputedStyle(e, which).content"
    for item in items.all()[:-1]:
        assert item.evaluate(pseudo, "::after") != "none"
        assert item.evaluate(pseudo, "::before") == "none"
    assert items.last.evaluate(pseudo, "::after") == "none"


def test_the_map_credits_leaflet_by_name_without_a_flag(site, page):
    page.goto(site + "/spaces/")
    page.locator(".space-card__title a", has_text="망원 작은도서관").click()
    credit = page.locator(".space-map .leaflet-control-attribution")
    expect(credit).to_contain_text("통계청")
    expect(credit.get_by_role("link", name="Leaflet", exact=True)).to_have_attribute(
        "href", "https://leafletjs.com"
    )
    expect(credit.locator("svg")).to_have_count(0)
