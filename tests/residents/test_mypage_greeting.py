"""My page greets the resident by the name on their profile (family name first in
Korean), by their username only when they gave no name."""

import pytest

from .mypage_support import resident


def greeting(client):
    page = client.get("/accounts/").content.decode()
    start = page.index('class="mypage-head__greeting"')
    return page[page.index(">", start) + 1 : page.index("</p>", start)]


@pytest.mark.django_db
def test_my_page_greets_by_name_family_name_first(client):
    client.force_login(resident("seoyeon", first_name="서연", last_name="박"))

    assert greeting(client) == "박서연 님, 안녕하세요."


@pytest.mark.django_db
def test_in_english_the_given_name_comes_first(client):
    client.force_login(resident("seoyeon", first_name="Seoyeon", last_name="Park"))

    page = client.get("/en/accounts/").content.decode()

    assert "Hello, Seoyeon Park." in page


@pytest.mark.django_db
def test_in_english_a_korean_name_keeps_its_korean_order(client):
    client.force_login(resident("seoyeon", first_name="서연", last_name="박"))

    page = client.get("/en/accounts/").content.decode()

    assert "Hello, 박서연." in page


@pytest.mark.django_db
def test_without_a_name_the_username_greets(client):
    client.force_login(resident("minjun"))

    assert greeting(client) == "minjun 님, 안녕하세요."


@pytest.mark.django_db
def test_a_name_is_escaped(client):
    client.force_login(resident("hacker", first_name="<b>x</b>"))

    assert greeting(client) == "&lt;b&gt;x&lt;/b&gt; 님, 안녕하세요."
