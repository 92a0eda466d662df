"""What protects visitors and the portal: the Content Security Policy (and public
templates that need no inline script or style), the production HTTPS headers and
cookies, rate limits on log-in, sign-up, booking and program registration, image
uploads that cannot exhaust memory, and a 503 page with Retry-After while the database
is unreachable.

This module is also the URLconf of the error-page tests (``urlpatterns`` below): two
views that fail the way a lost database or a bug does, answered by the portal's
``handler500``."""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from unittest import mock

from django import db
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils import timezone, translation

from wagtail.images import get_image_model

import pytest
import recurrence
import time_machine
from PIL import Image as PILImage

BASE_DIR = Path(__file__).resolve().parents[2]
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # Tuesday 09:00 in Seoul
DAY = dt.date(2026, 12, 2)  # Wednesday
PASSWORD = "changeme"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def text(response):
    return response.content.decode()


def url_of(page):
    """A page's Korean address (``page.url`` follows the language last activated)."""
    with translation.override("ko"):
        return page.url


# --- the site -------------------------------------------------------------------------


@pytest.fixture
def knitting(library):
    """Tuesdays and Thursdays at 19:00, three places a date."""
    from events.models import ProgramPage

    program = library.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            summary="함께 뜨개질해요.",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=3,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


@pytest.fixture
def story(bilingual_site):
    from core.demo import ensure_section
    from stories.models import StoryIndexPage, StoryPage

    index = ensure_section(
        bilingual_site,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )
    page = StoryPage(
        title="골목 도서관의 겨울", slug="winter", date=NOW.date(), author="박서연", lead="요약"
    )
    page.body = json.dumps([{"type": "paragraph", "value": "<p>동네 소식입니다.</p>"}])
    index.add_child(instance=page)
    page.save_revision().publish()
    return StoryPage.objects.get(pk=page.pk)


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password=PASSWORD
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# --- Content Security Policy ----------------------------------------------------------


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")")
HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]{3,}\s*=", re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
STYLE_ELEMENT = re.compile(r"<style\b")
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
FORBIDDEN = {
    "inline <script>": INLINE_SCRIPT,
    "on*= event handler": HANDLER,
    "style attribute": STYLE_ATTRIBUTE,
    "<style> element": STYLE_ELEMENT,
    "javascript: URL": JAVASCRIPT_URL,
}


def inline_code(html):
    """What the public policy would block in this HTML: [(kind, line)]."""
    found = []
    for kind, pattern in FORBIDDEN.items():
        for match in pattern.finditer(html):
            found.append((kind, html.count("\n", 0, match.start()) + 1))
    return found


def assert_public_policy(response, url):
    directives = policy(response)
    assert directives["script-src"] == ["'self'"], url
    assert "'unsafe-inline'" not in directives["style-src"], url
    assert directives["frame-ancestors"] == ["'none'"], url
    assert directives["object-src"] == ["'none'"], url
    assert "'unsafe-inline'" not in directives["default-src"], url


@pytest.fixture
def public_pages(library, knitting, story):
    space = url_of(library)
    return [
        "/",
        "/en/",
        "/spaces/",
        "/en/spaces/?district=mapo",
        space,
        f"{space}?date={DAY.isoformat()}",
        f"/en{space}",
        url_of(knitting),
        "/programs/",
        "/stories/",
        url_of(story),
        "/search/?q=도서관",
        "/en/search/?q=library",
        "/accounts/login/",
        "/en/accounts/signup/",
        "/accounts/password/reset/",
        "/operators/",
        "/nowhere/",
    ]


def test_every_public_page_runs_under_the_strict_policy_and_needs_nothing_inline(
    public_pages,
):
    for url in public_pages:
        response = Client().get(url)
        assert response.status_code == (404 if url == "/nowhere/" else 200), url
        assert_public_policy(response, url)
        assert inline_code(text(response)) == [], url


def test_pages_for_logged_in_residents_run_under_the_strict_policy(library, resident):
    member = logged_in(resident)
    space = url_of(library)
    for url in (f"{space}book/", "/accounts/bookings/", "/operators/register/", space):
        response = member.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response, url)
        assert inline_code(text(response)) == [], url


def test_a_page_from_the_page_cache_keeps_its_policy(library):
    with override_settings(PAGE_CACHE_SECONDS=300):
        Client().get(url_of(library))
        hit = Client().get(url_of(library))
    assert hit["X-Page-Cache"] == "hit"
    assert_public_policy(hit, "cached space page")
    assert hit["X-Frame-Options"] == "DENY"


def test_the_admin_alone_relaxes_the_policy_for_wagtails_own_screens(superuser, bilingual_site):
    """Wagtail's admin sets inline styles and starts its date pickers and inline panels
    with inline scripts, so /admin/ allows inline code; still nothing from another
    host, no eval, no plugins and no framing."""
    admin = logged_in(superuser)
    for client, url in ((Client(), "/admin/login/"), (admin, "/admin/"), (admin, "/admin/pages/")):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert "'unsafe-inline'" in directives["style-src"], url
        assert set(directives["script-src"]) <= {"'self'", "'unsafe-inline'"}, url
        assert "'unsafe-eval'" not in directives["script-src"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["default-src"] == ["'self'"], url


def test_the_admins_preview_panel_may_frame_previews_and_nothing_else(superuser, bilingual_site):
    """Wagtail's preview panel is an iframe of the admin: previews (which Wagtail marks
    SAMEORIGIN) may be framed by the site itself, never by another site; other admin
    screens stay unframeable."""
    admin = logged_in(superuser)
    preview = admin.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=[bilingual_site.home.pk])
        + "?in_preview_panel=true"
    )
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    editor = admin.get(reverse("wagtailadmin_pages:edit", args=[bilingual_site.home.pk]))
    assert editor["X-Frame-Options"] == "DENY"
    assert policy(editor)["frame-ancestors"] == ["'none'"]


def template_files():
    """Public templates: templates/ and every app's templates/, without the admin's
    (``*/templates/*/admin/``) and Wagtail admin overrides."""
    roots = [BASE_DIR / "templates", *sorted(BASE_DIR.glob("*/templates"))]
    for root in roots:
        if any(part in {".venv", "node_modules"} for part in root.parts):
            continue
        for file in sorted(root.rglob("*.html")):
            parts = file.relative_to(root).parts
            if "admin" in parts[1:-1] or parts[0] == "wagtailadmin":
                continue
            yield file


def test_public_templates_hold_no_inline_script_handler_or_style():
    """Anything the public policy blocks would silently break in the browser: fail
    with file:line instead."""
    sample = (
        '<p>\n<span class="x" style="color: red">a</span>\n'
        '<button onclick="go()">b</button>\n<script>alert(1)</script>\n'
        '<script type="application/ld+json">{}</script>\n<script src="/a.js"></script>\n'
        '<a href="javascript:void(0)">c</a>\n<style>p{}</style>'
    )
    assert inline_code(sample) == [  # the scan sees what the policy would block
        ("inline <script>", 4),
        ("on*= event handler", 3),
        ("style attribute", 2),
        ("<style> element", 8),
        ("javascript: URL", 7),
    ]
    files = list(template_files())
    assert len(files) > 40  # it really reads the templates
    problems = [
        f"{file.relative_to(BASE_DIR)}:{line}: {kind}"
        for file in files
        for kind, line in inline_code(file.read_text(encoding="utf-8"))
    ]
    assert problems == [], "\n".join(problems)


def test_the_map_legend_draws_type_colours_without_a_style_attribute(library):
    page = text(Client().get("/spaces/"))
    legend = re.search(r'<ul class="map-legend".*?</ul>', page, re.S)[0]
    assert 'fill="#' in legend  # each type's colour, as an SVG attribute
    assert "style=" not in legend
    assert 'aria-hidden="true"' in legend  # the swatch is decoration; the name is text
    assert "작은도서관" in re.sub(r"<[^>]+>", "", legend)


# --- production headers and cookies ---------------------------------------------------


PRODUCTION_NAMES = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
]


@pytest.fixture(scope="module")
def production_values():
    """The security settings exactly as portal.settings.production computes them."""
    code = (
        "import json, django\nfrom django.conf import settings\ndjango.setup()\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_NAMES!r}}}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        ALLOWED_HOSTS="testserver",
        PORTAL_BASE_URL="https://testserver",
        REDIS_URL="redis://127.0.0.1:6379/15",
        DEBUG="False",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(production_values):
    with override_settings(**production_values):
        yield production_values


HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def test_an_https_page_carries_the_browser_protections(production, library):
    for url in ("/", url_of(library), "/en/accounts/login/"):
        response = Client().get(url, **HTTPS)
        assert response.status_code == 200, url
        hsts = response["Strict-Transport-Security"]
        assert hsts.startswith(f"max-age={production['SECURE_HSTS_SECONDS']}")
        assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
        assert "includeSubDomains" in hsts
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert_public_policy(response, url)


def test_a_static_file_keeps_the_transport_protections(production, db):
    """Style sheets and scripts are answered before the page middleware (no Content
    Security Policy is built for them), but still behind the security headers."""
    response = Client().get("/static/css/portal.css", **HTTPS)
    assert response.status_code == 200
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert Client().get("/static/css/portal.css").status_code == 301  # plain http


def test_the_page_cache_keeps_the_https_protections(production, library):
    with override_settings(PAGE_CACHE_SECONDS=300):
        Client().get(url_of(library), **HTTPS)
        hit = Client().get(url_of(library), **HTTPS)
        plain = Client().get(url_of(library))  # never the cached https page
    assert hit["X-Page-Cache"] == "hit"
    assert "includeSubDomains" in hit["Strict-Transport-Security"]
    assert hit["X-Frame-Options"] == "DENY"
    assert plain.status_code == 301


def test_plain_http_is_sent_to_https(production, library):
    space = url_of(library)
    response = Client().get(f"{space}?date={DAY.isoformat()}")
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{space}?date={DAY.isoformat()}"
    assert "Strict-Transport-Security" not in response  # only ever sent over https
    # The load balancer's health check still answers over plain http.
    assert Client().get("/healthz/").status_code == 200


def test_cookies_set_at_log_in_are_secure_and_the_session_is_http_only(production, resident):
    browser = Client()
    form = browser.get("/accounts/login/", **HTTPS)
    assert form.cookies["csrftoken"]["secure"] is True

    response = browser.post(
        "/accounts/login/", {"login": "resident1", "password": PASSWORD}, **HTTPS
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert response.cookies["csrftoken"]["secure"] is True  # rotated at log-in
    assert browser.get("/accounts/bookings/", **HTTPS).status_code == 200


# --- rate limits ----------------------------------------------------------------------


def allauth_rate(action, per):
    """(count, seconds) of allauth's configured limit for ``action`` per ``per``."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, duration, key = rate.strip().split("/")
        if key == per:
            number = re.match(r"(\d*)([smhd])", duration)
            return int(amount), int(number[1] or 1) * units[number[2]]
    raise AssertionError(f"no {per} limit for {action}")


def is_logged_in(client):
    return client.get("/accounts/bookings/").status_code == 200


def test_repeated_wrong_passwords_lock_that_login_for_the_window(resident, clock):
    # Failures per account, on every log-in form (core.auth).
    attempts, seconds = settings.RATE_LIMITS["login"]["account"]
    guesser = Client()
    for _attempt in range(attempts):
        wrong = guesser.post("/accounts/login/", {"login": "resident1", "password": "guess"})
        assert wrong.status_code == 200
        assert not is_logged_in(guesser)

    refused = guesser.post("/accounts/login/", {"login": "resident1", "password": PASSWORD})
    assert refused.status_code == 200  # the form again, with allauth's error
    assert "너무 많은 로그인 실패가 감지되었습니다" in text(refused)
    assert not is_logged_in(guesser)
    # Even the resident, with the right password, waits for the window to pass …
    owner = Client()
    owner.post("/accounts/login/", {"login": "resident1", "password": PASSWORD})
    assert not is_logged_in(owner)

    clock.shift(dt.timedelta(seconds=seconds + 1))
    owner.post("/accounts/login/", {"login": "resident1", "password": PASSWORD})
    assert is_logged_in(owner)


def test_a_locked_login_does_not_lock_out_another_resident(resident, clock):
    get_user_model().objects.create_user("resident2", "resident2@example.org", PASSWORD)
    attempts, _seconds = settings.RATE_LIMITS["login"]["account"]
    guesser = Client()
    for _attempt in range(attempts + 1):
        guesser.post("/accounts/login/", {"login": "resident1", "password": "guess"})

    neighbour = Client()
    neighbour.post("/accounts/login/", {"login": "resident2", "password": PASSWORD})
    assert is_logged_in(neighbour)


def signup(client, n, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": f"neighbour{n}@example.org",
            "username": f"neighbour{n}",
            "password1": "Correct-horse-42!",
            "password2": "Correct-horse-42!",
            "privacy_consent": "on",
        },
    )


def test_sign_ups_over_the_limit_from_one_address_get_the_429_page(db, bilingual_site):
    limit, _seconds = allauth_rate("signup", "ip")
    users = get_user_model().objects
    for n in range(limit):
        assert signup(Client(), n).status_code == 302
    assert users.count() == limit

    for prefix in ("", "/en"):
        refused = signup(Client(), 999, prefix)
        assert refused.status_code == 429
        page = text(refused)
        assert "요청이 너무 많습니다" in page
        assert "Too many attempts" in page
        assert_public_policy(refused, f"{prefix}/accounts/signup/")
    assert users.count() == limit
    assert not users.filter(username="neighbour999").exists()


def test_too_many_log_in_attempts_from_one_address_get_the_429_page(resident):
    limit, _seconds = allauth_rate("login", "ip")
    crowd = Client()
    statuses = [
        crowd.post("/accounts/login/", {"login": f"nobody{n}", "password": "x"}).status_code
        for n in range(limit + 1)
    ]
    assert statuses[:limit] == [200] * limit
    assert statuses[limit] == 429
    refused = Client().post("/en/accounts/login/", {"login": "resident1", "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts" in text(refused)
    assert not is_logged_in(crowd)


def booking_form(start, end):
    return {
        "date": DAY.isoformat(),
        "start": start,
        "end": end,
        "headcount": "4",
        "purpose": "독서 모임",
    }


TIMES = [("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "15:00"), ("16:00", "17:00")]


@override_settings(RATE_LIMITS={**settings.RATE_LIMITS, "booking": {"account": (1, 3600)}})
def test_booking_requests_over_the_limit_are_refused_on_the_form(library, resident):
    from bookings.models import Booking

    member = logged_in(resident)
    book = f"{url_of(library)}book/"
    assert member.post(book, booking_form(*TIMES[0])).status_code == 303

    refused = member.post(book, booking_form(*TIMES[1]))
    assert refused.status_code == 429
    assert "짧은 시간에 예약 신청이 너무 많았습니다. 잠시 후 다시 시도해 주세요." in text(refused)
    assert 'name="start" value="12:00"' in text(refused)  # what they typed is kept
    english = member.post(f"/en{book}", booking_form(*TIMES[2]))
    assert english.status_code == 429
    assert "Too many booking requests in a short time. Please try again later." in text(english)
    assert Booking.objects.count() == 1


@override_settings(RATE_LIMITS={**settings.RATE_LIMITS, "registration": {"account": (1, 3600)}})
def test_registrations_over_the_limit_are_refused_with_a_message(knitting, resident):
    from events.models import Occurrence, Registration

    member = logged_in(resident)
    first, second = Occurrence.objects.filter(program=knitting).order_by("start")[:2]
    register = f"{url_of(knitting)}register/"

    done = member.post(register, {"occurrence": first.pk}, follow=True)
    assert "신청이 완료되었습니다. 그때 만나요!" in text(done)
    refused = member.post(register, {"occurrence": second.pk}, follow=True)
    assert "짧은 시간에 참가 신청이 너무 많았습니다. 잠시 후 다시 시도해 주세요." in text(refused)
    assert list(Registration.objects.values_list("occurrence", flat=True)) == [first.pk]


def booking_statuses(trusted, forwarded_for, library, resident):
    """Post one booking request per X-Forwarded-For value (one account, one request per
    address allowed); the statuses answered. ``trusted``: the portal runs behind one
    proxy that appends the address it saw (TRUST_X_FORWARDED_FOR=true)."""
    limits = {**settings.RATE_LIMITS, "booking": {"account": (100, 3600), "address": (1, 3600)}}
    proxies = 1 if trusted else 0
    member = logged_in(resident)
    book = f"{url_of(library)}book/"
    with override_settings(
        RATE_LIMITS=limits,
        TRUST_X_FORWARDED_FOR=trusted,
        TRUSTED_PROXY_COUNT=proxies,
        ALLAUTH_TRUSTED_PROXY_COUNT=proxies,
    ):
        return [
            member.post(book, booking_form(*times), HTTP_X_FORWARDED_FOR=header).status_code
            for header, times in zip(forwarded_for, TIMES, strict=False)
        ]


def test_behind_a_trusted_proxy_each_forwarded_address_counts_apart(library, resident):
    from bookings.models import Booking

    statuses = booking_statuses(
        True, ["203.0.113.1", "203.0.113.2", "203.0.113.1"], library, resident
    )
    assert statuses == [303, 303, 429]
    assert Booking.objects.count() == 2


def test_an_address_the_client_made_up_does_not_escape_the_limit(library, resident):
    """Only the address our proxy appended counts, not what the client sent before it."""
    from bookings.models import Booking

    statuses = booking_statuses(
        True, ["198.51.100.7, 203.0.113.1", "198.51.100.8, 203.0.113.1"], library, resident
    )
    assert statuses == [303, 429]
    assert Booking.objects.count() == 1


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(library, resident):
    from bookings.models import Booking

    statuses = booking_statuses(False, ["203.0.113.1", "203.0.113.2"], library, resident)
    assert statuses == [303, 429]
    assert Booking.objects.count() == 1


# --- image uploads --------------------------------------------------------------------


def png(width, height, mode="1", pad_to=0):
    """A PNG of that size; a 1-bit blank image compresses to a few kilobytes whatever
    its pixel count. ``pad_to`` pads the file to that many bytes (PNG readers ignore
    what follows the end)."""
    buffer = BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, "PNG")
    data = buffer.getvalue()
    return data + b"\0" * max(0, pad_to - len(data))


def upload(client, data, name="photo.png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "동네 사진", "file": SimpleUploadedFile(name, data, "image/png")},
    )


def stored_files():
    from django.core.files.storage import default_storage

    try:
        return default_storage.listdir("original_images")[1]
    except FileNotFoundError:
        return []


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("size", [(10_000, 10_000), (7_000, 7_000)])
def test_an_image_with_too_many_pixels_is_refused_and_nothing_stored(size, superuser):
    data = png(*size)
    assert len(data) < 50_000  # small on the wire, huge once decoded
    images, files = get_image_model().objects.count(), set(stored_files())

    response = upload(logged_in(superuser), data)

    assert response.status_code == 200  # the form again, with the error
    assert "이 파일은 픽셀이 너무 많습니다" in text(response)
    assert f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS}" in text(response)
    assert get_image_model().objects.count() == images
    assert set(stored_files()) == files


def test_a_file_over_the_upload_size_is_refused(superuser):
    data = png(800, 600, mode="RGB", pad_to=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    images, files = get_image_model().objects.count(), set(stored_files())

    response = upload(logged_in(superuser), data)

    assert response.status_code == 200
    assert "이 파일 사이즈는 너무 큽니다" in text(response)
    assert get_image_model().objects.count() == images
    assert set(stored_files()) == files


def test_a_normal_photo_is_accepted(superuser):
    files = set(stored_files())
    response = upload(logged_in(superuser), png(1600, 1000, mode="RGB"))

    assert response.status_code == 302
    image = get_image_model().objects.latest("pk")
    assert (image.title, image.width, image.height) == ("동네 사진", 1600, 1000)
    assert len(set(stored_files()) - files) == 1


def test_pillow_refuses_a_decompression_bomb_from_its_header():
    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    side = 12_000  # 144 megapixels: over twice the limit, 18 MB if it were decoded
    assert side * side > 2 * PILImage.MAX_IMAGE_PIXELS
    bomb = png(side, side)
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(BytesIO(bomb))


# --- 503 while the database is unreachable ---------------------------------------------


def database_down(request):
    raise db.OperationalError("server closed the connection unexpectedly")


def connection_gone(request):
    raise db.InterfaceError("connection already closed")


def database_starting(request):
    """A request that needs a new connection while the server is still starting up."""
    fresh = connections.create_connection("default")
    try:
        fresh.ensure_connection()
    finally:
        fresh.close()
    return HttpResponse("connected")


def broken(request):
    raise ValueError("a bug")


urlpatterns = [
    path("database-down/", database_down),
    path("connection-gone/", connection_gone),
    path("database-starting/", database_starting),
    path("broken/", broken),
]
handler500 = "core.views.server_error"

THIS_URLCONF = __name__


@pytest.fixture
def database_unreachable():
    """The database no longer answers (what core.views.service_down checks)."""
    with mock.patch("core.views.connection.is_usable", return_value=False):
        yield


@override_settings(ROOT_URLCONF=THIS_URLCONF)
@pytest.mark.parametrize("url", ["/database-down/", "/connection-gone/"])
def test_a_lost_database_answers_503_with_retry_after(
    url, db, database_unreachable, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get(url)

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    assert "잠시 이용할 수 없습니다" in page
    assert "The portal is briefly unavailable" in page
    assert inline_code(page) == []


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_a_connection_refused_while_the_database_starts_up_is_a_503(db):
    """PostgreSQL refuses connections while it starts; by the time the error page is
    drawn it may already accept them again, but this visitor still gets "come back in a
    moment" rather than the error page."""

    def get_new_connection(self, conn_params):
        raise self.Database.OperationalError("FATAL:  the database system is starting up")

    with mock.patch.object(type(connections["default"]), "get_new_connection", get_new_connection):
        response = Client(raise_request_exception=False).get("/database-starting/")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "잠시 이용할 수 없습니다" in text(response)


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_a_query_the_database_refuses_while_it_answers_is_a_500_not_a_503(db):
    """An OperationalError caused by the request itself (the database is up) is a bug to
    fix, not an outage: no "come back later"."""
    response = Client(raise_request_exception=False).get("/database-down/")

    assert response.status_code == 500
    assert "Retry-After" not in response


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_any_other_error_answers_the_500_page(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    page = text(response)
    assert "일시적인 오류가 발생했습니다" in page
    assert "Something went wrong on our side" in page


def test_a_page_failing_on_the_database_is_503_and_not_kept_by_the_page_cache(
    bilingual_site, database_unreachable
):
    from home.models import HomePage

    with override_settings(PAGE_CACHE_SECONDS=300):
        outage = mock.patch.object(
            HomePage, "get_context", side_effect=db.OperationalError("the database restarted")
        )
        with outage:
            down = Client(raise_request_exception=False).get("/")
        back = Client().get("/")

    assert down.status_code == 503
    assert "잠시 이용할 수 없습니다" in text(down)
    assert "X-Page-Cache" not in down
    assert back.status_code == 200
    assert back["X-Page-Cache"] == "miss"
