"""The campaign pages: the listing at ``/campaigns/`` (open, coming soon, past, with
their periods, in both languages), drafts never public, the winners list (selected
entries only, no personal data), the page's query budget, search text and page rules."""

import datetime as dt
from types import SimpleNamespace
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

import pytest

from campaigns.models import CampaignIndexPage, CampaignPage, EntryStatus, mask_name
from home.models import HomePage

from .conftest import CLOSES, NOW, OPENS, TITLE, TITLE_EN, ko, text
from .test_admin import make_entry

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def three_campaigns(make_campaign, campaign):
    past = make_campaign(
        "space-stories-2025",
        title="우리 동네 공간 이야기 공모",
        opens=NOW - dt.timedelta(days=150),
        closes=NOW - dt.timedelta(days=90),
        english=False,
    )
    upcoming = make_campaign(
        "summer-2027",
        title="여름 공간 사진전",
        opens=NOW + dt.timedelta(days=30),
        closes=NOW + dt.timedelta(days=60),
        english=False,
    )
    draft = make_campaign("secret-draft", title="비공개 초안 캠페인", live=False, english=False)
    return SimpleNamespace(open=campaign, past=past, upcoming=upcoming, draft=draft)


# --- the listing -----------------------------------------------------------------------


def test_the_listing_groups_open_upcoming_and_past_campaigns(client, three_campaigns):
    response = client.get("/campaigns/")

    assert response.status_code == 200
    html = text(response)
    open_at, upcoming_at, past_at = (
        html.index('id="campaigns-open"'),
        html.index('id="campaigns-upcoming"'),
        html.index('id="campaigns-past"'),
    )
    assert open_at < html.index(TITLE) < upcoming_at < html.index("여름 공간 사진전") < past_at
    assert past_at < html.index("우리 동네 공간 이야기 공모")
    assert "2026-11-16 09:00" in html and "2027-01-11 09:00" in html  # the open one's period
    assert "2026-12-30 09:00" in html  # when the upcoming one opens
    assert "비공개 초안 캠페인" not in html


def test_the_english_listing_shows_translations_and_korean_pages(client, three_campaigns):
    response = client.get("/en/campaigns/")

    assert response.status_code == 200
    html = text(response)
    assert '<html lang="en"' in html
    assert TITLE_EN in html  # translated
    assert 'lang="ko"><a href="/en/campaigns/summer-2027/">여름 공간 사진전</a>' in html
    assert "Past campaigns" in html


def test_an_empty_listing_says_so(client, campaign_index):
    html = text(client.get("/campaigns/"))

    assert ko("No campaigns yet") in html


def test_a_draft_campaign_is_never_public(client, three_campaigns, resident):
    assert client.get("/campaigns/secret-draft/").status_code == 404
    assert client.get("/en/campaigns/secret-draft/").status_code == 404
    client.force_login(resident)
    assert client.get("/campaigns/secret-draft/").status_code == 404


def test_the_section_is_in_the_main_menu(client, campaign):
    assert 'href="/campaigns/"' in text(client.get("/"))


# --- winners ---------------------------------------------------------------------------


@pytest.fixture
def winners(make_campaign, spaces, make_user):
    campaign = make_campaign(
        "space-stories-2025",
        title="우리 동네 공간 이야기 공모",
        opens=NOW - dt.timedelta(days=150),
        closes=NOW - dt.timedelta(days=90),
        winners_published=True,
        winners_intro="<p>축하합니다!</p>",
    )
    people = {
        "jieun": make_user("jieun", first_name="지은", last_name="김"),
        "doyoon": make_user("doyoon", first_name="도윤", last_name="최"),
        "jane": make_user("jane", first_name="Jane", last_name="Doe"),
        "nameless": make_user("mapo_reader"),
        "loser": make_user("minjun", first_name="민준", last_name="이"),
        "waiting": make_user("haeun", first_name="하은", last_name="정"),
    }
    make_entry(
        campaign,
        people["jieun"],
        spaces.library,
        EntryStatus.SELECTED,
        why="퇴근길 그림책 모임이 열리는 곳",
        contact="010-1111-2222",
        notes="심사위원 메모 A",
    )
    make_entry(
        campaign,
        people["doyoon"],
        spaces.kitchen,
        EntryStatus.SELECTED,
        why="반찬을 나누는 이웃들",
        contact="doyoon.private@example.net",
    )
    make_entry(
        campaign, people["jane"], spaces.workshop, EntryStatus.SELECTED, why="Woodworking nights"
    )
    make_entry(
        campaign, people["nameless"], spaces.library, EntryStatus.SELECTED, why="조용한 열람실"
    )
    make_entry(
        campaign, people["loser"], spaces.kitchen, EntryStatus.NOT_SELECTED, why="떨어진 사연"
    )
    make_entry(
        campaign, people["waiting"], spaces.kitchen, EntryStatus.SHORTLISTED, why="후보 사연"
    )
    return SimpleNamespace(campaign=campaign, people=people)


def test_the_winners_list_shows_selected_entries_only(client, winners, spaces):
    html = text(client.get("/campaigns/space-stories-2025/"))

    assert ko("Winners") in html
    assert "축하합니다!" in html
    for why in (
        "퇴근길 그림책 모임이 열리는 곳",
        "반찬을 나누는 이웃들",
        "Woodworking nights",
        "조용한 열람실",
    ):
        assert why in html
    assert "떨어진 사연" not in html and "후보 사연" not in html
    # The chosen spaces, linked.
    assert f'<a href="{spaces.library.url}">망원 작은도서관</a>' in html
    assert f'<a href="{spaces.kitchen.url}">성산 공유부엌</a>' in html
    # Masked names.
    for masked in ("김*은", "최*윤", "J**", "M**"):
        assert ko("Shared by %(name)s", name=masked) in html


def test_the_winners_list_exposes_no_personal_data(client, winners):
    html = text(client.get("/campaigns/space-stories-2025/"))

    for person in winners.people.values():
        assert person.email not in html
        assert person.username not in html
        full_name = f"{person.last_name}{person.first_name}"
        if full_name:
            assert full_name not in html
            assert f"{person.first_name} {person.last_name}" not in html
    for secret in (
        "010-1111-2222",
        "doyoon.private@example.net",
        "심사위원 메모 A",
        "이*준",
        "정*은",
    ):
        assert secret not in html


def test_the_english_winners_list_links_the_english_space_names(client, winners, spaces):
    html = text(client.get("/en/campaigns/space-stories-2025/"))

    english_url = f"/en/spaces/{quote(spaces.library.slug)}/"
    assert f'<a href="{english_url}">Mangwon Small Library</a>' in html
    assert "Shared by 김*은" in html


def test_a_deleted_members_winning_entry_names_nobody(client, winners, committing):
    """The account is gone (its entry anonymised): the space stays on the list, with no
    name, no "Deleted member" and no hint that someone left."""
    from residents.rights import delete_account

    with committing():
        delete_account(winners.people["jieun"])

    for prefix, shown, never in (
        ("", "주민이 나눈 이야기", ("탈퇴", "김*은")),
        ("/en", "A resident’s story", ("Deleted member", "Shared by Deleted")),
    ):
        html = text(client.get(f"{prefix}/campaigns/space-stories-2025/"))
        assert html.count('class="winner"') == 4
        assert html.count(shown) == 1
        assert "퇴근길 그림책 모임이 열리는 곳" not in html
        for word in never:
            assert word not in html
        assert '<blockquote class="winner__why"><p></p></blockquote>' not in html


def test_winners_stay_hidden_until_published(client, winners):
    page = CampaignPage.objects.get(pk=winners.campaign.pk)
    page.winners_published = False
    page.save_revision().publish()

    html = text(client.get("/campaigns/space-stories-2025/"))

    assert "퇴근길 그림책 모임이 열리는 곳" not in html
    assert 'id="winners-title"' not in html


def test_a_winner_whose_space_is_gone_keeps_the_name_unlinked(client, winners, spaces):
    spaces.library.unpublish()

    html = text(client.get("/campaigns/space-stories-2025/"))

    assert "망원 작은도서관" in html
    assert f'href="{spaces.library.url}"' not in html


@pytest.mark.parametrize(
    "first,last,username,masked",
    [
        ("지은", "김", "u1", "김*은"),
        ("준", "이", "u2", "이*"),
        ("수", "남궁", "u3", "남*수"),
        ("Jane", "Doe", "u4", "J**"),
        ("", "", "resident1", "R**"),
        ("", "", "", "?**"),
    ],
)
def test_mask_name(first, last, username, masked):
    user = get_user_model()(first_name=first, last_name=last, username=username)
    assert mask_name(user) == masked


# --- query budget ---------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_the_campaign_page_runs_a_constant_number_of_queries(
    count, make_campaign, spaces, make_user, django_assert_max_num_queries
):
    campaign = make_campaign(
        "budget",
        opens=NOW - dt.timedelta(days=150),
        closes=NOW + dt.timedelta(days=90),
        winners_published=True,
    )
    choices = [spaces.library, spaces.kitchen, spaces.workshop]
    for n in range(count):
        user = make_user(f"winner{n}", first_name="지은", last_name="김")
        make_entry(campaign, user, choices[n % 3], EntryStatus.SELECTED)
    visitor = make_user("visitor")
    client = Client()
    client.force_login(visitor)
    # The English page finds its Korean source (the campaign's entries): one more query
    # (and one for the locale), whatever the number of winners.
    for url, budget in (("/campaigns/budget/", 15), ("/en/campaigns/budget/", 17)):
        client.get(url)  # warm caches (navigation, site roots)
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200
        assert text(response).count('class="winner"') == count


def test_the_listing_runs_a_constant_number_of_queries(
    client, three_campaigns, make_campaign, django_assert_max_num_queries
):
    for n in range(10):
        make_campaign(f"extra-{n}", english=n % 2 == 0)
    for url, budget in (("/campaigns/", 12), ("/en/campaigns/", 15)):
        client.get(url)
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


# --- the page model -------------------------------------------------------------------


def test_search_text_holds_lead_description_and_prize_terms(campaign):
    text_ = campaign.search_text()

    assert "동네에서 가장 아끼는 공간을 알려 주세요." in text_
    assert "주민 여러분이 사랑하는 공간 이야기를 모읍니다." in text_
    assert "동네책방 상품권" in text_
    assert "<p>" not in text_
    assert "상품" in campaign.search_grams().split()  # part of a compound word


def test_the_api_exposes_public_fields_never_entries():
    names = {field.name for field in CampaignPage.api_fields}
    assert {"opens_at", "closes_at", "lead", "description"} <= names
    assert not names & {"entries", "privacy_notice"}


def test_a_campaign_must_close_after_it_opens(campaign):
    campaign.closes_at = campaign.opens_at
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "closes_at" in error.value.message_dict


def test_status_follows_the_period(campaign):
    assert campaign.status(OPENS - dt.timedelta(seconds=1)) == "upcoming"
    assert campaign.status(OPENS) == "open"
    assert campaign.status(CLOSES - dt.timedelta(seconds=1)) == "open"
    assert campaign.status(CLOSES) == "closed"


def test_where_campaign_pages_may_be_created(campaign_index):
    assert (
        CampaignIndexPage.can_create_at(HomePage.objects.get(locale__language_code="ko")) is False
    )  # one per home
    assert CampaignPage.can_create_at(campaign_index)
    assert not CampaignPage.can_create_at(HomePage.objects.get(locale__language_code="ko"))
    assert CampaignIndexPage.subpage_types == ["campaigns.CampaignPage"]


def editor_data(**overrides):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = {
        "title": "가을 공간 사진 공모",
        "slug": "autumn-photos",
        "lead": "가을의 공간을 찍어 보내 주세요.",
        "opens_at": "2026-12-01 09:00",
        "closes_at": "2026-12-31 18:00",
        "image_alt": "",
        "description": rich_text("<p>사진 공모</p>"),
        "prize_terms": rich_text("<p>상품권</p>"),
        "privacy_notice": "",
        "winners_intro": rich_text(""),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editors_publish_a_campaign_in_the_admin(admin_client, campaign_index):
    url = f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/"

    response = admin_client.post(url, editor_data(**{"action-publish": "action-publish"}))

    assert response.status_code == 302, text(response)[:2000]
    page = CampaignPage.objects.get(slug="autumn-photos")
    assert page.live
    assert page.status(NOW) == "upcoming"
    assert text(admin_client.get("/campaigns/autumn-photos/")).count("2026-12-01 09:00") >= 1


def test_the_editor_refuses_a_campaign_that_closes_before_it_opens(admin_client, campaign_index):
    url = f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/"

    response = admin_client.post(
        url, editor_data(closes_at="2026-11-01 09:00", **{"action-publish": "action-publish"})
    )

    assert response.status_code == 200
    assert ko("A campaign must close after it opens.") in text(response)
    assert not CampaignPage.objects.filter(slug="autumn-photos").exists()


def test_the_editor_previews_a_new_campaign(admin_client, campaign_index):
    url = f"/admin/pages/add/campaigns/campaignpage/{campaign_index.pk}/preview/"

    assert admin_client.post(url, editor_data()).status_code == 200
    response = admin_client.get(url)

    assert response.status_code == 200
    assert "가을 공간 사진 공모" in text(response)
