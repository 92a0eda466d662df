"""``manage.py load_demo`` gives the demo residents bookings of bookable demo spaces in
every status, past and coming, that the portal shows like any other; running it again
adds none twice."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

import pytest
import time_machine

from bookings import demo
from bookings.models import Booking, Status

from .conftest import NOW

SPACES = 30


def load():
    call_command("load_demo", "--force", "--spaces", str(SPACES), "--seed", "1", verbosity=0)


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The demo, loaded (at NOW, as ``clock`` pins it) once for the module's tests that
    a worker runs in a row, inside a transaction rolled back after them; what a test
    changes, its own transaction (a savepoint inside this one) rolls back."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # as ``_fresh_cache`` leaves it for a test
        with time_machine.travel(NOW, tick=False), translation.override(settings.LANGUAGE_CODE):
            load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(loaded_once, db, clock):
    pass


def test_the_demo_has_bookings_in_every_status(demo_site):
    statuses = set(Booking.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Booking.objects.filter(user__username="resident1").exists()
    assert Booking.objects.filter(user__username="resident2").exists()


def test_demo_bookings_are_past_and_coming_in_bookable_spaces(demo_site):
    now = timezone.now()
    assert Booking.objects.filter(end__lt=now).exists()
    assert Booking.objects.filter(start__gt=now).exists()
    for booking in Booking.objects.select_related("space"):
        assert booking.space.bookable and booking.space.live
        assert booking.start < booking.end
        assert 1 <= booking.headcount <= (booking.space.capacity or booking.headcount)


def test_demo_requests_wait_for_an_answer_and_declines_say_why(demo_site):
    for booking in Booking.objects.filter(status=Status.REQUESTED):
        assert booking.expires_at > timezone.now()
    for booking in Booking.objects.filter(status=Status.DECLINED):
        assert booking.reason


def test_no_two_active_demo_bookings_overlap(demo_site):
    active = list(Booking.objects.active())
    for one in active:
        for other in active:
            if one.pk < other.pk and one.space_id == other.space_id:
                assert not (one.start < other.end and other.start < one.end)


def test_a_demo_resident_sees_the_bookings_on_my_bookings(demo_site, client):
    client.login(username="resident1", password="changeme")
    page = client.get("/accounts/bookings/").content.decode()
    mine = Booking.objects.filter(user__username="resident1")
    assert page.count('class="booking-item"') == mine.count()
    for status in set(mine.values_list("status", flat=True)):
        assert str(Status(status).label) in page


def test_loading_the_demo_again_adds_no_bookings(demo_site):
    before = sorted(Booking.objects.values_list("space_id", "user_id", "start", "status"))
    load()
    after = sorted(Booking.objects.values_list("space_id", "user_id", "start", "status"))
    assert after == before
    assert len(after) == len(demo.PLAN)


def test_the_demo_booking_times_are_whole_hours_in_seoul(demo_site):
    for booking in Booking.objects.all():
        local = timezone.localtime(booking.start)
        assert local.minute == 0
        assert 9 <= local.hour <= 17
        assert booking.end - booking.start in {dt.timedelta(hours=h) for h in (1, 2, 3)}
