"""The header (issue 17 walks): the section a page is found under is the one marked —
a program, which lives under its space, marks Programs — and "Log in" returns to the
page it was clicked on (a local address only), or on the account pages to where they
were asked to return."""

import datetime as dt
import re
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import recurrence

from events.models import ProgramPage


@pytest.fixture
def pages(make_space, story):
    space = make_space(title="망원 작은도서관")
    program = ProgramPage(
        title="그림책 읽는 저녁",
        slug="picture-books",
        start_date=timezone.localdate() + dt.timedelta(days=1),
        start_time=dt.time(19),
        duration_minutes=90,
        schedule=recurrence.Recurrence(),
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return {"space": space.url, "program": program.url, "story": story.url}


def marked(html):
    """The header links marked as the current section: [(title, aria-current)]."""
    menu = html.split('class="main-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a href="[^"]+" aria-current="(\w+)">([^<]+)</a>', menu)


def login_href(html):
    account = html.split('class="account-nav"')[1].split("</nav>")[0]
    return re.search(r'<a href="([^"]*login[^"]*)"', account).group(1)


def test_a_program_page_marks_programs_not_spaces(client, pages):
    assert marked(client.get(pages["program"]).content.decode()) == [("true", "프로그램")]
    assert marked(client.get("/en" + pages["program"]).content.decode()) == [("true", "Programs")]
    assert marked(client.get(pages["space"]).content.decode()) == [("true", "공간 찾기")]
    assert marked(client.get(pages["story"]).content.decode()) == [("true", "이야기")]
    assert marked(client.get("/programs/").content.decode()) == [("page", "프로그램")]
    assert marked(client.get("/").content.decode()) == []


def test_log_in_from_the_header_returns_to_the_page(client, pages):
    get_user_model().objects.create_user("resident", "resident@example.org", "changeme")
    href = login_href(client.get(pages["program"]).content.decode())
    assert href == "/accounts/login/?next=" + quote(pages["program"], safe="/")

    response = client.post(href, {"login": "resident", "password": "changeme"})
    assert response.status_code == 302
    assert response["Location"] == pages["program"]


@pytest.mark.parametrize(
    "address, expected",
    [
        ("/accounts/login/?next=/programs/", "/accounts/login/?next=/programs/"),
        ("/accounts/login/?next=https://evil.example/", "/accounts/login/"),
        ("/accounts/login/?next=//evil.example/", "/accounts/login/"),
        ("/accounts/signup/", "/accounts/login/"),
        ("/en/programs/", "/en/accounts/login/?next=/en/programs/"),
    ],
)
def test_the_log_in_link_never_returns_to_an_account_page_or_elsewhere(
    client, bilingual_site, address, expected
):
    assert login_href(client.get(address).content.decode()) == expected
