"""A related space added in the story editor but not chosen yet does not stop the
autosave (issue 16): the autosave after "공간 추가" is saved (200), the editor never
says "Autosave is paused", and the space chosen afterwards through the chooser is
published and shown on the story's page."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
import requests
from playwright.sync_api import expect

from core.demo import ensure_section
from spaces import access
from stories.models import StoryIndexPage, StoryPage

SPACE = "망원 작은도서관"
TITLE = "골목 도서관의 겨울"


@pytest.fixture
def story_index(bilingual_site):
    return ensure_section(
        bilingual_site,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )


@pytest.fixture
def staff(story_index, make_space, live_server):
    access.ensure_roles()
    make_space(title=SPACE)
    user = get_user_model().objects.create_user(
        "staff1", email="staff1@example.org", password="changeme"
    )
    user.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    return user


def is_autosave(response):
    request = response.request
    return request.method == "POST" and request.headers.get("accept") == "application/json"


def test_an_added_space_not_chosen_yet_is_autosaved_then_published(
    staff, story_index, live_server, page
):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("사용자 이름").fill("staff1")
    page.get_by_label("비밀번호").fill("changeme")
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/stories/storypage/{story_index.pk}/")
    page.wait_for_timeout(2100)  # the editor's "unchanged" snapshot is taken after 2 s
    page.get_by_role("textbox", name=re.compile("^제목")).first.press_sequentially(TITLE)
    page.get_by_role("textbox", name=re.compile("^도입 문구")).press_sequentially("겨울 모임")
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    # A page not created yet is not autosaved (core.editing): save it as a draft first.
    with page.expect_navigation():
        page.get_by_role("button", name="초안 저장").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.wait_for_timeout(2100)

    # Add a related space and leave it empty: the autosave that follows is saved.
    with page.expect_response(is_autosave, timeout=5_000) as autosave:
        page.get_by_role("button", name="공간 추가").click()
    assert autosave.value.status == 200, autosave.value.text()
    page.wait_for_timeout(2000)  # past the autosave delay: any later answer is in too
    expect(page.get_by_text("Autosave is paused")).to_be_hidden()
    expect(page.get_by_text(re.compile("validation errors|유효성 검사 오류"))).to_have_count(0)
    story = StoryPage.objects.get(title=TITLE)
    draft = story.get_latest_revision_as_object()
    assert [link.space_id for link in draft.related_space_links.all()] == [None]

    # Choose the space through the chooser, then publish.
    page.get_by_role("button", name="페이지 선택 (공간)").click()
    page.get_by_role("dialog").get_by_role("link", name=SPACE).click()
    page.get_by_role("button", name=re.compile("더 많은 움직임|추가 작업")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="게시", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("게시되었습니다")

    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and not story.has_unpublished_changes
    links = list(story.related_space_links.all())
    assert [link.space.title for link in links] == [SPACE]
    response = requests.get(live_server.url + story.url, timeout=10)
    assert response.status_code == 200
    related = re.search(r'id="story-related-title".*?</section>', response.text, re.S)
    assert related and SPACE in related.group(0)
