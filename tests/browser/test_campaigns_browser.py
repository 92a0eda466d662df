"""Campaigns in a real browser: a resident opens the open campaign, logs in from it,
fills in the participation form (with a photo) and sees their entry; a name several
spaces share is settled by choosing one, without JavaScript; the campaign pages — with
the form, its errors and the winners — are accessible in both languages."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import requests
from PIL import Image
from playwright.sync_api import expect

from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage, EntryStatus
from core.demo import ensure_section, ensure_translation, publish

from .conftest import assert_no_axe_violations

URL = "/campaigns/love-your-space/"
PAST_URL = "/campaigns/space-stories/"
WHY = "퇴근길에 들르는 작은도서관에서 이웃과 그림책 모임을 시작했어요."


def _campaign(index, slug, title, opens, closes, **fields):
    page = CampaignPage(
        slug=slug,
        title=title,
        opens_at=opens,
        closes_at=closes,
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        description="<p>주민 여러분이 사랑하는 공간 이야기를 모읍니다.</p>",
        prize_terms="<ul><li>동네책방 상품권 (30명)</li><li>1인 1회</li></ul>",
        image_alt="",
        **fields,
    )
    index.add_child(instance=page)
    return publish(page)


@pytest.fixture
def site(bilingual_site, make_space, live_server, db):
    """An open campaign (translated), a past one with a published winner, a space and a
    resident who has not taken part yet."""
    users = get_user_model().objects
    users.create_user(
        "resident1", "resident1@example.org", "changeme", first_name="서연", last_name="박"
    )
    winner = users.create_user(
        "winner", "winner@example.org", "x", first_name="지은", last_name="김"
    )
    library = make_space(title="망원 작은도서관", name_en="Mangwon Small Library")
    make_space(title="성산 공유부엌", name_en="Seongsan Shared Kitchen")
    make_space(title="망원 공유부엌")
    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    now = timezone.now()
    opening = _campaign(
        index,
        "love-your-space",
        "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요",
        now - dt.timedelta(days=14),
        now + dt.timedelta(days=42),
    )
    ensure_translation(
        opening,
        bilingual_site.locales["en"],
        title="Find and share the community space you love",
        lead="Tell us about the space you love most.",
    )
    past = _campaign(
        index,
        "space-stories",
        "우리 동네 공간 이야기 공모",
        now - dt.timedelta(days=150),
        now - dt.timedelta(days=90),
        winners_published=True,
        winners_intro="<p>축하합니다!</p>",
    )
    CampaignEntry.objects.create(
        campaign=past,
        user=winner,
        space=library,
        space_title=library.title,
        why="그림책 모임이 열리는 곳",
        terms_accepted_at=past.opens_at,
        privacy_accepted_at=past.opens_at,
        status=EntryStatus.SELECTED,
    )
    return live_server.url


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "library.png"
    Image.new("RGB", (64, 48), (40, 120, 90)).save(path, "PNG")
    return path


def log_in(page, site, username, next_path):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()


def test_a_resident_takes_part_in_the_open_campaign(site, new_page, photo):
    errors = []
    page = new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + URL)
    expect(page.locator("h1")).to_have_text("내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요")
    expect(page.locator("form.entry-form")).to_have_count(0)

    # Logging in from the campaign comes back to it.
    with page.expect_navigation():
        page.locator(".take-part a.button").click()
    page.get_by_label("아이디 또는 이메일").fill("resident1")
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()
    assert page.url == site + URL

    form = page.locator("form.entry-form")
    expect(form).to_be_visible()
    expect(page.locator("#id_contact")).to_have_value("resident1@example.org")
    page.locator("#id_space").fill("망원 작은도서관")
    page.locator("#id_why").fill(WHY)
    page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_contact").fill("010-9876-5432")
    page.locator("#id_accept_terms").check()
    page.locator("#id_accept_privacy").check()
    page.wait_for_timeout(3100)  # the form refuses what is sent within 3 seconds
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    assert page.url == f"{site}{URL}#take-part", page.locator("main").inner_text()
    expect(page.locator(".message--success")).to_be_visible()
    mine = page.locator(".campaign-mine")
    expect(mine).to_be_visible()
    expect(mine).to_contain_text("망원 작은도서관")
    expect(mine).to_contain_text(WHY)
    expect(page.locator("form.entry-form")).to_have_count(0)
    assert_no_axe_violations(page)
    styles = requests.get(f"{site}/static/campaigns/campaigns.css", timeout=10)
    assert styles.status_code == 200 and ".winner" in styles.text

    entry = CampaignEntry.objects.get(user__username="resident1")
    assert entry.space_title == "망원 작은도서관"
    assert entry.contact == "010-9876-5432"
    assert entry.photo
    assert entry.terms_accepted_at is not None and entry.privacy_accepted_at is not None
    assert errors == []


@pytest.mark.rendering
def test_the_campaign_pages_have_no_accessibility_violations(site, new_page):
    anonymous = new_page()
    for path in ("/campaigns/", "/en/campaigns/", URL, f"/en{URL}", PAST_URL, f"/en{PAST_URL}"):
        anonymous.goto(site + path)
        expect(anonymous.locator("h1")).to_be_visible()
        assert_no_axe_violations(anonymous)
    expect(anonymous.locator(".winner")).to_have_count(1)

    page = new_page()
    log_in(page, site, "resident1", URL)
    for path in (URL, f"/en{URL}"):
        page.goto(site + path)
        expect(page.locator("form.entry-form")).to_be_visible()
        assert_no_axe_violations(page)
        # The form with its errors (sent at once, a name two spaces share, no consent):
        # the summary, the fields in error and the spaces to choose from.
        page.locator("#id_space").fill("망원")
        with page.expect_navigation():
            page.locator("form.entry-form button[type=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        expect(page.locator(".field--error").first).to_be_visible()
        expect(page.locator(".space-choice input[type=radio]")).to_have_count(2)
        assert_no_axe_violations(page)


def test_a_name_matching_several_spaces_is_chosen_without_javascript(site, new_page):
    page = new_page(javascript=False)
    log_in(page, site, "resident1", URL)
    page.locator("#id_space").fill("공유부엌")  # two spaces hold it
    page.locator("#id_why").fill(WHY)
    page.locator("#id_accept_terms").check()
    page.locator("#id_accept_privacy").check()
    page.wait_for_timeout(3100)
    with page.expect_navigation():
        page.locator("form.entry-form button[type=submit]").click()

    expect(page.locator(".error-summary")).to_be_visible()
    choices = page.locator(".space-choice input[type=radio]")
    expect(choices).to_have_count(2)
    expect(page.locator("#id_why")).to_have_value(WHY)  # what was typed stays
    page.get_by_label("망원 공유부엌", exact=False).check()
    with page.expect_navigation():
        page.locator("form.entry-form button[type=submit]").click()

    expect(page.locator(".campaign-mine")).to_contain_text("망원 공유부엌")
    assert CampaignEntry.objects.get(user__username="resident1").space_title == "망원 공유부엌"


@pytest.mark.rendering
def test_the_listing_uses_the_width_of_a_wide_screen_and_fits_a_phone(site, new_page):
    wide = new_page()
    wide.goto(site + "/campaigns/")
    card = wide.locator(".campaign-card--open")
    assert card.bounding_box()["width"] > 900  # not one narrow card in a wide page
    art = card.locator(".campaign-card__art").bounding_box()
    title = card.get_by_role("heading").bounding_box()
    assert art["x"] + art["width"] <= title["x"]  # the cover beside the words
    expect(card.locator(".campaign-period .status")).to_have_text("진행 중")

    phone = new_page(viewport={"width": 375, "height": 800})
    for path in ("/campaigns/", "/en/campaigns/"):
        phone.goto(site + path)
        cards = phone.locator(".campaign-card")
        expect(cards).to_have_count(2)
        first, second = (cards.nth(n).bounding_box() for n in range(2))
        assert first["y"] + first["height"] <= second["y"]  # one above the other
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
