"""A space page's own fragments (``core.fragments.page_keys(own=True)``) are keyed by the
page's own tag and ``versions.STRUCTURE``, not by ``SITE``: publishing another page
leaves them in place, and the page still shows every change at once, with the caches
on as in production."""

from django.test import RequestFactory, override_settings

import pytest

from core import versions
from spaces.models import District
from tests.stories import conftest as stories

make_story = stories.make_story  # its fixture (story_index is the whole suite's)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caches_on():
    with override_settings(CACHE_SECONDS=600, PAGE_CACHE_SECONDS=300):
        yield


def fragment_key(space):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(space.url)
    request.user = AnonymousUser()
    with versions.snapshot():
        return space.fragment_cache(request)["fragment_key"]


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def add_program(space, title):
    """A program under ``space``, once in three days' time, published."""
    import datetime as dt

    from events.models import ProgramPage

    program = ProgramPage(
        title=title,
        slug=f"program-{ProgramPage.objects.count() + 1}",
        summary="함께해요",
        start_date=dt.date.today() + dt.timedelta(days=3),
        start_time=dt.time(10, 0),
        duration_minutes=60,
    )
    space.add_child(instance=program)
    program.save_revision().publish()
    return program


def publish(page, **fields):
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_publishing_one_space_leaves_the_other_spaces_fragments(make_space, committing):
    library = make_space(title="망원 작은도서관")
    kitchen = make_space(title="성수 공유부엌")
    library_key, kitchen_key = fragment_key(library), fragment_key(kitchen)

    with committing():
        library = publish(library, summary="토요일에도 엽니다")

    assert fragment_key(kitchen) == kitchen_key
    assert fragment_key(library) != library_key


def test_the_page_shows_its_own_and_its_neighbours_changes_at_once(
    client, make_space, make_story, committing
):
    library = make_space(title="망원 작은도서관", district="mapo")
    kitchen = make_space(title="성수 공유부엌")
    for url in (library.url, kitchen.url):  # pages and fragments kept
        assert client.get(url).status_code == 200

    with committing():
        library = publish(library, summary="토요일에도 엽니다")
    assert "토요일에도 엽니다" in text(client, library.url)

    with committing():  # another page published: a story about the library
        make_story(title="책 읽는 토요일", spaces=[library])
    assert "책 읽는 토요일" in text(client, library.url)
    assert "책 읽는 토요일" not in text(client, kitchen.url)

    with committing():  # a term every page builds on
        District.objects.filter(slug="mapo").update(name="마포구(새 이름)")
        District.objects.get(slug="mapo").save()
    assert "마포구(새 이름)" in text(client, library.url)


def test_publishing_the_translation_renews_both_pages(client, make_space, committing):
    from wagtail.models import Locale

    from core.demo import ensure_translation

    library = make_space(title="망원 작은도서관", name_en="Mangwon Small Library")
    assert "Mangwon Small Library" in text(client, "/en" + library.url)
    key = fragment_key(library)

    with committing():
        english = ensure_translation(
            library, Locale.objects.get(language_code="en"), summary="Open on Saturdays too"
        )
    assert "Open on Saturdays too" in text(client, english.url)
    assert fragment_key(library) != key  # one tag for both languages

    with committing():
        publish(english, summary="Open on Sundays too")
    assert "Open on Sundays too" in text(client, english.url)


def test_the_english_translation_of_a_space_lists_its_programs(client, make_space):
    """The program's dates belong to the Korean space page; its English translation,
    once published, shows them too."""
    from wagtail.models import Locale

    from core.demo import ensure_translation

    library = make_space(title="망원 작은도서관", name_en="Mangwon Small Library")
    add_program(library, "뜨개질 모임")
    english = ensure_translation(library, Locale.objects.get(language_code="en"))

    assert "뜨개질 모임" in text(client, library.url)
    assert "뜨개질 모임" in text(client, english.url)


def test_another_spaces_publication_leaves_a_cached_space_page_in_place(
    client, make_space, make_story, committing, bilingual_site
):
    """A space page's cached answer is kept for its own content, what every page
    builds on (menus, terms) and what its parts show of other pages, not for every
    publication: it stays cached while another space is published, and is built again
    when its stories, programs or the menu change."""
    library = make_space(title="망원 작은도서관")
    kitchen = make_space(title="성수 공유부엌")
    assert client.get(library.url)["X-Page-Cache"] == "miss"
    assert client.get(library.url)["X-Page-Cache"] == "hit"

    with committing():
        publish(kitchen, summary="주말에도 엽니다")
    assert client.get(library.url)["X-Page-Cache"] == "hit"
    assert "주말에도 엽니다" in text(client, kitchen.url)

    with committing():  # a story about the library
        make_story(title="책 읽는 토요일", spaces=[library])
    assert "책 읽는 토요일" in text(client, library.url)

    with committing():  # a program under it
        add_program(library, "그림책 모임")
    assert "그림책 모임" in text(client, library.url)

    with committing():  # the section every space page's menu and trail show
        publish(library.get_parent().specific, title="공간 둘러보기")
    assert "공간 둘러보기" in text(client, library.url)


def test_a_story_page_stays_cached_while_other_spaces_are_published(
    client, make_space, make_story, committing
):
    """A story shows its own content, the newest stories and the spaces it links to:
    it stays cached while an unrelated space is published, and shows at once a linked
    space's new name, a featured space's new summary and a newer story."""
    library = make_space(title="망원 작은도서관")
    kitchen = make_space(title="성수 공유부엌")
    workshop = make_space(title="연남 목공방", summary="나무로 만드는 모임")
    featured = [{"type": "featured_spaces", "value": {"heading": "", "spaces": [workshop.pk]}}]
    story = make_story(title="책 읽는 토요일", spaces=[library], body=featured)
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"

    with committing():
        publish(kitchen, summary="주말에도 엽니다")
    assert client.get(story.url)["X-Page-Cache"] == "hit"

    with committing():  # a space the story links to
        publish(library, title="망원 책마루")
    assert "망원 책마루" in text(client, story.url)

    with committing():  # a space the body features
        publish(workshop, summary="의자를 함께 만들어요")
    assert "의자를 함께 만들어요" in text(client, story.url)

    with committing():  # a newer story, under "More stories"
        make_story(title="겨울 김장 나눔")
    assert "겨울 김장 나눔" in text(client, story.url)
