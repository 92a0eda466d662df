"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)
against pytest-django's live server on 127.0.0.1, headless."""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests
# and fixtures make around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts (viewport, JavaScript on/off); every request the
    page makes is recorded on ``page.requested_urls``."""
    contexts = []

    def open_page(viewport=None, javascript=True, bypass_csp=True):
        # axe-core is injected as an inline script, which the portal's Content Security
        # Policy refuses; tests/browser/test_csp_browser.py keeps the policy on.
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            java_script_enabled=javascript,
            locale="ko-KR",
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requested_urls = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page):
    """Run axe-core (from npm) on the current page; return its violations, readable."""
    page.add_script_tag(path=str(AXE_JS))
    # Only the violations are asked for and sent back: axe's full result (every rule
    # passed, with the markup of each node) is megabytes that Playwright would decode
    # and check, for nothing.
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        }).then(result => result.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target),
        })))""",
        AXE_TAGS,
    )


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def external_requests(page):
    return [
        url
        for url in page.requested_urls
        if urlsplit(url).hostname not in {"127.0.0.1", "localhost", None}
        and not url.startswith(("data:", "blob:"))
    ]
