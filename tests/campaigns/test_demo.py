"""The demo campaigns: the listing, the opening campaign open now, a past campaign with
three published winners; deterministic and idempotent."""

import datetime as dt

from django.utils import timezone

import pytest

from campaigns import demo as campaigns_demo
from campaigns.models import CampaignEntry, CampaignPage, EntryStatus
from core.demo import DemoContext
from home import demo as home_demo
from spaces import demo as spaces_demo

from .conftest import text


@pytest.fixture
def demo(db, taxonomies):
    ctx = DemoContext(seed=1, spaces=6, password="changeme", quiet=True)
    home_demo.load_site(ctx)
    home_demo.load_users(ctx)
    spaces_demo.load(ctx)
    campaigns_demo.load(ctx)
    return ctx


def test_the_opening_campaign_is_open_now(demo, client):
    campaign = CampaignPage.objects.get(slug="love-your-space", locale__language_code="ko")
    now = timezone.now()

    assert campaign.title == "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요"
    assert campaign.live and campaign.is_open(now)
    assert campaign.opens_at <= now - dt.timedelta(days=13)
    assert campaign.closes_at >= now + dt.timedelta(days=41)
    english = campaign.get_translation(demo.locales["en"])
    assert english.title == "Find and share the community space you love"
    assert client.get("/campaigns/love-your-space/").status_code == 200
    assert "Find and share" in text(client.get("/en/campaigns/love-your-space/"))
    html = text(client.get("/campaigns/"))
    assert campaign.title in html and "우리 동네 공간 이야기 공모" in html


def test_the_past_campaign_shows_three_winners(demo, client):
    past = CampaignPage.objects.get(slug="space-stories-2025", locale__language_code="ko")

    assert past.status() == "closed" and past.winners_published
    assert CampaignEntry.objects.filter(campaign=past, status=EntryStatus.SELECTED).count() == 3
    html = text(client.get("/campaigns/space-stories-2025/"))
    assert html.count('class="winner"') == 3
    for user in demo.users.values():
        assert user.email not in html


def test_loading_again_adds_nothing(demo):
    counts = (CampaignPage.objects.count(), CampaignEntry.objects.count())

    campaigns_demo.load(demo)

    assert (CampaignPage.objects.count(), CampaignEntry.objects.count()) == counts
    assert counts == (4, 5)  # two campaigns in two languages; five entries
