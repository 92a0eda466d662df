"""Private pages stay private everywhere but at their own address.

A page under a Wagtail view restriction (log-in, password or groups) is shown at its
address only to those the restriction lets in (Wagtail's own form asks the others).
Every list, feed, calendar, map, search, open data answer and sitemap shows only
unrestricted content, whoever asks: these answers are cached and shared. A restriction
covers the page's descendants and every translation of the page (and theirs), so a
Korean page made private does not stay public through its English translation, nor an
English page made private through its Korean source.

Changes reach the caches once they commit; ``committing()`` runs that as a real commit
would."""

import datetime as dt
import json
import re
from xml.etree import ElementTree

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.utils import timezone, translation

from wagtail.models import Locale, PageViewRestriction

import icalendar
import pytest
import recurrence
import time_machine

from core.demo import ensure_section, ensure_translation
from tests.conftest import write_as_recorded

NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # a Monday in Seoul
KINDS = [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS]
# Where the restriction is set: on the Korean page, or only on its English translation.
WHERE = ["korean", "english"]

SECRET = ("비밀 작업실", "Hidden Studio")  # the private space, in Korean and English
OPEN = ("공개 작업실", "Open Studio")
SECRET_PROGRAM = ("비밀 모임", "Hidden Circle")
OPEN_PROGRAM = ("공개 모임", "Open Circle")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def english(bilingual_site):
    return Locale.objects.get(language_code="en")


def add_program(space, title, slug):
    """A weekly program (Tuesdays 19:00) published as an editor does."""
    from events.models import ProgramPage

    program = space.add_child(
        instance=ProgramPage(
            title=title,
            slug=slug,
            summary="함께 해요.",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=None,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU"),
        )
    )
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


def add_space(make_space, english, names, slug, **fields):
    """A Korean space and its English translation."""
    space = make_space(title=names[0], name_en=names[1], slug=slug, **fields)
    space_en = ensure_translation(space, english, title=names[1])
    return space, space_en


@pytest.fixture
def site(make_space, english, bilingual_site):
    """A space to be made private (with a photo) and a public one, each with a weekly
    program, all in Korean and English (written as recorded: the clock is pinned)."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    def build():
        photo = get_image_model().objects.create(title="비밀 사진", file=get_test_image_file())
        secret, secret_en = add_space(
            make_space, english, SECRET, "secret-studio", gallery=[(photo, "작업대")]
        )
        public, public_en = add_space(make_space, english, OPEN, "open-studio")
        secret_program = add_program(secret, SECRET_PROGRAM[0], "hidden-circle")
        public_program = add_program(public, OPEN_PROGRAM[0], "open-circle")
        return {
            "secret": secret,
            "secret_en": secret_en,
            "public": public,
            "public_en": public_en,
            "secret_program": secret_program,
            "secret_program_en": ensure_translation(
                secret_program, english, title=SECRET_PROGRAM[1]
            ),
            "public_program": public_program,
            "public_program_en": ensure_translation(public_program, english, title=OPEN_PROGRAM[1]),
            "photo": photo,
        }

    return write_as_recorded("the private and public studios", build)


@pytest.fixture
def restrict(committing):
    """Make a page private as an editor does (Settings → Privacy), committed: the
    memos and caches follow once it commits."""

    def make_private(page, kind=PageViewRestriction.LOGIN):
        with committing():
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=kind, password="sesame" if kind == "password" else ""
            )
            if kind == PageViewRestriction.GROUPS:
                restriction.groups.add(Group.objects.get_or_create(name="Studio members")[0])
        return restriction

    return make_private


def target(site, name, where):
    """The page of ``name`` that gets the restriction: the Korean one or its English
    translation."""
    return site[name if where == "korean" else f"{name}_en"]


def url_of(page, language="ko"):
    with translation.override(language):
        return page.url


def text(response):
    assert response.status_code == 200, response
    return response.content.decode()


def words_and_links(response):
    """The page's text without its tags (search marks the words it matched), then the
    addresses it links to."""
    html = text(response)
    links = re.findall(r'href="([^"]+)"', html)
    return " ".join([re.sub(r"<[^>]+>", "", html), *links])


def calendar_summaries(response):
    assert response.status_code == 200
    return {
        str(event["SUMMARY"])
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


def geojson_titles(response):
    assert response.status_code == 200
    return {feature["properties"].get("title") for feature in response.json()["features"]}


def sitemap_urls(response):
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def api_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def shows(html, names):
    """True when either name (Korean or English) appears in the page."""
    return any(name in html for name in names)


# --- what anonymous visitors and machines read ------------------------------------------


def lists_as_shown(client, site):
    """Every list, feed, calendar, map and search that could show the spaces and their
    programs: {name: text of the answer}."""
    answers = {}
    for language, prefix in (("ko", ""), ("en", "/en")):
        answers[f"directory {language}"] = words_and_links(client.get(f"{prefix}/spaces/?q=작업실"))
        answers[f"directory by English name {language}"] = text(
            client.get(f"{prefix}/spaces/?q=Studio")
        )
        answers[f"program listing {language}"] = words_and_links(client.get(f"{prefix}/programs/"))
        answers[f"home {language}"] = words_and_links(client.get(f"{prefix}/"))
        answers[f"search {language}"] = words_and_links(client.get(f"{prefix}/search/?q=작업실"))
        answers[f"search programs {language}"] = words_and_links(
            client.get(f"{prefix}/search/?q=모임")
        )
        answers[f"space page of the public space {language}"] = text(
            client.get(url_of(site["public_en" if language == "en" else "public"], language))
        )
        answers[f"map {language}"] = json.dumps(
            sorted(geojson_titles(client.get(f"/api/spaces.geojson?lang={language}"))),
            ensure_ascii=False,
        )
        answers[f"calendar {language}"] = json.dumps(
            sorted(calendar_summaries(client.get(f"{prefix}/programs/calendar.ics"))),
            ensure_ascii=False,
        )
    answers["sitemap"] = json.dumps(
        sorted(sitemap_urls(client.get("/sitemap.xml"))), ensure_ascii=False
    )
    for endpoint in ("pages/?limit=20", "spaces/", "programs/", "pages/?search=작업실"):
        answers[f"api {endpoint}"] = json.dumps(
            sorted(api_titles(client, f"/api/v2/{endpoint}")), ensure_ascii=False
        )
    return answers


def secret_addresses(site):
    """The private space's and program's addresses, in both languages."""
    found = []
    for name in ("secret", "secret_en", "secret_program", "secret_program_en"):
        page = site[name]
        found.append(url_of(page, "en" if name.endswith("_en") else "ko"))
    return found


def assert_nothing_private(answers, site):
    leaks = {
        name: answer
        for name, answer in answers.items()
        if shows(answer, SECRET) or shows(answer, SECRET_PROGRAM)
    }
    leaks.update(
        {
            name: address
            for name, answer in answers.items()
            for address in secret_addresses(site)
            if address in answer
        }
    )
    assert not leaks, f"private pages listed in: {sorted(leaks)}"


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("kind", KINDS)
def test_a_private_space_and_its_programs_are_in_no_list_feed_map_search_or_api(
    client, site, kind, where, restrict
):
    restrict(target(site, "secret", where), kind)

    answers = lists_as_shown(client, site)

    assert_nothing_private(answers, site)
    # The public space is still everywhere.
    assert shows(answers["directory ko"], OPEN)
    assert shows(answers["directory en"], OPEN)
    assert shows(answers["map ko"], OPEN)
    assert shows(answers["program listing en"], OPEN_PROGRAM)
    assert shows(answers["calendar ko"], OPEN_PROGRAM)
    assert url_of(site["public_en"], "en") in answers["sitemap"]


@pytest.mark.parametrize("where", WHERE)
def test_a_private_program_of_a_public_space_leaves_its_space_page_and_calendars(
    client, site, english, where, restrict
):
    public = site["public"]
    quiet = add_program(public, "숨은 모임", "quiet-circle")
    programs = {
        "quiet": quiet,
        "quiet_en": ensure_translation(quiet, english, title="Quiet Circle"),
    }
    listed = ("/programs/", "/en/programs/", url_of(public))
    assert all(shows(text(client.get(url)), ("숨은 모임", "Quiet Circle")) for url in listed)

    restrict(target(programs, "quiet", where))

    for url in (*listed, url_of(site["public_en"], "en"), "/", "/en/"):
        html = text(client.get(url))
        assert not shows(html, ("숨은 모임", "Quiet Circle")), url
    for url in listed:
        assert shows(text(client.get(url)), OPEN_PROGRAM), url
    assert calendar_summaries(client.get(f"{url_of(public)}calendar.ics")) == {OPEN_PROGRAM[0]}
    assert calendar_summaries(client.get("/programs/calendar.ics")) == {
        OPEN_PROGRAM[0],
        SECRET_PROGRAM[0],  # public in this test
    }


@pytest.mark.parametrize("where", WHERE)
def test_the_calendars_of_a_private_space_and_program_are_not_found(client, site, where, restrict):
    restrict(target(site, "secret", where))
    for name in ("secret", "secret_en", "secret_program", "secret_program_en"):
        language = "en" if name.endswith("_en") else "ko"
        response = client.get(f"{url_of(site[name], language)}calendar.ics")
        assert response.status_code == 404, name
        assert SECRET_PROGRAM[0].encode() not in response.content


@pytest.mark.parametrize("where", WHERE)
def test_the_open_data_api_answers_not_found_for_a_private_page_in_either_language(
    client, site, where, restrict
):
    restrict(target(site, "secret", where))
    for name in ("secret", "secret_en", "secret_program", "secret_program_en"):
        assert client.get(f"/api/v2/pages/{site[name].pk}/").status_code == 404, name
    assert client.get(f"/api/v2/spaces/{site['secret_en'].pk}/").status_code == 404


def test_a_logged_in_visitor_is_given_only_public_pages_by_the_api_too(client, site, restrict):
    """The API's answers are shared: whoever asks, a page for members only is left out."""
    restrict(site["secret"])
    client.force_login(get_user_model().objects.create_user("member", password="x"))
    titles = api_titles(client, "/api/v2/pages/?limit=20")
    assert not titles & {*SECRET, *SECRET_PROGRAM}
    assert OPEN[0] in titles


@pytest.mark.parametrize("where", WHERE)
def test_the_photos_of_a_private_space_are_not_in_the_image_api(client, site, where, restrict):
    titles = {item["title"] for item in client.get("/api/v2/images/?fields=title").json()["items"]}
    assert "비밀 사진" in titles  # shown by a public page so far

    restrict(target(site, "secret", where))

    titles = {item["title"] for item in client.get("/api/v2/images/?fields=title").json()["items"]}
    assert "비밀 사진" not in titles


# --- the page itself: Wagtail's form, in every language ----------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_english_translation_of_a_private_korean_space_asks_as_the_korean_page_does(
    client, site, kind, restrict
):
    restrict(site["secret"], kind)
    for page, language in (
        (site["secret"], "ko"),
        (site["secret_en"], "en"),
        (site["secret_program_en"], "en"),
    ):
        response = client.get(url_of(page, language))
        if kind == PageViewRestriction.PASSWORD:
            assert response.status_code == 200
            assert 'name="password"' in response.content.decode()
            assert SECRET[1] not in response.content.decode()
        else:
            assert response.status_code == 302, page
            assert "/login/" in response["Location"]
    if kind == PageViewRestriction.LOGIN:  # members read it in both languages
        client.force_login(get_user_model().objects.create_user("member", password="x"))
        assert SECRET[0] in text(client.get(url_of(site["secret"])))
        assert SECRET[1] in text(client.get(url_of(site["secret_en"], "en")))


def test_a_korean_space_whose_english_translation_is_private_asks_to_log_in(client, site, restrict):
    restrict(site["secret_en"])
    for page, language in ((site["secret"], "ko"), (site["secret_program"], "ko")):
        response = client.get(url_of(page, language))
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert client.get(url_of(site["public"])).status_code == 200


# --- stories and campaigns ------------------------------------------------------------


@pytest.fixture
def stories(site, english, bilingual_site):
    from stories.models import StoryIndexPage, StoryPage

    index = ensure_section(
        bilingual_site,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )
    made = {}
    for key, (title, title_en) in {
        "secret": ("비밀 이야기", "Hidden story"),
        "public": ("공개 이야기", "Open story"),
    }.items():
        story = StoryPage(title=title, slug=f"{key}-story", date=NOW.date(), lead="동네 소식")
        story.tags.add("작업실")
        index.add_child(instance=story)
        story.save_revision().publish()
        made[key] = StoryPage.objects.get(pk=story.pk)
        made[f"{key}_en"] = ensure_translation(made[key], english, title=title_en)
    return made


@pytest.mark.parametrize("where", WHERE)
def test_a_story_private_in_either_language_is_in_no_story_list_or_feed(
    client, stories, where, restrict
):
    restrict(target(stories, "secret", where))
    for url in ("/stories/", "/en/stories/", "/stories/feed/", "/en/stories/feed/", "/", "/en/"):
        html = text(client.get(url))
        assert "비밀 이야기" not in html and "Hidden story" not in html, url
        assert "공개 이야기" in html or "Open story" in html, url
    # The topic counts only the public story.
    counts = re.findall(r">작업실 \((\d+)\)</option>", text(client.get("/stories/")))
    assert counts == ["1"]


def test_a_campaign_entry_cannot_name_a_space_private_in_english(site, restrict):
    from campaigns.services import find_space

    restrict(site["secret_en"])
    found = find_space(SECRET[0])
    assert found.space is None and not found.candidates
    assert find_space(OPEN[0]).space == site["public"]


# --- cached answers follow a new restriction at once ------------------------------------


@pytest.fixture
def caches_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.mark.parametrize("where", WHERE)
def test_cached_lists_drop_a_space_as_soon_as_it_is_made_private(caches_on, site, where, restrict):
    before = lists_as_shown(Client(), site)
    again = lists_as_shown(Client(), site)  # now from the caches
    assert again == before
    # While public, both spaces are everywhere (so the checks below mean something).
    for name in (
        "directory ko",
        "directory en",
        "directory by English name en",
        "program listing ko",
        "calendar ko",
        "map ko",
        "search ko",
        "api pages/?limit=20",
        "api spaces/",
        "api programs/",
    ):
        assert shows(before[name], SECRET) or shows(before[name], SECRET_PROGRAM), name
        assert shows(before[name], OPEN) or shows(before[name], OPEN_PROGRAM), name
    assert url_of(site["secret_en"], "en") in before["sitemap"]

    restrict(target(site, "secret", where))

    assert_nothing_private(lists_as_shown(Client(), site), site)


def test_a_cached_story_list_drops_a_story_made_private_in_english(caches_on, stories, restrict):
    urls = ("/stories/", "/en/stories/", "/stories/feed/", "/", "/en/")
    for url in urls * 2:
        assert "공개 이야기" in text(Client().get(url)) or "Open story" in text(Client().get(url))
    assert "비밀 이야기" in text(Client().get("/"))

    restrict(stories["secret_en"])

    for url in urls:
        html = text(Client().get(url))
        assert "비밀 이야기" not in html and "Hidden story" not in html, url


def test_a_cached_section_made_private_leaves_the_home_page(caches_on, stories, restrict):
    entry = '<h3 class="card__title"><a href="{}">'
    assert entry.format("/stories/") in text(Client().get("/"))
    assert entry.format("/en/stories/") in text(Client().get("/en/"))

    restrict(stories["secret"].get_parent())

    assert entry.format("/stories/") not in text(Client().get("/"))
    assert entry.format("/en/stories/") not in text(Client().get("/en/"))
    assert entry.format("/spaces/") in text(Client().get("/"))
