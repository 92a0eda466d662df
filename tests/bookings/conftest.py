import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

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
