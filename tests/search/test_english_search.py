"""English site search reads the English translations: a story translated into English
is found by its English words on /en/search/, once, as its English page; words typed
in Hangul still search the Korean text; the Korean site never shows English pages, and
a view restriction on the story hides its translation too."""

import re

from wagtail.models import Locale, PageViewRestriction

import pytest


@pytest.fixture
def english_story(story):
    english = story.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Winter in the alley library"
    english.lead = "Neighbours read by the stove every Saturday"
    english.save_revision().publish()
    return english


def results(client, path, q):
    """(title, address) of each result, in order."""
    content = client.get(path, {"q": q}).content.decode()
    found = re.findall(
        r'class="search-results__title"><a href="([^"]+)"[^>]*>(.*?)</a>', content, re.S
    )
    return [(re.sub(r"<[^>]+>", "", title), url) for url, title in found]


def test_an_english_story_is_found_by_its_english_words(client, english_story):
    assert results(client, "/en/search/", "stove") == [
        ("Winter in the alley library", "/en/stories/winter/")
    ]
    # Its title's words too, and the story comes once, in English.
    assert results(client, "/en/search/", "alley library") == [
        ("Winter in the alley library", "/en/stories/winter/")
    ]


def test_hangul_on_the_english_site_still_searches_the_korean_text(client, english_story):
    assert results(client, "/en/search/", "골목 도서관") == [
        ("Winter in the alley library", "/en/stories/winter/")
    ]


def test_the_korean_site_does_not_search_english_translations(client, english_story):
    assert results(client, "/search/", "stove") == []
    assert results(client, "/search/", "골목 도서관") == [
        ("골목 도서관의 겨울", "/stories/winter/")
    ]


def test_a_restricted_story_is_not_found_in_either_language(client, story, english_story):
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    assert results(client, "/en/search/", "stove") == []
    assert results(client, "/en/search/", "골목") == []
