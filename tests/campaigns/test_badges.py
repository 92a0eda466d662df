"""Every campaign state is a badge of the portal's (issue 20): "open now" was bare text
beside a grey "closed" badge. The listing and the campaign page mark each state with
the portal's badge colours (status--open, --upcoming, --closed)."""

import datetime as dt
import re

import pytest

from .conftest import NOW, text

pytestmark = pytest.mark.usefixtures("clock")


def badges(html):
    return re.findall(
        r'<span class="status (status--\w+) campaign-status campaign-status--(\w+)">', html
    )


def test_each_state_on_the_listing_is_a_badge(client, make_campaign, campaign):
    make_campaign(
        "space-stories-2025",
        title="우리 동네 공간 이야기 공모",
        opens=NOW - dt.timedelta(days=150),
        closes=NOW - dt.timedelta(days=90),
        english=False,
    )
    make_campaign(
        "summer-2027",
        title="여름 공간 사진전",
        opens=NOW + dt.timedelta(days=30),
        closes=NOW + dt.timedelta(days=60),
        english=False,
    )
    assert badges(text(client.get("/campaigns/"))) == [
        ("status--open", "open"),
        ("status--upcoming", "upcoming"),
        ("status--closed", "past"),
    ]


def test_the_campaign_page_badge_follows_the_period(client, campaign, clock):
    assert badges(text(client.get(campaign.url))) == [("status--open", "open")]
    assert badges(text(client.get("/en" + campaign.url))) == [("status--open", "open")]
    clock.move_to(campaign.closes_at + dt.timedelta(minutes=1))
    assert badges(text(client.get(campaign.url))) == [("status--closed", "closed")]
