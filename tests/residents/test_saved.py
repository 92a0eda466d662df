"""Saving spaces and programs (찜) without JavaScript: from a page, from a directory
card (a link, the same for every visitor), after logging in; saving twice keeps one
row; only live public spaces and programs; the list at /accounts/saved/ shows the
resident's own items in the visitor's language."""

import datetime as dt
import re
from unittest import mock
from urllib.parse import parse_qs

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, PageViewRestriction

import pytest
import recurrence

from residents.models import SavedItem

from .conftest import NOW


@pytest.fixture
def space(clock, make_space):
    return make_space(title="망원 작은도서관", name_en="Mangwon Small Library")


@pytest.fixture
def program(space):
    from events.models import ProgramPage

    program = ProgramPage(
        title="뜨개질 모임",
        slug="knitting",
        summary="함께 뜨개질해요.",
        start_date=NOW.date(),
        start_time=dt.time(19),
        duration_minutes=90,
        capacity=3,
        schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


def translate(page, **fields):
    """The page's English translation, published (its parents translated first)."""
    english = Locale.objects.get(language_code="en")
    parent = page.get_parent().specific
    if parent.get_translation_or_none(english) is None:
        translate(parent, title=f"{parent.title} (EN)")
    translation = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)


def save_url(page):
    return f"/accounts/saved/{page.pk}/"


def text(response):
    return response.content.decode()


def saved_titles(client, path="/accounts/saved/"):
    html = text(client.get(path))
    return re.findall(r'<p class="booking-item__title"><a href="[^"]+"[^>]*>([^<]+)</a>', html)


# --- without JavaScript -------------------------------------------------------------


def test_a_resident_saves_a_space_from_its_page_and_finds_it_in_the_list(as_resident, space):
    page = text(as_resident.get(space.url))
    form = re.search(r'<form class="save-form" method="post" action="([^"]+)"', page)
    assert form.group(1) == save_url(space)
    assert 'aria-pressed="false"' in page

    response = as_resident.post(save_url(space), {"action": "save", "next": space.url})
    assert response.status_code == 303
    assert response["Location"] == space.url
    assert SavedItem.objects.filter(user__username="resident1", page=space).count() == 1
    after = text(as_resident.get(space.url))
    assert "찜 목록에 담았습니다" in after  # the message
    assert 'aria-pressed="true"' in after
    assert saved_titles(as_resident) == ["망원 작은도서관"]


def test_a_directory_card_asks_first_then_saves_and_goes_back(as_resident, space):
    card = text(as_resident.get("/spaces/"))
    link = re.search(
        r'<a class="save-toggle" href="([^"]+)" rel="nofollow" data-save-toggle="(\d+)"', card
    )
    assert link.group(1) == save_url(space) and link.group(2) == str(space.pk)
    # Its name is "찜하기"; its description (a hidden copy of the card's title, outside
    # the link) says which space it saves.
    described = re.search(r'data-save-toggle="\d+" aria-describedby="([^"]+)"', card).group(1)
    assert f'<span id="{described}" hidden>망원 작은도서관</span>' in card
    assert 'title="' not in re.search(r'<a class="save-toggle".*?</a>', card).group(0)

    confirm = as_resident.get(link.group(1), HTTP_REFERER="http://testserver/spaces/?district=mapo")
    assert "이 공간을 찜할까요?" in text(confirm)
    assert 'name="next" value="/spaces/?district=mapo"' in text(confirm)
    response = as_resident.post(link.group(1), {"action": "save", "next": "/spaces/?district=mapo"})
    assert response["Location"] == "/spaces/?district=mapo"
    assert SavedItem.objects.filter(page=space).count() == 1
    # Asked again, the page offers to remove it.
    assert "찜을 해제할까요?" in text(as_resident.get(link.group(1)))


def test_the_save_button_keeps_its_name_and_says_the_state_in_words(as_resident, space):
    """A toggle button (WAI-ARIA APG): the name "찜하기" never changes, aria-pressed says
    the state to screen readers, and the word "찜함" beside it says it to the eye
    (shown by saved.css only while the button is pressed; aria-hidden)."""
    button = (
        r'<button type="submit" class="save-toggle" aria-pressed="(\w+)">(.*?)</button>(.*?)</form>'
    )
    pressed, name, after = re.search(button, text(as_resident.get(space.url)), re.S).groups()
    assert pressed == "false" and name.endswith("찜하기")
    assert '<span class="save-state" aria-hidden="true">찜함</span>' in after
    as_resident.post(save_url(space), {"action": "save"})
    pressed, name, after = re.search(button, text(as_resident.get(space.url)), re.S).groups()
    assert pressed == "true" and name.endswith("찜하기")
    assert '<span class="save-state" aria-hidden="true">찜함</span>' in after
    english = text(as_resident.get(f"/en{space.url}"))
    assert '<span class="save-state" aria-hidden="true">Saved</span>' in english


def test_saving_twice_keeps_one_row_and_removing_twice_is_harmless(as_resident, space):
    for __ in range(2):
        as_resident.post(save_url(space), {"action": "save"})
    assert SavedItem.objects.filter(page=space).count() == 1
    for __ in range(2):
        response = as_resident.post(save_url(space), {"action": "remove"})
        assert response.status_code == 303
    assert not SavedItem.objects.exists()


def test_a_race_lost_to_the_unique_constraint_is_already_saved(resident, space):
    """Two requests both found no row; the second insert hits the constraint and is
    answered as saved."""
    from django.db.models.query import QuerySet

    from residents import saved

    real_get = QuerySet.get
    first = {"saved_item": True}

    def get_after_the_other_request_saved(queryset, *args, **kwargs):
        if queryset.model is SavedItem and first.pop("saved_item", False):
            SavedItem.objects.create(user=resident, page=space)  # the other request
            raise SavedItem.DoesNotExist
        return real_get(queryset, *args, **kwargs)

    with mock.patch.object(QuerySet, "get", get_after_the_other_request_saved):
        assert saved.save(resident, space) is False
    assert SavedItem.objects.filter(user=resident, page=space).count() == 1


def test_the_json_answer_says_the_state(as_resident, space):
    response = as_resident.post(save_url(space), {"action": "save"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"saved": True}
    response = as_resident.post(
        save_url(space), {"action": "remove"}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"saved": False}


def test_without_an_action_nothing_changes_and_the_page_says_why(as_resident, space):
    response = as_resident.post(save_url(space), {"action": "flip"})
    assert response.status_code == 400
    assert "찜할지, 찜을 해제할지 골라 주세요." in text(response)
    assert not SavedItem.objects.exists()


def test_next_leading_elsewhere_returns_to_the_page(as_resident, space):
    response = as_resident.post(
        save_url(space), {"action": "save", "next": "https://evil.example/phish"}
    )
    assert response["Location"] == space.url
    response = as_resident.post(save_url(space), {"action": "save", "next": "//evil.example/"})
    assert response["Location"] == space.url


def test_an_anonymous_visitor_logs_in_then_saves_and_returns(client, resident, space):
    response = client.get(save_url(space), HTTP_REFERER="http://testserver/spaces/?q=망원")
    assert response.status_code == 302
    login, __, query = response["Location"].partition("?")
    assert login == "/accounts/login/"
    logged_in = client.post(
        response["Location"], {"login": "resident1", "password": "changeme"}, follow=True
    )
    assert "이 공간을 찜할까요?" in text(logged_in)
    back = re.search(r'name="next" value="([^"]+)"', text(logged_in)).group(1)
    response = client.post(save_url(space), {"action": "save", "next": back})
    assert response["Location"] == "/spaces/?q=%EB%A7%9D%EC%9B%90"
    assert SavedItem.objects.filter(user=resident, page=space).exists()


def test_an_anonymous_json_request_is_refused(client, space):
    response = client.post(save_url(space), {"action": "save"}, HTTP_ACCEPT="application/json")
    assert response.status_code in (401, 403)
    assert not SavedItem.objects.exists()


def test_a_program_is_saved_from_its_page(as_resident, program):
    page = text(as_resident.get(program.url))
    assert f'action="{save_url(program)}"' in page
    as_resident.post(save_url(program), {"action": "save"})
    assert "이 프로그램을 찜할까요?" not in text(as_resident.get(save_url(program)))
    assert saved_titles(as_resident) == ["뜨개질 모임"]


def test_the_english_page_saves_the_korean_page(as_resident, space):
    english = translate(space, title="Mangwon Library")
    as_resident.post(f"/en/accounts/saved/{english.pk}/", {"action": "save"})
    assert list(SavedItem.objects.values_list("page_id", flat=True)) == [space.pk]
    assert 'aria-pressed="true"' in text(as_resident.get(english.url))
    assert 'aria-pressed="true"' in text(as_resident.get(space.url))
    # Listed in the visitor's language.
    assert saved_titles(as_resident, "/en/accounts/saved/") == ["Mangwon Library"]
    assert saved_titles(as_resident) == ["망원 작은도서관"]


def test_an_untranslated_space_shows_its_english_name_on_the_english_list(as_resident, space):
    SavedItem.objects.create(user=as_resident_user(as_resident), page=space)
    html = text(as_resident.get("/en/accounts/saved/"))
    assert "Mangwon Small Library" in html


def as_resident_user(client):
    return get_user_model().objects.get(username="resident1")


@pytest.mark.parametrize(
    "kind", ["unpublished", "restricted", "restricted parent", "home", "none", "huge"]
)
def test_only_live_public_spaces_and_programs_can_be_saved(as_resident, space, program, kind):
    from wagtail.models import Page

    target = program
    if kind == "unpublished":
        program.unpublish()
    elif kind == "restricted":
        PageViewRestriction.objects.create(page=program, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "restricted parent":
        PageViewRestriction.objects.create(page=space, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "home":
        target = Page.objects.filter(depth=2).first()
    url = {"none": "/accounts/saved/999999/", "huge": f"/accounts/saved/{10**30}/"}.get(
        kind, save_url(target)
    )
    assert as_resident.get(url).status_code == 404
    assert as_resident.post(url, {"action": "save"}).status_code == 404
    assert not SavedItem.objects.exists()


def test_a_saved_page_made_private_leaves_the_list(as_resident, space, program):
    for page in (space, program):
        as_resident.post(save_url(page), {"action": "save"})
    PageViewRestriction.objects.create(page=program, restriction_type=PageViewRestriction.LOGIN)
    assert saved_titles(as_resident) == ["망원 작은도서관"]


def test_the_list_is_the_residents_own_most_recent_first_and_removable(
    as_resident, resident, space, program, clock, make_space
):
    other = get_user_model().objects.create_user("resident2", password="changeme")
    elsewhere = make_space(title="성북 공유부엌")
    SavedItem.objects.create(user=other, page=elsewhere)
    as_resident.post(save_url(space), {"action": "save"})
    clock.shift(dt.timedelta(minutes=5))
    as_resident.post(save_url(program), {"action": "save"})
    assert saved_titles(as_resident) == ["뜨개질 모임", "망원 작은도서관"]

    html = text(as_resident.get("/accounts/saved/"))
    forms = re.findall(r'<form method="post" action="(/accounts/saved/\d+/)">', html)
    assert forms == [save_url(program), save_url(space)]
    response = as_resident.post(forms[0], {"action": "remove", "next": "/accounts/saved/"})
    assert response["Location"] == "/accounts/saved/"
    assert saved_titles(as_resident) == ["망원 작은도서관"]
    assert SavedItem.objects.filter(user=other).count() == 1


def test_an_empty_list_points_to_the_directory(as_resident, space):
    html = text(as_resident.get("/accounts/saved/"))
    assert "아직 찜한 곳이 없습니다" in html
    assert 'href="/spaces/"' in html


def test_the_list_needs_a_log_in(client, space):
    response = client.get("/accounts/saved/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/saved/")


# --- the state of a page's cards, for save-toggle.js -------------------------------


def test_the_state_of_many_cards_in_one_answer(as_resident, resident, space, program, make_space):
    other = get_user_model().objects.create_user("resident2", password="changeme")
    third = make_space(title="성북 공유부엌")
    SavedItem.objects.create(user=resident, page=space)
    SavedItem.objects.create(user=other, page=third)
    english = translate(program, title="Knitting")
    SavedItem.objects.create(user=resident, page=program)
    ids = f"{space.pk},{third.pk},{english.pk},424242"
    response = as_resident.get("/accounts/saved/", {"ids": ids}, HTTP_ACCEPT="application/json")
    assert response.json() == {"saved": sorted([space.pk, english.pk])}
    assert "no-store" in response["Cache-Control"]


def test_bad_ids_are_a_clear_error(as_resident, space):
    response = as_resident.get("/accounts/saved/", {"ids": "1,x"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "error" in response.json()
    huge = as_resident.get("/accounts/saved/", {"ids": f"{10**30},-5,{space.pk}"})
    assert huge.json() == {"saved": []}


# --- cards and pages shared by every visitor --------------------------------------


def test_cards_and_anonymous_pages_hold_no_personal_state(client, as_resident, space):
    anonymous = Client()
    for html in (text(anonymous.get("/spaces/")), text(as_resident.get("/spaces/"))):
        card = re.search(r'<li class="space-card".*?</li>', html, re.S).group(0)
        assert f'href="{save_url(space)}"' in card
        assert "csrfmiddlewaretoken" not in card and "aria-pressed" not in card
    page = text(anonymous.get(space.url))
    link = re.search(r'<a class="save-toggle" href="([^"]+)"', page).group(1)
    path, __, query = link.partition("?")
    assert path == save_url(space)
    assert parse_qs(query)["next"] == [space.url]
    assert "save-toggle.js" not in page  # the script is for residents only
    assert "save-toggle.js" in text(as_resident.get("/spaces/"))


def test_the_directory_for_a_resident_costs_no_more_than_one_query_more(
    client, make_space, resident
):
    """Measured before saving existed: 5 queries for a resident (session, user, the
    page of results, its open-now check and photos); the save links add none (their
    state is asked by save-toggle.js afterwards, in one request)."""
    for i in range(5):
        make_space(title=f"공간 {i}", opening_hours="Mo-Fr 09:00-18:00")
    client.force_login(resident)
    client.get("/spaces/")
    client.get("/spaces/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/spaces/").status_code == 200
    assert len(queries) <= 6
