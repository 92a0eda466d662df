"""Publishing says what it did: city staff write a story in Wagtail's editor (title,
lead, a related space), open the footer's action menu and press "게시" about a second
after the last keystroke, just as the editor's autosave goes out. The story must be
live, with no draft left over it, and its public page must show the typed title.

A related space added but not chosen yet does not stop the autosave either: the
autosave after "공간 추가" is saved (200), the editor never says "Autosave is paused",
and the space chosen afterwards is published.

An autosave that is still being handled while the publication commits used to write
over it (issue 16; ``core.editing``). On a test machine the publish usually finishes
after the autosave, so the autosave here is made as slow as on a busy server: once it
has passed Wagtail's "is this the latest version?" check, it waits for the publication
(at most ``SLOW_AUTOSAVE`` seconds) before writing."""

import re
import threading

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail import hooks
from wagtail.admin.views.pages.edit import EditView

import pytest
import requests
from playwright.sync_api import expect

from core.demo import ensure_section
from spaces import access
from stories.models import StoryIndexPage, StoryPage

SPACE = "망원 작은도서관"
ROW_TITLE = "골목 도서관의 겨울"
LEAD = "작은도서관에서 열린 겨울 모임"
SLOW_AUTOSAVE = 2.5  # seconds an autosave waits for a publication before writing
NAVIGATION = 20_000


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


@pytest.fixture
def slow_autosave(monkeypatch):
    """Autosaves write only after a publication has been handled (or after
    ``SLOW_AUTOSAVE`` seconds when the publication waits for them)."""
    published = threading.Event()
    save_action = EditView.save_action

    def slow_save_action(view):
        if view.expects_json_response:
            published.wait(SLOW_AUTOSAVE)
        return save_action(view)

    monkeypatch.setattr(EditView, "save_action", slow_save_action)
    with hooks.register_temporarily("after_publish_page", lambda request, page: published.set()):
        yield published


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("사용자 이름").fill("staff1")
    page.get_by_label("비밀번호").fill("changeme")
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/admin/")


def is_autosave(request):
    return request.method == "POST" and request.headers.get("accept") == "application/json"


def publish_as_autosave_goes_out(page):
    """Open the footer's action menu right after typing and press "게시" as soon as the
    editor sends its autosave (about a second after the last keystroke)."""
    page.get_by_role("button", name=re.compile("더 많은 움직임|추가 작업")).click()
    with page.expect_request(is_autosave):
        pass
    with page.expect_navigation(timeout=NAVIGATION):
        page.get_by_role("button", name="게시", exact=True).click()
    try:
        expect(page.locator(".messages")).to_contain_text("게시되었습니다")
    except AssertionError as error:  # say which fields the editor refused, and why
        fields = [
            f.get_attribute("data-contentpath") for f in page.locator(".w-field--error").all()
        ]
        reasons = page.locator(".error-message, .error").all_inner_texts()
        raise AssertionError(f"not published: fields {fields} refused: {reasons}") from error


def assert_published(title, live_server):
    story = StoryPage.objects.get(title=title)
    assert story.live
    assert not story.has_unpublished_changes
    assert story.latest_revision_id == story.live_revision_id
    assert story.get_latest_revision().as_object().title == title
    assert story.related_space_ids  # the space chosen in the editor was published too
    response = requests.get(live_server.url + story.url, timeout=10)
    assert response.status_code == 200
    assert title in response.text
    return story


def test_a_story_published_as_autosave_runs_is_live_without_a_draft(
    staff, story_index, live_server, page, slow_autosave
):
    log_in(page, live_server)
    for n in range(2):
        slow_autosave.clear()
        page.goto(f"{live_server.url}/admin/pages/add/stories/storypage/{story_index.pk}/")
        # The editor takes its "unchanged" snapshot 2 s after loading: type after that,
        # as a person would.
        page.wait_for_timeout(2100)
        title = f"골목 도서관의 겨울 {n}"
        page.get_by_role("textbox", name=re.compile("^제목")).first.press_sequentially(title)
        page.keyboard.press("Tab")  # leaving the title fills in the page's address
        page.wait_for_timeout(500)
        # A page not created yet is not autosaved (core.editing): save it as a draft.
        with page.expect_navigation(timeout=NAVIGATION):
            page.get_by_role("button", name="초안 저장").click()
        expect(page).to_have_url(re.compile(r"/edit/$"))
        page.wait_for_timeout(2100)
        page.get_by_role("button", name="공간 추가").click()
        page.get_by_role("button", name="페이지 선택 (공간)").click()
        page.get_by_role("dialog").get_by_role("link", name=SPACE).click()
        # The chooser closes once it has filled in the field, as a person waits to see.
        expect(page.get_by_role("dialog")).to_be_hidden()
        page.get_by_role("textbox", name=re.compile("^도입 문구")).press_sequentially(LEAD)
        publish_as_autosave_goes_out(page)
        story = assert_published(title, live_server)

    # A live story edited and published again keeps no draft either.
    slow_autosave.clear()
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.wait_for_timeout(2100)
    title = page.get_by_role("textbox", name=re.compile("^제목")).first
    title.press("End")
    title.press_sequentially(" 이야기")
    publish_as_autosave_goes_out(page)
    assert_published("골목 도서관의 겨울 1 이야기", live_server)


def answers_autosave(response):
    request = response.request
    return request.method == "POST" and request.headers.get("accept") == "application/json"


def test_an_added_space_not_chosen_yet_is_autosaved_then_published(
    staff, story_index, live_server, page
):
    log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/add/stories/storypage/{story_index.pk}/")
    page.wait_for_timeout(2100)  # the editor's "unchanged" snapshot is taken after 2 s
    page.get_by_role("textbox", name=re.compile("^제목")).first.press_sequentially(ROW_TITLE)
    page.get_by_role("textbox", name=re.compile("^도입 문구")).press_sequentially("겨울 모임")
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    # A page not created yet is not autosaved (core.editing): save it as a draft first.
    with page.expect_navigation():
        page.get_by_role("button", name="초안 저장").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.wait_for_timeout(2100)

    # Add a related space and leave it empty: the autosave that follows is saved.
    with page.expect_response(answers_autosave, timeout=5_000) as autosave:
        page.get_by_role("button", name="공간 추가").click()
    assert autosave.value.status == 200, autosave.value.text()
    page.wait_for_timeout(2000)  # past the autosave delay: any later answer is in too
    expect(page.get_by_text("Autosave is paused")).to_be_hidden()
    expect(page.get_by_text(re.compile("validation errors|유효성 검사 오류"))).to_have_count(0)
    story = StoryPage.objects.get(title=ROW_TITLE)
    draft = story.get_latest_revision_as_object()
    assert [link.space_id for link in draft.related_space_links.all()] == [None]

    # Choose the space through the chooser, then publish.
    page.get_by_role("button", name="페이지 선택 (공간)").click()
    page.get_by_role("dialog").get_by_role("link", name=SPACE).click()
    expect(page.get_by_role("dialog")).to_be_hidden()  # the field is filled in by now
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
