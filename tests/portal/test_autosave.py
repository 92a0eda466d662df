"""The editor's autosave never writes over a publication or a submission for review
(``core.editing``): an autosave made on a version that is no longer the latest gets
Wagtail's conflict answer and leaves the page as published."""

import datetime as dt
import json

from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from core.demo import ensure_section
from spaces import access
from spaces.models import SpaceOperator
from stories.models import StoryIndexPage, StoryPage

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def story(bilingual_site):
    index = ensure_section(
        bilingual_site,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )
    page = StoryPage(title="골목 도서관", slug="alley", date=dt.date(2026, 12, 1), lead="겨울")
    index.add_child(instance=page)
    page.save_revision().publish()
    return StoryPage.objects.get(pk=page.pk)


@pytest.fixture
def staff_client(client, django_user_model):
    access.ensure_roles()
    user = django_user_model.objects.create_user("staff1", password="changeme")
    user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    client.force_login(user)
    return client


def story_form(story, **fields):
    data = {
        "title": story.title,
        "slug": story.slug,
        "date": "2026-12-01",
        "author": "",
        "lead": story.lead,
        "image": "",
        "image_alt": "",
        "body-count": "0",
        "tags": "",
        "district": "",
        "comment_notifications": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for prefix in ("related_space_links", "related_program_links"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_an_autosave_of_the_version_before_a_publication_is_refused(staff_client, story):
    url = f"/admin/pages/{story.pk}/edit/"
    loaded = story.latest_revision  # what the editor was opened on
    opened = {
        "loaded_revision_id": str(loaded.pk),
        "loaded_revision_created_at": loaded.created_at.isoformat(),
    }
    draft = staff_client.post(url, story_form(story, lead="초안", **opened), **AUTOSAVE)
    assert draft.status_code == 200, draft.content
    draft_revision = draft.json()["revision_id"]

    published = staff_client.post(url, story_form(story, lead="게시본", **{"action-publish": "1"}))
    assert published.status_code == 302

    # The autosave the editor sent as "게시" was pressed arrives afterwards.
    late = staff_client.post(
        url,
        story_form(story, lead="늦은 자동 저장", overwrite_revision_id=draft_revision),
        **AUTOSAVE,
    )
    assert late.status_code == 400
    assert late.json()["error_code"] == "invalid_revision"
    story.refresh_from_db()
    assert story.live and not story.has_unpublished_changes
    assert story.latest_revision_id == story.live_revision_id
    assert story.lead == "게시본"


def test_an_autosave_naming_no_version_is_refused_once_the_page_has_one(staff_client, story):
    """An editor opened on a page without revisions sends none; once a publication
    made one, its autosave must not pass as up to date."""
    response = staff_client.post(
        f"/admin/pages/{story.pk}/edit/", story_form(story, lead="늦은 자동 저장"), **AUTOSAVE
    )
    assert response.status_code == 400
    assert json.loads(response.content)["error_code"] == "invalid_revision"
    story.refresh_from_db()
    assert not story.has_unpublished_changes


def test_an_autosave_of_a_page_without_revisions_still_saves(staff_client, story):
    Page.objects.filter(pk=story.pk).update(latest_revision=None)
    story.refresh_from_db()
    response = staff_client.post(
        f"/admin/pages/{story.pk}/edit/", story_form(story, lead="첫 자동 저장"), **AUTOSAVE
    )
    assert response.status_code == 200, response.content
    story.refresh_from_db()
    assert story.has_unpublished_changes
    assert story.get_latest_revision().as_object().lead == "첫 자동 저장"


def test_an_operators_late_autosave_does_not_reopen_a_space_submitted_for_review(
    client, make_space, django_user_model
):
    """Operators submit their space to "Space review": an autosave arriving after the
    submission is refused and the submitted revision stays the latest."""
    access.ensure_roles()
    space = make_space(title="망원 골목 책방")
    operator = django_user_model.objects.create_user("op1", password="changeme")
    SpaceOperator.objects.create(space=space, user=operator, status=SpaceOperator.Status.ACTIVE)
    client.force_login(operator)
    url = f"/admin/pages/{space.pk}/edit/"
    assert client.get(url).status_code == 200  # the operator's editor opens

    space.refresh_from_db()
    loaded = space.latest_revision
    submitted = space.save_revision(user=operator)
    space.get_workflow().start(space, operator)

    late = client.post(
        url,
        {
            "title": "바뀐 이름",
            "loaded_revision_id": str(loaded.pk),
            "loaded_revision_created_at": loaded.created_at.isoformat(),
        },
        **AUTOSAVE,
    )
    assert late.status_code == 400
    assert late.json()["error_code"] in {"invalid_revision", "locked"}
    space.refresh_from_db()
    assert space.latest_revision_id == submitted.pk
    assert space.get_latest_revision().as_object().title == "망원 골목 책방"


def test_a_page_not_created_yet_is_not_autosaved_and_a_saved_one_is(staff_client, story):
    """An abandoned "add page" tab must not leave a draft that takes its title's address,
    and a save made while such an autosave creates the page must not create it twice:
    the editor of a new page does not autosave; once saved, the page's editor does."""
    index = story.get_parent()
    add = staff_client.get(f"/admin/pages/add/stories/storypage/{index.pk}/")
    assert add.status_code == 200
    assert "data-w-autosave-interval-value" not in add.content.decode()
    edit = staff_client.get(f"/admin/pages/{story.pk}/edit/")
    assert "data-w-autosave-interval-value" in edit.content.decode()


def test_an_unknown_page_type_to_add_is_not_found(staff_client, story):
    index = story.get_parent()
    response = staff_client.get(f"/admin/pages/add/stories/nosuchpage/{index.pk}/")
    assert response.status_code == 404
