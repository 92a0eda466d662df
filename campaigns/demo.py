"""Demo campaigns: the listing at ``/campaigns/``, the opening campaign "find and share
the community space you love" (open now: opened two weeks ago, closes in six weeks)
with an entry, and a past campaign whose three winners are published. Pages are keyed
by slug and entries by (campaign, resident), so running again adds nothing; entries
need demo spaces and are skipped without them."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo import ensure_child, ensure_section, ensure_translation

from .models import CampaignEntry, CampaignIndexPage, CampaignPage, EntryStatus

PRIVACY_NOTICE = (
    "수집 항목: 아이디, 고른 공간, 사랑하는 이유, 사진(선택), 연락처(선택).\n"
    "이용 목적: 캠페인 응모작 심사, 당첨자 선정과 경품 안내.\n"
    "당첨자 목록에는 공간, 사연 일부, 가린 이름(예: 김*은)만 공개됩니다.\n"
    "응모 내용은 언제든 삭제를 요청할 수 있습니다."
)
PRIVACY_NOTICE_EN = (
    "What we collect: your username, the space you chose, why, a photo (optional) and a "
    "contact (optional).\n"
    "Why: to screen the entries, choose the winners and tell them about their prize.\n"
    "The winners list shows only the space, part of the text and a masked name (e.g. J**).\n"
    "You can ask us to delete your entry at any time."
)

OPENING = {
    "slug": "love-your-space",
    "ko": {
        "title": "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요",
        "lead": "동네에서 가장 아끼는 작은도서관, 동아리방, 공방을 알려 주세요. 사연을 보내 주신 "
        "주민 가운데 30명에게 동네책방 상품권을 드립니다.",
        "description": "<p>커뮤니티 공간 포털의 문을 열며, 주민 여러분이 사랑하는 공간 이야기를 "
        "모읍니다. 포털에서 공간을 찾아 고르고, 그곳을 아끼는 이유를 들려주세요.</p>",
        "prize_terms": "<ul><li>경품: 동네책방 상품권 3만 원 (30명)</li><li>참여 대상: 서울 시민 "
        "누구나, 1인 1회</li><li>선정 기준: 공간에 대한 애정과 이야기의 구체성</li></ul>",
        "privacy_notice": PRIVACY_NOTICE,
    },
    "en": {
        "title": "Find and share the community space you love",
        "lead": "Tell us about the small library, club room or workshop you love most. Thirty "
        "residents who share their story receive a village bookstore voucher.",
        "description": "<p>To open the Community Space portal we are collecting the stories of "
        "the spaces residents love. Find a space on the portal, choose it and tell us why.</p>",
        "prize_terms": "<ul><li>Prize: a ₩30,000 village bookstore voucher (30 winners)</li>"
        "<li>Who: anyone living in Seoul, one entry each</li><li>How we choose: love for the "
        "space and a concrete story</li></ul>",
        "privacy_notice": PRIVACY_NOTICE_EN,
    },
}

PAST = {
    "slug": "space-stories-2025",
    "ko": {
        "title": "우리 동네 공간 이야기 공모",
        "lead": "동네 공간에서 생긴 따뜻한 이야기를 모았습니다. 참여해 주신 모든 분께 감사드립니다.",
        "description": "<p>지난 캠페인에서는 동네 공간에서 만난 이웃과 모임 이야기를 모았습니다.</p>",
        "prize_terms": "<ul><li>경품: 공방 체험권 (3명)</li><li>참여 대상: 서울 시민, 1인 1회</li></ul>",
        "privacy_notice": PRIVACY_NOTICE,
        "winners_published": True,
        "winners_intro": "<p>축하합니다! 선정된 세 분께는 개별로 연락드렸습니다.</p>",
    },
    "en": {
        "title": "Stories of our neighbourhood spaces",
        "lead": "We collected warm stories from neighbourhood spaces. Thank you to everyone who "
        "took part.",
        "description": "<p>The last campaign gathered stories of neighbours and groups met in "
        "community spaces.</p>",
        "prize_terms": "<ul><li>Prize: a workshop experience voucher (3 winners)</li><li>Who: "
        "anyone living in Seoul, one entry each</li></ul>",
        "privacy_notice": PRIVACY_NOTICE_EN,
        "winners_intro": "<p>Congratulations! The three winners have been contacted.</p>",
    },
}

# (campaign slug, username, space number, status, why)
ENTRIES = [
    (
        PAST["slug"],
        "resident1",
        0,
        EntryStatus.SELECTED,
        "퇴근길에 들르는 작은도서관에서 이웃과 그림책 모임을 시작했어요. 아이도 저도 친구가 생겼습니다.",
    ),
    (
        PAST["slug"],
        "resident2",
        1,
        EntryStatus.SELECTED,
        "동아리방에서 매주 밴드 연습을 해요. 서툰 연주도 반겨 주는 곳이라 고마운 마음입니다.",
    ),
    (
        PAST["slug"],
        "operator2",
        2,
        EntryStatus.SELECTED,
        "공유부엌에서 처음 만난 이웃들과 반찬을 나누며 동네에 정이 들었습니다.",
    ),
    (
        PAST["slug"],
        "operator1",
        3,
        EntryStatus.NOT_SELECTED,
        "공방에서 배운 목공으로 아이 책상을 만들었어요.",
    ),
    (
        OPENING["slug"],
        "resident2",
        4,
        EntryStatus.SUBMITTED,
        "우리 동네 책방은 주말마다 낭독회를 열어요. 책을 좋아하는 이웃을 만나는 곳입니다.",
    ),
]


def load(ctx):
    index = ensure_section(
        ctx,
        CampaignIndexPage,
        "campaigns",
        ko={
            "title": "캠페인",
            "summary": "사랑하는 공간을 알리고 이웃과 함께하는 캠페인에 참여하세요.",
        },
        en={
            "title": "Campaigns",
            "summary": "Take part in campaigns: share the spaces you love with your neighbours.",
        },
    )
    today = timezone.localdate()
    opening = _campaign(
        ctx,
        index,
        OPENING,
        opens=_at(today - dt.timedelta(days=14), 0),
        closes=_at(today + dt.timedelta(days=42), 18),
    )
    past = _campaign(
        ctx,
        index,
        PAST,
        opens=_at(today - dt.timedelta(days=150), 0),
        closes=_at(today - dt.timedelta(days=90), 18),
    )
    load_entries(ctx, {opening.slug: opening, past.slug: past})


def _at(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _campaign(ctx, index, content, opens, closes):
    page = ensure_child(
        index, CampaignPage, content["slug"], opens_at=opens, closes_at=closes, **content["ko"]
    )
    ensure_translation(page, ctx.locales["en"], **content["en"])
    return page


def load_entries(ctx, campaigns):
    from spaces.models import SpacePage

    spaces = list(
        SpacePage.objects.live()
        .filter(external_id__startswith="demo-", locale__language_code="ko")
        .order_by("pk")[:5]
    )
    if len(spaces) < 5:
        return
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in={e[1] for e in ENTRIES})
    }
    staff = get_user_model().objects.filter(username="admin").first()
    for slug, username, number, status, why in ENTRIES:
        user, campaign, space = users.get(username), campaigns[slug], spaces[number]
        if user is None or CampaignEntry.objects.filter(campaign=campaign, user=user).exists():
            continue
        sent = campaign.opens_at + dt.timedelta(days=3 + number, hours=5)
        decided = status != EntryStatus.SUBMITTED
        CampaignEntry.objects.create(
            campaign=campaign,
            user=user,
            space=space,
            space_title=space.title,
            why=why,
            contact=user.email,
            terms_accepted_at=sent,
            privacy_accepted_at=sent,
            created_at=sent,
            status=status,
            decided_at=campaign.closes_at + dt.timedelta(days=7) if decided else None,
            decided_by=staff if decided else None,
            notes="데모 심사 메모" if decided else "",
        )
