"""The campaign listing in the portal's design (issue 20): each campaign a card with its
cover (or the campaigns' megaphone), its period and a status badge coloured by the
design tokens, in a grid that uses the page's width."""

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from .conftest import NOW, text

pytestmark = pytest.mark.usefixtures("clock")

CSS = Path(settings.BASE_DIR) / "campaigns" / "static" / "campaigns" / "campaigns.css"


def cover():
    buffer = BytesIO()
    PILImage.new("RGB", (800, 500), "#2a7a5a").save(buffer, "JPEG")
    return get_image_model().objects.create(title="표지", file=ImageFile(buffer, name="cover.jpg"))


def cards(html):
    return re.findall(r'<li class="campaign-card campaign-card--(\w+)">(.*?)</li>', html, re.S)


def test_each_campaign_is_a_card_with_its_cover_period_and_badge(client, make_campaign):
    make_campaign(image=cover(), image_alt="공간 사진을 든 주민들")
    make_campaign(
        "space-stories-2025",
        title="우리 동네 공간 이야기 공모",
        opens=NOW - dt.timedelta(days=150),
        closes=NOW - dt.timedelta(days=90),
        english=False,
    )
    html = text(client.get("/campaigns/"))
    assert 'href="/static/campaigns/campaigns.css"' in html
    (open_status, open_card), (past_status, past_card) = cards(html)
    assert (open_status, past_status) == ("open", "past")
    # The cover beside the words is decoration: the title says what the card is.
    img = re.search(r"<picture>.*?(<img [^>]*>).*?</picture>", open_card, re.S)[1]
    assert 'alt=""' in img and 'class="campaign-card__image"' in img
    assert '<div class="campaign-card__art" aria-hidden="true">' in past_card
    assert '<span class="icon icon--megaphone"></span>' in past_card
    for card in (open_card, past_card):
        assert re.search(r'<h3 class="campaign-card__title" lang="ko"><a href="/campaigns/', card)
        assert '<span class="icon icon--calendar" aria-hidden="true"></span>' in card
        assert re.search(r'<time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d</time>', card)
    assert "진행 중" in open_card and "마감" in past_card


def test_the_listing_keeps_its_query_budget_with_covers(
    client, make_campaign, django_assert_max_num_queries
):
    for n in range(3):
        make_campaign(f"covered-{n}", image=cover(), image_alt="표지", english=False)
    client.get("/campaigns/")
    # The listing's 12 and two for the covers and their renditions, however many.
    with django_assert_max_num_queries(14):
        assert client.get("/campaigns/").status_code == 200


def test_the_badges_use_the_design_tokens_not_colours_of_their_own():
    css = CSS.read_text()
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", css)
    rules = dict(re.findall(r"^(\.campaign-status--[\w, .-]+?) \{([^}]*)\}", css, re.M))
    assert rules[".campaign-status--upcoming"].strip() == (
        "background: var(--c-info-bg); color: var(--c-link);"
    )
    assert "var(--c-neutral-bg)" in rules[".campaign-status--past, .campaign-status--closed"]
