"""Demo content of the programs: the listing page and, for every third demo space (at
most ``MAX_PROGRAMS``), a program with a varied schedule — weekly, fortnightly, monthly
on the nth weekday, a short daily course, a one-off date — and some registrations by
the demo residents, one date full with a waitlist. Deterministic from the seed;
programs are keyed by their slug under their space, so running again adds nothing."""

import contextlib
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

import recurrence
from tqdm import tqdm

from core.demo import ensure_section
from spaces.models import SpacePage
from spaces.services import bulk_saving

from . import services
from .models import Audience, Category, Occurrence, ProgramIndexPage, ProgramLanguage, ProgramPage

MAX_PROGRAMS = 200

TOPICS = [
    ("그림책 읽는 저녁", "Picture-book evening", Category.CLUB, Audience.FAMILIES),
    ("뜨개질 모임", "Knitting circle", Category.CLUB, Audience.EVERYONE),
    ("동네 책 수다", "Neighbourhood book talk", Category.TALK, Audience.ADULTS),
    ("어린이 코딩 교실", "Coding class for children", Category.CLASS, Audience.CHILDREN),
    ("청소년 밴드 연습", "Youth band practice", Category.CLUB, Audience.YOUTH),
    ("시니어 스마트폰 교실", "Smartphone class for seniors", Category.CLASS, Audience.SENIORS),
    ("제철 요리 교실", "Seasonal cooking class", Category.WORKSHOP, Audience.ADULTS),
    ("목공 기초 워크숍", "Woodworking basics", Category.WORKSHOP, Audience.ADULTS),
    ("마을 사진전", "Village photo exhibition", Category.EXHIBITION, Audience.EVERYONE),
    ("주민 영화 모임", "Residents' film night", Category.GATHERING, Audience.EVERYONE),
    ("영어 그림책 놀이", "English picture-book play", Category.CLASS, Audience.CHILDREN),
    ("필사 모임", "Transcription club", Category.CLUB, Audience.ADULTS),
]

SCHEDULES = [
    "RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
    "RRULE:FREQ=WEEKLY;BYDAY=SA",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    "RRULE:FREQ=MONTHLY;BYDAY=+2SA",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
    "RRULE:FREQ=DAILY;COUNT=5",
    "",  # a one-off date
]


def load(ctx):
    ensure_section(
        ctx,
        ProgramIndexPage,
        "programs",
        ko={
            "title": "프로그램",
            "summary": "커뮤니티 공간에서 열리는 강좌, 동아리, 강연을 둘러보고 신청하세요.",
        },
        en={
            "title": "Programs",
            "summary": "Explore and join the classes, clubs and talks held in community spaces.",
        },
    )
    load_programs(ctx)


def load_programs(ctx):
    spaces = list(
        SpacePage.objects.live()
        .filter(external_id__startswith="demo-", locale__language_code="ko")
        .order_by("pk")
    )[::3][:MAX_PROGRAMS]
    if not spaces:
        return
    have = set(
        ProgramPage.objects.filter(slug__startswith="demo-program-").values_list("slug", flat=True)
    )
    today = timezone.localdate()
    made = []
    with (
        bulk_saving(),
        tqdm(
            spaces,
            desc="programs",
            unit="program",
            leave=False,
            disable=getattr(ctx, "quiet", False),
        ) as progress,
    ):
        for number, space in enumerate(progress):
            slug = f"demo-program-{number:03d}"
            if slug in have:
                continue
            rng = random.Random(f"{ctx.seed}-program-{number}")
            title, title_en, category, audience = TOPICS[number % len(TOPICS)]
            rule = SCHEDULES[number % len(SCHEDULES)]
            program = ProgramPage(
                title=f"{space.title} {title}",
                slug=slug,
                summary=f"{title} — {space.title}에서 함께해요. ({title_en})",
                description=f"<p>{space.title}에서 열리는 {title}입니다. 처음 오시는 분도 환영합니다.</p>",
                category=category,
                audience=audience,
                language=ProgramLanguage.BOTH if number % 5 == 0 else ProgramLanguage.KOREAN,
                is_free=rng.random() < 0.7,
                fee_note="" if rng.random() < 0.7 else "재료비 5,000원",
                organiser_name=space.operator_name or space.title,
                organiser_email=space.email,
                start_date=today + dt.timedelta(days=rng.randint(0, 10)),
                start_time=dt.time(rng.choice([10, 14, 16, 19]), rng.choice([0, 30])),
                duration_minutes=rng.choice([60, 90, 120]),
                schedule=recurrence.deserialize(rule) if rule else recurrence.Recurrence(),
                capacity=rng.choice([6, 8, 10, 12, 15, 20, None]),
            )
            space.add_child(instance=program)
            program.save_revision().publish()
            made.append(program)
    _register_residents(made)


def _register_residents(programs):
    """The demo residents register for a few dates; the first date of a small program
    fills up so the waitlist shows."""
    User = get_user_model()
    residents = list(
        User.objects.filter(username__in=["resident1", "resident2"]).order_by("username")
    )
    if not residents or not programs:
        return
    for program in programs[:8]:
        occurrence = (
            Occurrence.objects.filter(program=program, cancelled=False).order_by("start").first()
        )
        if occurrence is None or occurrence.places is None:
            continue
        for resident in residents:
            with contextlib.suppress(services.RegistrationError):  # already registered
                services.register(resident, occurrence.pk)
    full = next((p for p in programs[8:] if p.capacity), None)
    if full is None:
        return
    occurrence = Occurrence.objects.filter(program=full, cancelled=False).order_by("start").first()
    if occurrence is None:
        return
    Occurrence.objects.filter(pk=occurrence.pk).update(places=1)
    for resident in residents:
        with contextlib.suppress(services.RegistrationError):
            services.register(resident, occurrence.pk)
