"""Two operators, each running one space with a program, a booking and a registration
(``world``), plus city staff and a resident — the cast of the permission tests."""

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import pytest
import recurrence
import time_machine

from spaces import access
from tests.conftest import write_as_recorded

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def make_user(db):
    def make(username, *, staff_group=False, superuser=False):
        user = get_user_model().objects.create_user(
            username, email=f"{username}@example.org", password="changeme"
        )
        if superuser:
            user.is_staff = user.is_superuser = True
            user.save()
        if staff_group:
            access.ensure_roles()
            user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
        return get_user_model().objects.get(pk=user.pk)  # no cached permissions

    return make


@pytest.fixture
def grant(db):
    """Make ``user`` an active operator of ``space`` (as staff do in the admin)."""
    from spaces.models import SpaceOperator

    def make(user, space, *, trusted=False):
        return SpaceOperator.objects.create(
            space=space, user=user, status=SpaceOperator.Status.ACTIVE, trusted=trusted
        )

    return make


@pytest.fixture
def world(clock, make_space, make_user, grant):
    """operator1 runs space A, operator2 runs space B; each space has a published
    program with a registration and a pending booking request from a resident (written
    as recorded: the clock is pinned)."""
    return write_as_recorded("operators' world", lambda: build_world(make_space, make_user, grant))


def build_world(make_space, make_user, grant):
    from bookings.models import Booking, Status
    from events.models import Occurrence, ProgramPage
    from events.services import register

    operator1 = make_user("operator1")
    operator2 = make_user("operator2")
    staff = make_user("staff1", staff_group=True)
    resident = make_user("resident1")
    spaces, programs, bookings, registrations = {}, {}, {}, {}
    for key, operator in (("a", operator1), ("b", operator2)):
        space = make_space(
            title=f"공간 {key.upper()}",
            bookable=True,
            opening_hours="Mo-Su 09:00-21:00",
            capacity=12,
            email=f"space-{key}@example.org",
        )
        grant(operator, space)
        program = space.add_child(
            instance=ProgramPage(
                title=f"프로그램 {key.upper()}",
                slug=f"program-{key}",
                summary="함께해요.",
                start_date=TODAY,
                start_time=dt.time(19),
                duration_minutes=90,
                capacity=5,
                schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
            )
        )
        program.save_revision().publish()
        program = ProgramPage.objects.get(pk=program.pk)
        occurrence = Occurrence.objects.filter(program=program).order_by("start").first()
        start = timezone.make_aware(dt.datetime.combine(TODAY + dt.timedelta(days=3), dt.time(14)))
        booking = Booking.objects.create(
            space=space,
            user=resident,
            start=start,
            end=start + dt.timedelta(hours=2),
            headcount=3,
            purpose=f"모임 {key}",
            status=Status.REQUESTED,
            expires_at=NOW + dt.timedelta(hours=48),
        )
        spaces[key], programs[key], bookings[key] = space, program, booking
        registrations[key] = register(resident, occurrence.pk)
    return SimpleNamespace(
        operator1=operator1,
        operator2=operator2,
        staff=staff,
        resident=resident,
        spaces=spaces,
        programs=programs,
        bookings=bookings,
        registrations=registrations,
    )
