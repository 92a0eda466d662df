"""A resident takes part in a campaign (``<campaign url>enter/``): what the page offers
to whom, what a valid entry stores, one entry per resident (the form and the database),
closed and upcoming campaigns, and every guard — each refusal a 4xx with the typed
values kept and nothing stored."""

import datetime as dt
import re
import time

from django.core import signing
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.urls import reverse

import pytest
import time_machine

from campaigns import views
from campaigns.models import CampaignEntry, EntryStatus
from spaces.models import SpacePage
from tests.operators.test_register import proposal

from .conftest import (
    CLOSES,
    NOW,
    OPENS,
    WHY,
    en,
    entry_count,
    entry_data,
    jpeg,
    ko,
    photo,
    text,
    token,
)

pytestmark = pytest.mark.usefixtures("clock")


def url(campaign, prefix=""):
    """The campaign page's address (the page's ``url`` follows the language a request
    left active, so tests spell it out)."""
    return f"{prefix}/campaigns/{campaign.slug}/"


def enter_url(campaign, prefix=""):
    return f"{url(campaign, prefix)}enter/"


# --- what the page offers -------------------------------------------------------------


def test_an_open_campaign_shows_the_form_to_a_resident(as_resident, campaign, spaces):
    response = as_resident.get(url(campaign))

    assert response.status_code == 200
    html = text(response)
    assert f'action="{enter_url(campaign)}"' in html
    assert 'enctype="multipart/form-data"' in html
    for name in ("space", "why", "photo", "contact", "accept_terms", "accept_privacy"):
        assert f'name="{name}"' in html
    assert 'name="leave_empty"' in html and 'name="started"' in html
    # The contact is pre-filled with the account's e-mail; the notice is shown by the box.
    assert 'value="seoyeon@example.org"' in html
    assert 'id="privacy-notice"' in html and 'aria-describedby="privacy-notice"' in html
    assert ko("How we use your personal data") in html
    assert "2026-11-16 09:00" in html and "2027-01-11 09:00" in html  # the period


def test_the_page_shows_the_campaigns_own_personal_data_notice(as_resident, make_campaign):
    campaign = make_campaign(privacy_notice="수집 항목: 아이디와 연락처.\n보유 기간: 6개월.")

    html = text(as_resident.get(url(campaign)))

    assert "수집 항목: 아이디와 연락처.<br>보유 기간: 6개월." in html


def test_the_form_says_the_retention_period_the_privacy_policy_says(
    as_resident, campaign, settings
):
    """One source, the setting: the campaign's notice never states its own period."""
    html = text(as_resident.get(url(campaign)))
    assert "보유 기간: 캠페인 종료 후 3년." in html
    assert "6개월" not in html

    settings.PERSONAL_DATA_RETENTION_DAYS = 2 * 365
    assert "보유 기간: 캠페인 종료 후 2년." in text(as_resident.get(url(campaign)))
    english = text(as_resident.get(url(campaign, "/en")))
    assert "How long: 2 years after the campaign closes." in english


def test_anonymous_visitors_see_a_login_link_back_to_the_campaign(client, campaign):
    html = text(client.get(url(campaign)))

    assert f'href="{reverse("account_login")}?next={url(campaign)}"' in html
    assert f'href="{reverse("account_signup")}?next={url(campaign)}"' in html
    assert 'name="why"' not in html


def test_the_english_page_keeps_the_english_login_link(client, campaign):
    response = client.get(f"{url(campaign, '/en')}")

    assert response.status_code == 200
    assert "?next=/en/campaigns/love-your-space/" in text(response)


def test_asking_for_the_entry_address_leads_back_to_the_campaign(as_resident, campaign):
    response = as_resident.get(enter_url(campaign))

    assert response.status_code == 302
    assert response["Location"] == f"{url(campaign)}#take-part"


# --- a valid entry ----------------------------------------------------------------------


def test_a_resident_enters_and_the_entry_is_stored_with_consents(
    as_resident, resident, campaign, spaces
):
    response = as_resident.post(enter_url(campaign), entry_data(photo=photo()))

    assert response.status_code == 303
    assert response["Location"] == f"{url(campaign)}#take-part"
    entry = CampaignEntry.objects.get()
    assert entry.campaign_id == campaign.pk
    assert entry.user_id == resident.pk
    assert entry.space_id == spaces.library.pk
    assert entry.space_title == "망원 작은도서관"
    assert entry.why == WHY
    assert entry.contact == "010-9876-5432"
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.terms_accepted_at == NOW
    assert entry.privacy_accepted_at == NOW
    assert entry.created_at == NOW
    assert entry.decided_at is None and entry.decided_by is None
    assert entry.photo.name.startswith("campaigns/entries/")
    assert entry.photo.name.endswith(".jpg")
    assert "library" not in entry.photo.name  # the uploaded name is not kept


def test_after_entering_the_page_says_so_with_the_status(as_resident, campaign, spaces):
    as_resident.post(enter_url(campaign), entry_data())

    html = text(as_resident.get(url(campaign)))

    assert ko("You have taken part in this campaign.") in html
    assert ko("Status of your entry: %(status)s.") % {"status": EntryStatus.SUBMITTED.label} in html
    assert (
        ko(
            "Thank you for taking part! City staff read every entry after the campaign closes; "
            "you can see the status of yours on this page."
        )
        in html
    )
    assert 'name="why"' not in html  # no second form
    # Later, the status staff gave shows.
    CampaignEntry.objects.update(status=EntryStatus.SHORTLISTED)
    html = text(as_resident.get(f"{url(campaign, '/en')}"))
    assert "Status of your entry: Shortlisted." in html


def test_an_entry_from_the_english_page_belongs_to_the_campaign(as_resident, campaign, spaces):
    response = as_resident.post(enter_url(campaign, "/en"), entry_data())

    assert response.status_code == 303
    assert response["Location"] == f"{url(campaign, '/en')}#take-part"
    entry = CampaignEntry.objects.get()
    assert entry.campaign_id == campaign.pk  # the Korean page, whatever the language
    html = text(as_resident.get(url(campaign)))
    assert ko("You have taken part in this campaign.") in html


def test_the_english_name_of_a_space_finds_it(as_resident, campaign, spaces):
    as_resident.post(enter_url(campaign), entry_data(space="mangwon small LIBRARY"))

    assert CampaignEntry.objects.get().space_id == spaces.library.pk


def test_part_of_a_name_is_enough_when_one_space_matches(as_resident, campaign, spaces):
    response = as_resident.post(enter_url(campaign), entry_data(space="공유부엌"))

    assert response.status_code == 303
    entry = CampaignEntry.objects.get()
    assert entry.space_id == spaces.kitchen.pk
    assert entry.space_title == "성산 공유부엌"


def test_contact_may_be_left_empty(as_resident, campaign, spaces):
    response = as_resident.post(enter_url(campaign), entry_data(contact=""))

    assert response.status_code == 303
    assert CampaignEntry.objects.get().contact == ""


def test_a_name_matching_several_spaces_offers_a_choice(as_resident, campaign, spaces, make_space):
    other = make_space(title="망원 어린이도서관")

    response = as_resident.post(enter_url(campaign), entry_data(space="망원"))

    assert response.status_code == 400
    html = text(response)
    assert (
        ko("Several spaces match “%(name)s”. Choose the one you mean below.", name="망원") in html
    )
    assert f'name="space_id" id="space-choice-{spaces.library.pk}"' in html
    assert f'value="{other.pk}"' in html
    assert WHY in html  # what was typed stays
    assert entry_count() == 0

    response = as_resident.post(enter_url(campaign), entry_data(space="망원", space_id=other.pk))

    assert response.status_code == 303
    assert CampaignEntry.objects.get().space_id == other.pk


# --- one entry per resident and campaign ------------------------------------------------


def test_a_second_entry_is_refused(as_resident, campaign, spaces):
    as_resident.post(enter_url(campaign), entry_data())

    response = as_resident.post(enter_url(campaign), entry_data(space="성산 공유부엌"))

    assert response.status_code == 409
    assert ko("You have already taken part in this campaign. Thank you!") in text(response)
    entry = CampaignEntry.objects.get()
    assert entry.space_title == "망원 작은도서관"  # the first entry, unchanged


def test_the_database_refuses_a_second_entry(resident, campaign, spaces):
    def add():
        CampaignEntry.objects.create(
            campaign=campaign,
            user=resident,
            space=spaces.library,
            space_title="망원 작은도서관",
            why=WHY,
            terms_accepted_at=NOW,
            privacy_accepted_at=NOW,
        )

    add()
    with pytest.raises(IntegrityError), transaction.atomic():
        add()
    assert entry_count() == 1


def test_an_entry_racing_past_the_check_is_refused_by_the_database(
    as_resident, campaign, spaces, monkeypatch
):
    """A simultaneous request stored its entry after this one checked: the unique
    constraint refuses the second, which is told so (409), never a 500."""
    assert as_resident.post(enter_url(campaign), entry_data()).status_code == 303
    monkeypatch.setattr("campaigns.services.entry_of", lambda user, campaign: None)
    photos_before = stored_photos()

    response = as_resident.post(enter_url(campaign), entry_data(photo=photo()))

    assert response.status_code == 409
    assert ko("You have already taken part in this campaign. Thank you!") in text(response)
    assert entry_count() == 1
    assert stored_photos() == photos_before  # the refused entry's photo was not kept


def stored_photos():
    if not default_storage.exists("campaigns/entries"):
        return set()
    return set(default_storage.listdir("campaigns/entries")[1])


def test_one_resident_may_enter_two_campaigns(as_resident, make_campaign, campaign, spaces):
    other = make_campaign("second-campaign", english=False)

    assert as_resident.post(enter_url(campaign), entry_data()).status_code == 303
    assert as_resident.post(enter_url(other), entry_data()).status_code == 303
    assert entry_count() == 2


# --- closed and upcoming campaigns ------------------------------------------------------


def test_a_closed_campaign_refuses_politely_and_stores_nothing(
    as_resident, resident, campaign, spaces, clock
):
    clock.move_to(CLOSES)  # the closing moment itself is too late
    as_resident.force_login(resident)  # weeks later: a new session

    response = as_resident.post(enter_url(campaign), entry_data())

    assert response.status_code == 409
    html = text(response)
    assert (
        ko(
            "This campaign closed on %(date)s, so it takes no more entries; nothing was saved. "
            "Thank you for your interest!",
            date="2027-01-11 09:00",
        )
        in html
    )
    assert 'name="why"' not in html
    assert entry_count() == 0


def test_a_closed_campaign_page_says_it_is_closed(as_resident, resident, campaign, clock):
    clock.move_to(CLOSES + dt.timedelta(days=1))
    as_resident.force_login(resident)

    html = text(as_resident.get(url(campaign)))

    assert "campaign-status--closed" in html
    assert (
        ko(
            "This campaign closed on %(date)s and takes no more entries. Thank you to everyone "
            "who took part!",
            date="2027-01-11 09:00",
        )
        in html
    )
    assert 'name="why"' not in html


def test_an_upcoming_campaign_refuses_politely_and_stores_nothing(
    as_resident, campaign, spaces, clock
):
    clock.move_to(OPENS - dt.timedelta(seconds=1))

    response = as_resident.post(enter_url(campaign), entry_data())

    assert response.status_code == 409
    assert ko(
        "This campaign opens on %(date)s. Please come back then; nothing was saved.",
        date="2026-11-16 09:00",
    ) in text(response)
    assert entry_count() == 0
    html = text(as_resident.get(url(campaign)))
    assert "campaign-status--upcoming" in html and 'name="why"' not in html


def test_the_entries_stay_after_the_campaign_closes(as_resident, resident, campaign, spaces, clock):
    as_resident.post(enter_url(campaign), entry_data())
    clock.move_to(CLOSES + dt.timedelta(days=30))
    as_resident.force_login(resident)

    html = text(as_resident.get(url(campaign)))

    assert entry_count() == 1
    assert ko("You have taken part in this campaign.") in html


def test_a_draft_campaign_takes_no_entry(as_resident, make_campaign, spaces):
    draft = make_campaign("draft-campaign", live=False, english=False)
    url = f"/campaigns/{draft.slug}/enter/"

    assert as_resident.post(url, entry_data()).status_code == 404
    assert entry_count() == 0


# --- who may send ------------------------------------------------------------------------


def test_an_anonymous_post_redirects_to_login_and_stores_nothing(client, campaign, spaces):
    response = client.post(enter_url(campaign), entry_data())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(campaign)}"
    assert entry_count() == 0


# --- guards: each refused with 400, nothing stored, the typed values kept ---------------


def _expired_token():
    with time_machine.travel(time.time() - 2 * 86400, tick=False):
        return token(seconds_ago=0)


EXPIRED = "The form has expired. Check the details and send it again."
GUARDS = {
    "honeypot": ({"leave_empty": "http://spam.example.com"}, "Leave this field empty."),
    "too quick": (
        {"started": lambda: token(seconds_ago=1)},
        "That was very quick. Check the details and send the form again.",
    ),
    "no token": ({"started": None}, EXPIRED),
    "forged token": (
        {"started": lambda: signing.dumps(time.time() - 60, salt="something-else")},
        EXPIRED,
    ),
    "expired token": ({"started": _expired_token}, EXPIRED),
    "no terms consent": ({"accept_terms": None}, "Accept the campaign's terms to take part."),
    "no privacy consent": (
        {"accept_privacy": None},
        "Agree to the use of your personal data to take part (see the notice).",
    ),
    "unknown space": (
        {"space": "없는 공간 이름"},
        (
            "No space in the directory is called “%(name)s”. Check the name in the space "
            "directory and type it as shown there.",
            {"name": "없는 공간 이름"},
        ),
    ),
    "one letter": ({"space": "망"}, "Type at least two characters of the space's name."),
    "no space": ({"space": ""}, None),
    "forged space id": ({"space": "망원", "space_id": "99999999999999999999999"}, None),
    "no why": ({"why": "   "}, None),
    "short why": ({"why": "좋아요"}, "Tell us a little more (at least 10 characters)."),
    "long why": ({"why": "가" * 2001}, None),
    "not a photo": (
        {"photo": lambda: photo(b"GIF89a this is not really an image", name="x.gif")},
        "This file is not a photo we can read.",
    ),
    "svg photo": (
        {"photo": lambda: photo(b"<svg xmlns='http://www.w3.org/2000/svg'/>", name="x.svg")},
        "This file is not a photo we can read.",
    ),
}


@pytest.mark.parametrize("guard", list(GUARDS))
def test_guards_refuse_the_entry_and_keep_what_was_typed(as_resident, campaign, spaces, guard):
    overrides, message = GUARDS[guard]
    typed = {"why": f"{WHY} (고유한 문장)"}
    typed.update({k: (v() if callable(v) else v) for k, v in overrides.items()})
    data = entry_data(**typed)

    response = as_resident.post(enter_url(campaign), data)

    assert response.status_code == 400
    html = text(response)
    assert ko("Please correct the following") in html
    if isinstance(message, tuple):
        assert ko(message[0], **message[1]) in html
    elif message:
        assert ko(message) in html
    if "why" not in overrides:
        assert f"{WHY} (고유한 문장)" in html
    assert "010-9876-5432" in html
    assert entry_count() == 0


def started_value(response):
    """The signed "form shown at" value a page's form carries (what a robot collects)."""
    return re.search(r'name="started" value="([^"]+)"', text(response)).group(1)


def test_a_token_from_the_proposal_form_does_not_pass_the_entry_form_nor_the_reverse(
    as_resident, campaign, spaces, clock
):
    """Each public form signs its "form shown at" token with its own salt: a token
    collected from one form is refused by the other, and each takes its own."""
    entry_token = started_value(as_resident.get(url(campaign)))
    proposal_token = started_value(as_resident.get("/operators/register/"))
    clock.shift(60)

    refused_entry = as_resident.post(enter_url(campaign), entry_data(started=proposal_token))
    refused_proposal = as_resident.post(
        "/operators/register/", proposal(name="토큰 시험 사랑방", started=entry_token)
    )

    assert refused_entry.status_code == 400
    assert ko(EXPIRED) in text(refused_entry)
    assert entry_count() == 0
    assert refused_proposal.status_code == 400
    assert ko(EXPIRED) in text(refused_proposal)
    assert not SpacePage.objects.filter(title="토큰 시험 사랑방").exists()

    taken_entry = as_resident.post(enter_url(campaign), entry_data(started=entry_token))
    taken_proposal = as_resident.post(
        "/operators/register/", proposal(name="토큰 시험 사랑방", started=proposal_token)
    )

    assert taken_entry.status_code == 303
    assert entry_count() == 1
    assert taken_proposal.status_code == 302
    assert SpacePage.objects.filter(title="토큰 시험 사랑방").exists()


def test_a_space_that_is_not_published_is_not_found(as_resident, campaign, spaces):
    spaces.workshop.unpublish()

    response = as_resident.post(enter_url(campaign), entry_data(space="연남 목공방"))

    assert response.status_code == 400
    assert entry_count() == 0


@override_settings(OPERATOR_PHOTO_MAX_BYTES=500)
def test_a_photo_over_the_size_limit_is_refused(as_resident, campaign, spaces):
    big = photo(jpeg(size=(400, 400), colour=(10, 200, 90)))
    assert big.size > 500

    response = as_resident.post(enter_url(campaign), entry_data(photo=big))

    assert response.status_code == 400
    assert ko(
        "This photo is %(size)s MB; the limit is %(limit)s MB.", size="0.0", limit="0"
    ) in text(response)
    assert entry_count() == 0


@override_settings(OPERATOR_PHOTO_MAX_PIXELS=100)
def test_a_photo_with_too_many_pixels_is_refused(as_resident, campaign, spaces):
    response = as_resident.post(enter_url(campaign), entry_data(photo=photo()))

    assert response.status_code == 400
    assert ko(
        "This photo is %(width)s × %(height)s pixels, which is too large.", width=24, height=16
    ) in text(response)
    assert entry_count() == 0


@override_settings(OPERATOR_PHOTO_MAX_BYTES=1000)
def test_an_oversize_request_is_refused_before_reading_it(as_resident, campaign, spaces):
    huge = photo(b"\xff" * (views.max_request_bytes() + 10), name="huge.jpg")

    response = as_resident.post(enter_url(campaign), entry_data(photo=huge))

    assert response.status_code == 413
    assert ko(
        "What you sent is too large: the photo may be at most %(limit)s MB. Please fill in the "
        "form again with a smaller photo.",
        limit="0",
    ) in text(response)
    assert entry_count() == 0


# --- daily limits -------------------------------------------------------------------------


@override_settings(CAMPAIGN_ENTRIES_PER_ACCOUNT_PER_DAY=1)
def test_the_per_account_daily_limit(as_resident, make_campaign, campaign, spaces, clock):
    other = make_campaign("second-campaign", english=False)
    assert as_resident.post(enter_url(campaign), entry_data()).status_code == 303

    response = as_resident.post(enter_url(other), entry_data())

    assert response.status_code == 429
    assert ko(
        "Too many entries have been sent from here today. Please try again tomorrow."
    ) in text(response)
    assert entry_count() == 1
    clock.move_to(NOW + dt.timedelta(days=1))  # a new day
    assert as_resident.post(enter_url(other), entry_data()).status_code == 303


@override_settings(CAMPAIGN_ENTRIES_PER_ADDRESS_PER_DAY=1)
def test_the_per_address_daily_limit(campaign, spaces, make_user):
    first, second = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.7")
    first.force_login(make_user("neighbour1"))
    second.force_login(make_user("neighbour2"))
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    elsewhere.force_login(make_user("neighbour3"))

    assert first.post(enter_url(campaign), entry_data()).status_code == 303
    assert second.post(enter_url(campaign), entry_data()).status_code == 429
    assert elsewhere.post(enter_url(campaign), entry_data()).status_code == 303
    assert entry_count() == 2


def test_english_messages_are_english(as_resident, campaign, spaces):
    response = as_resident.post(enter_url(campaign, "/en"), entry_data(accept_terms=None))

    assert response.status_code == 400
    html = text(response)
    assert '<html lang="en"' in html
    assert en("Accept the campaign's terms to take part.") in html


def test_a_storage_failure_is_a_polite_503_with_the_form(
    as_resident, campaign, spaces, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("object storage unreachable")

    monkeypatch.setattr("django.core.files.storage.InMemoryStorage.save", broken)

    response = as_resident.post(enter_url(campaign), entry_data(photo=photo()))

    assert response.status_code == 503
    html = text(response)
    assert (
        ko(
            "Your photo could not be stored just now; nothing was saved. Please send the form "
            "again, or without a photo."
        )
        in html
    )
    assert WHY in html
    assert entry_count() == 0


def test_an_entry_photo_is_stored_without_its_gps_position(as_resident, campaign, spaces):
    from PIL import Image

    from tests.operators.test_photo_metadata import photo_with_exif

    response = as_resident.post(enter_url(campaign), entry_data(photo=photo_with_exif()))
    assert response.status_code == 303
    entry = CampaignEntry.objects.get()
    with entry.photo.open("rb") as stored, Image.open(stored) as opened:
        assert not opened.getexif()
