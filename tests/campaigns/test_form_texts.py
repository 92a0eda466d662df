"""What the entry form says (issue 17): its example names a space that exists (one an
entry may name, in the visitor's language), and its errors read as sentences — no
"Started:" from the hidden "form shown at" token, no checkbox sentence glued to its
message — in Korean and in English."""

import re
from html import unescape

from wagtail.models import PageViewRestriction

import pytest

from .conftest import en, entry_count, entry_data, ko, text, token

pytestmark = pytest.mark.usefixtures("clock")


def url(campaign, prefix=""):
    return f"{prefix}/campaigns/{campaign.slug}/"


def space_help(html):
    return unescape(
        re.search(r'<p class="field__help" id="id_space_helptext">([^<]*)</p>', html)[1]
    )


def summary(html):
    """The error summary's items, as read."""
    block = html.split('class="error-summary"')[1].split("</div>")[0]
    return [
        unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


def test_the_example_is_a_space_in_the_directory_and_typing_it_works(as_resident, campaign, spaces):
    help_text = space_help(text(as_resident.get(url(campaign))))
    assert "예: “망원 작은도서관”" in help_text

    english = space_help(text(as_resident.get(url(campaign, "/en"))))
    assert "e.g. “Mangwon Small Library”" in english

    # What the example says is a name the form takes.
    example = re.search(r"“(.+?)”", help_text)[1]
    response = as_resident.post(f"{url(campaign)}enter/", entry_data(space=example))
    assert response.status_code == 303
    assert entry_count() == 1


def test_a_private_space_is_never_the_example(as_resident, campaign, spaces):
    PageViewRestriction.objects.create(
        page=spaces.library, restriction_type=PageViewRestriction.LOGIN
    )
    help_text = space_help(text(as_resident.get(url(campaign))))
    assert "망원 작은도서관" not in help_text
    assert "예: “성산 공유부엌”" in help_text


def test_without_spaces_the_help_gives_no_example(as_resident, campaign):
    help_text = space_help(text(as_resident.get(url(campaign))))
    assert help_text == ko_plain(
        "Type its name as the space directory shows it. Part of the name is enough "
        "when only one space matches."
    )
    assert "예:" not in help_text


def ko_plain(message):
    return unescape(ko(message))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_errors_read_as_sentences_without_field_names_that_mean_nothing(
    as_resident, campaign, spaces, prefix
):
    say = ko if not prefix else en
    too_quick = entry_data(started=token(seconds_ago=1), accept_terms=None)

    response = as_resident.post(f"{url(campaign, prefix)}enter/", too_quick)

    assert response.status_code == 400
    items = summary(text(response))
    assert unescape(say("That was very quick. Check the details and send the form again.")) in items
    assert unescape(say("Accept the campaign's terms to take part.")) in items
    assert not any(item.lower().startswith("started") for item in items)
    assert not any(".:" in item for item in items)  # no sentence-label glued to its message
    assert entry_count() == 0
