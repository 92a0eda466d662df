"""The admin dashboard for operators and staff (``/admin/``), "confirm the details" of a
space (``/admin/spaces/<pk>/verify/``), and the staff's review queue and statistics.
The time is pinned to Monday 2026-11-30 09:00 in Seoul (``world`` uses ``clock``)."""

import datetime as dt
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

import pytest

from bookings.models import Booking, Status
from operators import services
from spaces.models import District, SpacePage, SpaceType

from .conftest import NOW, TODAY

ADMIN = "/admin/"


def ko(message, **params):
    with translation.override("ko"):
        text = gettext(message)
    return text % params if params else text


def section(html, heading_id):
    """The dashboard panel labelled by ``heading_id`` (or None when it is not shown)."""
    match = re.search(
        rf'<section class="panel operators-panel" aria-labelledby="{heading_id}">(.*?)</section>',
        html,
        re.S,
    )
    return match.group(1) if match else None


def operator_panel(response):
    return section(response.content.decode(), "operator-panel-heading")


def staff_panel(response):
    return section(response.content.decode(), "space-review-heading")


def verify_url(space):
    return reverse("spaces_verify", args=[space.pk])


def decide_url(booking):
    return reverse("bookings_decide", args=[booking.pk])


def assert_refused(response):
    """The admin answers a PermissionDenied by sending the user home with a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def set_last_verified(space, day):
    SpacePage.objects.filter(pk=space.pk).update(last_verified=day)


def proposal_data(name):
    return {
        "name": name,
        "summary": "새로 신청한 공간",
        "description": "설명",
        "space_type": SpaceType.objects.get(slug="workshop"),
        "district": District.objects.get(slug="jongno"),
        "address": "서울특별시 종로구 세종대로 1",
        "latitude": None,
        "longitude": None,
        "capacity": 8,
        "opening_hours": "",
        "operator_name": "공방 모임",
        "operator_kind": "private",
        "is_free": True,
        "phone": "",
        "email": "",
        "website": "",
    }


# --- who sees which panel ----------------------------------------------------------------


def test_an_operator_sees_their_own_spaces_panel_with_the_pending_request(world):
    response = logged_in(world.operator1).get(ADMIN)

    assert response.status_code == 200
    panel = operator_panel(response)
    assert panel is not None
    assert ko("Your spaces") in panel
    assert ko("Booking requests to decide") in panel
    assert "공간 A" in panel
    assert f'href="{decide_url(world.bookings["a"])}?next=/admin/"' in panel  # back here after
    assert world.resident.username in panel
    # Operator 2's space and request stay out of it.
    assert "공간 B" not in panel
    assert decide_url(world.bookings["b"]) not in panel
    assert "공간 B" not in response.content.decode()
    # An operator is not staff: no review panel.
    assert staff_panel(response) is None


def test_the_other_operator_sees_only_their_space(world):
    panel = operator_panel(logged_in(world.operator2).get(ADMIN))

    assert "공간 B" in panel
    assert f'href="{decide_url(world.bookings["b"])}?next=/admin/"' in panel
    assert "공간 A" not in panel
    assert decide_url(world.bookings["a"]) not in panel


def test_the_program_section_lists_the_next_date_with_its_registrations(world):
    panel = operator_panel(logged_in(world.operator1).get(ADMIN))

    programs = panel.split(ko("Programs in the next two weeks"), 1)[1]
    assert "프로그램 A" in programs
    assert "프로그램 B" not in programs
    assert reverse("wagtailadmin_pages:edit", args=[world.programs["a"].pk]) in programs
    # The first date after Monday 09:00 is Tuesday 1 December at 19:00; the resident's
    # registration counts there.
    occurrence = world.registrations["a"].occurrence
    assert timezone.localtime(occurrence.start) == timezone.make_aware(dt.datetime(2026, 12, 1, 19))
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", programs, re.S).group(1)
    assert "12/1" in first_row and "19:00" in first_row
    assert "프로그램 A" in first_row
    cells = re.findall(r"<td>(.*?)</td>", first_row, re.S)
    assert occurrence.places == 5  # the program's capacity
    assert cells[2].strip() == "1 / 5"  # registered / places
    assert cells[3].strip() == "0"  # waiting
    # Tuesdays and Thursdays for two weeks: four dates.
    assert programs.count("프로그램 A</a>") == 4


def test_the_week_section_lists_confirmed_bookings(world):
    booking = world.bookings["a"]
    booking.status = Status.CONFIRMED
    booking.save()
    Booking.objects.create(
        space=world.spaces["a"],
        user=world.resident,
        start=NOW + dt.timedelta(hours=3),
        end=NOW + dt.timedelta(hours=5),
        headcount=6,
        purpose="오늘 모임",
        status=Status.CONFIRMED,
    )
    Booking.objects.filter(pk=world.bookings["b"].pk).update(status=Status.CONFIRMED)

    panel = operator_panel(logged_in(world.operator1).get(ADMIN))

    today_part, week_part = panel.split(ko("Today"), 1)[1].split(ko("This week"), 1)
    week_part = week_part.split(ko("Programs in the next two weeks"), 1)[0]
    assert "12:00–14:00 · 공간 A · resident1 (6)" in today_part
    assert "12/3" in week_part and "14:00–16:00 · 공간 A · resident1 (3)" in week_part
    assert ko("No requests wait for you.") in panel
    assert "공간 B" not in panel  # operator 2's confirmed booking


def test_staff_see_the_space_review_panel(world, make_user):
    proposer = make_user("proposer1")
    page = services.propose(proposer, proposal_data("새 공방"))

    response = logged_in(world.staff).get(ADMIN)

    assert response.status_code == 200
    panel = staff_panel(response)
    assert panel is not None
    assert ko("Space review") in panel
    assert "새 공방" in panel
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in panel
    assert "proposer1" in panel
    assert reverse("operators_review_queue") in panel
    assert operator_panel(response) is None  # staff run no space themselves


def test_staff_review_panel_when_nothing_waits(world):
    panel = staff_panel(logged_in(world.staff).get(ADMIN))

    assert ko("Nothing waits for review.") in panel


def test_a_resident_without_a_role_cannot_open_the_admin(world):
    response = logged_in(world.resident).get(ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# --- "confirm the details" ---------------------------------------------------------------


def test_a_space_verified_200_days_ago_is_listed_with_a_confirm_form(world):
    set_last_verified(world.spaces["a"], TODAY - dt.timedelta(days=200))
    set_last_verified(world.spaces["b"], TODAY - dt.timedelta(days=200))

    panel = operator_panel(logged_in(world.operator1).get(ADMIN))

    assert ko("These details have not been confirmed for over six months. Please check them:") in (
        panel
    )
    expected_date = (TODAY - dt.timedelta(days=200)).isoformat()
    assert ko("last verified %(date)s", date=expected_date) in panel
    assert f'<form method="post" action="{verify_url(world.spaces["a"])}"' in panel
    assert 'name="csrfmiddlewaretoken"' in panel
    assert ko("Confirm the details of %(name)s", name="공간 A") in panel
    assert verify_url(world.spaces["b"]) not in panel


def test_a_recently_verified_space_has_no_reminder(world):
    set_last_verified(world.spaces["a"], TODAY - dt.timedelta(days=30))

    panel = operator_panel(logged_in(world.operator1).get(ADMIN))

    assert verify_url(world.spaces["a"]) not in panel
    assert ko(
        "These details have not been confirmed for over six months. Please check them:"
    ) not in (panel)


def test_a_never_verified_space_is_listed(world):
    set_last_verified(world.spaces["a"], None)

    panel = operator_panel(logged_in(world.operator1).get(ADMIN))

    assert ko("never verified") in panel
    assert verify_url(world.spaces["a"]) in panel


def test_the_operator_confirms_the_details_from_the_dashboard(world):
    space = world.spaces["a"]
    set_last_verified(space, TODAY - dt.timedelta(days=200))
    client = logged_in(world.operator1)

    response = client.post(verify_url(space))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    space = SpacePage.objects.get(pk=space.pk)
    assert space.last_verified == TODAY
    # The next publication keeps the date: the draft and live revisions carry it too.
    assert space.get_latest_revision().content["last_verified"] == "2026-11-30"
    assert space.live_revision.content["last_verified"] == "2026-11-30"
    assert space.get_latest_revision_as_object().last_verified == TODAY
    after = client.get(ADMIN)
    assert verify_url(space) not in operator_panel(after)
    assert ko("“%(name)s”: details confirmed today.", name="공간 A") in after.content.decode()


def test_the_dashboards_confirm_form_works_with_csrf_checks_on(world):
    """The reminder's form carries a real CSRF token (as a browser would send it)."""
    space = world.spaces["a"]
    set_last_verified(space, TODAY - dt.timedelta(days=200))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.operator1)
    panel = operator_panel(browser.get(ADMIN))
    form = re.search(
        rf'<form method="post" action="{verify_url(space)}".*?</form>', panel, re.S
    ).group(0)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', form).group(1)
    assert csrf

    response = browser.post(verify_url(space), {"csrfmiddlewaretoken": csrf})

    assert response.status_code == 302
    assert SpacePage.objects.get(pk=space.pk).last_verified == TODAY


def test_confirming_keeps_the_date_through_a_later_publication(world):
    space = world.spaces["a"]
    set_last_verified(space, TODAY - dt.timedelta(days=200))
    logged_in(world.operator1).post(verify_url(space))

    space = SpacePage.objects.get(pk=space.pk)
    space.get_latest_revision_as_object().save_revision(user=world.staff).publish()

    assert SpacePage.objects.get(pk=space.pk).last_verified == TODAY


def test_the_verify_page_asks_for_confirmation_first(world):
    space = world.spaces["a"]
    set_last_verified(space, TODAY - dt.timedelta(days=200))

    response = logged_in(world.operator1).get(verify_url(space))

    assert response.status_code == 200
    assert "공간 A" in response.content.decode()
    assert SpacePage.objects.get(pk=space.pk).last_verified == TODAY - dt.timedelta(days=200)


def test_an_operator_cannot_confirm_another_operators_space(world):
    other = world.spaces["b"]
    old = TODAY - dt.timedelta(days=200)
    set_last_verified(other, old)
    client = logged_in(world.operator1)
    revision_before = (
        SpacePage.objects.get(pk=other.pk).get_latest_revision().content.get("last_verified")
    )

    assert_refused(client.get(verify_url(other)))
    response = client.post(verify_url(other))

    assert_refused(response)
    other = SpacePage.objects.get(pk=other.pk)
    assert other.last_verified == old
    assert other.get_latest_revision().content.get("last_verified") == revision_before


def test_a_resident_cannot_confirm_any_space(world):
    response = logged_in(world.resident).post(verify_url(world.spaces["a"]))

    assert response.status_code in (302, 403)
    assert SpacePage.objects.get(pk=world.spaces["a"].pk).last_verified != TODAY


def test_verify_ignores_an_outside_next_address(world):
    response = logged_in(world.operator1).post(
        verify_url(world.spaces["a"]), {"next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_verify_returns_to_a_local_next_address(world):
    edit = reverse("wagtailadmin_pages:edit", args=[world.spaces["a"].pk])

    response = logged_in(world.operator1).post(verify_url(world.spaces["a"]), {"next": edit})

    assert response.status_code == 302
    assert response["Location"] == edit


def test_staff_see_a_verify_details_button_on_a_space_page(world):
    space = world.spaces["b"]
    edit = reverse("wagtailadmin_pages:edit", args=[space.pk])

    response = logged_in(world.staff).get(edit)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{verify_url(space)}?next={edit}" in html
    assert ko("Verify details") in html


def test_the_operator_sees_a_confirm_details_button_on_their_space(world):
    space = world.spaces["a"]
    edit = reverse("wagtailadmin_pages:edit", args=[space.pk])

    html = logged_in(world.operator1).get(edit).content.decode()

    assert verify_url(space) in html
    assert ko("Confirm details") in html


def test_no_verify_button_on_a_program_page(world):
    program = world.programs["a"]

    html = (
        logged_in(world.staff)
        .get(reverse("wagtailadmin_pages:edit", args=[program.pk]))
        .content.decode()
    )

    assert "/verify/" not in html


def test_staff_verify_any_space(world):
    client = logged_in(world.staff)
    for key in ("a", "b"):
        space = world.spaces[key]
        set_last_verified(space, TODAY - dt.timedelta(days=400))

        assert client.get(verify_url(space)).status_code == 200
        response = client.post(verify_url(space))

        assert response.status_code == 302
        space = SpacePage.objects.get(pk=space.pk)
        assert space.last_verified == TODAY
        assert space.get_latest_revision().content["last_verified"] == "2026-11-30"


# --- staff pages -------------------------------------------------------------------------


def test_the_statistics_page_counts_spaces_by_district_and_month(world):
    response = logged_in(world.staff).get(reverse("operators_statistics"))

    assert response.status_code == 200
    html = response.content.decode()
    # Both spaces are in Mapo; other districts are listed with none.
    assert re.search(
        r'<th scope="row">마포구</th><td>.*?<span class="bar-chart__value">2</span>', html
    )
    assert re.search(
        r'<th scope="row">종로구</th><td>.*?<span class="bar-chart__value">0</span>', html
    )
    assert re.search(
        r'<th scope="row">작은도서관</th><td>.*?<span class="bar-chart__value">2</span>', html
    )
    # Twelve months up to this one; this month has the two registrations, and the
    # bookings (in December) are not in it.
    months = re.findall(r'<th scope="row">(\d{4}-\d{2})</th>', html)
    assert months == [
        f"{year}-{month:02d}" for year, month in [(2025, 12)] + [(2026, m) for m in range(1, 12)]
    ]
    november = re.search(r'<th scope="row">2026-11</th>(.*?)</tr>', html, re.S).group(1)
    values = re.findall(r'<span class="column-chart__value">(\d+)</span>', november)
    assert values == ["0", "2"]
    assert ko("Bookings and registrations per month") in html


def test_the_statistics_count_bookings_per_month(world):
    Booking.objects.filter(pk=world.bookings["a"].pk).update(
        start=NOW - dt.timedelta(days=40), end=NOW - dt.timedelta(days=40) + dt.timedelta(hours=1)
    )

    html = logged_in(world.staff).get(reverse("operators_statistics")).content.decode()

    october = re.search(r'<th scope="row">2026-10</th>(.*?)</tr>', html, re.S).group(1)
    values = re.findall(r'<span class="column-chart__value">(\d+)</span>', october)
    assert values == ["1", "0"]


def test_operators_cannot_open_the_staff_pages(world):
    client = logged_in(world.operator1)

    assert_refused(client.get(reverse("operators_statistics")))
    assert_refused(client.get(reverse("operators_review_queue")))


def test_the_review_queue_lists_a_proposal(world, make_user):
    proposer = make_user("proposer1")
    page = services.propose(proposer, proposal_data("새 공방"))

    response = logged_in(world.staff).get(reverse("operators_review_queue"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "새 공방" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert ko("New space") in html
    assert "proposer1" in html
    assert "종로구" in html
    with translation.override("ko"):
        summary = ngettext(
            "%(counter)s space waits for review, oldest first.",
            "%(counter)s spaces wait for review, oldest first.",
            1,
        ) % {"counter": 1}
    assert summary in html
    task_state = page.current_workflow_state.current_task_state
    assert reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.pk]) in html


def test_the_review_queue_when_nothing_waits(world):
    html = logged_in(world.staff).get(reverse("operators_review_queue")).content.decode()

    assert ko("Nothing waits for review. New proposals and operators' changes appear here.") in html


# --- query budget --------------------------------------------------------------------------

DASHBOARD_QUERY_BUDGET = 31  # 26 measured (with 3 or 30 extra bookings), about 20% above


def add_bookings(world, count):
    """``count`` more bookings of space A: half requests to decide, half confirmed, each
    in its own hour (PostgreSQL refuses overlapping bookings), never on day 3 (the
    world's own booking)."""
    space = world.spaces["a"]
    first = Booking.objects.filter(space=space).count()
    for number in range(first, first + count):
        day = (1, 2, 4, 5, 6, 7, 8, 9)[number // 8]
        start = NOW + dt.timedelta(days=day, hours=number % 8)
        requested = (number - first) % 2 == 0
        Booking.objects.create(
            space=space,
            user=world.resident,
            start=start,
            end=start + dt.timedelta(hours=1),
            headcount=2,
            purpose=f"모임 {number}",
            status=Status.REQUESTED if requested else Status.CONFIRMED,
            expires_at=NOW + dt.timedelta(hours=48) if requested else None,
        )


@pytest.mark.parametrize("extra", [3, 30])
def test_the_operator_dashboard_queries_do_not_grow_with_bookings(
    world, extra, django_assert_max_num_queries
):
    add_bookings(world, extra)
    client = logged_in(world.operator1)
    client.get(ADMIN)  # warm the caches a first visit fills

    with django_assert_max_num_queries(DASHBOARD_QUERY_BUDGET):
        response = client.get(ADMIN)

    assert response.status_code == 200
    assert operator_panel(response).count(">처리</a>") == min(10, 1 + (extra + 1) // 2)


def test_the_operator_dashboard_makes_the_same_queries_for_few_and_many_bookings(world):
    client = logged_in(world.operator1)
    add_bookings(world, 3)
    client.get(ADMIN)
    with CaptureQueriesContext(connection) as few:
        client.get(ADMIN)

    add_bookings(world, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(ADMIN)

    assert len(many.captured_queries) == len(few.captured_queries)
    panel = operator_panel(response)
    assert panel.count(">처리</a>") == 10  # the ten most urgent requests
