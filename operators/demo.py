"""Demo operators: ``operator1`` and ``operator2`` each run three spaces that have
programs and bookings (``operator1`` is trusted for the first), so the admin shows
each of them their own dashboard, bookings and registrations."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from spaces.models import SpaceOperator, SpacePage

SPACES_EACH = 3


def load(ctx):
    User = get_user_model()
    operators = list(
        User.objects.filter(username__in=["operator1", "operator2"]).order_by("username")
    )
    if len(operators) < 2 or SpaceOperator.objects.filter(user__in=operators).exists():
        return
    spaces = (
        SpacePage.objects.live()
        .filter(locale__language_code="ko")
        .annotate(
            booking_count=Count("bookings", distinct=True),
            registration_count=Count("program_occurrences__registrations", distinct=True),
        )
    )
    booked = list(spaces.filter(booking_count__gt=0).order_by("-booking_count", "pk")[:4])
    joined = list(
        spaces.filter(registration_count__gt=0)
        .exclude(pk__in=[space.pk for space in booked])
        .order_by("-registration_count", "pk")[:4]
    )
    # Each operator gets spaces with bookings and spaces with registrations.
    plan = {0: booked[0::2][:2] + joined[0::2][:1], 1: booked[1::2][:2] + joined[1::2][:1]}
    for number, chosen in plan.items():
        for index, space in enumerate(chosen):
            SpaceOperator.objects.get_or_create(
                space=space,
                user=operators[number],
                defaults={
                    "status": SpaceOperator.Status.ACTIVE,
                    "trusted": number == 0 and index == 0,
                    "note": "demo",
                },
            )
