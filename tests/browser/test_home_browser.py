import pytest

from .conftest import assert_no_axe_violations, external_requests

PAGES = ["/", "/en/", "/spaces/", "/en/programs/", "/search/?q=공간", "/en/no-such-page/"]


@pytest.fixture
def site(bilingual_site, live_server):
    return live_server.url


@pytest.mark.rendering
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_accessibility_violations(site, page, path):
    page.goto(site + path)
    assert_no_axe_violations(page)


def test_home_in_both_languages(site, page):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == "커뮤니티 공간"
    page.goto(site + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Community Space"
    assert page.get_by_role("link", name="Find a space").first.is_visible()


def test_language_switch_keeps_the_visitor_on_the_same_page(site, page):
    page.goto(site + "/spaces/")
    page.get_by_role("navigation", name="언어").get_by_role("link", name="English").click()
    page.wait_for_url(site + "/en/spaces/")
    assert page.locator("h1").inner_text() == "Find a space"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    page.wait_for_url(site + "/spaces/")
    assert page.locator("h1").inner_text() == "공간 찾기"


@pytest.mark.rendering
def test_keyboard_user_can_skip_to_content_and_reach_every_control(site, page):
    page.goto(site + "/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto(site + "/en/")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('href') || e.textContent.trim(); })()"
            )
        )
    for target in ["header-search-q", "/", "home-search-q", "/en/spaces/", "/en/programs/"]:
        assert target in reached, reached
    # Focus is visible: the focused control draws an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.rendering
def test_home_fits_a_320_pixel_screen_without_sideways_scrolling(site, new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    for path in ["/", "/en/", "/en/search/?q=space"]:
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.locator(".site-menu__toggle").click()  # on a phone the search is in the menu
        assert page.locator("#header-search-q").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_search_works_without_javascript(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/en/")
    page.fill("#home-search-q", "프로그램")
    page.locator(".hero-search button").click()
    page.wait_for_url("**/en/search/**")
    assert page.get_by_role("link", name="Programs").first.is_visible()
    assert "1 result" in page.locator(".result-count").inner_text()


@pytest.mark.rendering
def test_pages_load_nothing_from_other_hosts(site, page):
    for path in ["/", "/en/", "/search/?q=공간"]:
        page.goto(site + path)
    assert external_requests(page) == []


MEASURE_PLACEHOLDER = """(input) => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [context.measureText(input.placeholder).width, room];
}"""


@pytest.mark.rendering
@pytest.mark.parametrize("width", [320, 375])
def test_the_search_boxs_example_is_read_whole_on_a_phone(site, new_page, width):
    page = new_page(viewport={"width": width, "height": 800})
    for path in ("/", "/en/"):
        page.goto(site + path)
        page.evaluate("document.fonts.ready")
        needed, room = page.locator("#home-search-q").evaluate(MEASURE_PLACEHOLDER)
        assert needed <= room, (path, needed, room)
