import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import time_machine

# A Wednesday in the portal's future, far enough ahead for every lead time and inside
# the default 60-day horizon when tests pin "now" to NOW.
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # Tuesday 09:00 Seoul
DAY = dt.date(2026, 12, 2)  # Wednesday


@pytest.fixture
def bookable(make_space):
    """A bookable space open Mo-Sa 09:00-21:00 for 12 people, with an operator e-mail."""

    def make(**fields):
        values = {
            "title": "망원 작은도서관",
            "bookable": True,
            "opening_hours": "Mo-Sa 09:00-21:00",
            "capacity": 12,
            "email": "operator@example.org",
        }
        values.update(fields)
        return make_space(**values)

    return make


@pytest.fixture
def space(bookable):
    return bookable()


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


@pytest.fixture
def other_resident(db):
    return get_user_model().objects.create_user(
        "resident2", email="resident2@example.org", password="changeme"
    )


def form(day=DAY, start="14:00", end="16:00", headcount="4", purpose="독서 모임"):
    return {
        "date": day.isoformat() if hasattr(day, "isoformat") else day,
        "start": start,
        "end": end,
        "headcount": headcount,
        "purpose": purpose,
    }


# --- shared by the behaviour tests ---------------------------------------------------------


def book_url(space):
    """The booking form of a space: ``<space url>book/``."""
    return f"{space.url}book/"


def seoul(day, hour, minute=0):
    """An aware Seoul moment."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_booking(space, user, *, day=DAY, start=14, end=16, status="requested", **fields):
    """A booking saved directly (for states the form cannot reach, e.g. in the past)."""
    from bookings.models import Booking, Status

    values = {
        "space": space,
        "user": user,
        "start": seoul(day, start),
        "end": seoul(day, end),
        "headcount": 4,
        "purpose": "독서 모임",
        "status": status,
        "created_at": NOW,
    }
    if status == Status.REQUESTED:
        values["expires_at"] = NOW + dt.timedelta(hours=48)
    values.update(fields)
    return Booking.objects.create(**values)


@pytest.fixture
def clock():
    """The time pinned to NOW (a Tuesday 09:00 in Seoul); ``clock.move_to(...)`` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def as_resident(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def other_client(other_resident):
    from django.test import Client

    other = Client()
    other.force_login(other_resident)
    return other


THURSDAY = dt.date(2026, 12, 3)


def make_series(space, user, *, weeks=4, first=THURSDAY, status="requested"):
    """A recurring request made directly: Thursdays 19:00–21:00, one booking a week.
    Returns (series, its bookings in date order)."""
    from bookings.models import BookingSeries

    series = BookingSeries.objects.create(space=space, user=user, weeks=weeks, created_at=NOW)
    dates = [
        make_booking(
            space,
            user,
            day=first + dt.timedelta(weeks=week),
            start=19,
            end=21,
            status=status,
            series=series,
        )
        for week in range(weeks)
    ]
    return series, dates
