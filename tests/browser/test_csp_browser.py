"""The Content Security Policy in a real browser: every public page and the admin
screens an operator uses work under it, and Chromium reports no refused script,
style, image or connection. (A refused script would mean a map that never draws or
a form that never submits; the policy is only useful if nothing needs an exception.)"""

import json

from django.contrib.auth import get_user_model

import pytest

from spaces.models import SpacePage

REPORTER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile || document.location.pathname}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def site(bilingual_site, make_space, live_server, db):
    make_space(title="망원 작은도서관", bookable=True, opening_hours="Mo-Su 09:00-22:00")
    users = get_user_model().objects
    users.create_user("resident9", email="resident9@example.org", password="changeme")
    users.create_superuser("admin9", email="admin9@example.org", password="changeme")
    return live_server.url


def open_with_reporter(new_page):
    page = new_page(bypass_csp=False)
    page.context.add_init_script(REPORTER)
    return page


def log_in(page, site, username):
    page.goto(f"{site}/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill("changeme")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def violations_on(page, url):
    response = page.goto(url)
    assert response.status < 400, f"{url} answered {response.status}"
    assert response.headers.get("content-security-policy"), f"{url} has no CSP header"
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.mark.rendering
def test_public_pages_need_no_exception_to_the_policy(site, new_page):
    space = SpacePage.objects.live().get(title="망원 작은도서관")
    page = open_with_reporter(new_page)
    found = {}
    for path in [
        "/",
        "/en/",
        "/spaces/",
        "/spaces/?district=mapo",
        space.url,
        f"/en{space.url}",
        "/programs/",
        "/search/?q=도서관",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        found[path] = violations_on(page, f"{site}{path}")
    # The map really drew under the policy (Leaflet's script and styles ran).
    page.goto(f"{site}{space.url}")
    page.locator(".space-map .leaflet-container, .space-map.leaflet-container").first.wait_for()
    log_in(page, site, "resident9")
    for path in [f"{space.url}book/", "/operators/register/", "/accounts/bookings/"]:
        found[path] = violations_on(page, f"{site}{path}")
    problems = {path: v for path, v in found.items() if v}
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.rendering
def test_admin_screens_work_under_their_policy(site, new_page):
    """Wagtail's editor starts its widgets with inline scripts: the admin's policy
    allows inline code but still loads nothing from another host."""
    space = SpacePage.objects.live().get(title="망원 작은도서관")
    page = open_with_reporter(new_page)
    log_in(page, site, "admin9")
    found = {}
    for path in ["/admin/", f"/admin/pages/{space.pk}/edit/", "/admin/pages/search/?q=도서관"]:
        found[path] = violations_on(page, f"{site}{path}")
    policy = page.goto(f"{site}/admin/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy.split("script-src")[1].split(";")[0]
    problems = {path: v for path, v in found.items() if v}
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.rendering
def test_the_editors_preview_panel_shows_the_page(site, new_page):
    """The preview panel frames the admin's own preview: it shows the page as edited,
    without a CSP violation (a site-wide frame-ancestors 'none' blanked it)."""
    space = SpacePage.objects.live().get(title="망원 작은도서관")
    page = open_with_reporter(new_page)
    log_in(page, site, "admin9")
    page.goto(f"{site}/admin/pages/{space.pk}/edit/")
    title = page.locator("#id_title")
    title.fill("망원 작은도서관 (새 이름)")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator("iframe").first
    assert (
        preview.locator("h1")
        .first.inner_text(timeout=10_000)
        .strip()
        .startswith("망원 작은도서관 (새 이름)")
    )
    assert page.evaluate("window.__cspViolations") == []
