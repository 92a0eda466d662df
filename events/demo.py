"""Demo content of the programs: the listing page and, for every third demo space (at
most ``MAX_PROGRAMS``), a program that fits the space — a cooking class in a kitchen,
parents and toddlers in a childcare room (``SUITS``, ``WELCOMES``) — with a varied
schedule: weekly, fortnightly, monthly on the nth weekday, a short daily course, a
one-off date; and some registrations by the demo residents, one date full with a
waitlist. Each has its English title and summary (``title_en``, ``summary_en``), shown
on the English site. What a program is comes from ``program_plan``, a pure function of
the seed, its number and its space. Programs are keyed by their slug under their space, so
running again adds nothing."""

import contextlib
import datetime as dt
import random
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import escape

import recurrence
from tqdm import tqdm

from core.demo import ensure_section
from spaces.models import SpacePage
from spaces.services import bulk_saving

from . import services
from .models import Audience, Category, Occurrence, ProgramIndexPage, ProgramLanguage, ProgramPage

MAX_PROGRAMS = 200


class Topic(NamedTuple):
    title: str
    title_en: str
    kind: str  # what happens, matched against the space types it suits (SUITS)
    category: str
    audience: str
    summary: str
    fee: str = "참가비 3,000원"  # when it is not free


# fmt: off
TOPICS = [
    Topic("그림책 읽는 저녁", "Picture-book evening", "storytelling", Category.CLUB, Audience.FAMILIES,
          "아이와 보호자가 함께 그림책을 읽고 이야기를 나눕니다."),
    Topic("영어 그림책 놀이", "English picture-book play", "storytelling", Category.CLASS,
          Audience.CHILDREN, "쉬운 영어 그림책을 읽고 노래와 놀이로 따라 해 봅니다."),
    Topic("동네 책 수다", "Neighbourhood book talk", "reading", Category.TALK, Audience.ADULTS,
          "한 달에 한 권, 함께 고른 책을 읽고 편하게 이야기를 나눕니다."),
    Topic("어르신 독서 모임", "Reading circle for seniors", "reading", Category.CLUB,
          Audience.SENIORS, "큰 글자 책을 함께 읽고 지난 이야기를 나누는 모임입니다."),
    Topic("필사 모임", "Transcription club", "writing", Category.CLUB, Audience.ADULTS,
          "좋아하는 시와 문장을 천천히 옮겨 적고 마음에 남은 한 줄을 나눕니다."),
    Topic("생활 글쓰기 교실", "Everyday writing class", "writing", Category.CLASS, Audience.ADULTS,
          "일상의 장면을 짧은 글로 써 보고 서로 읽어 줍니다."),
    Topic("동네 작가와의 만남", "Meet a local author", "author", Category.TALK, Audience.EVERYONE,
          "우리 동네에 사는 작가가 새 책과 글 쓰는 생활을 이야기합니다.", "참가비 10,000원"),
    Topic("제철 요리 교실", "Seasonal cooking class", "cooking", Category.WORKSHOP, Audience.ADULTS,
          "제철 재료로 집에서 쉽게 만드는 반찬과 국을 함께 요리합니다.", "재료비 8,000원"),
    Topic("1인 가구 함께 밥상", "Dinner together for people living alone", "cooking",
          Category.GATHERING, Audience.ADULTS, "혼자 사는 이웃이 모여 저녁을 같이 만들고 나눠 먹습니다.",
          "재료비 5,000원"),
    Topic("아이와 함께 만드는 간식", "Making snacks with children", "cooking", Category.WORKSHOP,
          Audience.FAMILIES, "아이와 보호자가 함께 건강한 간식을 만들어 봅니다.", "재료비 5,000원"),
    Topic("반찬 나눔 모임", "Side-dish sharing", "cooking", Category.GATHERING, Audience.EVERYONE,
          "함께 만든 반찬을 홀로 사는 이웃과 나눕니다."),
    Topic("품앗이 육아 모임", "Shared childcare morning", "parenting", Category.GATHERING,
          Audience.FAMILIES, "부모들이 돌아가며 아이들을 함께 돌보고 육아 고민을 나눕니다."),
    Topic("초보 부모 교실", "Class for new parents", "parenting", Category.TALK, Audience.ADULTS,
          "영유아를 키우는 부모가 수면, 이유식, 놀이에 관해 배우고 묻습니다."),
    Topic("영유아 오감 놀이", "Sensory play for toddlers", "play", Category.CLASS, Audience.FAMILIES,
          "소리, 촉감, 색으로 노는 영유아와 보호자를 위한 놀이 시간입니다.", "재료비 3,000원"),
    Topic("뜨개질 모임", "Knitting circle", "handcraft", Category.CLUB, Audience.EVERYONE,
          "처음 하는 분께는 코 잡는 법부터 알려 드립니다. 실과 바늘을 빌려 드립니다."),
    Topic("목공 기초 워크숍", "Woodworking basics", "woodwork", Category.WORKSHOP, Audience.ADULTS,
          "공구를 안전하게 쓰는 법을 배우고 작은 도마를 만듭니다.", "재료비 15,000원"),
    Topic("도자기 물레 체험", "Pottery wheel taster", "pottery", Category.WORKSHOP, Audience.ADULTS,
          "물레 앞에 앉아 흙을 만지며 컵 하나를 빚어 봅니다.", "재료비 20,000원"),
    Topic("수리 카페", "Repair café", "repair", Category.WORKSHOP, Audience.EVERYONE,
          "고장 난 의자와 소형 가전을 가져오면 함께 고쳐 봅니다."),
    Topic("어린이 코딩 교실", "Coding class for children", "coding", Category.CLASS,
          Audience.CHILDREN, "블록 코딩으로 움직이는 작품을 만들며 차근차근 생각하는 법을 익힙니다."),
    Topic("3D 프린터 입문", "Introduction to 3D printing", "printing", Category.CLASS,
          Audience.ADULTS, "모델링 프로그램으로 열쇠고리를 설계하고 직접 출력해 봅니다.", "재료비 5,000원"),
    Topic("취업 준비 스터디", "Job-hunting study group", "study", Category.CLUB, Audience.ADULTS,
          "자기소개서를 함께 고치고 모의 면접으로 서로의 면접관이 되어 줍니다."),
    Topic("청소년 함께 공부방", "Homework club for teens", "study", Category.CLUB, Audience.YOUTH,
          "시험 기간에 함께 공부하고 대학생 멘토에게 질문합니다."),
    Topic("청소년 진로 탐색", "Career workshop for teens", "study", Category.WORKSHOP,
          Audience.YOUTH, "여러 직업을 가진 이웃을 만나 일 이야기를 듣고 묻습니다."),
    Topic("주민 영어 회화 모임", "English conversation group", "language", Category.CLUB,
          Audience.ADULTS, "정해진 주제로 영어로 이야기하며 말문을 틉니다."),
    Topic("이웃 언어 교환", "Language exchange", "language", Category.GATHERING, Audience.EVERYONE,
          "외국인 주민과 한국인 주민이 서로의 언어로 이야기를 나눕니다."),
    Topic("마을 강연", "Neighbourhood lecture", "talk", Category.TALK, Audience.EVERYONE,
          "동네의 역사와 오늘을 주제로 이웃 전문가가 이야기합니다."),
    Topic("청소년 밴드 연습", "Youth band practice", "music", Category.CLUB, Audience.YOUTH,
          "악기를 처음 잡아도 괜찮습니다. 함께 합주하며 발표회를 준비합니다."),
    Topic("주민 합창단 연습", "Residents' choir practice", "music", Category.CLUB, Audience.ADULTS,
          "악보를 몰라도 함께 노래할 수 있습니다. 연말 발표회를 준비합니다."),
    Topic("작은 음악회", "Small concert", "music", Category.GATHERING, Audience.EVERYONE,
          "동네 음악가와 주민 동아리가 여는 소박한 음악회입니다."),
    Topic("어르신 노래 교실", "Singing class for seniors", "music", Category.CLASS,
          Audience.SENIORS, "익숙한 노래를 함께 부르며 목과 마음을 풉니다."),
    Topic("시니어 스마트폰 교실", "Smartphone class for seniors", "digital", Category.CLASS,
          Audience.SENIORS, "영상통화, 사진 보내기, 버스 도착 시간 찾기를 일대일로 배웁니다."),
    Topic("어르신 건강 체조", "Gentle exercise for seniors", "exercise", Category.CLASS,
          Audience.SENIORS, "의자에 앉아서도 할 수 있는 스트레칭과 근력 운동입니다."),
    Topic("생활 체조 교실", "Morning exercise class", "exercise", Category.CLASS,
          Audience.EVERYONE, "누구나 따라 할 수 있는 체조로 하루를 시작합니다."),
    Topic("생활 댄스 교실", "Dance class", "dance", Category.CLASS, Audience.ADULTS,
          "가벼운 음악에 맞춰 기본 동작부터 배웁니다."),
    Topic("마을 사진전", "Village photo exhibition", "exhibition", Category.EXHIBITION,
          Audience.EVERYONE, "주민 사진 동아리가 1년 동안 찍은 동네 풍경을 전시합니다."),
    Topic("주민 그림 전시", "Residents' art show", "exhibition", Category.EXHIBITION,
          Audience.EVERYONE, "취미로 그림을 그리는 이웃들의 작품을 선보입니다."),
    Topic("주민 영화 모임", "Residents' film night", "film", Category.GATHERING, Audience.EVERYONE,
          "함께 고른 영화를 보고 차를 마시며 이야기를 나눕니다."),
    Topic("청소년 보드게임의 밤", "Board-game night for teens", "games", Category.GATHERING,
          Audience.YOUTH, "친구와 함께 와도, 혼자 와도 좋은 보드게임 시간입니다."),
    Topic("세대 공감 보드게임", "Board games across generations", "games", Category.GATHERING,
          Audience.EVERYONE, "어르신과 아이가 바둑과 보드게임을 서로 가르쳐 줍니다."),
    Topic("주민 회의", "Residents' meeting", "meeting", Category.GATHERING, Audience.ADULTS,
          "공간 이용 규칙과 다음 달 행사를 주민이 함께 정합니다."),
    Topic("동네 장터", "Neighbourhood flea market", "market", Category.GATHERING,
          Audience.EVERYONE, "안 쓰는 물건을 나누고 이웃이 만든 먹거리를 파는 작은 장터입니다."),
]
# fmt: on

# The topics' summaries in English, for the programs' English twins (ProgramPage
# ``summary_en``), by English title.
SUMMARIES_EN = {
    "Picture-book evening": "Children and their grown-ups read picture books together and talk about them.",
    "English picture-book play": "Easy English picture books, read aloud and acted out with songs and games.",
    "Neighbourhood book talk": "One book a month, chosen together, read and talked over at an easy pace.",
    "Reading circle for seniors": "Large-print books read together, and stories of days gone by shared.",
    "Transcription club": "Copy out the poems and lines you love, slowly, and share the one that stays with you.",
    "Everyday writing class": "Write short pieces about everyday scenes and read them to each other.",
    "Meet a local author": "An author who lives in the neighbourhood talks about a new book and the writing life.",
    "Seasonal cooking class": "Cook simple side dishes and soups with what is in season, to make again at home.",
    "Dinner together for people living alone": "Neighbours who live alone cook dinner together and share it.",
    "Making snacks with children": "Children and their grown-ups make healthy snacks together.",
    "Side-dish sharing": "Side dishes cooked together and shared with neighbours who live alone.",
    "Shared childcare morning": "Parents take turns looking after the children together and share their questions.",
    "Class for new parents": "Parents of babies and toddlers learn and ask about sleep, weaning and play.",
    "Sensory play for toddlers": "Play with sounds, textures and colours for toddlers and their grown-ups.",
    "Knitting circle": "Beginners learn to cast on first; yarn and needles can be borrowed.",
    "Woodworking basics": "Learn to use the tools safely and make a small chopping board.",
    "Pottery wheel taster": "Sit at the wheel, feel the clay and throw a cup of your own.",
    "Repair café": "Bring a broken chair or small appliance and we fix it together.",
    "Coding class for children": "Make things move with block coding and learn to think step by step.",
    "Introduction to 3D printing": "Design a key ring in a modelling program and print it yourself.",
    "Job-hunting study group": "Polish cover letters together and take turns interviewing each other.",
    "Homework club for teens": "Study together at exam time and ask university-student mentors.",
    "Career workshop for teens": "Meet neighbours with all kinds of jobs and ask them about their work.",
    "English conversation group": "Talk in English on a set topic and find your voice.",
    "Language exchange": "Residents from abroad and Korean residents talk in each other's languages.",
    "Neighbourhood lecture": "A neighbour who knows the subject talks about the area's past and present.",
    "Youth band practice": "Never held an instrument? That is fine: play together and prepare a show.",
    "Residents' choir practice": "No need to read music to sing along; we are preparing a year-end concert.",
    "Small concert": "A modest concert by local musicians and residents' clubs.",
    "Singing class for seniors": "Sing familiar songs together and loosen up voice and mind.",
    "Smartphone class for seniors": "Learn video calls, sending photos and bus arrival times, one to one.",
    "Gentle exercise for seniors": "Stretching and strength exercises you can do sitting on a chair.",
    "Morning exercise class": "Start the day with exercises anyone can follow.",
    "Dance class": "Learn the basic steps to easy-going music.",
    "Village photo exhibition": "The residents' photo club shows a year of pictures of the neighbourhood.",
    "Residents' art show": "Works by neighbours who paint for the joy of it.",
    "Residents' film night": "Watch a film chosen together, then talk it over with a cup of tea.",
    "Board-game night for teens": "Board games for teens: come with friends or on your own.",
    "Board games across generations": "Seniors and children teach each other baduk and board games.",
    "Residents' meeting": "Residents decide together on the space's rules and next month's events.",
    "Neighbourhood flea market": "Pass on what you no longer use and buy food made by neighbours.",
}

# Which kinds of program suit which type of space, and whom each type of space is for:
# a cooking class needs a kitchen, a children's class does not go to a seniors' lounge.
SUITS = {
    "small-library": {"storytelling", "reading", "writing", "author"},
    "club-room": {"reading", "writing", "handcraft", "study", "language", "games", "meeting"},
    "village-bookstore": {"reading", "writing", "author"},
    "workshop": {"handcraft", "woodwork", "pottery", "repair"},
    "shared-kitchen": {"cooking"},
    "study-room": {"study", "language", "talk", "writing"},
    "maker-space": {"coding", "printing", "woodwork", "repair"},
    "youth-space": {"study", "music", "games", "film"},
    "senior-space": {"digital", "exercise", "music", "reading", "games"},
    "childcare-room": {"parenting", "play", "storytelling"},
    "community-cafe": {"reading", "language", "music", "handcraft", "market", "film"},
    "multipurpose-hall": {"talk", "film", "music", "exercise", "dance", "meeting", "market"},
    "gallery-practice-room": {"exhibition", "music", "dance"},
}
WELCOMES = {
    "small-library": set(Audience),
    "club-room": {Audience.EVERYONE, Audience.ADULTS, Audience.YOUTH, Audience.SENIORS},
    "village-bookstore": {Audience.EVERYONE, Audience.ADULTS, Audience.FAMILIES},
    "workshop": {Audience.EVERYONE, Audience.ADULTS, Audience.FAMILIES},
    "shared-kitchen": {Audience.EVERYONE, Audience.ADULTS, Audience.FAMILIES, Audience.SENIORS},
    "study-room": {Audience.EVERYONE, Audience.ADULTS, Audience.YOUTH},
    "maker-space": {Audience.EVERYONE, Audience.ADULTS, Audience.YOUTH, Audience.CHILDREN},
    "youth-space": {Audience.YOUTH},
    "senior-space": {Audience.SENIORS, Audience.EVERYONE},
    "childcare-room": {Audience.FAMILIES, Audience.CHILDREN, Audience.ADULTS},
    "community-cafe": {Audience.EVERYONE, Audience.ADULTS},
    "multipurpose-hall": set(Audience),
    "gallery-practice-room": {Audience.EVERYONE, Audience.ADULTS, Audience.YOUTH},
}
# A type an editor added: programs any room holds.
FALLBACK_SUITS = {"talk", "meeting"}

# Hours that suit the people a program is for.
START_HOURS = {
    Audience.CHILDREN: [(10, 30), (15, 0), (16, 0)],
    Audience.FAMILIES: [(10, 0), (10, 30), (11, 0), (15, 0)],
    Audience.YOUTH: [(16, 0), (17, 0), (19, 0)],
    Audience.SENIORS: [(10, 0), (14, 0)],
    Audience.ADULTS: [(10, 0), (14, 0), (19, 0), (19, 30)],
    Audience.EVERYONE: [(11, 0), (14, 0), (19, 0)],
}

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


def topics_for(space_type_slug):
    """The topics a space of this type holds: their kind suits the room and their
    audience is whom the space is for."""
    kinds = SUITS.get(space_type_slug, FALLBACK_SUITS)
    audiences = WELCOMES.get(space_type_slug, set(Audience))
    return [t for t in TOPICS if t.kind in kinds and t.audience in audiences]


def program_plan(seed, number, space_type_slug, space_title, space_capacity, today):
    """What demo program ``number`` is for ``seed``, held in a space of the given type,
    name and capacity, starting within ten days of ``today``. Pure: the same arguments
    give the same plan (ProgramPage fields, and the ``topic``)."""
    rng = random.Random(f"{seed}-program-{number}")
    topic = rng.choice(topics_for(space_type_slug) or TOPICS)
    if topic.category == Category.EXHIBITION:
        rule = "RRULE:FREQ=DAILY;COUNT=5"  # a show open for five days
    else:
        rule = SCHEDULES[number % len(SCHEDULES)]
    is_free = rng.random() < 0.7
    capacity = None
    if topic.category != Category.EXHIBITION:  # people walk in to a show
        capacity = rng.choice([6, 8, 10, 12, 15, 20, None])
        if capacity and space_capacity:
            capacity = min(capacity, space_capacity)
    hour, minute = rng.choice(START_HOURS[topic.audience])
    duration = rng.choice([60, 90, 120])
    if topic.category == Category.EXHIBITION:  # open all day
        (hour, minute), duration = (10, 0), 480
    return {
        "topic": topic,
        "title": topic.title,
        "title_en": topic.title_en,
        "summary": topic.summary,
        "summary_en": SUMMARIES_EN.get(topic.title_en, ""),
        "description": (
            f"<p>{escape(space_title)}에서 열리는 {topic.title}입니다. {topic.summary} "
            "처음 오시는 분도 환영합니다.</p>"
        ),
        "category": topic.category,
        "audience": topic.audience,
        "language": ProgramLanguage.BOTH if topic.kind == "language" else ProgramLanguage.KOREAN,
        "is_free": is_free,
        "fee_note": "" if is_free else topic.fee,
        "start_date": today + dt.timedelta(days=rng.randint(0, 10)),
        "start_time": dt.time(hour, minute),
        "duration_minutes": duration,
        "rule": rule,
        "capacity": capacity,
    }


def load_programs(ctx):
    spaces = list(
        SpacePage.objects.live()
        .filter(external_id__startswith="demo-", locale__language_code="ko")
        .select_related("space_type")
        .order_by("pk")[: 3 * MAX_PROGRAMS]
    )[::3]
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
            plan = program_plan(
                ctx.seed, number, space.space_type.slug, space.title, space.capacity, today
            )
            rule = plan.pop("rule")
            del plan["topic"]
            program = ProgramPage(
                slug=slug,
                organiser_name=space.operator_name or space.title,
                organiser_email=space.email,
                organiser_phone=space.phone,
                schedule=recurrence.deserialize(rule) if rule else recurrence.Recurrence(),
                **plan,
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
