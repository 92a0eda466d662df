"""What staff download and what editors type into a program's schedule cannot be turned
against the portal.

**Spreadsheet exports.** Residents, operators and people proposing a space type the text
staff later export (a booking's purpose, a username, a campaign entry, a program's or a
space's title). A CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)`` sends a
click anywhere; DDE formulas start programs): every such text cell must come out with a
leading single quote (OWASP, CSV injection), whichever listing exported it, while
numbers and dates stay as they were. XLSX exports keep these cells as text.

**Program schedules.** A django-recurrence rule such as ``FREQ=DAILY;INTERVAL=0`` made
the expansion loop until the worker was killed, ``BYSETPOS=-99999999`` was a server
error. The editor must refuse every out-of-range part with a message on the schedule
field, and a bad schedule already in the database (written around the editor) must
neither hang nor break the program page, its calendar, the program listing, the open
data API or the daily refresh. Hangs are caught without timers: the expansion must
return, with a bounded number of dates."""

import codecs
import csv
import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.html import escape

import pytest
import time_machine

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 in Seoul
TODAY = NOW.date()
DAY = dt.date(2026, 12, 2)  # Wednesday

# What a spreadsheet runs as a formula when a cell starts with it.
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def space(make_space):
    return make_space(
        title="망원 작은도서관",
        bookable=True,
        opening_hours="Mo-Sa 09:00-21:00",
        capacity=12,
        email="operator@example.org",
    )


def make_user(username):
    return get_user_model().objects.create_user(
        username, email=f"user{get_user_model().objects.count()}@example.org", password="x"
    )


def seoul(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def exported(client, url, columns, **params):
    """The CSV export of an admin listing, as {column: cell} rows; ``columns`` are the
    listing's ``list_export`` names, in the order of the file's columns."""
    response = client.get(url, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(codecs.BOM_UTF8)  # so Excel reads the Korean as Korean
    heading, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    assert len(heading) == len(columns)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def quoted(text):
    return "'" + text


# --- spreadsheet exports -----------------------------------------------------------------


def test_a_bookings_purpose_or_username_that_is_a_formula_is_exported_as_text_in_csv(
    admin_client, space
):
    from openpyxl import load_workbook

    from bookings.models import Booking
    from bookings.wagtail_hooks import BookingViewSet

    made = {}
    for n, formula in enumerate(FORMULAS):
        made[formula] = Booking.objects.create(
            space=space,
            user=make_user(formula if n else "resident1"),
            start=seoul(DAY, 9 + n),
            end=seoul(DAY, 10 + n),
            headcount=4,
            purpose=formula,
            status="confirmed",
            created_at=NOW,
        )

    rows = exported(admin_client, "/admin/snippets/bookings/booking/", BookingViewSet.list_export)

    by_pk = {row["pk"]: row for row in rows}
    assert set(by_pk) == {str(b.pk) for b in made.values()}  # ids stay plain numbers
    for n, (formula, booking) in enumerate(made.items()):
        row = by_pk[str(booking.pk)]
        assert row["purpose"] == quoted(formula)
        if n:
            assert row["resident_name"] == quoted(formula)
        assert row["headcount"] == "4"  # numbers and times as they were
        assert row["start_local"] == f"2026-12-02 {9 + n:02d}:00"
        assert row["space"] == "망원 작은도서관"
        assert row["status"] == "확정"
    assert by_pk[str(made[FORMULAS[0]].pk)]["resident_name"] == "resident1"

    # The XLSX export keeps the same text as it is, as a string cell (not a formula).
    response = admin_client.get("/admin/snippets/bookings/booking/", {"export": "xlsx"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    column = BookingViewSet.list_export.index("purpose") + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
    # (a carriage return comes back as a line feed or as itself, depending on whether
    # openpyxl writes through lxml: a line break either way)
    assert sorted(cell.value.replace("\r", "\n") for cell in cells) == sorted(
        f.replace("\r", "\n") for f in FORMULAS
    )
    assert {cell.data_type for cell in cells} == {"s"}


def xlsx_rows(client, url, columns):
    """The XLSX export of an admin listing, as {column: cell} rows."""
    from openpyxl import load_workbook

    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    heading, *rows = load_workbook(io.BytesIO(body)).active.iter_rows()
    assert len(heading) == len(columns)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_the_bookings_export_gives_korean_status_labels_and_seoul_times(admin_client, space):
    """Staff read "확정" and 19:00 (Seoul), not ``confirmed`` and ``10:00:00+00:00``, in
    both the CSV and the XLSX file."""
    from bookings.models import Booking
    from bookings.wagtail_hooks import BookingViewSet

    columns = BookingViewSet.list_export
    statuses = {"requested": "신청됨", "confirmed": "확정", "declined": "거절됨"}
    for n, status in enumerate(statuses):
        Booking.objects.create(
            space=space,
            user=make_user(f"resident{n}"),
            start=seoul(DAY, 19 + n),
            end=seoul(DAY, 20 + n),
            headcount=2,
            purpose="모임",
            status=status,
            expires_at=seoul(DAY, 9) if status == "requested" else None,
            created_at=NOW,  # 09:00 in Seoul, 00:00 UTC
        )

    rows = exported(admin_client, "/admin/snippets/bookings/booking/", columns)

    assert {row["status"]: row["start_local"] for row in rows} == {
        label: f"2026-12-02 {19 + n}:00" for n, label in enumerate(statuses.values())
    }
    for row in rows:
        assert row["created_at"] == "2026-11-30 09:00"
        assert "+00:00" not in "".join(row.values())
    requested = next(row for row in rows if row["status"] == "신청됨")
    assert requested["expires_at"] == "2026-12-02 09:00"

    cells = xlsx_rows(admin_client, "/admin/snippets/bookings/booking/", columns)
    assert sorted(row["status"].value for row in cells) == sorted(statuses.values())
    for row in cells:
        # A real date-time cell holding Seoul's wall-clock time, shown as such.
        assert row["created_at"].value == dt.datetime(2026, 11, 30, 9, 0)
        assert row["created_at"].number_format == "yyyy-mm-dd hh:mm"


def test_the_bookings_export_follows_the_admin_language(admin_client, admin_user, space):
    """The labels are the model's choices in the language the admin speaks to the user."""
    from wagtail.users.models import UserProfile

    from bookings.models import Booking
    from bookings.wagtail_hooks import BookingViewSet

    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "en"})
    Booking.objects.create(
        space=space,
        user=make_user("resident1"),
        start=seoul(DAY, 19),
        end=seoul(DAY, 20),
        headcount=2,
        purpose="모임",
        status="confirmed",
    )

    (row,) = exported(admin_client, "/admin/snippets/bookings/booking/", BookingViewSet.list_export)

    assert row["status"] == "Confirmed"
    assert row["start_local"] == "2026-12-02 19:00"


def test_every_listing_export_gives_labels_and_seoul_times(admin_client, campaign, space):
    """Registrations, space operators and campaign entries come out the same way."""
    from campaigns.models import CampaignEntry
    from campaigns.wagtail_hooks import CampaignEntryViewSet
    from events import services
    from events.models import Occurrence, ProgramPage
    from events.wagtail_hooks import RegistrationViewSet
    from operators.wagtail_hooks import SpaceOperatorViewSet
    from spaces.models import SpaceOperator

    program = space.add_child(
        instance=ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            start_date=DAY,
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=1,
        )
    )
    program.save_revision().publish()
    occurrence = Occurrence.objects.get(program=program)
    services.register(make_user("first"), occurrence.pk)
    services.register(make_user("second"), occurrence.pk)
    SpaceOperator.objects.create(space=space, user=make_user("operator1"), status="active")
    CampaignEntry.objects.create(
        campaign=campaign,
        user=make_user("resident9"),
        space=space,
        space_title="망원 작은도서관",
        why="좋아요",
        status="shortlisted",
        terms_accepted_at=NOW,
        privacy_accepted_at=NOW,
    )

    registrations = exported(
        admin_client, "/admin/snippets/events/registration/", RegistrationViewSet.list_export
    )
    assert {row["resident_name"]: row["status"] for row in registrations} == {
        "first": "신청 완료",
        "second": "대기 중",
    }
    assert {row["start_local"] for row in registrations} == {"2026-12-02 19:00"}
    assert {row["created_local"] for row in registrations} == {"2026-11-30 09:00"}

    (role,) = exported(
        admin_client, "/admin/snippets/spaces/spaceoperator/", SpaceOperatorViewSet.list_export
    )
    assert role["status"] == "활성"
    assert role["created_at"] == "2026-11-30 09:00"

    (entry,) = exported(
        admin_client,
        "/admin/snippets/campaigns/campaignentry/",
        CampaignEntryViewSet.list_export,
    )
    assert entry["status_label"] == "후보 선정"
    assert entry["created_local"] == "2026-11-30 09:00"


def test_a_program_title_or_username_that_is_a_formula_is_exported_as_text(admin_client, space):
    from events import services
    from events.models import Occurrence, ProgramPage
    from events.wagtail_hooks import RegistrationViewSet

    program = space.add_child(
        instance=ProgramPage(
            title=FORMULAS[0],
            slug="formula",
            start_date=DAY,
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=20,
        )
    )
    program.save_revision().publish()
    occurrence = Occurrence.objects.get(program=program)
    registrations = {
        formula: services.register(make_user(formula), occurrence.pk) for formula in FORMULAS[1:]
    }

    rows = exported(
        admin_client, "/admin/snippets/events/registration/", RegistrationViewSet.list_export
    )

    by_pk = {row["pk"]: row for row in rows}
    for formula, registration in registrations.items():
        row = by_pk[str(registration.pk)]
        assert row["program_title"] == quoted(FORMULAS[0])
        assert row["resident_name"] == quoted(formula)
        assert row["start_local"] == "2026-12-02 19:00"
        assert row["status"] in ("신청 완료", "대기 중")


@pytest.fixture
def campaign(bilingual_site):
    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.demo import ensure_section, publish

    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    page = CampaignPage(
        title="우리 동네 공간",
        slug="love-your-space",
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        opens_at=NOW - dt.timedelta(days=7),
        closes_at=NOW + dt.timedelta(days=30),
    )
    index.add_child(instance=page)
    publish(page)
    return CampaignPage.objects.get(pk=page.pk)


def test_a_campaign_entry_written_as_formulas_is_exported_as_text(admin_client, campaign, space):
    from campaigns.models import CampaignEntry
    from campaigns.wagtail_hooks import CampaignEntryViewSet

    entries = {}
    for n, formula in enumerate(FORMULAS):
        entries[formula] = CampaignEntry.objects.create(
            campaign=campaign,
            user=make_user(f"resident{n}"),
            space=space,
            space_title=formula,
            why=formula,
            contact=formula,
            notes=formula,
            terms_accepted_at=NOW,
            privacy_accepted_at=NOW,
        )

    rows = exported(
        admin_client,
        "/admin/snippets/campaigns/campaignentry/",
        CampaignEntryViewSet.list_export,
    )

    by_pk = {row["pk"]: row for row in rows}
    for formula, entry in entries.items():
        row = by_pk[str(entry.pk)]
        for column in ("space_title", "why", "contact", "notes"):
            assert row[column] == quoted(formula), column
        assert row["created_local"] == "2026-11-30 09:00"


def test_a_space_operator_note_that_is_a_formula_is_exported_as_text(admin_client, space):
    from operators.wagtail_hooks import SpaceOperatorViewSet
    from spaces.models import SpaceOperator

    role = SpaceOperator.objects.create(
        space=space, user=make_user("-operator"), note="=cmd|' /C calc'!A0"
    )

    rows = exported(
        admin_client, "/admin/snippets/spaces/spaceoperator/", SpaceOperatorViewSet.list_export
    )

    (row,) = rows
    assert row["note"] == "'=cmd|' /C calc'!A0"
    assert row["user"] == "'-operator"
    assert row["space"] == "망원 작은도서관"
    assert role.pk


def test_wagtails_own_reports_export_a_formula_title_as_text(admin_client, make_space):
    """A space proposed by anyone with an account becomes a page whose title staff see in
    Wagtail's reports (site history) and may export."""
    from wagtail.admin.views.reports.audit_logging import LogEntriesView

    make_space(title=FORMULAS[0])

    rows = exported(admin_client, "/admin/reports/site-history/", LogEntriesView.list_export)

    labels = {row["label"] for row in rows}
    assert quoted(FORMULAS[0]) in labels
    assert FORMULAS[0] not in labels


# --- program schedules ---------------------------------------------------------------------

# Each refused by the editor: a part outside its RFC 5545 range, or beyond the portal's
# limits. The first two looped for ever and raised a server error.
BAD_SCHEDULES = {
    "interval 0": "RRULE:FREQ=DAILY;INTERVAL=0",
    "bysetpos far out": "RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=-99999999",
    "negative interval": "RRULE:FREQ=WEEKLY;INTERVAL=-1",
    "huge interval": "RRULE:FREQ=DAILY;INTERVAL=99999999999",
    "count 0": "RRULE:FREQ=DAILY;COUNT=0",
    "huge count": "RRULE:FREQ=DAILY;COUNT=99999999",
    "month 13": "RRULE:FREQ=YEARLY;BYMONTH=13",
    "month day 99": "RRULE:FREQ=MONTHLY;BYMONTHDAY=99",
    "month day 0": "RRULE:FREQ=MONTHLY;BYMONTHDAY=0",
    "year day 367": "RRULE:FREQ=YEARLY;BYYEARDAY=367",
    "week 54": "RRULE:FREQ=YEARLY;BYWEEKNO=54",
    "week number in a monthly rule": "RRULE:FREQ=MONTHLY;BYWEEKNO=3",
    "40th monday": "RRULE:FREQ=MONTHLY;BYDAY=+40MO",
    "second monday of a week": "RRULE:FREQ=WEEKLY;BYDAY=+2MO",
    "second day of a day": "RRULE:FREQ=DAILY;BYSETPOS=2",
    "hourly": "RRULE:FREQ=HOURLY",
    "until year 1": "RRULE:FREQ=DAILY;UNTIL=00010101T000000Z",
    "until year 9999": "RRULE:FREQ=DAILY;UNTIL=99991231T000000Z",
    "bad rule leaving dates out": "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXRULE:FREQ=DAILY;INTERVAL=0",
    "too many rules": "\n".join(f"RRULE:FREQ=MONTHLY;BYMONTHDAY={d}" for d in range(1, 13)),
    "too many dates": "RRULE:FREQ=WEEKLY;BYDAY=TU\n"
    + "\n".join(
        f"RDATE:{2027 + n // 300}0{1 + n // 28 % 9}{1 + n % 28:02d}T000000" for n in range(400)
    ),
}

# Stored around the editor, each of these could hang the daily refresh or break a page.
STORED_BAD = [
    "interval 0",
    "bysetpos far out",
    "negative interval",
    "month day 99",
    "40th monday",
    "until year 1",
    "bad rule leaving dates out",
]

# What the editor's widget makes (and the demo uses): still accepted.
GOOD_SCHEDULES = [
    "",
    "RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "RRULE:FREQ=MONTHLY;BYDAY=+2SA",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
    "RRULE:FREQ=DAILY;COUNT=5",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=1SA",
    "RRULE:FREQ=DAILY;UNTIL=20301231T150000Z",
    "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270301T000000Z\nEXDATE:20261202T150000Z",
    "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXRULE:FREQ=MONTHLY;BYDAY=1TU\nRDATE:20261205T000000",
]


def rule(text):
    import recurrence

    return recurrence.deserialize(text) if text else recurrence.Recurrence()


@pytest.fixture
def make_program(space):
    from events.models import ProgramPage

    counter = {"n": 0}

    def make(schedule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH", **fields):
        counter["n"] += 1
        values = {
            "title": f"뜨개질 모임 {counter['n']}",
            "slug": f"knitting-{counter['n']}",
            "summary": "함께 뜨개질해요.",
            "start_date": TODAY,
            "start_time": dt.time(19),
            "duration_minutes": 90,
            "capacity": 10,
            "schedule": rule(schedule),
        }
        values.update(fields)
        program = space.add_child(instance=ProgramPage(**values))
        program.save_revision().publish()
        return ProgramPage.objects.get(pk=program.pk)

    return make


@pytest.fixture
def program(make_program):
    return make_program()


def stored(program, text):
    """The schedule written straight into the database, as a script or an import
    might, without the editor's check; the page as the site then loads it."""
    from events.models import ProgramPage

    ProgramPage.objects.filter(pk=program.pk).update(schedule=text)
    return ProgramPage.objects.get(pk=program.pk)


def kept_dates(program):
    from events.models import Occurrence

    return Occurrence.objects.filter(program=program).count()


def editor_data(program, schedule, **changes):
    """The page editor's form for ``program``, as a browser posts it (publish)."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = {
        "title": program.title,
        "slug": program.slug,
        "summary": program.summary,
        "description": rich_text(""),
        "image_alt": "",
        "category": program.category,
        "audience": program.audience,
        "language": program.language,
        "tags": "",
        "start_date": program.start_date.isoformat(),
        "start_time": "19:00",
        "duration_minutes": "90",
        "schedule": schedule,
        "capacity": "10",
        "is_free": "on",
        "fee_note": "",
        "organiser_name": "",
        "organiser_email": "",
        "organiser_phone": "",
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def field_errors(response, field):
    """The messages Wagtail's editor shows on one field."""
    import re

    block = re.search(
        rf'data-contentpath="{field}">\s*<div class="w-field__errors"[^>]*>(.*?)</div>',
        response.content.decode(),
        re.S,
    )
    if block is None:
        return []
    return [m.strip() for m in re.findall(r'<p class="error-message">(.*?)</p>', block[1], re.S)]


def test_the_page_editor_refuses_interval_0_with_a_message_on_the_schedule(admin_client, program):
    from events.models import ProgramPage

    before = kept_dates(program)
    response = admin_client.post(
        f"/admin/pages/{program.pk}/edit/",
        editor_data(program, "RRULE:FREQ=DAILY;INTERVAL=0"),
    )

    assert response.status_code == 200  # the form again, not a redirect (nor a hang)
    assert field_errors(response, "schedule") == ["반복 간격은 1에서 366 사이의 정수여야 합니다."]
    program = ProgramPage.objects.get(pk=program.pk)
    assert rule("RRULE:FREQ=WEEKLY;BYDAY=TU,TH") == program.schedule
    assert kept_dates(program) == before


def test_the_page_editor_refuses_every_schedule_out_of_range_with_its_messages(
    admin_client, program
):
    from events.models import ProgramPage
    from events.schedule import schedule_problems

    for name, text in BAD_SCHEDULES.items():
        response = admin_client.post(f"/admin/pages/{program.pk}/edit/", editor_data(program, text))

        assert response.status_code == 200, name
        with translation.override("ko"):
            messages = schedule_problems(rule(text), TODAY)["schedule"]
        assert messages, name
        assert field_errors(response, "schedule") == [escape(m) for m in messages], name
    assert ProgramPage.objects.get(pk=program.pk).schedule == program.schedule


def test_the_program_refuses_every_schedule_out_of_range_and_accepts_the_widgets_own(program):
    """Directly (``clean``, as Wagtail's form calls it): a message on the schedule field
    for each bad schedule, none for what the editor's widget makes."""
    from django.core.exceptions import ValidationError

    for name, text in BAD_SCHEDULES.items():
        program.schedule = rule(text)
        with pytest.raises(ValidationError) as refused:
            program.clean()
        assert list(refused.value.message_dict) == ["schedule"], name
    for text in GOOD_SCHEDULES:
        program.schedule = rule(text)
        program.clean()


def test_the_editor_refuses_a_first_date_outside_the_years_a_schedule_can_hold(program):
    from django.core.exceptions import ValidationError

    program.start_date = dt.date(1, 1, 1)
    with pytest.raises(ValidationError) as refused:
        program.clean()
    assert list(refused.value.message_dict) == ["start_date"]


def test_a_bad_schedule_in_the_database_gives_a_bounded_set_of_dates(program):
    """The expansion returns (no loop, no exception) with at most one date a day."""
    from events.schedule import MAX_DATES, program_dates

    for name in STORED_BAD:
        program = stored(program, BAD_SCHEDULES[name])

        assert len(program_dates(program, TODAY)) <= MAX_DATES, name


def test_the_daily_refresh_survives_a_bad_schedule_in_the_database(program, make_program):
    from django.core.management import call_command

    from events.schedule import MAX_DATES

    other = make_program()
    for name in STORED_BAD:
        stored(program, BAD_SCHEDULES[name])

        call_command("refresh_program_dates", stdout=io.StringIO())

        assert kept_dates(program) <= MAX_DATES, name
        assert kept_dates(other) == 52, name  # the other programs keep their dates


def test_a_bad_schedule_in_the_database_breaks_no_public_page(client, program):
    from django.core.cache import caches

    for name in STORED_BAD:
        program = stored(program, BAD_SCHEDULES[name])
        caches["derived"].clear()  # nothing remembered from the last schedule
        url = program.url

        page = client.get(url)
        assert page.status_code == 200, name
        assert program.title in page.content.decode(), name

        calendar = client.get(f"{url}calendar.ics")
        assert calendar.status_code == 200, name
        assert calendar.content.startswith(b"BEGIN:VCALENDAR"), name

        assert client.get("/programs/").status_code == 200, name

        api = client.get(f"/api/v2/programs/{program.pk}/")
        assert api.status_code == 200, name
        # Not published as a rule nobody can read.
        assert api.json()["schedule_rfc5545"] == "", name


def test_a_rule_that_can_never_match_is_searched_for_a_few_hundred_years_not_to_9999(
    program, monkeypatch
):
    """A daily rule asking for the second date of each day never matches: dateutil
    looks for one up to the year 9999 (seconds of work on every refresh). The work
    is counted as the months dateutil steps through, instead of timed."""
    from dateutil import rrule as dateutil_rrule

    from events.schedule import program_dates

    months = {"n": 0}
    rebuild = dateutil_rrule._iterinfo.rebuild

    def counting(self, year, month):
        months["n"] += 1
        return rebuild(self, year, month)

    monkeypatch.setattr(dateutil_rrule._iterinfo, "rebuild", counting)
    program = stored(program, "RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=5")

    assert program_dates(program, TODAY) == []
    assert months["n"] < 12 * 500  # under five hundred years of months
