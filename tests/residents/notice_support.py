"""Shared by the tests of residents' reminders and notices: the clock, residents with
their notice preferences, and bookings, programs and registrations made directly."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

import recurrence

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # Tuesday 09:00 Seoul
TODAY = dt.date(2026, 12, 1)
TOMORROW = dt.date(2026, 12, 2)  # Wednesday


def seoul(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_resident(username, *, email=None, **preferences):
    """An account with its profile set: ``reminder``, ``language``, ``channel``,
    ``phone``, ``notify_saved``."""
    from residents.models import profile_for

    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org" if email is None else email, password="pw"
    )
    profile = profile_for(user)
    for name, value in preferences.items():
        setattr(profile, name, value)
    profile.save()
    return user


def book(space, user, start, *, hours=2, created_at, status="confirmed", decided_at=None):
    from bookings.models import Booking

    return Booking.objects.create(
        space=space,
        user=user,
        start=start,
        end=start + dt.timedelta(hours=hours),
        headcount=4,
        purpose="독서 모임",
        status=status,
        created_at=created_at,
        decided_at=decided_at,
    )


def publish_program(space, *, title="뜨개질 모임", slug="knitting", schedule="", **fields):
    """A program published under ``space`` as an editor publishes it (its dates made)."""
    from events.models import ProgramPage

    values = {
        "title": title,
        "slug": slug,
        "summary": "함께 뜨개질해요.",
        "start_date": TODAY,
        "start_time": dt.time(19),
        "duration_minutes": 90,
        "capacity": 3,
        "schedule": recurrence.deserialize(schedule) if schedule else recurrence.Recurrence(),
    }
    values.update(fields)
    program = space.add_child(instance=ProgramPage(**values))
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


def register(occurrence, user, *, created_at, promoted_at=None, status="confirmed"):
    from events.models import Registration

    return Registration.objects.create(
        occurrence=occurrence,
        user=user,
        status=status,
        created_at=created_at,
        promoted_at=promoted_at,
    )


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]
