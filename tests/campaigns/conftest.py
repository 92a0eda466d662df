"""A bilingual site with the campaign listing, a few spaces, an open campaign (with its
English translation) and residents — under a clock pinned to a Monday morning."""

import datetime as dt
import io
import time
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

import pytest
import time_machine
from PIL import Image as PILImage

from campaigns.forms import TOKEN_SALT
from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
from core.demo import ensure_section, ensure_translation, publish
from spaces import access
from tests.conftest import write_as_recorded

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # Monday 09:00 Seoul
OPENS = NOW - dt.timedelta(days=14)
CLOSES = NOW + dt.timedelta(days=42)
TITLE = "내가 사랑하는 커뮤니티 공간을 찾아 공유해 주세요"
TITLE_EN = "Find and share the community space you love"
WHY = "퇴근길에 들르는 작은도서관에서 이웃과 그림책 모임을 시작했어요."


def ko_text(message, **params):
    """The Korean text of an interface string (as the default language shows it)."""
    with translation.override("ko"):
        text = gettext(message)
    return text % params if params else text


def ko(message, **params):
    """``ko_text``, HTML-escaped as a page shows it."""
    return escape(ko_text(message, **params))


def en(message, **params):
    with translation.override("en"):
        text = gettext(message)
    return escape(text % params if params else text)


def jpeg(size=(24, 16), colour=(200, 90, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def photo(content=None, name="library.jpg"):
    return SimpleUploadedFile(name, jpeg() if content is None else content, "image/jpeg")


def token(seconds_ago=60):
    """The form's signed "started" value, as if the form was opened ``seconds_ago``."""
    return signing.dumps(time.time() - seconds_ago, salt=TOKEN_SALT)


def entry_data(**overrides):
    """A valid entry's POST data; an override of None leaves the field out."""
    data = {
        "space": "망원 작은도서관",
        "why": WHY,
        "contact": "010-9876-5432",
        "accept_terms": "on",
        "accept_privacy": "on",
        "leave_empty": "",
        "started": token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def text(response):
    return response.content.decode()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def campaign_index(bilingual_site):
    return write_as_recorded(
        "the campaign listing",
        lambda: ensure_section(
            bilingual_site,
            CampaignIndexPage,
            "campaigns",
            ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
            en={"title": "Campaigns", "summary": "Take part in campaigns."},
        ),
    )


@pytest.fixture
def make_campaign(campaign_index, bilingual_site):
    def make(
        slug="love-your-space", *, opens=OPENS, closes=CLOSES, english=True, live=True, **fields
    ):
        values = {
            "title": TITLE,
            "lead": "동네에서 가장 아끼는 공간을 알려 주세요.",
            "description": "<p>주민 여러분이 사랑하는 공간 이야기를 모읍니다.</p>",
            "prize_terms": "<p>동네책방 상품권 (30명)</p>",
        }
        values.update(fields)
        page = CampaignPage(slug=slug, opens_at=opens, closes_at=closes, live=live, **values)
        campaign_index.add_child(instance=page)
        if not live:  # a draft
            page.save_revision()
            return CampaignPage.objects.get(pk=page.pk)
        publish(page)
        page = CampaignPage.objects.get(pk=page.pk)
        if english:
            ensure_translation(
                page,
                bilingual_site.locales["en"],
                title=TITLE_EN,
                lead="Tell us about the space you love most.",
            )
        return page

    return make


@pytest.fixture
def campaign(clock, make_campaign):
    return write_as_recorded("the open campaign", make_campaign)


@pytest.fixture
def spaces(clock, make_space):
    return write_as_recorded(
        "the campaign's spaces",
        lambda: SimpleNamespace(
            library=make_space(title="망원 작은도서관", name_en="Mangwon Small Library"),
            kitchen=make_space(title="성산 공유부엌", name_en="Seongsan Shared Kitchen"),
            workshop=make_space(title="연남 목공방", name_en="Yeonnam Wood Workshop"),
        ),
    )


@pytest.fixture
def make_user(db):
    def make(username, *, first_name="", last_name="", staff_group=False, operator=False):
        user = get_user_model().objects.create_user(
            username,
            email=f"{username}@example.org",
            password="changeme",
            first_name=first_name,
            last_name=last_name,
        )
        if staff_group or operator:
            access.ensure_roles()
            name = access.STAFF_GROUP if staff_group else access.OPERATORS_GROUP
            user.groups.add(Group.objects.get(name=name))
        return get_user_model().objects.get(pk=user.pk)  # no cached permissions

    return make


@pytest.fixture
def resident(make_user):
    return make_user("seoyeon", first_name="서연", last_name="박")


@pytest.fixture
def as_resident(client, resident):
    client.force_login(resident)
    return client


def entry_count():
    return CampaignEntry.objects.count()
