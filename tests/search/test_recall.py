"""How well site search finds what a reader means, measured on a fixed corpus of
spaces, programs, stories and a campaign with realistic Korean and English queries: parts of compound words
(`부엌` → 공유부엌), districts without 구 (`성북`), words with particles
(`공유부엌에서`), English plurals (stemming). Recall must stay ≥ 95 % and the expected
page must come first for most queries. Runs on SQLite and PostgreSQL alike."""

import datetime as dt

from django.db import transaction

import pytest
import recurrence

from search import engine

# (title, type slug, district slug, summary, description, name_en)
SPACES = [
    (
        "성수 공유부엌",
        "shared-kitchen",
        "seongdong",
        "이웃과 함께 요리하는 공유부엌",
        "조리대 네 개와 오븐이 있는 부엌에서 요리 모임을 엽니다.",
        "Seongsu Shared Kitchen",
    ),
    (
        "망원 공유부엌 밥상",
        "shared-kitchen",
        "mapo",
        "동네 밥상을 함께 차리는 공간",
        "주말마다 반찬 나눔을 합니다.",
        "Mangwon Shared Kitchen Bapsang",
    ),
    (
        "혜화 동네책방 산책",
        "village-bookstore",
        "jongno",
        "골목 안 작은 동네책방",
        "독립출판물과 그림책을 팝니다. 북토크가 열립니다.",
        "Hyehwa Village Bookstore Sanchaek",
    ),
    (
        "연남 책방 오후",
        "village-bookstore",
        "mapo",
        "오후에 문을 여는 책방",
        "시집과 에세이를 고르는 즐거움.",
        "Yeonnam Bookshop Ohu",
    ),
    (
        "성북 마을도서관 햇살",
        "small-library",
        "seongbuk",
        "어린이와 어르신이 함께 쓰는 작은도서관",
        "그림책 읽어주기와 한글 교실이 있습니다.",
        "Seongbuk Village Library Haetsal",
    ),
    (
        "정릉 작은도서관 솔숲",
        "small-library",
        "seongbuk",
        "숲 옆의 조용한 열람실",
        "청소년 공부방과 독서 모임.",
        "Jeongneung Small Library Solsup",
    ),
    (
        "노원 청소년 동아리방",
        "club-room",
        "nowon",
        "청소년 밴드와 댄스 동아리가 쓰는 방",
        "방음 시설과 거울이 있습니다.",
        "Nowon Youth Club Room",
    ),
    (
        "강동 어르신 동아리방",
        "club-room",
        "gangdong",
        "어르신 바둑과 서예 동아리",
        "오전에는 탁구 모임이 있습니다.",
        "Gangdong Seniors' Club Room",
    ),
    (
        "을지로 목공 공방",
        "workshop",
        "jung",
        "나무로 가구를 만드는 공방",
        "목공 기초 강좌와 공구 대여.",
        "Euljiro Woodworking Workshop",
    ),
    (
        "문래 금속 공방",
        "workshop",
        "yeongdeungpo",
        "철공소 골목의 금속 공예 공방",
        "용접 체험과 금속 공예 수업.",
        "Mullae Metal Workshop",
    ),
    (
        "관악 청년 회의실",
        "club-room",
        "gwanak",
        "청년 모임을 위한 회의실",
        "프로젝터와 화이트보드가 있습니다.",
        "Gwanak Youth Meeting Room",
    ),
    (
        "마포 주민 세미나실",
        "club-room",
        "mapo",
        "주민 강연과 세미나",
        "마흔 명이 들어가는 세미나실.",
        "Mapo Residents' Seminar Room",
    ),
]

# (title, space title, summary, description)
PROGRAMS = [
    (
        "김치 담그기 교실",
        "성수 공유부엌",
        "배추김치를 함께 담가요",
        "재료는 공유부엌에서 준비합니다.",
    ),
    (
        "주말 요리 모임",
        "망원 공유부엌 밥상",
        "제철 재료로 요리하기",
        "요리를 좋아하는 이웃 누구나.",
    ),
    ("그림책 읽어주기", "성북 마을도서관 햇살", "어린이를 위한 그림책 시간", "매주 토요일 오전."),
    ("시 낭독회", "연남 책방 오후", "좋아하는 시를 소리 내어 읽어요", "책방에서 열리는 낭독 모임."),
    ("목공 기초 강좌", "을지로 목공 공방", "도마와 선반 만들기", "공구 쓰는 법부터 배웁니다."),
    (
        "Knitting Club",
        "강동 어르신 동아리방",
        "Weekly knitting for beginners",
        "Bring your own needles and yarn.",
    ),
    (
        "English Book Talk",
        "혜화 동네책방 산책",
        "Monthly book discussions in English",
        "This month: short stories by Korean writers.",
    ),
]

# (title, lead, paragraph) — stories; and one campaign (title, lead)
STORIES = [
    (
        "망원동 마을축제 이야기",
        "골목마다 장터가 열린 가을 마을축제",
        "주민들이 직접 만든 음식과 공예품을 나누었습니다.",
    ),
    (
        "할머니들의 그림 전시회",
        "어르신 미술 동아리가 첫 전시를 열었습니다",
        "일 년 동안 그린 수채화 서른 점이 걸렸습니다.",
    ),
]
CAMPAIGN = ("내가 사랑하는 커뮤니티 공간", "아끼는 동네 공간을 알려 주세요")

# (query, expected titles — every one must be found; the first must rank first when
# ``first`` is True)
QUERIES = [
    ("부엌", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("공유부엌", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("공유부엌에서", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("성수 공유부엌", ["성수 공유부엌"], True),
    ("밥상", ["망원 공유부엌 밥상"], True),
    ("책방", ["혜화 동네책방 산책", "연남 책방 오후"], False),
    ("동네책방", ["혜화 동네책방 산책"], True),
    ("동네책방에", ["혜화 동네책방 산책"], True),
    ("연남 책방", ["연남 책방 오후"], True),
    ("도서관", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("작은도서관", ["정릉 작은도서관 솔숲", "성북 마을도서관 햇살"], True),
    ("작은도서관을", ["정릉 작은도서관 솔숲"], True),
    ("마을도서관", ["성북 마을도서관 햇살"], True),
    ("성북", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("성북구", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("성북구 도서관", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("마포", ["망원 공유부엌 밥상", "연남 책방 오후", "마포 주민 세미나실"], False),
    ("마포구 세미나실", ["마포 주민 세미나실"], True),
    ("동아리방", ["노원 청소년 동아리방", "강동 어르신 동아리방"], False),
    ("청소년", ["노원 청소년 동아리방", "정릉 작은도서관 솔숲"], False),
    ("어르신", ["강동 어르신 동아리방", "성북 마을도서관 햇살"], False),
    ("공방", ["을지로 목공 공방", "문래 금속 공방"], False),
    ("목공", ["을지로 목공 공방", "목공 기초 강좌"], False),
    ("목공 공방", ["을지로 목공 공방"], True),
    ("금속", ["문래 금속 공방"], True),
    ("요리", ["성수 공유부엌", "주말 요리 모임"], False),
    ("요리하는", ["성수 공유부엌"], False),
    ("김치", ["김치 담그기 교실"], True),
    ("김치를", ["김치 담그기 교실"], True),
    ("그림책", ["그림책 읽어주기", "성북 마을도서관 햇살", "혜화 동네책방 산책"], False),
    ("낭독", ["시 낭독회"], True),
    ("회의실", ["관악 청년 회의실"], True),
    ("청년", ["관악 청년 회의실"], True),
    ("관악", ["관악 청년 회의실"], True),
    ("kitchen", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("kitchens", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("shared kitchen", ["성수 공유부엌", "망원 공유부엌 밥상"], False),
    ("library", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("libraries", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("bookstore", ["혜화 동네책방 산책"], True),
    ("workshop", ["을지로 목공 공방", "문래 금속 공방"], False),
    ("woodworking", ["을지로 목공 공방"], True),
    ("knitting", ["Knitting Club"], True),
    ("Knitting club", ["Knitting Club"], True),
    ("book talk", ["English Book Talk"], True),
    ("discussions", ["English Book Talk"], True),
    ("Seongbuk", ["성북 마을도서관 햇살", "정릉 작은도서관 솔숲"], False),
    ("Mapo seminar", ["마포 주민 세미나실"], True),
    ("마을축제", ["망원동 마을축제 이야기"], True),
    ("축제에서", ["망원동 마을축제 이야기"], True),
    ("장터", ["망원동 마을축제 이야기"], True),
    ("전시회", ["할머니들의 그림 전시회"], True),
    ("수채화", ["할머니들의 그림 전시회"], True),
    ("사랑하는 공간", ["내가 사랑하는 커뮤니티 공간"], True),
    ("커뮤니티 공간", ["내가 사랑하는 커뮤니티 공간"], True),
]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, built once for the module inside a transaction rolled back at the end."""
    from events.models import ProgramPage
    from spaces.models import District, SpaceType
    from spaces.services import save_space
    from tests.conftest import build_bilingual_site

    with django_db_blocker.unblock(), transaction.atomic():
        ctx = build_bilingual_site()
        add_stories_and_a_campaign(ctx)
        spaces = {}
        for number, (title, kind, district, summary, description, name_en) in enumerate(SPACES):
            district_obj = District.objects.get(slug=district)
            page, __ = save_space(
                {
                    "external_id": f"recall-{number}",
                    "title": title,
                    "name_en": name_en,
                    "space_type": SpaceType.objects.get(slug=kind),
                    "district": district_obj,
                    "address": f"서울특별시 {district_obj.name} 테스트로 {number + 1}",
                    "latitude": district_obj.latitude,
                    "longitude": district_obj.longitude,
                    "summary": summary,
                    "description": f"<p>{description}</p>",
                }
            )
            spaces[title] = page
        for number, (title, space, summary, description) in enumerate(PROGRAMS):
            program = spaces[space].add_child(
                instance=ProgramPage(
                    title=title,
                    slug=f"recall-program-{number}",
                    summary=summary,
                    description=f"<p>{description}</p>",
                    start_date=dt.date(2026, 12, 1),
                    start_time=dt.time(19),
                    duration_minutes=90,
                    schedule=recurrence.Recurrence(),
                )
            )
            program.save_revision().publish()
        yield
        transaction.set_rollback(True)


def add_stories_and_a_campaign(ctx):
    import json

    from django.utils import timezone

    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.demo import ensure_section
    from stories.models import StoryIndexPage, StoryPage

    index = ensure_section(
        ctx, StoryIndexPage, "stories", ko={"title": "이야기"}, en={"title": "Stories"}
    )
    for number, (title, lead, paragraph) in enumerate(STORIES):
        story = StoryPage(
            title=title,
            slug=f"recall-story-{number}",
            date=dt.date(2026, 10, 1 + number),
            author="마을기자단",
            lead=lead,
            body=json.dumps([{"type": "paragraph", "value": f"<p>{paragraph}</p>"}]),
        )
        index.add_child(instance=story)
        story.save_revision().publish()
    campaigns = ensure_section(
        ctx, CampaignIndexPage, "campaigns", ko={"title": "캠페인"}, en={"title": "Campaigns"}
    )
    now = timezone.now()
    campaign = CampaignPage(
        title=CAMPAIGN[0],
        slug="recall-campaign",
        lead=CAMPAIGN[1],
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )
    campaigns.add_child(instance=campaign)
    campaign.save_revision().publish()


def search_titles(query, locale_id):
    results, __ = engine.run(engine.Query.read(query), locale_id)
    return [page.title for page in results[:20]]


@pytest.mark.django_db
def test_search_recall_and_precision_on_realistic_queries(corpus):
    from core.i18n import default_locale_id

    locale_id = default_locale_id()
    expected = found = firsts = first_hits = 0
    misses = []
    for query, wanted, must_be_first in QUERIES:
        titles = search_titles(query, locale_id)
        for title in wanted:
            expected += 1
            if title in titles:
                found += 1
            else:
                misses.append((query, title, titles[:5]))
        if must_be_first:
            firsts += 1
            if titles and titles[0] == wanted[0]:
                first_hits += 1
            else:
                misses.append((query, f"first: {wanted[0]}", titles[:5]))
    recall = found / expected
    precision_at_1 = first_hits / firsts
    assert len(QUERIES) >= 40
    print(f"search recall {recall:.3f} ({found}/{expected}), first hit {precision_at_1:.3f}")
    assert recall >= 0.95, (recall, misses)
    assert precision_at_1 >= 0.9, (precision_at_1, misses)


@pytest.mark.django_db
def test_nothing_unrelated_matches_a_korean_word(corpus):
    from core.i18n import default_locale_id

    titles = search_titles("부엌", default_locale_id())
    assert not any("도서관" in title or "공방" in title for title in titles)
