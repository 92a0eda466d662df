"""What a resident has in the portal, for the My page tests: bookings (coming and past),
program registrations (coming and past), campaign entries and saved pages, made the way
the portal's own code makes them."""

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone

from allauth.account.models import EmailAddress

from bookings.models import Booking
from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
from core.demo import ensure_section, publish
from events.models import Occurrence, ProgramPage, Registration
from residents.models import SavedItem

PASSWORD = "a-long-Passphrase-42"


def resident(username="seoyeon", *, email=None, confirmed=None, **fields):
    """An account as staff or tests make it (no allauth address rows), or, with
    ``confirmed`` True/False, as sign-up makes it (one address, confirmed or not)."""
    email = email or f"{username}@example.org"
    user = get_user_model().objects.create_user(username, email=email, password=PASSWORD, **fields)
    if confirmed is not None:
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=confirmed)
    return user


def seoul(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class World:
    """A bookable space with a program, and campaigns, under a bilingual site."""

    def __init__(self, site, make_space):
        self.site = site
        self.space = make_space(
            title="망원 작은도서관",
            name_en="Mangwon Small Library",
            bookable=True,
            opening_hours="Mo-Su 09:00-22:00",
            capacity=12,
            email="operator@example.org",
        )
        self.program = self._program()
        self.campaigns = ensure_section(
            site,
            CampaignIndexPage,
            "campaigns",
            ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
            en={"title": "Campaigns", "summary": "Take part in campaigns."},
        )
        self.count = 0

    def _program(self):
        program = ProgramPage(
            title="뜨개질 모임",
            slug="knitting",
            summary="함께 뜨개질해요.",
            start_date=timezone.localdate(),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=10,
        )
        self.space.add_child(instance=program)
        publish(program)
        return ProgramPage.objects.get(pk=program.pk)

    def _next(self):
        self.count += 1
        return self.count

    def booking(self, user, *, days, status="confirmed", hour=None):
        """A booking ``days`` from today (negative: past), an hour long."""
        n = self._next()
        day = timezone.localdate() + dt.timedelta(days=days)
        hour = hour if hour is not None else 9 + n % 12
        return Booking.objects.create(
            space=self.space,
            user=user,
            start=seoul(day, hour),
            end=seoul(day, hour + 1),
            headcount=3,
            purpose=f"독서 모임 {n}",
            status=status,
            expires_at=timezone.now() + dt.timedelta(days=2) if status == "requested" else None,
        )

    def registration(self, user, *, days, status="confirmed"):
        """A registration for a date of the program ``days`` from today."""
        n = self._next()
        start = seoul(timezone.localdate() + dt.timedelta(days=days), 19) + dt.timedelta(minutes=n)
        occurrence = Occurrence.objects.create(
            program=self.program,
            space=self.space,
            start=start,
            end=start + dt.timedelta(minutes=90),
            places=10,
        )
        return Registration.objects.create(occurrence=occurrence, user=user, status=status)

    def entry(self, user, *, status="submitted"):
        n = self._next()
        now = timezone.now()
        campaign = CampaignPage(
            title=f"우리 동네 공간 이야기 {n}",
            slug=f"campaign-{n}",
            lead="아끼는 공간을 알려 주세요.",
            opens_at=now - dt.timedelta(days=10),
            closes_at=now + dt.timedelta(days=10),
        )
        self.campaigns.add_child(instance=campaign)
        publish(campaign)
        return CampaignEntry.objects.create(
            campaign=campaign,
            user=user,
            space_title=f"망원 작은도서관 {n}",
            why="이웃과 그림책 모임을 해요.",
            terms_accepted_at=now,
            privacy_accepted_at=now,
            status=status,
        )

    def saved(self, user, page):
        return SavedItem.objects.get_or_create(user=user, page=page)[0]

    def fill(self, user, times=1):
        """``times`` of everything: coming and past bookings and registrations, entries,
        saved pages."""
        made = SimpleNamespace(bookings=[], registrations=[], entries=[])
        for i in range(times):
            made.bookings.append(self.booking(user, days=2 + i))
            made.bookings.append(self.booking(user, days=3 + i, status="requested"))
            made.bookings.append(self.booking(user, days=-3 - i))
            made.registrations.append(self.registration(user, days=4 + i))
            made.registrations.append(self.registration(user, days=-5 - i))
            made.entries.append(self.entry(user))
        self.saved(user, self.space)
        self.saved(user, self.program)
        return made
