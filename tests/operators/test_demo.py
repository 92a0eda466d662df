from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

import pytest

from spaces.models import SpaceOperator

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_each_demo_operator_runs_spaces_with_bookings_or_programs():
    call_command("load_demo", "--spaces", "80", verbosity=0)
    call_command("load_demo", "--spaces", "80", verbosity=0)  # idempotent
    users = {u.username: u for u in get_user_model().objects.all()}
    for name in ("operator1", "operator2"):
        roles = SpaceOperator.objects.filter(user=users[name], status="active")
        assert roles.count() == 3
        assert users[name].has_perm("wagtailadmin.access_admin")
        spaces = [role.space for role in roles]
        assert any(space.bookings.exists() for space in spaces)
    mine = set(
        SpaceOperator.objects.filter(user=users["operator1"]).values_list("space", flat=True)
    )
    theirs = set(
        SpaceOperator.objects.filter(user=users["operator2"]).values_list("space", flat=True)
    )
    assert not mine & theirs
    assert SpaceOperator.objects.filter(user=users["operator1"], trusted=True).count() == 1
