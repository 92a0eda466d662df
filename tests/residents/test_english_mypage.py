"""My page on the English site: a Korean name keeps its Korean order in the profile
as in the greeting, a campaign entry names its space in English where the space has
an English name (else the Korean, marked ``lang="ko"``), and the portal's language
is marked in its own language."""

import re

import pytest

from residents.models import profile_for

from .mypage_support import World, resident


@pytest.fixture
def world(bilingual_site, make_space):
    return World(bilingual_site, make_space)


def section(client, path, name):
    page = client.get(path).content.decode()
    match = re.search(rf'<section[^>]* id="{name}".*?</section>', page, re.S)
    assert match, f"no section {name}"
    return match.group(0)


def name_shown(client, path):
    profile = section(client, path, "profile")
    match = re.search(r"<dt>(?:Name|이름)</dt><dd>(.*?)</dd>", profile, re.S)
    assert match, profile
    return match.group(1)


def your_space(client, path):
    entries = section(client, path, "entries")
    match = re.search(r"<p>(?:Your space: |추천한 공간: )(.*?)</p>", entries, re.S)
    assert match, entries
    return match.group(1)


# --- the name in the profile ---------------------------------------------------------


@pytest.mark.django_db
def test_in_english_a_korean_name_in_the_profile_reads_family_name_first(client):
    client.force_login(resident("seoyeon", first_name="서연", last_name="박"))

    assert name_shown(client, "/en/accounts/") == "박서연"
    assert "서연 박" not in client.get("/en/accounts/").content.decode()


@pytest.mark.django_db
def test_in_english_a_latin_name_in_the_profile_reads_given_name_first(client):
    client.force_login(resident("jane", first_name="Jane", last_name="Doe"))

    assert name_shown(client, "/en/accounts/") == "Jane Doe"


@pytest.mark.django_db
def test_in_korean_the_profile_name_reads_family_name_first(client):
    client.force_login(resident("seoyeon", first_name="서연", last_name="박"))

    assert name_shown(client, "/accounts/") == "박서연"


@pytest.mark.django_db
def test_without_a_name_the_profile_says_so(client):
    client.force_login(resident("minjun"))

    assert "Not given" in name_shown(client, "/en/accounts/")


# --- the space of a campaign entry ---------------------------------------------------


def test_in_english_an_entry_names_its_space_in_english(client, world):
    user = resident("seoyeon")
    entry = world.entry(user)
    entry.space, entry.space_title = world.space, world.space.title
    entry.save()
    client.force_login(user)

    assert your_space(client, "/en/accounts/") == "Mangwon Small Library"
    assert your_space(client, "/accounts/") == "망원 작은도서관"


def test_in_english_a_space_without_an_english_name_is_marked_korean(client, world, make_space):
    user = resident("seoyeon")
    space = make_space(title="남가좌동 청소년 공간 놀터")
    entry = world.entry(user)
    entry.space, entry.space_title = space, space.title
    entry.save()
    client.force_login(user)

    assert your_space(client, "/en/accounts/") == '<span lang="ko">남가좌동 청소년 공간 놀터</span>'


def test_in_english_the_name_of_a_space_gone_since_is_the_korean_one_marked(client, world):
    user = resident("seoyeon")
    world.entry(user)  # its space page is gone: the name as chosen stays
    client.force_login(user)

    assert your_space(client, "/en/accounts/") == '<span lang="ko">망원 작은도서관 1</span>'
    assert your_space(client, "/accounts/") == "망원 작은도서관 1"


# --- the portal's language -----------------------------------------------------------


@pytest.mark.django_db
def test_in_english_the_language_korean_is_marked_korean(client):
    user = resident("seoyeon")
    client.force_login(user)

    profile = section(client, "/en/accounts/", "profile")
    assert '<dd lang="ko">한국어</dd>' in profile
    assert "<dd>한국어</dd>" in section(client, "/accounts/", "profile")


@pytest.mark.django_db
def test_in_english_the_language_english_needs_no_mark(client):
    user = resident("jane")
    profile = profile_for(user)
    profile.language = "en"
    profile.save()
    client.force_login(user)

    assert "<dd>English</dd>" in section(client, "/en/accounts/", "profile")
