"""The space page's cached fragments (``SpacePage.fragment_cache``) with the cache on,
as in production: a visitor never sees an old title or program after a change
commits, and an editor's preview never comes from the cache."""

import datetime as dt

from django.test import override_settings

import pytest

from .conftest import republish, text

pytestmark = [pytest.mark.usefixtures("clock"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fragments_on():
    with override_settings(CACHE_SECONDS=600):
        yield


def test_the_space_page_follows_its_own_and_its_programs_changes(
    client, make_program, space, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        program = make_program(title="뜨개질 모임", start_date=dt.date(2026, 12, 2))
    assert "뜨개질 모임" in text(client.get(space.url))  # fragments stored

    with django_capture_on_commit_callbacks(execute=True):
        republish(program, title="새 이름 모임")
    assert "새 이름 모임" in text(client.get(space.url))

    with django_capture_on_commit_callbacks(execute=True):
        space.refresh_from_db()
        space.summary = "평일 저녁에도 엽니다"
        space.save_revision().publish()
    assert "평일 저녁에도 엽니다" in text(client.get(space.url))

    with django_capture_on_commit_callbacks(execute=True):
        program.unpublish()
    assert "새 이름 모임" not in text(client.get(space.url))


def test_a_preview_is_never_served_from_the_cache(rf, space):
    """The editor's preview renders unsaved changes; the published fragments stay."""
    from django.contrib.auth.models import AnonymousUser

    request = rf.get(space.url)
    request.user = AnonymousUser()
    published = space.fragment_cache(request)
    request.is_preview = True
    preview = space.fragment_cache(request)
    assert published["fragment_seconds"] == 600 and preview["fragment_seconds"] == 0
    assert preview["fragment_key"] != published["fragment_key"]
