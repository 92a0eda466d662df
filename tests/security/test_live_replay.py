"""The audit's attacks, replayed as an attacker makes them: real HTTP requests (the
``requests`` library) to pytest-django's live server, on whichever database the suite
runs on (CI runs it on PostgreSQL and SQLite), with the page cache and cached fragments
on as in production. Each test is one hole the audit found and asserts what the attacker
now gets; the other modules of ``tests/security/`` test each fix in detail.

The live server answers from its own threads, so the data is committed (transactional
tests) and the clock is moved for the whole process (``time_machine``, ticking). A
transactional test empties the database after it, so each test builds its own data
(half a second; data kept for the module would be gone after its first test)."""

import csv
import datetime as dt
import io
import json
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone, translation

from wagtail.models import Locale, PageViewRestriction

import icalendar
import pytest
import recurrence
import requests
import time_machine

from core.demo import ensure_section, ensure_translation, publish
from tests.live import CSRF, logged_in_session

pytestmark = pytest.mark.django_db(transaction=True)

# A Tuesday, 09:00 in Seoul: on a five-minute boundary, so the log-in counts (one minute
# per address, five per account) start their windows with the test.
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))
TIMEOUT = 20  # seconds: an answer slower than this is a hang, as a visitor sees it
PASSWORD = "changeme"
FORMULA = '=HYPERLINK("http://x","y")'

# What no one without admin access may read in the bulk-action screens.
ENTRANT = "entrant_secret"
ENTRY_SPACE = "응모비밀공간"
UNPUBLISHED = "비밀제안공간"

# The space made private (and its program), and a public one beside it, in both languages.
SECRET = ("비밀 작업실", "Hidden Studio", "secret-studio")
OPEN = ("공개 작업실", "Open Studio", "open-studio")
SECRET_PROGRAM = ("비밀 모임", "Hidden Circle", "hidden-circle")
OPEN_PROGRAM = ("공개 모임", "Open Circle", "open-circle")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def production_caches():
    """The page cache and cached fragments on, as production has them (the test
    settings turn them off because most tests never commit)."""
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


# --- talking to the live server ----------------------------------------------------------


def csrf_token(response):
    """The token of the form on the page (the cookie was set by the same answer)."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert found, f"no form on {response.url}"
    return found[1]


def log_in(http, base, path, login, password):
    """Fill in a log-in form as a browser does: read the form, post it back."""
    field = "username" if path.startswith("/admin/") else "login"
    token = csrf_token(http.get(base + path, timeout=TIMEOUT))
    return http.post(
        base + path,
        data={field: login, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": base + path},
        allow_redirects=False,
        timeout=TIMEOUT,
    )


def opens_the_admin(http, base):
    return http.get(f"{base}/admin/", allow_redirects=False, timeout=TIMEOUT).status_code == 200


def too_many_attempts():
    from core.auth import TOO_MANY_ATTEMPTS

    with translation.override("ko"):
        return str(TOO_MANY_ATTEMPTS)


def url_of(page, language="ko"):
    with translation.override(language):
        return page.url


def calendar_text(response):
    """The events' titles, places and links (the file folds long lines, so it is read
    as iCalendar rather than searched as text)."""
    assert response.status_code == 200, response.status_code
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return " ".join(
        str(event.get(part, "")) for event in events for part in ("SUMMARY", "LOCATION", "URL")
    )


def links(response):
    assert response.status_code == 200, response.status_code
    return " ".join(re.findall(r'href="([^"]+)"', response.text))


def json_text(response):
    assert response.status_code == 200, response.status_code
    return json.dumps(response.json(), ensure_ascii=False)


# --- data ---------------------------------------------------------------------------------


def make_user(username, *groups):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def staff(db):
    """A member of city staff (the admin's staff role, not a superuser)."""
    from spaces import access

    access.ensure_roles()
    return make_user("staff_member", access.STAFF_GROUP)


@pytest.fixture
def resident(db):
    return make_user("resident_plain")


@pytest.fixture
def english(bilingual_site):
    return Locale.objects.get(language_code="en")


def add_program(space, names, **fields):
    """A program on Tuesdays and Thursdays at 19:00, published as an editor does."""
    from events.models import ProgramPage

    values = {
        "title": names[0],
        "slug": names[2],
        "summary": "함께 해요.",
        "start_date": NOW.date(),
        "start_time": dt.time(19),
        "duration_minutes": 90,
        "capacity": 10,
        "schedule": recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        **fields,
    }
    program = space.add_child(instance=ProgramPage(**values))
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


@pytest.fixture
def program(make_space):
    space = make_space(title=OPEN[0], slug=OPEN[2])
    return add_program(space, OPEN_PROGRAM)


# --- 1. the admin's bulk-action screens ---------------------------------------------------


@pytest.fixture
def bulk_targets(bilingual_site, make_space):
    """A campaign entry (whose entrant and space only staff may read) and a page taken
    offline (only the admin shows its title)."""
    from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage

    now = timezone.now()
    campaigns = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    campaign = campaigns.add_child(
        instance=CampaignPage(
            title="우리 동네 공간 자랑",
            slug="replay-campaign",
            lead="동네에서 가장 아끼는 공간을 알려 주세요.",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
        )
    )
    publish(campaign)
    CampaignEntry.objects.create(
        campaign=campaign,
        user=make_user(ENTRANT),
        space_title=ENTRY_SPACE,
        why="좋아요",
        terms_accepted_at=now,
        privacy_accepted_at=now,
    )
    proposal = make_space(title=UNPUBLISHED)
    proposal.unpublish()
    return {"page": proposal}


def test_bulk_delete_screens_send_visitors_without_admin_access_to_the_log_in_with_no_data(
    live_server, bulk_targets, resident
):
    base = live_server.url
    screens = [
        ("/admin/bulk/campaigns/campaignentry/delete/", "all"),
        ("/admin/bulk/wagtailcore/page/delete/", bulk_targets["page"].pk),
    ]
    for who, http in (("anonymous", requests.Session()), ("resident", logged_in_session(resident))):
        for path, ids in screens:
            first = http.get(
                base + path, params={"id": ids}, allow_redirects=False, timeout=TIMEOUT
            )
            assert first.status_code == 302, (who, path)
            assert urlsplit(first.headers["Location"]).path == "/admin/login/", (who, path)

            shown = http.get(base + path, params={"id": ids}, timeout=TIMEOUT)  # to the end
            assert shown.status_code == 200, (who, path)
            assert urlsplit(shown.url).path == "/admin/login/", (who, path)
            bodies = "\n".join(r.text for r in (first, *shown.history, shown))
            leaked = [s for s in (ENTRANT, ENTRY_SPACE, UNPUBLISHED) if s in bodies]
            assert leaked == [], (who, path)


# --- 2. guessing passwords ----------------------------------------------------------------


def test_thirty_wrong_passwords_at_the_admin_log_in_lock_the_account_in_every_log_in_form(
    live_server, staff, resident, clock
):
    base = live_server.url
    guesser = requests.Session()
    for n in range(30):
        wrong = log_in(guesser, base, "/admin/login/", "staff_member", f"guess-{n}")
        assert wrong.status_code == 200, n  # the form again

    right = log_in(guesser, base, "/admin/login/", "staff_member", PASSWORD)

    assert right.status_code == 200  # no redirect into the admin
    assert too_many_attempts() in right.text
    assert not opens_the_admin(guesser, base)

    # A minute on, the address's count is over, the account's is not: the site's own
    # log-in refuses the right password for that account too …
    clock.shift(dt.timedelta(seconds=61))
    owner = requests.Session()
    refused = log_in(owner, base, "/accounts/login/", "staff_member", PASSWORD)
    assert refused.status_code == 200
    assert too_many_attempts() in refused.text
    assert not opens_the_admin(owner, base)
    # … while another account logs in from the same address.
    neighbour = requests.Session()
    assert (
        log_in(neighbour, base, "/accounts/login/", "resident_plain", PASSWORD).status_code == 302
    )
    mine = neighbour.get(f"{base}/accounts/bookings/", allow_redirects=False, timeout=TIMEOUT)
    assert mine.status_code == 200


# --- 3. logging out of the admin by a link ------------------------------------------------


def test_a_link_to_the_admin_log_out_leaves_the_session_and_only_a_post_logs_out(
    live_server, staff
):
    """Wagtail's log-out answered a GET 405 but deleted the session cookie all the
    same, so a link or an image anywhere logged an admin out. The member logs in through
    the form, so the cookie is the server's own, as a browser keeps it."""
    base = live_server.url
    member = requests.Session()
    assert log_in(member, base, "/admin/login/", "staff_member", PASSWORD).status_code == 302
    assert opens_the_admin(member, base)

    link = member.get(f"{base}/admin/logout/", allow_redirects=False, timeout=TIMEOUT)

    assert link.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in link.headers.get("Set-Cookie", "")
    assert opens_the_admin(member, base)

    form = member.post(
        f"{base}/admin/logout/",
        headers={"X-CSRFToken": member.cookies[settings.CSRF_COOKIE_NAME]},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert form.status_code == 302
    assert not opens_the_admin(member, base)


# --- 4. private spaces --------------------------------------------------------------------


@pytest.fixture
def spaces(make_space, english):
    """A space about to be made private and a public one, each in Korean and English
    with a program."""
    made = {}
    for key, names, program_names in (
        ("secret", SECRET, SECRET_PROGRAM),
        ("public", OPEN, OPEN_PROGRAM),
    ):
        space = make_space(title=names[0], name_en=names[1], slug=names[2])
        made[key] = space
        made[f"{key}_en"] = ensure_translation(space, english, title=names[1])
        made[f"{key}_program"] = add_program(space, program_names)
    return made


def what_the_public_reads(base, spaces):
    """Every list a private space could leak through, as an anonymous visitor reads it:
    {name: text}, and the answers at the private space's own addresses."""
    http = requests.Session()

    def get(path, **params):
        return http.get(base + path, params=params, allow_redirects=False, timeout=TIMEOUT)

    lists = {
        # The search box repeats what was typed: the results are its links.
        "directory search": links(get("/spaces/", q=SECRET[0])),
        "map": json_text(get("/api/spaces.geojson")),
        "calendar of every program": calendar_text(get("/programs/calendar.ics")),
        "sitemap": get("/sitemap.xml").text,
        "API pages": json_text(get("/api/v2/pages/", type="spaces.SpacePage", limit=20)),
    }
    own = {
        "English page": get(url_of(spaces["secret_en"], "en")),
        "space calendar": get(f"{url_of(spaces['secret'])}calendar.ics"),
        "program calendar": get(f"{url_of(spaces['secret_program'])}calendar.ics"),
    }
    return lists, own


def names_in(text, *named):
    return [name for names in named for name in names if name in text]


def test_a_space_made_private_leaves_every_public_list_and_its_pages_ask_to_log_in(
    live_server, spaces
):
    base = live_server.url
    lists, own = what_the_public_reads(base, spaces)
    for name, text in lists.items():  # public so far: listed everywhere
        assert names_in(text, SECRET, SECRET_PROGRAM), name
    assert {name: r.status_code for name, r in own.items()} == dict.fromkeys(own, 200)

    PageViewRestriction.objects.create(
        page=spaces["secret"], restriction_type=PageViewRestriction.LOGIN
    )
    lists, own = what_the_public_reads(base, spaces)

    leaks = {name: names_in(text, SECRET, SECRET_PROGRAM) for name, text in lists.items()}
    assert leaks == dict.fromkeys(lists, [])
    for name, text in lists.items():  # the public space is still there
        if name != "directory search":  # (it asked for the private one by name)
            assert names_in(text, OPEN, OPEN_PROGRAM), name
    english = own.pop("English page")
    assert english.status_code == 302
    assert urlsplit(english.headers["Location"]).path == "/en/accounts/login/"
    assert {name: r.status_code for name, r in own.items()} == {
        "space calendar": 404,
        "program calendar": 404,
    }
    # (The not-found pages repeat the address asked for, so only titles count there.)
    answered = "".join(r.text for r in (english, *own.values()))
    assert not names_in(answered, SECRET[:2], SECRET_PROGRAM[:2])


# --- 5. the calendar asked for with a random query ----------------------------------------


def test_the_calendar_asked_with_random_parameters_is_one_answer_and_304_with_its_etag(
    live_server, program
):
    url = f"{live_server.url}/programs/calendar.ics"
    http = requests.Session()
    answers = [
        http.get(url, params={"r": secrets.token_hex(8)}, timeout=TIMEOUT) for _n in range(3)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert OPEN_PROGRAM[0] in calendar_text(answers[0])
    # One answer: the same tag, weak (W/) when the cache sent it gzipped, since those
    # bytes differ; If-None-Match compares tags weakly (RFC 9110, 13.1.2).
    etags = {a.headers["ETag"].removeprefix("W/") for a in answers}
    assert len(etags) == 1, etags

    again = http.get(
        url,
        params={"r": secrets.token_hex(8)},
        headers={"If-None-Match": answers[0].headers["ETag"]},
        timeout=TIMEOUT,
    )
    assert again.status_code == 304
    assert again.content == b""


# --- 6. formulas in the staff's CSV export ------------------------------------------------


def test_a_booking_purpose_written_as_a_formula_is_exported_to_staff_as_text(
    live_server, make_space, staff, resident
):
    from bookings.models import Booking, Status
    from bookings.wagtail_hooks import BookingViewSet

    space = make_space(title=OPEN[0], bookable=True, opening_hours="Mo-Sa 09:00-21:00", capacity=12)
    start = NOW + dt.timedelta(days=1, hours=5)
    booking = Booking.objects.create(
        space=space,
        user=resident,
        start=start,
        end=start + dt.timedelta(hours=2),
        headcount=4,
        purpose=FORMULA,
        status=Status.REQUESTED,
        expires_at=NOW + dt.timedelta(hours=48),
    )

    export = logged_in_session(staff).get(
        f"{live_server.url}/admin/snippets/bookings/booking/",
        params={"export": "csv"},
        timeout=TIMEOUT,
    )

    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("text/csv")
    heading, *rows = csv.reader(io.StringIO(export.content.decode("utf-8-sig"), newline=""))
    columns = BookingViewSet.list_export
    assert len(heading) == len(columns)
    (row,) = (dict(zip(columns, r, strict=True)) for r in rows if r[0] == str(booking.pk))
    assert row["purpose"] == "'" + FORMULA


# --- 7. a schedule that never advances ----------------------------------------------------


def test_a_schedule_of_interval_0_is_refused_in_time_and_breaks_no_page_when_stored(
    live_server, program, staff
):
    """Dates are expanded when a program is published (never per request): there
    ``INTERVAL=0`` looped until the worker was killed. Published from the editor, it is
    now refused with a message; stored around the editor, the pages still answer."""
    from django.utils.html import escape

    from events.models import Occurrence, ProgramPage
    from tests.security.test_exports_schedules import editor_data, rule

    never_advances = "RRULE:FREQ=DAILY;INTERVAL=0"
    dates = Occurrence.objects.filter(program=program).count()
    editor = logged_in_session(staff)
    published = editor.post(
        f"{live_server.url}/admin/pages/{program.pk}/edit/",
        data={**editor_data(program, never_advances), "csrfmiddlewaretoken": CSRF},
        allow_redirects=False,
        timeout=TIMEOUT,
    )

    assert published.status_code == 200  # the form again, with why
    from events.schedule import schedule_problems

    with translation.override("ko"):
        (why,) = schedule_problems(rule(never_advances), NOW.date())["schedule"]
    assert escape(why) in published.text
    assert Occurrence.objects.filter(program=program).count() == dates

    # Written straight into the database, as a script or an import could.
    ProgramPage.objects.filter(pk=program.pk).update(schedule=never_advances)
    page_url = live_server.url + url_of(program)
    http = requests.Session()
    page = http.get(page_url, timeout=TIMEOUT)
    calendar = http.get(f"{page_url}calendar.ics", timeout=TIMEOUT)

    assert page.status_code == 200
    assert OPEN_PROGRAM[0] in page.text
    assert calendar.status_code == 200
    assert calendar.content.startswith(b"BEGIN:VCALENDAR")


# --- 8. the search log ----------------------------------------------------------------------


def test_fifty_random_anonymous_searches_add_nothing_to_the_search_log(live_server, home, resident):
    from wagtail.contrib.search_promotions.models import Query

    url = f"{live_server.url}/search/"
    before = Query.objects.count()
    crawler = requests.Session()
    statuses = {
        crawler.get(url, params={"q": f"zq{secrets.token_hex(6)}"}, timeout=TIMEOUT).status_code
        for _n in range(50)
    }

    assert statuses == {200}
    assert Query.objects.count() == before
    # A resident's new term is still logged (so the count above can see one).
    logged_in_session(resident).get(url, params={"q": "뜨개질"}, timeout=TIMEOUT)
    assert Query.objects.count() == before + 1
    assert Query.objects.filter(query_string="뜨개질").exists()
