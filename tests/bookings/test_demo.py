"""``manage.py load_demo`` gives the demo residents bookings of bookable demo spaces in
every status, past and coming, that the portal shows like any other; running it again
adds none twice."""

import datetime as dt

from django.utils import timezone

import pytest

from bookings import demo
from bookings.models import Booking, Status
from tests.conftest import demo_loaded_once, load_demo

from .conftest import NOW


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    with demo_loaded_once(django_db_blocker, NOW):
        yield


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
    load_demo()
    after = sorted(Booking.objects.values_list("space_id", "user_id", "start", "status"))
    assert after == before
    assert len(after) == len(demo.PLAN)


def test_the_demo_booking_times_are_whole_hours_in_seoul(demo_site):
    for booking in Booking.objects.all():
        local = timezone.localtime(booking.start)
        assert local.minute == 0
        assert 9 <= local.hour <= 17
        assert booking.end - booking.start in {dt.timedelta(hours=h) for h in (1, 2, 3)}
