"""The terms of use (이용약관, ``/terms/``) and the accessibility statement (웹 접근성 정책,
``/accessibility/``): there on a new database and after ``ensure_site()``, in Korean and
English; every page's footer links them with who runs the portal, its contacts and the
credits its maps owe; the stand-alone error pages need no database."""

import importlib
import re
import sys
from urllib.parse import urlsplit

from django.apps import apps as django_apps
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

import pytest

from core.views import server_error
from home.models import HomePage, InfoPage
from home.site import ensure_site
from home.statements import ACCESSIBILITY_EMAIL, EMAIL, PHONE

SLUGS = ("terms", "accessibility")
TITLES = {
    ("terms", "ko"): "이용약관",
    ("terms", "en"): "Terms of use",
    ("accessibility", "ko"): "웹 접근성 정책",
    ("accessibility", "en"): "Accessibility statement",
}


def html(response):
    return response.content.decode()


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html(response), re.S).group(1).strip()


def footer(response):
    return re.search(r'<footer class="site-footer">.*</footer>', html(response), re.S).group(0)


def address(slug, language):
    return f"/{slug}/" if language == "ko" else f"/{language}/{slug}/"


def assert_both_pages_answer(client):
    for (slug, language), title in TITLES.items():
        response = client.get(address(slug, language))
        assert response.status_code == 200, (slug, language)
        assert re.search(r'<html lang="([^"]+)"', html(response)).group(1) == language
        assert h1(response) == title
        assert "has not been translated yet" not in html(response)


def assert_made_once_each_as_translations():
    for slug in SLUGS:
        pages = InfoPage.objects.filter(slug=slug).order_by("locale__language_code")
        assert [page.locale.language_code for page in pages] == ["en", "ko"], slug
        assert pages[0].translation_key == pages[1].translation_key
        assert all(page.live and page.live_revision_id for page in pages)
        assert pages[0].effective_from == pages[1].effective_from


# --- the pages ---------------------------------------------------------------------------


def test_a_migrated_database_has_both_pages_in_both_languages(client, db):
    """Made by home.0006 when the test database was migrated (no ensure_site here),
    published with a revision once every migration ran (home.signals)."""
    assert_made_once_each_as_translations()
    assert_both_pages_answer(client)


def test_the_migration_makes_them_again_where_they_are_missing(client, db):
    InfoPage.objects.filter(slug__in=SLUGS).delete()
    migration = importlib.import_module("home.migrations.0006_terms_and_accessibility")

    migration.create_statements(django_apps, None)
    migration.create_statements(django_apps, None)  # again: nothing more

    call_command("migrate", "home", verbosity=0)  # post_migrate publishes them
    assert_made_once_each_as_translations()
    assert_both_pages_answer(client)


@pytest.fixture
def flushed(transactional_db):
    """The database emptied by ``manage.py flush`` (as tests/home/test_privacy.py)."""
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    yield
    ContentType.objects.clear_cache()


def test_ensure_site_makes_them_on_an_empty_database(client, flushed):
    assert not InfoPage.objects.exists()

    ensure_site()
    ensure_site()  # idempotent

    assert_made_once_each_as_translations()
    assert HomePage.objects.count() == 2
    assert_both_pages_answer(client)


def test_the_terms_cover_what_a_public_portal_must(client, home):
    korean, english = html(client.get("/terms/")), html(client.get("/en/terms/"))
    for heading in ("목적", "용어의 정의", "회원 가입", "예약과 취소", "의무", "금지 행위"):
        assert heading in korean, heading
    for heading in ("책임의 제한", "분쟁의 해결", "공공데이터"):
        assert heading in korean, heading
    assert '<h2 id="open-data">' in korean and '<h2 id="open-data">' in english
    assert "https://www.kogl.or.kr/info/licenseType1.do" in korean
    assert 'href="/en/accounts/delete/"' in english and 'href="/accounts/delete/"' in korean
    assert EMAIL in korean and EMAIL in english


def test_the_statement_names_its_standard_limits_and_how_to_report(client, home):
    korean = html(client.get("/accessibility/"))
    english = html(client.get("/en/accessibility/"))
    assert "KWCAG 2.2" in korean and "WCAG 2.2" in korean
    assert "알려진 한계" in korean and "Known limits" in english
    for page in (korean, english):
        assert f'<a href="mailto:{ACCESSIBILITY_EMAIL}">' in page
        assert "1331" in page  # the National Human Rights Commission
    assert "3일(근무일) 안에" in korean
    assert "within 3 working days" in english


# --- the footer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "ko"), ("/en/", "en"), ("/terms/", "ko"), ("/en/accounts/login/", "en")],
)
def test_every_footer_link_of_the_portal_answers(client, home, path, language):
    """The policies, operators, open data and search, in the page's language."""
    links = re.findall(r'href="([^"]+)"', footer(client.get(path)))
    internal = [link for link in links if link.startswith("/")]
    expected = {
        address("privacy", language),
        address("terms", language),
        address("accessibility", language),
        address("terms", language) + "#open-data",
    }
    assert expected <= set(internal)
    for link in internal:
        response = client.get(link.split("#")[0])
        assert response.status_code == 200, link
    others = {urlsplit(link).scheme for link in links if not link.startswith("/")}
    assert others <= {"https", "mailto", "tel"}


def test_the_footer_names_the_operator_contacts_and_credits(client, home):
    korean = footer(client.get("/"))
    english = footer(client.get("/en/"))
    assert "서울특별시 (데모)" in korean
    assert "Seoul Metropolitan Government (demo)" in english
    for text in (korean, english):
        assert f'<a href="tel:+82{PHONE[1:].replace("-", "")}">{PHONE}</a>' in text
        assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in text
        assert '<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>' in text
        assert 'class="icon icon--phone" aria-hidden="true"' in text  # Lucide, not drawn
    assert "행정구역: 통계청·행정안전부" in korean
    assert "Boundaries: Statistics Korea, Ministry of the Interior and Safety" in english
    assert "<strong>개인정보처리방침</strong>" in korean


def test_the_footer_tags_cost_no_query(db, django_assert_num_queries):
    """Addresses reversed, contacts and credits from settings: every page shows them."""
    template = Template(
        "{% load policy_tags %}{% privacy_url %} {% terms_url %} {% accessibility_url %}"
        "{% site_operator as operator %} {{ operator.name }} {{ operator.tile_credit }}"
    )
    with django_assert_num_queries(0), translation.override("en"):
        text = template.render(Context())
    assert text.startswith("/en/privacy/ /en/terms/ /en/accessibility/")
    assert "Seoul Metropolitan Government (demo)" in text and "&copy;" in text


# --- error pages -------------------------------------------------------------------------


def test_the_500_page_renders_without_a_database_in_the_portal_look():
    """No ``db`` fixture: any query would fail the test."""
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        assert sys.exc_info()[0] is ValueError
        response = server_error(request)

    page = html(response)
    assert response.status_code == 500
    assert "일시적인 오류가 발생했습니다" in page and "Something went wrong on our side" in page
    assert '<header class="site-header">' in page and '<main id="main"' in page
    assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in page  # whom to tell
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in page
    assert "<script" not in page and "style=" not in page
