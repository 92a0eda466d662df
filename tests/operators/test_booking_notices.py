import datetime as dt

import pytest

from bookings import services
from bookings.models import Notice

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_new_booking_request_is_mailed_to_the_space_and_to_each_of_its_operators(
    world, make_user, grant
):
    second = make_user("operator3")
    grant(second, world.spaces["a"])
    day = TODAY + dt.timedelta(days=5)
    booking = services.request_booking(
        world.resident,
        world.spaces["a"],
        {
            "date": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "headcount": "2",
            "purpose": "회의",
        },
    )
    to_operator = set(
        Notice.objects.filter(booking=booking, kind=Notice.Kind.REQUESTED).values_list(
            "recipient", flat=True
        )
    )
    assert to_operator == {"space-a@example.org", "operator1@example.org", "operator3@example.org"}
    # operator2 runs another space and hears nothing of this one.
    assert not Notice.objects.filter(recipient="operator2@example.org").exists()
