"""What the residents tests share: a Monday morning in Seoul and two residents."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import time_machine

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


@pytest.fixture
def other(db):
    return get_user_model().objects.create_user(
        "resident2", email="resident2@example.org", password="changeme"
    )


@pytest.fixture
def as_resident(client, resident):
    client.force_login(resident)
    return client
