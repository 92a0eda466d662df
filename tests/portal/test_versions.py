"""The one cache model (core.versions): a change bumps its tags when it is made and again
once it commits, so nothing a reader built from the old rows meanwhile is served after
the commit; only plain data is kept; keys carry the release; the page cache keys by path;
and a change makes only what showed it stale."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

import pytest

from core import memo, versions
from portal.release import code_digest
from spaces.tags import details


def test_a_bump_is_seen_at_once_and_again_after_the_commit(db, committing):
    tag = versions.tag("test")
    before = versions.current(tag)
    with committing():
        versions.bump_on_commit(tag)
        during = versions.current(tag)
        assert during != before  # the writer sees its own change
    assert versions.current(tag) not in (before, during)


def test_an_answer_built_before_the_commit_is_not_served_after_it(db, committing):
    tag = versions.tag("test")
    with committing():
        versions.bump_on_commit(tag)
        # Another reader, whose connection still sees the old rows, keeps its answer.
        assert versions.remember("answer", build=lambda: "old", tags=(tag,)) == "old"
    assert versions.remember("answer", build=lambda: "new", tags=(tag,)) == "new"


def test_a_bulk_announcement_bumps_each_tag_once_when_it_ends(db, monkeypatch):
    """A batch of 200 published spaces bumps the site's version once, not 200 times
    (each bump is a round trip to the shared cache), all its tags in one write, and
    still makes what showed the old data stale."""
    tag, other = versions.tag("test-once"), versions.tag("test-once-other")
    before = versions.current(tag)
    old = versions.remember("answer", build=lambda: "old", tags=(tag,))
    writes = []
    set_many = versions.cache.set_many
    monkeypatch.setattr(
        versions.cache,
        "set_many",
        lambda data, timeout: writes.append(sorted(data)) or set_many(data, timeout),
    )
    with versions.bumping_once():
        for _page in range(3):
            versions.bump_on_commit(tag, other)
        assert versions.cache.get(tag) == before  # not yet
        assert writes == []
    assert writes == [sorted([tag, other])]
    assert versions.cache.get(tag) > before
    assert old == "old"
    assert versions.remember("answer", build=lambda: "new", tags=(tag,)) == "new"


def test_thousands_of_tags_bumped_at_once_each_change(db):
    """A city-sized load bumps the tag of each page it published, a chunk of tags a
    write: every one of them changes, and what was kept under any of them is rebuilt."""
    tags = [versions.tag("test-many", n) for n in range(2 * versions.BUMPED_AT_ONCE + 7)]
    before = {tag: versions.current(tag) for tag in tags}
    kept = [versions.remember("answer", tag, build=lambda: "old", tags=(tag,)) for tag in tags]
    assert set(kept) == {"old"}
    with versions.bumping_once():
        versions.bump_on_commit(*tags)
    assert all(versions.cache.get(tag) != before[tag] for tag in tags)
    rebuilt = {versions.remember("answer", tag, build=lambda: "new", tags=(tag,)) for tag in tags}
    assert rebuilt == {"new"}


def test_a_rolled_back_change_costs_a_rebuild_never_a_wrong_answer(db, committing):
    from django.db import transaction

    tag = versions.tag("test")
    assert versions.remember("answer", build=lambda: "kept", tags=(tag,)) == "kept"
    with committing(), transaction.atomic():
        versions.bump_on_commit(tag)
        transaction.set_rollback(True)
    assert versions.remember("answer", build=lambda: "same rows", tags=(tag,)) == "same rows"


def test_only_plain_data_is_kept(make_space):
    space = make_space(title="망원 작은도서관")
    with pytest.raises(TypeError, match="only plain data"):
        versions.remember("space", build=lambda: space)
    with pytest.raises(TypeError, match="only plain data"):
        versions.remember("spaces", build=lambda: {"list": [space]})
    value = {"a": [1, "둘", dt.date(2026, 12, 6), None], "b": (1.5, b"x")}
    assert versions.remember("plain", build=lambda: value) == value


def test_a_page_is_remembered_as_its_row_and_comes_back_whole(make_space):
    space = make_space(title="망원 작은도서관", summary="동네 책방")
    kept = memo.row(space)
    versions.check_plain(kept)
    again = memo.from_row(kept)
    assert type(again) is type(space)
    assert (again.pk, again.title, again.summary, again.url_path, again.live) == (
        space.pk,
        space.title,
        space.summary,
        space.url_path,
        space.live,
    )
    assert not again._state.adding


def test_cache_keys_carry_the_release():
    derived = settings.CACHES["derived"]
    assert settings.PORTAL_RELEASE
    with override_settings(
        CACHES={**settings.CACHES, "derived": {**derived, "KEY_PREFIX": "p-" + "x"}}
    ):
        pass  # the alias exists and is configurable
    production = (settings.BASE_DIR / "portal/settings/production.py").read_text()
    assert 'f"{_CACHE_PREFIX}-{PORTAL_RELEASE}"' in production


def test_the_release_digest_follows_code_templates_and_translations(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    (tmp_path / "app" / "page.html").write_text("<p>hello</p>")
    (tmp_path / "notes.md").write_text("docs do not count")
    first = code_digest(tmp_path)
    (tmp_path / "notes.md").write_text("still not")
    assert code_digest(tmp_path) == first
    (tmp_path / "app" / "page.html").write_text("<p>hello!</p>")
    second = code_digest(tmp_path)
    assert second != first
    (tmp_path / "app" / "django.mo").write_bytes(b"\x00")
    assert code_digest(tmp_path) != second


@override_settings(PAGE_CACHE_SECONDS=300)
def test_an_address_without_a_prefix_has_one_korean_entry_whatever_the_browser_asks(home):
    first = Client().get("/")
    assert first["X-Page-Cache"] == "miss"
    english_browser = Client(headers={"accept-language": "en-US,en;q=0.9"})
    english_browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    again = english_browser.get("/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert '<html lang="ko"' in again.content.decode()


def test_verifying_a_space_makes_only_that_space_stale(make_space, committing):
    from operators import services

    library = make_space(title="망원 작은도서관")
    other = make_space(title="성수 공유부엌")
    site = versions.current(versions.SITE)
    mine, theirs = versions.current(details(library.pk)), versions.current(details(other.pk))
    staff = get_user_model().objects.create_superuser("verifier", "v@example.org", "x")
    with committing():
        services.verify(library, staff)
    assert versions.current(versions.SITE) == site
    assert versions.current(details(other.pk)) == theirs
    assert versions.current(details(library.pk)) != mine
    assert library.verified_on == timezone.localdate()


def test_a_new_image_makes_nothing_stale_an_edited_one_does(db, committing):
    from tests.stories.conftest import make_image

    site = versions.current(versions.SITE)
    with committing():
        image = make_image()
    assert versions.current(versions.SITE) == site
    with committing():
        image.title = "바뀐 제목"
        image.save()
    assert versions.current(versions.SITE) != site


def test_versions_read_ahead_for_an_address_are_the_current_ones(db):
    """A request reads at once the versions the last request for its address read;
    a change in between is still seen."""
    with versions.snapshot(address="/spaces/"):
        before = versions.current(versions.SITE), versions.current(versions.STRUCTURE)
    versions.bump_on_commit(versions.SITE, versions.STRUCTURE)
    with versions.snapshot(address="/spaces/"):
        after = versions.current(versions.SITE), versions.current(versions.STRUCTURE)
    assert after[0] != before[0] and after[1] != before[1]
    assert after == (versions.cache.get(versions.SITE), versions.cache.get(versions.STRUCTURE))
