"""A hostile-input sweep over every public address and form: nothing a visitor can type,
paste or forge may make the portal answer with a server error (5xx).

Swept in Korean (``/…``) and, for pages, in English (``/en/…``):

- **Query strings** of every address that reads one: the space directory and its map
  data (``/api/spaces.geojson``), a space page and its booking form (``date``), the
  program listing, stories, search, the open data API (``/api/v2/…``), the sitemap and
  the account pages' ``next`` (the parameter names are the views'). Payloads come in
  families and rotate over the parameters, so that each parameter meets each payload
  of a family in as many requests as the family has payloads: *oversized* (100 kB
  values, 10,000 repeated parameters), *malformed* (invalid UTF-8, broken escapes, NUL,
  lone surrogates, control characters), *types* (negative, huge, non-numeric, NaN,
  1e309), *dates*, *geo* (points and boxes off the Earth, non-finite, inverted),
  *window* (time windows at the ends of the calendar), *injection* (SQL, LIKE
  wildcards, template syntax), *xss* and *traversal*. The API answers 400 at its first
  bad parameter, so its parameters are also probed one at a time. Addresses without
  parameters (pages, calendars, feed, accounts, robots, health) get stray ones.
- **Form posts** to every public form (booking request, program registration,
  campaign entry, "register your space"; django-allauth's log-in, sign-up, password
  reset and change, e-mail, log-out; cancelling; Wagtail's page password and admin
  log-in), logged in as a resident where the form needs it (and not: then it must send
  the visitor to log in and keep nothing): every field hostile at once, family by
  family; then each field hostile while the others are valid, so that hostile values
  reach the rules, the database and the pages that show them again.
- **Photo uploads** to the two forms that take photos: garbage, truncated and fake
  images, a pixel bomb, an oversized file, a body declared larger than allowed or with
  a length that is no number, hostile file names, too many files.
- **Paths** (traversal, invalid UTF-8, NUL, huge ids, deep nesting), **headers** (Host,
  Accept-Language, cookies, X-Forwarded-For, conditional requests, agent, referer) and
  **content types** (multipart without a boundary, unknown charsets).

Every answer must be below 500; an HTML answer must never contain a payload's markup
unescaped nor a ``javascript:`` link; a redirect must never leave the site. A failure
names the request, the payload in each parameter and the exception behind a 500. The
server errors the sweep found are listed in ``KNOWN_SERVER_ERRORS`` and asserted one by
one, so they stay fixed.
A last test checks that the swept addresses and forms work with ordinary input, so the
sweep exercises real pages rather than "not found" answers."""

import dataclasses
import datetime as dt
import io
import json
import re
import struct
import sys
import traceback
import zlib
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import Site

import pytest
import recurrence

from tests.bookings.conftest import book_url, make_booking
from tests.bookings.conftest import form as booking_form
from tests.campaigns.conftest import entry_data, jpeg
from tests.conftest import build_bilingual_site
from tests.events.conftest import register_url
from tests.operators.test_register import proposal
from tests.stories.conftest import make_image, paragraph

PASSWORD = "changeme"
PAGE_PASSWORD = "secret-word"

# --- payloads ------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# Raw markup that must never reach an HTML answer unescaped.
XSS_MARKERS = (SCRIPT, "<img src=x onerror=alert(1)>")
JAVASCRIPT_LINK = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)

REPEAT = "10,000 repeated parameters"
KB100 = 100 * 1024


def text(value):
    """A value percent-encoded as a browser sends it."""
    return quote(value, safe="")


# Each payload is (label, value as sent on the wire, percent-encoded).
FAMILIES = {
    "oversized": [("100 kB", text("A" * KB100))],  # and REPEAT: see family_assignments()
    "malformed": [
        ("invalid UTF-8, broken escapes", "%ff%fe%E%G%"),
        ("NUL byte", "a%00b"),
        ("lone surrogate", "%ED%A0%80x"),
        ("control characters", text("\r\n\t\x0b\x1b[31m\u202e\ufeff")),
    ],
    "types": [
        ("negative", "-1"),
        ("not a number", "abc"),
        ("huge integer", "99999999999999999999"),
        ("1e309", "1e309"),
        ("nan", "nan"),
    ],
    "dates": [
        ("impossible date", "2026-13-45"),
        ("zero date", "0000-00-00"),
        ("last date", "9999-12-31"),
        ("first date", "0001-01-01"),
        ("impossible time", "24:60"),
    ],
    "geo": [
        ("off the Earth", "91,181"),
        ("nan point", "nan,nan"),
        ("infinite box", "-inf,-inf,inf,inf"),
        ("inverted box", "127.19,37.72,126.76,37.41"),
        ("1e309 box", "1e309,1e309,1e309,1e309"),
        ("words", "a,b,c,d"),
    ],
    "injection": [
        ("SQL", text("' OR 1=1; DROP TABLE wagtailcore_page; --")),
        ("LIKE wildcards", text("%_%' OR '%'='")),
        ("template syntax", text("{{ 7*7 }}{% debug %}${7*7}")),
    ],
    "xss": [
        ("script tag", text(SCRIPT)),  # also ends any <script> it lands in
        ("attribute breakout", text(IMG)),
        ("javascript URL", text("javascript:alert(1)")),
    ],
    "traversal": [
        ("dot-dot", text("../../..\\..\\etc/passwd")),
        ("encoded dot-dot", "..%2f..%2f..%2fetc%2fpasswd"),
        ("other host", text("//evil.example/")),
    ],
}
# Families every parametered address gets; "dates", "geo" and "window" where they apply.
COMMON = ("oversized", "malformed", "types", "injection", "xss", "traversal")
# The sharpest payloads of the families, for lighter sweeps: stray parameters and
# django-allauth's and Wagtail's forms (the English side gets the first half).
SHARP = [
    ("script tag", text(SCRIPT)),
    ("NUL byte", "a%00b"),
    ("SQL tautology", text("' OR 1=1--")),
    ("100 kB", text("A" * KB100)),
    ("invalid UTF-8", "%ff%fe%fd"),
    ("huge integer", "99999999999999999999"),
    ("other host", text("//evil.example/")),
    ("javascript URL", text("javascript:alert(1)")),
]
# What each field or parameter gets alone, the others being valid: text that is stored
# and shown again (markup, SQL, bytes that are not UTF-8), a NUL (which no PostgreSQL
# text column takes) and too much (Korean) text. The API's typed filters also get
# values of the wrong type.
PROBES = [
    ("stored markup, SQL, bad bytes", text(f"' OR 1=1--{IMG}{SCRIPT}") + "%ff%ED%A0%80"),
    ("NUL byte", "a%00b"),
    ("100 kB of Hangul", text("가나다라 " * (KB100 // 13))),
]
TYPE_PROBES = [
    *PROBES,
    ("huge number", "99999999999999999999"),
    ("not a number", "abc"),
    ("impossible date", "2026-13-45"),
    ("nan", "nan"),
]
# Time windows at the ends of the calendar and the day, for "open and free then".
WINDOWS = [
    {"date": "9999-12-31", "start": "23:00", "end": "24:00"},
    {"date": "9999-12-31", "start": "00:00", "end": "24:00", "free_now": "1"},
    {"date": "0001-01-01", "start": "00:00", "end": "01:00"},
    {"date": "0001-01-01", "start": "08:00", "end": "09:00", "open_now": "1"},
    {"date": "2028-02-29", "start": "23:59", "end": "24:00"},
    {"date": "2026-02-29", "start": "10:00", "end": "12:00"},
    {"date": "2026-12-05", "start": "24:00", "end": "24:00"},
    {"date": "2026-12-05", "start": "12:00", "end": "11:00"},
    {"date": "2026-12-05", "start": "9:00", "end": "23:00"},
]


def rotations(names, payloads):
    """len(payloads) assignments {name: payload} in which every name meets every
    payload once (a Latin square over the names)."""
    count = len(payloads)
    return [{name: payloads[(i + k) % count] for i, name in enumerate(names)} for k in range(count)]


def family_assignments(names, name):
    """The assignments of the family ``name`` over ``names``; "oversized" adds one
    request of 10,000 parameters."""
    assignments = rotations(names, FAMILIES[name])
    if name == "oversized":
        assignments.append({names[0]: (REPEAT, REPEAT)})
    return assignments


def singles(names, payloads):
    """Each name alone with each payload."""
    return [{name: payload} for name in names for payload in payloads]


def encode_pairs(pairs):
    return "&".join(f"{text(name)}={value}" for name, value in pairs)


def repeated(names, values=None):
    """10,000 name=value pairs (as many as Django reads), spread over ``names``."""
    values = values or {}
    return [(names[i % len(names)], values.get(names[i % len(names)], "x")) for i in range(10_000)]


def describe(assignment):
    return ", ".join(f"{name}={label}" for name, (label, __) in assignment.items())


# --- the world the sweep runs in -------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at the end: both
    languages' sections, two spaces (one bookable), a program with dates, a story (and
    one behind a page password), an open campaign, and a resident with a booking and a
    registration."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    from wagtail.models import PageViewRestriction

    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.demo import ensure_section, ensure_translation, publish
    from events.models import ProgramPage
    from events.services import register
    from spaces.models import District, SpaceType
    from spaces.services import save_space
    from stories.models import StoryIndexPage, StoryPage, StoryRelatedSpace

    ctx = build_bilingual_site()
    en = ctx.locales["en"]
    now = timezone.now()
    today = timezone.localdate()
    mapo = District.objects.get(slug="mapo")
    spaces = []
    for number, (title, name_en) in enumerate(
        (("망원 작은도서관", "Mangwon Small Library"), ("성산 공유부엌", "Seongsan Shared Kitchen"))
    ):
        page, __ = save_space(
            {
                "external_id": f"hostile-{number}",
                "title": title,
                "name_en": name_en,
                "space_type": SpaceType.objects.get(slug="small-library"),
                "district": mapo,
                "address": f"서울특별시 마포구 망원로 {number + 1}",
                "latitude": 37.556 + number / 100,
                "longitude": 126.91 + number / 100,
                "summary": "동네 주민이 함께 쓰는 공간",
                "bookable": number == 0,
                "opening_hours": "Mo-Su 08:00-22:00",
                "capacity": 12,
                "email": "operator@example.org",
            }
        )
        spaces.append(page)
    space = spaces[0]

    program = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            summary="함께 뜨개질해요.",
            start_date=today,
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=500,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    program = ProgramPage.objects.get(pk=program.pk)
    # Dates from tomorrow on: open for registration whatever the time of day.
    occurrences = list(
        program.occurrences.filter(start__gt=now + dt.timedelta(days=1)).order_by("start")
    )

    story_index = ensure_section(
        ctx,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )
    stories = []
    for slug, title in (
        ("festival", "망원동 마을축제 이야기"),
        ("members-only", "회원 전용 이야기"),
    ):
        story = StoryPage(
            title=title,
            slug=slug,
            date=today,
            author="마을기자단",
            lead="골목 장터와 공연이 열렸습니다.",
            district=mapo,
            image=make_image(title=slug, size=(320, 200)),
            image_alt="장터 풍경",
        )
        story.body = json.dumps([paragraph("동네 소식입니다.")])
        story.tags.add("마을축제")
        story.related_space_links = [StoryRelatedSpace(space=space, sort_order=0)]
        story_index.add_child(instance=story)
        story.save_revision().publish()
        stories.append(StoryPage.objects.get(pk=story.pk))
    story, restricted = stories
    ensure_translation(story, en, title="Village festival", lead="Stalls and music.")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )

    campaign_index = ensure_section(
        ctx,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    campaign = CampaignPage(
        slug="love-your-space",
        title="내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요",
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        description="<p>주민 여러분이 사랑하는 공간 이야기를 모읍니다.</p>",
        prize_terms="<p>동네책방 상품권 (30명)</p>",
        opens_at=now - dt.timedelta(days=14),
        closes_at=now + dt.timedelta(days=42),
    )
    campaign_index.add_child(instance=campaign)
    publish(campaign)
    campaign = CampaignPage.objects.get(pk=campaign.pk)
    ensure_translation(campaign, en, title="Find and share the community space you love")

    resident = get_user_model().objects.create_user(
        "sweeper", email="sweeper@example.org", password=PASSWORD
    )
    booking = make_booking(
        space,
        resident,
        day=today + dt.timedelta(days=3),
        start=10,
        end=12,
        status="confirmed",
        created_at=now,
    )
    registration = register(resident, occurrences[0].pk)
    # Image renditions are made on first view; made now, they last for the module
    # instead of being made again in every test.
    for path in (story.url, "/stories/", "/", restricted.url):
        for prefix in ("", "/en"):
            Client().get(f"{prefix}{path}")
    return SimpleNamespace(
        space=space,
        program=program,
        occurrence=occurrences[1],
        story=story,
        restricted=restricted,
        restriction=restriction,
        campaign=campaign,
        resident=resident,
        booking=booking,
        registration=registration,
        users={user.pk for user in get_user_model().objects.all()},
        # A day the bookable space is open and free, inside its booking horizon.
        booking_day=today + dt.timedelta(days=6),
    )


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    """Rate limits and proposal caps would turn later requests into 429s before their
    input is read; the sweep wants every request parsed. Clustering is on from two
    spaces so that hostile zoom levels reach the grouping query."""
    settings.RATE_LIMITS = {
        name: {"account": (100_000, 3600), "address": (100_000, 3600)}
        for name in ("booking", "registration", "login")
    }
    settings.ACCOUNT_RATE_LIMITS = False
    settings.OPERATOR_MAX_OPEN_PROPOSALS = 100_000
    settings.OPERATOR_PROPOSALS_PER_ACCOUNT_PER_DAY = 100_000
    settings.OPERATOR_PROPOSALS_PER_ADDRESS_PER_DAY = 100_000
    settings.CAMPAIGN_ENTRIES_PER_ACCOUNT_PER_DAY = 100_000
    settings.CAMPAIGN_ENTRIES_PER_ADDRESS_PER_DAY = 100_000
    settings.SPACES_MAP_MAX_POINTS = 1


# --- sending and checking ----------------------------------------------------------------


class Sweep:
    """Sends requests through Django's test client with server errors turned into
    answers (``raise_request_exception=False``), checks every answer, and reports every
    failure of a test at once, each with the request, the payloads and the exception."""

    def __init__(self, world):
        self.world = world
        self.failures = []
        self.requests = 0
        self._error = None
        self.anonymous = Client(raise_request_exception=False)
        self.resident = Client(raise_request_exception=False)
        self.resident.force_login(world.resident)
        # The test client's host, and the sites' own (Wagtail's API links to those).
        self.hosts = {"testserver", *Site.objects.values_list("hostname", flat=True)}
        got_request_exception.connect(self._note_error)

    def close(self):
        got_request_exception.disconnect(self._note_error)

    def _note_error(self, sender, **kwargs):
        """Keep the exception behind a 500: its message, where it was raised and the
        last place in the portal's own code it came through."""
        kind, error, trace = sys.exc_info()
        frames = traceback.extract_tb(trace)
        ours = [
            frame
            for frame in frames
            if frame.filename.startswith(str(settings.BASE_DIR)) and "/.venv/" not in frame.filename
        ]
        places = frames[-1:] + [frame for frame in ours[-1:] if frame is not frames[-1]]
        where = " from ".join(
            f"{'/'.join(frame.filename.rsplit('/', 2)[-2:])}:{frame.lineno}" for frame in places
        )
        self._error = f"{kind.__name__}: {str(error)[:300]} (at {where})"

    def client(self, logged_in):
        return self.resident if logged_in else self.anonymous

    def get(self, path, query="", *, logged_in=False, what="", **extra):
        url = f"{path}?{query}" if query else path
        response = self.client(logged_in).get(url, **extra)
        return self.check(response, "GET", url, what)

    def post(self, path, body, *, logged_in=False, what="", follow=False, **extra):
        """Post ``body`` (already encoded) as a form would."""
        client = self.client(logged_in)
        content_type = extra.pop("content_type", "application/x-www-form-urlencoded")
        if follow:
            response = client.post(path, body, content_type=content_type, follow=True, **extra)
        else:  # sent as it is, whatever charset the content type names
            response = client.generic("POST", path, body, content_type=content_type, **extra)
        return self.check(response, "POST", path, what)

    def post_files(self, path, data, *, what="", **extra):
        """Post ``data`` (with files) as multipart, logged in."""
        response = self.resident.post(path, data, follow=True, **extra)
        return self.check(response, "POST", path, what)

    def check(self, response, method, url, what):
        self.requests += 1
        shown = url if len(url) <= 160 else f"{url[:160]}… ({len(url):,} characters)"
        label = f"{method} {shown} [{what}]" if what else f"{method} {shown}"
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code} {self._error or ''}")
        self._error = None
        hops = [location for location, __ in getattr(response, "redirect_chain", [])]
        if 300 <= response.status_code < 400:
            hops.append(response.get("Location", ""))
        for location in hops:
            if leaves_site(location, self.hosts):
                self.failures.append(f"{label}: redirects off the site to {location[:200]!r}")
        if response.get("Content-Type", "").startswith("text/html"):
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            body = content.decode(errors="replace")
            for marker in XSS_MARKERS:
                if marker in body:
                    self.failures.append(f"{label}: shows {marker!r} unescaped")
            if JAVASCRIPT_LINK.search(body):
                self.failures.append(f"{label}: has a javascript: link")
        return response

    def assert_clean(self):
        assert not self.failures, f"{len(self.failures)} of {self.requests} requests failed:\n" + (
            "\n".join(self.failures)
        )


def leaves_site(location, hosts):
    """True when a redirect goes to another site (or to a script)."""
    if location.startswith(("//", "/\\", "\\")):
        return True
    parts = urlsplit(location)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True
    return bool(parts.netloc) and parts.hostname not in hosts


@pytest.fixture
def sweep(db, world):
    world.resident.refresh_from_db()  # a test may have changed the password in memory
    sweep = Sweep(world)
    yield sweep
    sweep.close()


def address(world, path, language="ko"):
    """The Korean address (a page's URL follows the active language), with ``/en`` in
    front for English."""
    with translation.override(settings.LANGUAGE_CODE):
        path = path(world) if callable(path) else path
    return f"/en{path}" if language == "en" else path


# --- query strings -------------------------------------------------------------------------

DIRECTORY = (
    "q",
    "type",
    "district",
    "amenity",
    "accessibility",
    "min_capacity",
    "open_now",
    "near",
    "radius",
    "bbox",
    "date",
    "start",
    "end",
    "free_now",
    "sort",
    "page",
)
GEOJSON = (*DIRECTORY[:-2], "zoom", "lang")  # every filter, zoom and lang (no sort, page)
API_LISTING = ("limit", "offset", "fields", "order", "search", "search_operator")


@dataclasses.dataclass(frozen=True)
class Target:
    """An address to sweep: ``path`` is a string or a function of the world."""

    name: str
    path: object
    params: tuple = ()
    families: tuple = COMMON
    logged_in: bool = False
    page: bool = True  # a page, in both languages (else a language-neutral address)
    normal: str = ""  # a query a visitor would send, for the baseline check
    each: tuple = ()  # parameters also probed one by one (the API stops at the first)

    def url(self, world, language="ko"):
        return address(world, self.path, language)


PARAMETERED = [
    Target("directory", "/spaces/", DIRECTORY, (*COMMON, "dates", "geo", "window")),
    # The space page's week of free times reads the day as the booking form does.
    Target("space", lambda w: w.space.url, ("date",), ("malformed", "dates", "xss")),
    Target(
        "booking form",
        lambda w: book_url(w.space),
        ("date", "week", "start", "end"),  # a free time's link fills in the form
        (*COMMON, "dates"),
        True,
    ),
    Target(
        "programs",
        "/programs/",
        ("from", "to", "district", "type", "category", "audience", "free", "available", "page"),
        (*COMMON, "dates"),
    ),
    Target("stories", "/stories/", ("tag", "district", "page")),
    Target("search", "/search/", ("q", "type", "page")),
    # django-allauth's pages read only where to go next.
    Target("login", "/accounts/login/", ("next",), ("malformed", "xss", "traversal")),
    Target("signup", "/accounts/signup/", ("next",), ("malformed", "xss", "traversal")),
    Target("map data", "/api/spaces.geojson", GEOJSON, (*COMMON, "geo", "window"), page=False),
    Target("place names", "/api/places.json", ("q", "lang"), page=False),
    Target(
        "api pages",
        "/api/v2/pages/",
        (
            *API_LISTING,
            "type",
            "child_of",
            "ancestor_of",
            "descendant_of",
            "translation_of",
            "locale",
            "site",
            "title",
            "slug",
            "show_in_menus",
            "first_published_at",
        ),
        page=False,
        each=(*API_LISTING, "type", "child_of", "translation_of", "locale", "first_published_at"),
    ),
    Target(
        "api spaces",
        "/api/v2/spaces/",
        (
            *API_LISTING,
            "capacity",
            "latitude",
            "longitude",
            "bookable",
            "is_free",
            "last_verified",
            "district",
            "space_type",
        ),
        page=False,
        each=("capacity", "latitude", "bookable", "last_verified", "district"),
    ),
    Target(
        "api programs",
        "/api/v2/programs/",
        (*API_LISTING, "start_date", "start_time", "duration_minutes", "capacity", "category"),
        page=False,
        each=("start_date", "start_time", "duration_minutes"),
    ),
    Target(
        "api stories",
        "/api/v2/stories/",
        (*API_LISTING, "date", "author", "tags", "district"),
        page=False,
        each=("date", "tags", "district"),
    ),
    Target(
        "api images",
        "/api/v2/images/",
        (*API_LISTING, "title", "width"),
        page=False,
        each=("offset", "search", "title", "width"),
    ),
    Target("api page", lambda w: f"/api/v2/pages/{w.space.pk}/", ("fields",), page=False),
    Target(
        "api find",
        "/api/v2/pages/find/",
        ("html_path", "id", "site"),
        page=False,
        normal="html_path=/spaces/",
        each=("html_path", "id"),
    ),
    Target("sitemap", "/sitemap.xml", ("p",), page=False),
]

# What a stray link to an address without parameters might carry.
STRAY = ("page", "q", "next", "utm_source", "date", "lang", "format", "_")
PARAMLESS = [
    Target("home", "/"),
    Target("program", lambda w: w.program.url),
    Target("story", lambda w: w.story.url),
    Target("restricted story", lambda w: w.restricted.url),
    Target("stories feed", "/stories/feed/"),
    Target("campaigns", "/campaigns/"),
    Target("campaign", lambda w: w.campaign.url),
    Target("campaign entry (GET)", lambda w: f"{w.campaign.url}enter/", logged_in=True),
    Target("all programs calendar", "/programs/calendar.ics"),
    Target("space calendar", lambda w: f"{w.space.url}calendar.ics"),
    Target("program calendar", lambda w: f"{w.program.url}calendar.ics"),
    Target("password reset", "/accounts/password/reset/"),
    Target("my bookings", "/accounts/bookings/", logged_in=True),
    Target("my booking", lambda w: f"/accounts/bookings/{w.booking.pk}/", logged_in=True),
    Target(
        "my booking calendar",
        lambda w: f"/accounts/bookings/{w.booking.pk}/booking.ics",
        logged_in=True,
    ),
    Target("my registrations", "/accounts/registrations/", logged_in=True),
    Target(
        "my registration calendar",
        lambda w: f"/accounts/registrations/{w.registration.pk}/registration.ics",
        logged_in=True,
    ),
    Target("my page", "/accounts/", logged_in=True),
    Target("saved", "/accounts/saved/", logged_in=True),
    Target("save a space (GET)", lambda w: f"/accounts/saved/{w.space.pk}/", logged_in=True),
    Target("download my data", "/accounts/export/", logged_in=True, page=False),
    Target("delete my account (GET)", "/accounts/delete/", logged_in=True),
    Target("reset my calendar (GET)", "/accounts/calendar/reset/", logged_in=True),
    Target("operators", "/operators/", logged_in=True),
    Target("register a space", "/operators/register/", logged_in=True),
    Target("register a space (anonymous)", "/operators/register/"),
    Target("robots", "/robots.txt", page=False),
    Target("health", "/healthz/", page=False),
]


def _query_cases():
    for target in PARAMETERED:
        for family_name in target.families:
            yield pytest.param(target, family_name, "ko", id=f"ko-{target.name}-{family_name}")
        if target.page:
            yield pytest.param(target, "sharp", "en", id=f"en-{target.name}-sharp")
        if target.each:  # the API answers 400 at the first bad parameter: probe alone too
            yield pytest.param(target, "each", "ko", id=f"ko-{target.name}-each-param")
    for target in PARAMLESS:
        for language in ("ko", "en") if target.page else ("ko",):
            yield pytest.param(target, "stray", language, id=f"{language}-{target.name}-stray")


def query_assignments(target, family_name):
    if family_name == "stray":  # every sharp payload once, spread over the stray names
        return STRAY, rotations(STRAY, SHARP)[:: len(STRAY)]
    if family_name == "sharp":
        return target.params, rotations(target.params, SHARP[: len(SHARP) // 2])
    if family_name == "each":
        return target.each, singles(target.each, TYPE_PROBES)
    if family_name == "window":
        return target.params, [
            {name: (value, value) for name, value in window.items()} for window in WINDOWS
        ]
    return target.params, family_assignments(target.params, family_name)


@pytest.mark.parametrize(("target", "family_name", "language"), list(_query_cases()))
def test_query_strings_never_cause_a_server_error(sweep, world, target, family_name, language):
    url = target.url(world, language)
    names, assignments = query_assignments(target, family_name)
    for assignment in assignments:
        if any(value == REPEAT for __, value in assignment.values()):
            query, what = encode_pairs(repeated(names)), REPEAT
        else:
            query = encode_pairs((name, value) for name, (__, value) in assignment.items())
            what = describe(assignment)
        sweep.get(url, query, logged_in=target.logged_in, what=what)
    sweep.assert_clean()


# --- forms -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Form:
    """A form to post to. ``base`` gives valid values (a function of the world);
    ``combos`` are extra sets of values that only make sense together; ``undo`` puts
    back what a successful post changed, so that later posts reach the same code."""

    name: str
    path: object
    base: object
    logged_in: bool = True
    follow: bool = True  # follow a success to the page that shows what was saved
    combos: tuple = ()
    undo: object = None  # (world, sweep) -> None, after a redirect
    ours: bool = True  # the portal's own form (else django-allauth's or Wagtail's: lighter)
    families: tuple = COMMON
    shows: str = ""  # the page that shows what was saved, looked at after the posts
    # Django's form fields check each value alone, whatever the others hold (the family
    # sweeps reach them all), so only what passes them is worth sending alone: stored
    # text. Forms that read request.POST themselves get every probe.
    probes: tuple = tuple(PROBES[:1])

    def url(self, world, language="ko"):
        return address(world, self.path, language)


def _undo_booking(world, sweep):
    from bookings.models import Booking

    Booking.objects.filter(user=world.resident).exclude(pk=world.booking.pk).delete()


def _undo_entry(world, sweep):
    from campaigns.models import CampaignEntry

    CampaignEntry.objects.filter(user=world.resident).delete()


def _undo_login(world, sweep):
    sweep.anonymous.logout()


def _undo_signup(world, sweep):
    sweep.anonymous.logout()
    get_user_model().objects.exclude(pk__in=world.users).delete()


def _undo_password(world, sweep):
    world.resident.set_password(PASSWORD)
    world.resident.save()
    sweep.resident.force_login(world.resident)


def _undo_email(world, sweep):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=world.resident).exclude(email="sweeper@example.org").delete()


NEW_PASSWORD = "a-long-Passphrase-9"
FORMS = [
    Form(
        "booking",
        lambda w: book_url(w.space),
        lambda w: booking_form(day=w.booking_day, purpose="독서 모임"),
        probes=tuple(PROBES),
        combos=(
            {"date": "9999-12-31", "start": "23:00", "end": "24:00"},
            {"date": "0001-01-01", "start": "00:00", "end": "01:00"},
            {"start": "00:00", "end": "24:00"},
            {"start": "24:00", "end": "24:00"},
            {"start": "16:00", "end": "14:00"},
            {"headcount": "0"},
            {"headcount": "１２"},
            {"headcount": "99999999999999999999"},
            # A weekly request, and its answer leaving dates out.
            {"repeat": "1", "weeks": "3"},
            {"repeat": "1", "weeks": "99999999999999999999"},
            {"repeat": "1", "weeks": "2", "skip": "<script>", "confirm": "1"},
        ),
        undo=_undo_booking,
    ),
    Form(
        "program registration",
        lambda w: register_url(w.program),
        lambda w: {"occurrence": w.occurrence.pk},
        probes=tuple(PROBES),
        follow=False,  # back to the program page, which shows nothing that was sent
        families=("malformed", "types", "injection"),  # one number
        combos=({"occurrence": "99999999999999999999"}, {"occurrence": "-1"}, {"occurrence": "٣"}),
    ),
    Form(
        "campaign entry",
        lambda w: f"{w.campaign.url}enter/",
        lambda w: entry_data(space="성산 공유부엌"),
        combos=({"space_id": "99999999999999999999"}, {"space_id": "-1", "space": "공"}),
        undo=_undo_entry,
    ),
    Form(
        "register a space",
        "/operators/register/",
        lambda w: proposal(),
        follow=False,  # a success goes to "your spaces", looked at once at the end
        shows="/operators/",
        combos=(
            {"latitude": "nan", "longitude": "nan"},
            {"latitude": "inf", "longitude": "-inf"},
            {"latitude": "1e309", "longitude": "1e309"},
            {"latitude": "37.5"},
            {"capacity": "99999999999999999999"},
            {"space_type": "99999999999999999999", "district": "-1"},
            {"opening_hours": "Mo-Su 25:00-99:99; PH off; " * 8},
            {"website": "javascript:alert(1)"},
        ),
    ),
    Form(
        "log in",
        "/accounts/login/",
        lambda w: {"login": "sweeper", "password": PASSWORD, "remember": "on", "next": "/spaces/"},
        logged_in=False,
        follow=False,
        undo=_undo_login,
        ours=False,
    ),
    Form(
        "sign up",
        "/accounts/signup/",
        lambda w: {
            "email": "newcomer@example.org",
            "username": "newcomer",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "privacy_consent": "on",
            "next": "/",
        },
        logged_in=False,
        follow=False,
        undo=_undo_signup,
        ours=False,
    ),
    Form(
        "password reset",
        "/accounts/password/reset/",
        lambda w: {"email": "sweeper@example.org"},
        logged_in=False,
        follow=False,
        ours=False,
    ),
    Form(
        "password change",
        "/accounts/password/change/",
        lambda w: {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=False,
        undo=_undo_password,
        ours=False,
    ),
    Form(
        "e-mail addresses",
        "/accounts/email/",
        lambda w: {"email": "second@example.org", "action_add": ""},
        follow=False,
        undo=_undo_email,
        ours=False,
    ),
    Form(
        "profile",
        "/accounts/profile/",
        lambda w: {
            "last_name": "김",
            "first_name": "지은",
            "phone": "010-0000-0101",
            "language": "ko",
        },
        follow=False,
    ),
    Form(
        "notification settings",
        "/accounts/notifications/",
        lambda w: {"reminder": "1d", "notify_saved": "on", "news": ""},
        follow=False,
    ),
    Form(
        "resend confirmation",
        "/accounts/email/resend/",
        lambda w: {"email": "sweeper@example.org", "next": "/accounts/"},
        follow=False,
    ),
    Form(
        "save a space",
        lambda w: f"/accounts/saved/{w.space.pk}/",
        lambda w: {"action": "save", "next": w.space.url},
        follow=False,
    ),
    Form(
        "page password",
        lambda w: f"/_util/authenticate_with_password/{w.restriction.pk}/{w.restricted.pk}/",
        lambda w: {"password": PAGE_PASSWORD, "return_url": w.restricted.url},
        logged_in=False,
        follow=False,
        ours=False,
    ),
    Form(
        "admin log in",
        "/admin/login/",
        lambda w: {"username": "sweeper", "password": PASSWORD, "next": "/admin/"},
        logged_in=False,
        follow=False,
        ours=False,
    ),
]
# Forms that take no fields: only stray hostile ones are sent.
FIELDLESS = [
    Form("log out", "/accounts/logout/", lambda w: {}, follow=False),
    Form("reset my calendar", "/accounts/calendar/reset/", lambda w: {}, follow=False),
    Form("cancel booking", lambda w: f"/accounts/bookings/{w.booking.pk}/cancel/", lambda w: {}),
    Form(
        "cancel registration",
        lambda w: f"/accounts/registrations/{w.registration.pk}/cancel/",
        lambda w: {},
    ),
]


@dataclasses.dataclass(frozen=True)
class Known:
    """A known server error: ``field`` of ``form`` with the payloads labelled
    ``labels`` (None: any), on the databases where ``applies()``; ``example`` (encoded)
    reproduces it."""

    form: str
    field: str
    labels: tuple | None
    example: str
    applies: object
    why: str


def always():
    return True


def on(vendor):
    return lambda: connection.vendor == vendor


# Server errors this sweep found, each fixed since; test_former_server_errors_stay_fixed
# sends each example again (the sweep covers them too).
KNOWN_SERVER_ERRORS = [
    Known(
        "page password",
        "return_url",
        None,
        "abc",
        always,
        "wagtail.views.authenticate_with_password passes a return_url without '/' or '.' "
        "(e.g. 'abc') to redirect(), which tries it as a URL name: NoReverseMatch, 500. "
        "Needs a guard URL before Wagtail's in portal/urls.py, or a Wagtail fix.",
    ),
    Known(
        "log in",
        "login",
        ("100 kB", "100 kB of Hangul"),
        text("A" * KB100),
        on("sqlite"),
        "django-allauth's login field has no max_length when ACCOUNT_LOGIN_METHODS is "
        "username and e-mail; a 100 kB value becomes a LIKE pattern SQLite refuses ('LIKE "
        "or GLOB pattern too complex', answered 503). Fix: a max_length on the field in "
        "core/accounts.PortalLoginForm.",
    ),
    Known(
        "booking",
        "purpose",
        ("NUL byte",),
        "a%00b",
        on("postgresql"),
        "bookings.services.parse_request keeps a NUL in the purpose and PostgreSQL refuses "
        "to store it (DataError, 500). Fix: a field error for control characters there.",
    ),
]


def post_all(sweep, world, form, language, assignments, valid=None):
    """Post each assignment {field: (label, value)} over ``valid`` (encoded values)."""
    url = form.url(world, language)
    for assignment in assignments:
        values = dict(valid or {})
        if any(value == REPEAT for __, value in assignment.values()):
            pairs, what = repeated(list(values) or list(assignment), values), REPEAT
        else:
            values.update({name: value for name, (__, value) in assignment.items()})
            pairs, what = values.items(), describe(assignment)
        response = sweep.post(
            url, encode_pairs(pairs), logged_in=form.logged_in, follow=form.follow, what=what
        )
        succeeded = response.redirect_chain if form.follow else 300 <= response.status_code < 400
        if form.undo and succeeded:
            form.undo(world, sweep)


def saved_count():
    """Spaces (proposals make them), bookings, registrations and campaign entries."""
    from bookings.models import Booking
    from campaigns.models import CampaignEntry
    from events.models import Registration
    from spaces.models import SpacePage

    return sum(model.objects.count() for model in (SpacePage, Booking, Registration, CampaignEntry))


def encoded(values):
    return {name: text(str(value)) for name, value in values.items()}


def _form_cases():
    for form in FORMS:
        for family_name in form.families if form.ours else ("sharp",):
            yield pytest.param(form, family_name, "ko", id=f"ko-{form.name}-{family_name}")
        yield pytest.param(form, "each", "ko", id=f"ko-{form.name}-each-field")
        if form.ours:
            yield pytest.param(form, "sharp", "en", id=f"en-{form.name}-sharp")
    for form in FIELDLESS:
        yield pytest.param(form, "stray", "ko", id=f"ko-{form.name}-stray")


@pytest.mark.parametrize(("form", "family_name", "language"), list(_form_cases()))
def test_form_posts_never_cause_a_server_error(sweep, world, form, family_name, language):
    valid = encoded(form.base(world))
    fields = list(valid)
    if family_name == "stray":
        post_all(sweep, world, form, language, rotations(STRAY, SHARP)[:: len(STRAY)])
    elif family_name == "sharp":
        sharp = SHARP if language == "ko" else SHARP[: len(SHARP) // 2]
        post_all(sweep, world, form, language, rotations(fields, sharp), valid)
    elif family_name == "each":
        # Each field hostile while the others are valid: past the other fields' checks
        # to the rules, the database and the page that shows the saved values again.
        post_all(sweep, world, form, language, singles(fields, form.probes), valid)
        combos = [
            {name: (f"{name}={value}", text(value)) for name, value in combo.items()}
            for combo in form.combos
        ]
        post_all(sweep, world, form, language, combos, valid)
        if form.shows:  # every proposal saved above, hostile names and all
            sweep.get(address(world, form.shows), logged_in=True, what="what was saved")
    else:
        post_all(sweep, world, form, language, family_assignments(fields, family_name), valid)
    sweep.assert_clean()


def _known_cases():
    for known in KNOWN_SERVER_ERRORS:
        yield pytest.param(known, id=f"{known.form}-{known.field}")


@pytest.mark.parametrize("known", list(_known_cases()))
def test_former_server_errors_stay_fixed(sweep, world, known):
    """Each server error the sweep once found (KNOWN_SERVER_ERRORS) answers cleanly."""
    form = next(form for form in FORMS if form.name == known.form)
    values = encoded(form.base(world))
    values[known.field] = known.example
    sweep.post(
        form.url(world),
        encode_pairs(values.items()),
        logged_in=form.logged_in,
        what=f"{known.field}={known.example[:20]}",
    )
    sweep.assert_clean()


@pytest.mark.parametrize("form", [form for form in FORMS if form.logged_in], ids=lambda f: f.name)
def test_forms_send_anonymous_hostile_posts_to_log_in(sweep, world, form):
    """A form that needs an account answers a visitor without one, hostile or not, by
    sending them to log in (back to the same page), and keeps nothing."""
    before = saved_count()
    valid = encoded(form.base(world))
    for assignment in rotations(list(valid), SHARP[:2]):
        values = {**valid, **{name: value for name, (__, value) in assignment.items()}}
        response = sweep.post(
            form.url(world), encode_pairs(values.items()), what=describe(assignment)
        )
        assert response.status_code == 302, (form.name, response.status_code)
        assert urlsplit(response["Location"]).path.endswith("/accounts/login/")
    assert saved_count() == before
    sweep.assert_clean()


# --- uploads ------------------------------------------------------------------------------


def png_header(width, height):
    """A PNG whose header claims ``width`` × ``height`` pixels (a "pixel bomb")."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"garbage"
    )


def tiff():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "TIFF")
    return buffer.getvalue()


# (label, file name, content, content type, may a resident's form accept it?)
FILES = [
    ("garbage bytes", "photo.jpg", bytes(range(256)) * 40, "image/jpeg", False),
    ("empty file", "photo.jpg", b"", "image/jpeg", False),
    ("truncated JPEG", "photo.jpg", jpeg((400, 300))[:300], "image/jpeg", False),
    (
        "PNG signature, then zeros",
        "photo.png",
        b"\x89PNG\r\n\x1a\n" + bytes(64),
        "image/png",
        False,
    ),
    ("pixel bomb", "bomb.png", png_header(100_000, 100_000), "image/png", False),
    (
        "script as a JPEG",
        "photo.jpg",
        f'<svg xmlns="http://www.w3.org/2000/svg">{SCRIPT}</svg>'.encode(),
        "image/jpeg",
        False,
    ),
    ("TIFF", "photo.tif", tiff(), "image/tiff", False),
    ("oversized JPEG", "big.jpg", jpeg() + bytes(5 * 1024 * 1024), "image/jpeg", False),
    ("traversal file name", "../../../../etc/passwd.jpg", jpeg(), "image/jpeg", True),
    ("markup file name", f"{SCRIPT}.jpg", jpeg(), "image/jpeg", True),
    ("NUL in file name", "photo\x00.php.jpg", jpeg(), "image/jpeg", True),
    ("100 kB file name", "A" * KB100 + ".jpg", jpeg(), "image/jpeg", True),
]

UPLOAD_FORMS = {
    "register a space": ("/operators/register/", "photo_1", lambda: proposal(photo_1_alt="방")),
    "campaign entry": (
        lambda w: f"{w.campaign.url}enter/",
        "photo",
        lambda: entry_data(space="성산 공유부엌"),
    ),
}


def stored_file_names():
    from wagtail.images import get_image_model

    from campaigns.models import CampaignEntry

    return {
        *get_image_model().objects.values_list("file", flat=True),
        *CampaignEntry.objects.exclude(photo="").values_list("photo", flat=True),
    }


@pytest.mark.parametrize("form_name", list(UPLOAD_FORMS))
def test_photo_uploads_never_cause_a_server_error(sweep, world, form_name):
    path, field, base = UPLOAD_FORMS[form_name]
    path = address(world, path)
    for label, name, content, content_type, acceptable in FILES:
        before, files_before = saved_count(), stored_file_names()
        data = {**base(), field: SimpleUploadedFile(name, content, content_type)}
        response = sweep.post_files(path, data, what=label)
        if not acceptable:  # the form comes back with an error, and nothing is saved
            assert 400 <= response.status_code < 500, (label, response.status_code)
            assert saved_count() == before, f"{label}: saved"
        for stored in stored_file_names() - files_before:  # a photo kept under a safe name
            assert not re.search(r"\.\.|<|\x00|etc/passwd", stored), (label, stored)
        _undo_entry(world, sweep)
    data = {**base(), field: SimpleUploadedFile("photo.jpg", jpeg(), "image/jpeg")}
    # A body declared larger than the limit is refused before it is read.
    declared = sweep.post_files(path, data, what="50 MB declared", CONTENT_LENGTH=str(50 << 20))
    assert declared.status_code == 413
    # A length that is not a number is no length (Django reads no body).
    sweep.post_files(path, data, what="Content-Length: abc", CONTENT_LENGTH="abc")
    files = {f"photo_{n}": SimpleUploadedFile("p.jpg", b"x", "image/jpeg") for n in range(101)}
    sweep.post_files(path, {**base(), **files}, what="101 files")
    sweep.assert_clean()


# --- paths, headers, content types -----------------------------------------------------------


def hostile_paths(world):
    space, program, campaign = (
        address(world, lambda w, page=page: page.url)
        for page in (world.space, world.program, world.campaign)
    )
    return [
        "/spaces/%ff%fe/",
        "/spaces/%00/",
        "/spaces/%ED%A0%80/",
        "/spaces/..%2f..%2f..%2fetc%2fpasswd/",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/spaces/" + "A" * 10_000 + "/",
        "/" + "a/" * 300,
        f"/{text(SCRIPT)}/",
        f"{space}book/book/",
        f"{space}book/%ff/",
        f"{program}register/%00/",
        f"{campaign}enter/..%2f/",
        "/stories/feed/feed/",
        "/calendar.ics",
        "/stories/feed/calendar.ics",
        f"{campaign}enter/calendar.ics",
        "/%ED%A0%80/calendar.ics",
        "/accounts/bookings/99999999999999999999/",
        "/accounts/bookings/99999999999999999999/booking.ics",
        "/accounts/registrations/99999999999999999999/cancel/",
        "/accounts/password/reset/key/zz-%ff%00/",
        f"/accounts/password/reset/key/{text('1-' + SCRIPT)}/",
        f"/accounts/confirm-email/{text(SCRIPT)}/",
        "/accounts/confirm-email/%ff%fe/",
    ]


NEUTRAL_PATHS = [
    "/api/v2/pages/99999999999999999999/",
    "/api/v2/pages/-1/",
    "/api/v2/spaces/%ff/",
    "/api/v2/images/99999999999999999999/",
    "/api/v2/../../etc/passwd",
    "/api/spaces.geojson/%00",
    "/documents/99999999999999999999/x.pdf",
    "/documents/1/..%2f..%2fetc%2fpasswd",
    "/_util/authenticate_with_password/99999999999999999999/1/",
    "/sitemap.xml/%ff",
    "/healthz/%00",
]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_hostile_paths_never_cause_a_server_error(sweep, world, language):
    prefix = "/en" if language == "en" else ""
    for path in hostile_paths(world):
        sweep.get(f"{prefix}{path}", logged_in=True)
        if language == "ko":
            sweep.post(path, "a=%00", logged_in=True)
    if language == "ko":
        for path in NEUTRAL_PATHS:
            sweep.get(path)
    sweep.assert_clean()


HEADERS = {
    "host": [
        {"HTTP_HOST": "evil.example:99999"},
        {"HTTP_HOST": "bad host\x00name"},
        {"HTTP_HOST": "[::1"},
        {"HTTP_X_FORWARDED_HOST": "evil.example", "HTTP_X_FORWARDED_PROTO": "gopher"},
    ],
    "language": [
        {"HTTP_ACCEPT_LANGUAGE": "x" * 10_000},
        {"HTTP_ACCEPT_LANGUAGE": "ko;q=nan, en;q=inf, *;q=-1, ../../etc"},
        {"HTTP_ACCEPT_LANGUAGE": "\udcff\x00"},
    ],
    "cookies": [
        {"HTTP_COOKIE": "sessionid=' OR 1=1--; csrftoken=<script>; django_language=../../etc"},
        {"HTTP_COOKIE": "messages=" + "A" * 8000 + "; sessionid=%ff%fe"},
        {"HTTP_COOKIE": "=;;;==;" + "; " * 500},
    ],
    "client address": [
        {"HTTP_X_FORWARDED_FOR": "' OR 1=1--, <script>, 999.999.999.999"},
        {"REMOTE_ADDR": "not an address", "HTTP_X_FORWARDED_FOR": "," * 1000},
    ],
    "conditional": [
        {"HTTP_IF_NONE_MATCH": '"<script>", *, W/"', "HTTP_IF_MODIFIED_SINCE": "garbage"},
        {"HTTP_IF_MATCH": "x" * 10_000, "HTTP_IF_UNMODIFIED_SINCE": "Mon, 99 Foo 99999"},
        {"HTTP_RANGE": "bytes=99999999999999999999-", "HTTP_IF_RANGE": "%ff"},
    ],
    "agent and referer": [
        {"HTTP_USER_AGENT": "A" * KB100, "HTTP_REFERER": "javascript:alert(1)"},
        {"HTTP_USER_AGENT": SCRIPT, "HTTP_REFERER": "http://evil.example/%ff%00"},
    ],
}


@pytest.mark.parametrize("kind", list(HEADERS))
def test_hostile_headers_never_cause_a_server_error(sweep, world, kind):
    booking = address(world, lambda w: book_url(w.space))
    for headers in HEADERS[kind]:
        for path in ("/en/", "/api/spaces.geojson", booking):
            sweep.get(path, logged_in=path == booking, what=kind, **headers)
        sweep.post("/accounts/login/", "login=sweeper&password=x", what=kind, **headers)
    sweep.assert_clean()


CONTENT_TYPES = [
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=" + "x" * 1000,
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "application/json",
    "text/plain; charset=utf-7",
]


def test_hostile_content_types_never_cause_a_server_error(sweep, world):
    body = encode_pairs(encoded(booking_form(day=world.booking_day)).items())
    forms = [
        (address(world, lambda w: book_url(w.space)), True),
        (address(world, lambda w: f"{w.campaign.url}enter/"), True),
        ("/operators/register/", True),
        ("/accounts/login/", False),
    ]
    for content_type in CONTENT_TYPES:
        for path, logged_in in forms:
            sweep.post(
                path, body, logged_in=logged_in, what=content_type, content_type=content_type
            )
    sweep.assert_clean()


# --- the sweep reaches real pages -------------------------------------------------------------


def test_every_swept_address_answers_normally(sweep, world):
    """Without hostile input the swept addresses answer as a visitor expects, so the
    sweep above exercises real pages and forms, not "not found" answers."""
    for target in [*PARAMETERED, *PARAMLESS]:
        for language in ("ko", "en") if target.page else ("ko",):
            url = target.url(world, language)
            response = sweep.get(url, target.normal, logged_in=target.logged_in, follow=True)
            assert response.status_code == 200, (url, response.status_code)
    # The valid forms succeed, so a post with one hostile field gets as far as saving.
    for form in FORMS:
        if form.name == "admin log in":
            continue  # a resident may not use the admin
        response = sweep.post(
            form.url(world),
            encode_pairs(encoded(form.base(world)).items()),
            logged_in=form.logged_in,
        )
        assert response.status_code in (302, 303), (form.name, response.status_code)
        if form.undo:
            form.undo(world, sweep)
    sweep.assert_clean()
