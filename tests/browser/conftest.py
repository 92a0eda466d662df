"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)
against pytest-django's live server on 127.0.0.1, headless."""

import functools
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests
# and fixtures make around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
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
    # Pages of one site share a renderer process: with the blank page each kept context
    # keeps open (``_ContextPool``), a test's pages join a process that already holds the
    # portal's fonts, style sheets and scripts, decoded and compiled.
    "--process-per-site",
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


# What a test may change in a context that clearing cookies, storage and permissions at
# its end does not undo: a context a test changed so is closed, never lent again.
_LASTING_CHANGES = (
    "add_init_script",
    "route",
    "route_from_har",
    "set_extra_http_headers",
    "set_geolocation",
    "set_offline",
    "expose_binding",
    "expose_function",
)

STORAGE_TYPES = (
    "local_storage,session_storage,indexeddb,service_workers,cache_storage,file_systems,websql"
)


class _ContextPool:
    """Browser contexts kept for the session, one kind (viewport, JavaScript on/off,
    policy) at a time, each lent to one test at a time. A kept context keeps its HTTP
    cache: the portal's style sheets, fonts and scripts are fetched and compiled once
    (the first page of a fresh context took 0.6–1.4 s, of a kept one 0.2–0.5 s), while
    each test still starts with no cookies, storage or permissions of an earlier one.
    Pages themselves are never cached: the portal's pages carry no freshness (no
    max-age, no Last-Modified), so each visit asks the live server again.

    A context given back keeps its first page open, emptied (``about:blank``): that
    keeps the renderer process of the portal's site alive for the next test's pages
    (``--process-per-site``), with what it decoded and compiled in memory. Measured in
    pairs of runs on this 2-core machine: 3 modules (39 tests), four pairs, 6–28 % less
    CPU; all 175 browser tests, one pair, 806 → 771 core-seconds, 422 → 407 s."""

    def __init__(self, browser):
        self.browser = browser
        self.idle = {}  # kind -> [context]

    def lend(self, kind):
        idle = self.idle.setdefault(kind, [])
        if idle:
            return idle.pop()
        viewport, javascript, bypass_csp = kind
        context = self.browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            java_script_enabled=javascript,
            locale="ko-KR",
            bypass_csp=bypass_csp,
        )
        context.lasting_change = False
        for name in _LASTING_CHANGES:
            setattr(context, name, self._marking(context, getattr(context, name)))
        return context

    @staticmethod
    def _marking(context, method):
        def changed(*args, **kwargs):
            context.lasting_change = True
            return method(*args, **kwargs)

        return changed

    def give_back(self, kind, context, origins):
        if context.lasting_change:
            context.close()
            return
        pages = context.pages or [context.new_page()]
        keeper = pages[0]
        for page in pages[1:]:
            page.close()
        try:  # a page that asks before it is left (an editor with changes) is not kept
            keeper.goto("about:blank", timeout=5_000)
        except PlaywrightError:
            context.close()
            return
        for event, handler in getattr(keeper, "test_listeners", ()):
            keeper.remove_listener(event, handler)
        keeper.test_listeners = []
        cdp = context.new_cdp_session(keeper)  # clears the storage of this context only
        for origin in origins:
            cdp.send(
                "Storage.clearDataForOrigin",
                {"origin": origin, "storageTypes": STORAGE_TYPES},
            )
        cdp.detach()
        context.clear_cookies()
        context.clear_permissions()
        self.idle[kind].append(context)

    def close(self):
        for contexts in self.idle.values():
            for context in contexts:
                context.close()


def kept_contexts(browser):
    """A pool of contexts, closed at the fixture's end."""
    pool = _ContextPool(browser)
    yield pool
    pool.close()


_context_pool = pytest.fixture(scope="session", name="_context_pool")(kept_contexts)


@pytest.fixture
def new_page(_context_pool, request):
    """Open pages (viewport, JavaScript on/off), each in a context of its own for this
    test (lent from the session's pool: see ``_ContextPool``); every request the page
    makes is recorded on ``page.requested_urls``."""
    lent = []

    def open_page(viewport=None, javascript=True, bypass_csp=True):
        # axe-core is added from an address of its own, which the portal's Content
        # Security Policy refuses; tests/browser/test_csp_browser.py keeps the policy on.
        viewport = viewport or {"width": 1280, "height": 900}
        kind = ((viewport["width"], viewport["height"]), javascript, bypass_csp)
        context = _context_pool.lend(kind)
        lent.append((kind, context))
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.requested_urls = []
        record = lambda request: page.requested_urls.append(request.url)  # noqa: E731
        page.on("request", record)
        page.test_listeners = [("request", record)]
        return page

    yield open_page
    origins = []
    if "live_server" in request.fixturenames:
        port = urlsplit(request.getfixturevalue("live_server").url).port
        origins = [f"http://{host}:{port}" for host in ("localhost", "127.0.0.1")]
    for kind, context in lent:
        _context_pool.give_back(kind, context, origins)


@pytest.fixture
def page(new_page):
    return new_page()


class _AxeFile(BaseHTTPRequestHandler):
    """axe-core's script at an address of its own, cacheable: a kept context (above)
    fetches and compiles it once, where an inline copy cost 0.2 s on every page."""

    body = b""  # read when the server starts

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("Cache-Control", "public, max-age=86400")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@functools.cache
def _axe_address():
    _AxeFile.body = AXE_JS.read_bytes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AxeFile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/axe.min.js"


def axe_violations(page):
    """Run axe-core (from npm) on the current page; return its violations, readable."""
    page.add_script_tag(url=_axe_address())
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
