"""The privacy policy (개인정보처리방침) at ``/privacy/`` and ``/en/privacy/``: there on a
new site, in both languages, with a table of contents and the resident's rights linked;
linked from every page's footer and from the forms that collect personal data; edited
by staff like any page."""

import datetime as dt
import importlib
import json
import re

from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
import time_machine

from campaigns.models import CampaignIndexPage, CampaignPage
from core.demo import ensure_section, publish
from home.models import HomePage, InfoPage
from home.policies import APPLIES, privacy_policy
from home.site import ensure_site
from spaces.models import SpaceIndexPage


def html(response):
    return response.content.decode()


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html(response), re.S).group(1).strip()


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', html(response)).group(1)


def footer(response):
    return re.search(r'<footer class="site-footer">.*</footer>', html(response), re.S).group(0)


def assert_policy_in(response, language, title):
    assert response.status_code == 200
    assert html_lang(response) == language
    assert h1(response) == title


# --- the page in both languages ----------------------------------------------------------


def test_the_policy_answers_in_korean_and_in_english(client, home):
    korean = client.get("/privacy/")
    assert_policy_in(korean, "ko", "개인정보처리방침")
    assert "시행일" in html(korean)
    policy = InfoPage.objects.get(slug="privacy", locale__language_code="ko")
    day = policy.effective_from
    assert day == timezone.localdate(policy.first_published_at)  # in force once online
    assert f'<time datetime="{day:%Y-%m-%d}">{day.year}년 {day.month}월 {day.day}일</time>' in (
        html(korean)
    )
    assert "개인정보 보호책임자" in html(korean) and "privacy@example.org" in html(korean)

    english = client.get("/en/privacy/")
    assert_policy_in(english, "en", "Privacy policy")
    assert "Effective from" in html(english)
    assert "Privacy officer" in html(english)
    assert "has not been translated yet" not in html(english)


@pytest.fixture
def flushed(transactional_db):
    """The database emptied by ``manage.py flush``, which makes the content types again
    (new ids). Sequences are kept and the content types' cache is emptied afterwards:
    the tests that follow restore the migrated database with its own ids (see
    tests/conftest.py)."""
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    yield
    ContentType.objects.clear_cache()


def test_the_policy_is_there_again_after_a_flush_and_ensure_site(client, flushed):
    assert not InfoPage.objects.exists()

    ensure_site()

    assert_policy_in(client.get("/privacy/"), "ko", "개인정보처리방침")
    assert_policy_in(client.get("/en/privacy/"), "en", "Privacy policy")
    # Each language once, as a translation of the other, and published with a revision.
    pages = InfoPage.objects.filter(slug="privacy").order_by("locale__language_code")
    assert [page.locale.language_code for page in pages] == ["en", "ko"]
    assert pages[0].translation_key == pages[1].translation_key
    assert all(page.live and page.live_revision_id for page in pages)
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.title == "Community Space" and english_home.live

    ensure_site()  # idempotent
    assert InfoPage.objects.filter(slug="privacy").count() == 2
    assert HomePage.objects.count() == 2


def test_a_new_site_has_its_policy_in_force_from_the_day_it_is_created(client, home):
    """The first version applies from the day its page is made, in both languages, and
    its text points to that date instead of naming one."""
    InfoPage.objects.all().delete()
    with time_machine.travel(timezone.make_aware(dt.datetime(2027, 3, 2, 10, 0)), tick=False):
        ensure_site()

        korean, english = html(client.get("/privacy/")), html(client.get("/en/privacy/"))

    assert {page.effective_from for page in InfoPage.objects.all()} == {dt.date(2027, 3, 2)}
    assert '<time datetime="2027-03-02">2027년 3월 2일</time>' in korean
    assert '<time datetime="2027-03-02">' in english
    assert "이 개인정보처리방침은 제목 아래에 적힌 시행일부터 적용됩니다." in korean
    assert "This privacy policy applies from the date shown under its title." in english
    assert not re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일부터 적용", korean)


def _migration():
    return importlib.import_module("home.migrations.0005_privacy_policy_in_force")


def _as_first_written(page, effective_from, published):
    """``page`` as ``home.0004`` wrote it before the fix: the fixed date in its field
    and its text, first published at ``published``; its revision the same."""
    migration = _migration()
    language = page.locale.language_code
    body = json.dumps(list(page.body.raw_data)).replace(
        json.dumps(APPLIES[language])[1:-1], json.dumps(migration.FIRST_SENTENCES[language])[1:-1]
    )
    InfoPage.objects.filter(pk=page.pk).update(
        effective_from=effective_from, first_published_at=published, body=body
    )
    page.refresh_from_db()
    assert migration.FIRST_SENTENCES[language] in str(page.body.raw_data)
    page.save_revision()


def test_the_migration_brings_a_first_policy_dated_ahead_into_force(home):
    """Existing sites: a policy still carrying the first text's future date applies from
    the day it was first published; a date staff chose, or one already passed when it
    was published, stays."""
    migration = _migration()
    korean = InfoPage.objects.get(slug="privacy", locale__language_code="ko")
    english = InfoPage.objects.get(slug="privacy", locale__language_code="en")
    published = timezone.make_aware(dt.datetime(2026, 12, 6, 11, 47))
    _as_first_written(korean, migration.FIRST_DATE, published)
    _as_first_written(english, dt.date(2027, 1, 1), published)  # staff chose a date

    migration.bring_into_force(django_apps, None)

    korean = InfoPage.objects.get(pk=korean.pk)
    assert korean.effective_from == dt.date(2026, 12, 6)
    text = json.dumps(list(korean.body.raw_data), ensure_ascii=False)
    assert APPLIES["ko"] in text and "2026년 12월 15일" not in text
    editing = korean.get_latest_revision_as_object()  # what the editor opens
    assert editing.effective_from == dt.date(2026, 12, 6)
    assert APPLIES["ko"] in json.dumps(list(editing.body.raw_data), ensure_ascii=False)
    assert InfoPage.objects.get(pk=english.pk).effective_from == dt.date(2027, 1, 1)

    migration.bring_into_force(django_apps, None)  # again: nothing changes
    assert InfoPage.objects.get(pk=korean.pk).effective_from == dt.date(2026, 12, 6)


def test_the_table_of_contents_links_to_every_section(client, home):
    page = html(client.get("/privacy/"))
    contents = re.search(r'<nav class="info-page__contents".*?</nav>', page, re.S).group(0)
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert len(anchors) == 13  # twelve sections and the previous versions
    for anchor in anchors:
        assert re.search(rf'<h2 id="{re.escape(anchor)}">', page), anchor
    assert '<a href="#rights" lang="ko">7. 정보주체의 권리와 행사 방법</a>' in contents
    assert '<h2 id="previous-versions">이전 버전</h2>' in page


def test_each_language_links_the_residents_rights_in_that_language(client, home):
    korean = html(client.get("/privacy/"))
    for path in ("/accounts/export/", "/accounts/profile/", "/accounts/delete/"):
        assert f'href="{path}"' in korean
    assert "10일 안에 답합니다" in korean

    english = html(client.get("/en/privacy/"))
    for path in ("/en/accounts/export/", "/en/accounts/profile/", "/en/accounts/delete/"):
        assert f'href="{path}"' in english
    assert "within 10 days" in english


def test_the_policy_names_every_remedy_with_its_number(client, home):
    korean = html(client.get("/privacy/"))
    for body, number in (
        ("개인정보분쟁조정위원회", "1833-6972"),
        ("개인정보침해신고센터", "118"),
        ("대검찰청", "1301"),
        ("경찰청", "182"),
    ):
        assert re.search(rf"{body}: \(국번 없이\) {number},", korean), body


@override_settings(PERSONAL_DATA_RETENTION_DAYS=2 * 365)
def test_the_retention_period_written_follows_the_setting():
    korean = str(privacy_policy("ko")["body"])
    english = str(privacy_policy("en")["body"])
    assert "이용일(캠페인은 응모 마감일)로부터 2년" in korean
    assert "2 years from the day of use" in english
    with override_settings(PERSONAL_DATA_RETENTION_DAYS=400):
        assert "400 days from the day of use" in str(privacy_policy("en")["body"])


def test_the_english_address_shows_the_korean_policy_until_it_is_translated(client, home):
    InfoPage.objects.filter(locale__language_code="en").delete()

    response = client.get("/en/privacy/")

    assert_policy_in(response, "en", "개인정보처리방침")
    assert "has not been translated yet" in html(response)
    assert '<h1 lang="ko">' in html(response)


# --- the page type -----------------------------------------------------------------------


def test_policy_pages_go_under_the_home_page_only(home):
    assert InfoPage.can_create_at(home)
    assert "home.infopage" in {
        f"{m._meta.app_label}.{m._meta.model_name}" for m in HomePage.allowed_subpage_models()
    }
    directory = home.add_child(instance=SpaceIndexPage(title="공간 찾기", slug="spaces"))
    assert not InfoPage.can_create_at(directory)
    assert InfoPage.allowed_subpage_models() == []


def test_section_anchors_are_unique_and_fall_back_to_the_heading(home):
    page = InfoPage(
        title="이용약관",
        slug="terms",
        body=[
            {"type": "heading", "value": {"heading": "1. 목적", "anchor": ""}},
            {"type": "text", "value": "<p>가</p>"},
            {"type": "heading", "value": {"heading": "1. 목적", "anchor": ""}},
            {"type": "heading", "value": {"heading": "Contents", "anchor": "contents"}},
        ],
    )
    anchors = [anchor for __, anchor in page.body_with_anchors() if anchor]
    assert anchors == ["1-목적", "1-목적-2", "contents-2"]  # "contents" is the list's own


# --- links to it -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "link", "label"),
    [
        ("/", "/privacy/", "개인정보처리방침"),
        ("/en/", "/en/privacy/", "Privacy policy"),
        ("/search/?q=도서관", "/privacy/", "개인정보처리방침"),
        ("/en/accounts/login/", "/en/privacy/", "Privacy policy"),
        ("/privacy/", "/privacy/", "개인정보처리방침"),
    ],
)
def test_every_footer_links_the_policy_in_bold_in_the_pages_language(
    client, home, path, link, label
):
    response = client.get(path)

    assert response.status_code == 200
    assert f'<a href="{link}"><strong>{label}</strong></a>' in footer(response)


def test_the_footer_sends_nobody_to_the_xml_sitemap(client, home):
    """The sitemap is for search engines (robots.txt names it); people get pages."""
    for path in ("/", "/en/"):
        links = re.findall(r'href="([^"]+)"', footer(client.get(path)))
        assert links and not any("sitemap" in link for link in links)
    assert client.get("/sitemap.xml").status_code == 200


def test_the_campaign_entry_form_shows_the_privacy_note(client, bilingual_site, django_user_model):
    now = timezone.now()
    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인"},
        en={"title": "Campaigns"},
    )
    campaign = CampaignPage(
        title="내가 사랑하는 공간",
        slug="love-your-space",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )
    publish(index.add_child(instance=campaign))
    client.force_login(django_user_model.objects.create_user("seoyeon", "seoyeon@example.org"))

    page = html(client.get("/campaigns/love-your-space/"))
    form = re.search(r'<form method="post"[^>]*class="entry-form".*?</form>', page, re.S).group(0)

    note = '개인정보는 <a href="/privacy/">개인정보처리방침</a>에 따라 처리됩니다.'
    assert note in form
    assert form.index(note) < form.index('<button type="submit"')


def test_the_register_your_space_form_shows_the_privacy_note(
    client, bilingual_site, django_user_model
):
    client.force_login(django_user_model.objects.create_user("proposer", "p@example.org"))

    korean = html(client.get("/operators/register/"))
    english = html(client.get("/en/operators/register/"))

    assert '개인정보는 <a href="/privacy/">개인정보처리방침</a>에 따라 처리됩니다.' in korean
    assert (
        'Your personal data is handled as set out in our <a href="/en/privacy/">privacy '
        "policy</a>." in english
    )


# --- staff edit it -----------------------------------------------------------------------


def test_staff_edit_and_publish_the_policy_in_the_admin(client, home, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "changeme")
    )
    policy = InfoPage.objects.get(slug="privacy", locale__language_code="ko")
    edit = f"/admin/pages/{policy.pk}/edit/"
    assert client.get(edit).status_code == 200

    response = client.post(
        edit,
        nested_form_data(
            {
                "title": "개인정보처리방침",
                "slug": "privacy",
                "intro": rich_text("<p>바뀐 안내입니다.</p>"),
                "effective_from": "2027-03-01",
                "body": streamfield(
                    [
                        ("heading", {"heading": "1. 처리 목적", "anchor": "purposes"}),
                        ("text", rich_text("<p>회원 관리에 씁니다.</p>")),
                    ]
                ),
                "previous_versions": rich_text("<p>2026년 12월 15일 ~ 2027년 2월 28일</p>"),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, html(response)[:3000]

    page = html(client.get("/privacy/"))
    assert "바뀐 안내입니다." in page
    assert '<time datetime="2027-03-01">2027년 3월 1일</time>' in page
    assert '<h2 id="purposes">1. 처리 목적</h2>' in page
    assert Page.objects.get(pk=policy.pk).specific.effective_from == dt.date(2027, 3, 1)
