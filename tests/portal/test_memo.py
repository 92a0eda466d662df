"""What every page needs from the page tree is remembered for the site's data version
(core.memo): the site answering a host, the page at an address, the home page in the
visitor's language, a page's view restrictions and the language switch's links. A
page built again (the page cache off or a logged-in visitor) then costs no tree
queries, and nothing remembered outlives a change: publishing, privacy, a new
translation or a confirmed detail shows on the very next request.

The memos are bumped once the change commits; ``committing()`` runs that as a real
commit would."""

import re

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone, translation

from wagtail.models import Locale, PageViewRestriction

import pytest

from core.demo import ensure_translation


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "memo-resident", email="memo@example.org", password="changeme"
    )


def url_of(page):
    with translation.override("ko"):
        return page.url


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[1].strip()


def language_link(response, code):
    """The language switch's link to ``code``."""
    html = response.content.decode()
    return re.search(rf'<a [^>]*href="([^"]+)"[^>]*hreflang="{code}"', html)[1]


def test_a_page_built_again_costs_no_tree_queries(library, django_assert_max_num_queries):
    """Routing, the site, the home page's locale and the view restrictions come from
    the memo: the space page asks the database only for what it shows (its terms and
    photos, built afresh here since the tests keep fragment caching off, and its free
    times)."""
    url = url_of(library)
    Client().get(url)
    Client().get(url)  # the memos fill over the first requests

    with django_assert_max_num_queries(3) as captured:
        response = Client().get(url)

    assert response.status_code == 200
    assert heading(response) == "망원 작은도서관"
    tree = [q["sql"] for q in captured if "wagtailcore_" in q["sql"]]
    assert tree == []


def test_a_logged_in_visitor_sees_a_new_title_at_once(library, resident, committing):
    """Logged-in visitors never get the page cache; the page object itself is
    remembered, and a publication starts a new memo."""
    client = Client()
    client.force_login(resident)
    assert heading(client.get(url_of(library))) == "망원 작은도서관"
    assert heading(client.get(url_of(library))) == "망원 작은도서관"

    with committing():
        library.title = "망원 마을도서관"
        library.save_revision().publish()

    assert heading(client.get(url_of(library))) == "망원 마을도서관"


def test_a_page_made_private_asks_visitors_to_log_in_at_once(library, committing):
    url = url_of(library)
    assert Client().get(url).status_code == 200
    assert Client().get(url).status_code == 200

    with committing():
        PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)

    response = Client().get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]

    with committing():
        PageViewRestriction.objects.filter(page=library).delete()

    assert Client().get(url).status_code == 200


def test_an_address_not_found_is_not_remembered(library, make_space, committing):
    """A 404 leaves no memo: the page published at that address next is found."""
    missing = "/spaces/새-공간/"
    assert Client().get(missing).status_code == 404

    with committing():
        make_space(title="새 공간", slug="새-공간")

    response = Client().get(missing)
    assert response.status_code == 200
    assert heading(response) == "새 공간"


def test_the_language_switch_links_a_new_translation_at_once(library, committing):
    """Before the translation, the English link is the Korean page under /en/; once an
    editor publishes the English page (with its own address), the switch leads to it."""
    url = url_of(library)
    Client().get(url)
    before = Client().get(url)
    assert language_link(before, "en") == f"/en{url}"

    with committing():
        english = ensure_translation(
            library, Locale.objects.get(language_code="en"), title="Mangwon Library"
        )
        english.slug = "mangwon-library"
        english.save_revision().publish()

    after = Client().get(url)
    assert language_link(after, "en") == "/en/spaces/mangwon-library/"
    assert Client().get(language_link(after, "en")).status_code == 200


@override_settings(PAGE_CACHE_SECONDS=300)
def test_confirming_details_shows_the_new_date_on_the_public_page(library, committing):
    """ "Verify details" changes the page without publishing it: the page cache and the
    memos let the date show on the next visit all the same."""
    from operators import services

    url = url_of(library)
    Client().get(url)
    cached = Client().get(url)
    assert cached["X-Page-Cache"] == "hit"
    today = timezone.localdate().isoformat()
    assert f'<time datetime="{today}">' not in cached.content.decode()

    staff = get_user_model().objects.create_superuser("memo-staff", "staff@example.org", "x")
    with committing():
        services.verify(library, staff)

    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert f'<time datetime="{today}">{today}</time>' in fresh.content.decode()
