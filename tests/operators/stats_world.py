"""Bookings and registrations in two districts around the end of October 2026, for the
staff statistics (tests/operators/test_statistics.py and the browser test). Times are
Seoul's; two rows sit just after a Seoul midnight that is still the previous day (and
month) in UTC, so counting by UTC months would put them in the wrong column."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

_serial = itertools.count(1)


def seoul(year, month, day, hour=0, minute=0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def make_user(username):
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="changeme"
    )


def make_occurrence(space):
    """A program date at ``space`` (created directly: the statistics count
    registrations by when people registered, not by the date's schedule)."""
    from events.models import Occurrence, ProgramPage

    n = next(_serial)
    program = space.add_child(
        instance=ProgramPage(
            title=f"통계 프로그램 {n}",
            slug=f"stats-program-{n}",
            summary="함께해요.",
            start_date=dt.date(2030, 1, 1),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=10,
        )
    )
    start = seoul(2030, 1, 1, 19)
    return Occurrence.objects.create(
        program=program, space=space, start=start, end=start + dt.timedelta(minutes=90)
    )


def book(space, user, start, status):
    from bookings.models import Booking

    return Booking.objects.create(
        space=space,
        user=user,
        start=start,
        end=start + dt.timedelta(hours=1),
        headcount=2,
        purpose="모임",
        status=status,
    )


def register(occurrence, user, created_at, status):
    from events.models import Registration

    return Registration.objects.create(
        occurrence=occurrence, user=user, status=status, created_at=created_at
    )


def build(make_space):
    """Mapo (마포구) and Jongno (종로구) spaces with these rows:

    bookings (by the month of the booked time)
      마포구  2026-10-31 23:00 requested, 2026-11-01 00:30 confirmed,
              2026-11-15 10:00 declined, 2025-11-30 10:00 confirmed (before the default range)
      종로구  2026-06-10 14:00 confirmed, 2026-11-20 14:00 cancelled,
              2026-12-02 10:00 requested (after the default range)
    registrations (by the month people registered)
      마포구  2026-09-01 00:10 confirmed, 2026-11-29 12:00 waitlisted
      종로구  2026-11-30 08:00 confirmed, 2026-11-10 12:00 cancelled
    """
    mapo = make_space(title="망원 통계 도서관", district="mapo", bookable=True)
    jongno = make_space(title="종로 통계 공방", district="jongno", bookable=True)
    users = [make_user(f"stats-resident{n}") for n in range(4)]
    book(mapo, users[0], seoul(2026, 10, 31, 23), "requested")
    book(mapo, users[0], seoul(2026, 11, 1, 0, 30), "confirmed")
    book(mapo, users[1], seoul(2026, 11, 15, 10), "declined")
    book(mapo, users[1], seoul(2025, 11, 30, 10), "confirmed")
    book(jongno, users[2], seoul(2026, 6, 10, 14), "confirmed")
    book(jongno, users[2], seoul(2026, 11, 20, 14), "cancelled")
    book(jongno, users[3], seoul(2026, 12, 2, 10), "requested")
    mapo_date, jongno_date = make_occurrence(mapo), make_occurrence(jongno)
    register(mapo_date, users[0], seoul(2026, 9, 1, 0, 10), "confirmed")
    register(mapo_date, users[1], seoul(2026, 11, 29, 12), "waitlisted")
    register(jongno_date, users[2], seoul(2026, 11, 30, 8), "confirmed")
    register(jongno_date, users[3], seoul(2026, 11, 10, 12), "cancelled")
    return {"mapo": mapo, "jongno": jongno, "users": users}
