"""The admin's page search reads Korean as the site search does (search/backend.py): a
part of a compound word finds the page ("도서관" → "작은도서관"), a space's English name
finds its Korean page — in the page search, the explorer's search and the page
chooser's — and an operator still finds only the pages they run."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import Page

import pytest

from spaces import access
from spaces.models import SpaceOperator, SpacePage

SEARCH = "/admin/pages/search/"
CHOOSER_SEARCH = "/admin/choose-page/search/"


@pytest.fixture
def libraries(make_space):
    """Two small libraries and a kitchen; the libraries' titles say "작은도서관"."""
    return {
        "mangwon": make_space(
            title="망원 작은도서관",
            name_en="Mangwon Small Library",
            summary="동네 책방 같은 도서관",
        ),
        "seongsu": make_space(title="성수 작은도서관", name_en="Seongsu Little Library"),
        "kitchen": make_space(
            title="성수 공유부엌", name_en="Seongsu Shared Kitchen", space_type="shared-kitchen"
        ),
    }


def login(username, *, staff=False, runs=()):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    if staff:
        access.ensure_roles()
        user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    for space in runs:
        SpaceOperator.objects.create(space=space, user=user, status=SpaceOperator.Status.ACTIVE)
    client = Client()
    client.force_login(user)
    return client


def titles(response):
    """The titles of the spaces a listing or chooser shows (section pages that mention
    libraries may be found too: not what these tests are about)."""
    assert response.status_code == 200, response.status_code
    pages = response.context.get("pages")
    if pages is None:
        pages = response.context["object_list"]
    return sorted(page.title for page in pages if page.specific_class is SpacePage)


@pytest.fixture
def staff(db):
    return login("staff9", staff=True)


def test_staff_searching_도서관_find_the_작은도서관_spaces(staff, libraries):
    assert titles(staff.get(SEARCH, {"q": "도서관"})) == ["망원 작은도서관", "성수 작은도서관"]
    # with a particle, as people type it
    assert titles(staff.get(SEARCH, {"q": "도서관에서"})) == ["망원 작은도서관", "성수 작은도서관"]
    assert titles(staff.get(SEARCH, {"q": "부엌"})) == ["성수 공유부엌"]


def test_an_english_name_finds_the_korean_page(staff, libraries):
    assert titles(staff.get(SEARCH, {"q": "Mangwon Small Library"})) == ["망원 작은도서관"]
    assert titles(staff.get(SEARCH, {"q": "kitchens"})) == ["성수 공유부엌"]
    assert titles(staff.get(SEARCH, {"q": "library"})) == ["망원 작은도서관", "성수 작은도서관"]


def test_the_explorer_and_the_page_chooser_search_the_same_way(staff, libraries):
    directory = Page.objects.get(pk=libraries["mangwon"].pk).get_parent()
    explorer = staff.get(f"/admin/pages/{directory.pk}/", {"q": "도서관"})
    assert titles(explorer) == ["망원 작은도서관", "성수 작은도서관"]
    chooser = staff.get(CHOOSER_SEARCH, {"q": "Seongsu"})
    assert titles(chooser) == ["성수 공유부엌", "성수 작은도서관"]
    assert titles(staff.get(CHOOSER_SEARCH, {"q": "작은도서관"})) == [
        "망원 작은도서관",
        "성수 작은도서관",
    ]


def test_a_word_still_being_typed_is_found_by_its_beginning(staff, libraries, make_space):
    """When the query read as the site search reads it finds nothing ("Makers" is no
    word of the index), Wagtail's prefix matching of title words answers."""
    make_space(title="망원 Makerspace 공방")
    assert titles(staff.get(SEARCH, {"q": "Makers"})) == ["망원 Makerspace 공방"]
    assert titles(staff.get(CHOOSER_SEARCH, {"q": "Makers"})) == ["망원 Makerspace 공방"]
    assert titles(staff.get(SEARCH, {"q": "성수 작은도"})) == ["성수 작은도서관"]


def test_an_operator_searching_finds_only_their_own_pages(libraries):
    operator = login("operator9", runs=[libraries["mangwon"]])
    assert titles(operator.get(SEARCH, {"q": "도서관"})) == ["망원 작은도서관"]
    assert titles(operator.get(SEARCH, {"q": "Seongsu Little Library"})) == []
    assert titles(operator.get(CHOOSER_SEARCH, {"q": "도서관"})) == ["망원 작은도서관"]
    # The explorer opens at the operator's own space; searching the whole tree from
    # there still lists only what they may explore.
    own = libraries["mangwon"].pk
    explorer = operator.get(f"/admin/pages/{own}/", {"q": "도서관", "search_all": "1"})
    assert titles(explorer) == ["망원 작은도서관"]
