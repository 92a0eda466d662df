"""Space operators in a real browser: a resident proposes a space at
``/operators/register/``, city staff approve it in the Wagtail admin ("Space review"),
and the new operator edits the space (their changes go to review) and publishes a
program under it. The public registration pages are accessible."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
import requests
from PIL import Image
from playwright.sync_api import expect

from events.models import ProgramPage
from spaces import access
from spaces.models import SpaceOperator, SpacePage

from .conftest import assert_no_axe_violations

SPACE = "망원 골목 책방"
SUMMARY = "골목 안 작은 책방에서 함께 읽어요."
NEW_SUMMARY = "평일 저녁에도 문을 여는 골목 책방."
PROGRAM = "골목 책방 낭독회"
# Wagtail's editor sends navigations that may take a while on a busy machine.
NAVIGATION = 20_000


@pytest.fixture
def site(bilingual_site, live_server, db):
    """The bilingual demo site (with its space directory), a resident who will propose a
    space and a member of city staff."""
    access.ensure_roles()
    users = get_user_model().objects
    users.create_user("newop", email="newop@example.org", password="changeme")
    staff = users.create_user("staff1", email="staff1@example.org", password="changeme")
    staff.groups.add(Group.objects.get(name=access.STAFF_GROUP))
    return live_server.url


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "reading-room.png"
    Image.new("RGB", (64, 48), (40, 120, 90)).save(path, "PNG")
    return path


def log_in(page, site, username, next_path="/"):
    page.goto(f"{site}/accounts/login/?next={next_path}")
    page.get_by_label("아이디 또는 이메일").fill(username)
    page.get_by_label("비밀번호").fill("changeme")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="로그인").click()


def press(page, selector):
    """Press a button of the editor's footer action menu as its menu item would, and
    wait for the page the form's submission leads to."""
    with page.expect_navigation(timeout=NAVIGATION):
        page.locator(selector).evaluate("button => button.click()")


def editor_problems(page):
    return (
        page.locator(".error-message, .help-critical, .messages .error").all_inner_texts(),
        page.locator("[aria-invalid=true]").evaluate_all("els => els.map(e => e.id)"),
    )


@pytest.mark.rendering
def test_the_public_registration_form_has_no_accessibility_violations(site, new_page):
    anonymous = new_page()
    for path in ("/operators/register/", "/en/operators/register/"):
        anonymous.goto(site + path)
        # The intro: how it works, with links to sign up or log in (no form yet).
        expect(anonymous.locator("main a[href*='/accounts/login/?next=']")).to_be_visible()
        expect(anonymous.locator("form.proposal-form")).to_have_count(0)
        assert_no_axe_violations(anonymous)

    page = new_page()
    log_in(page, site, "newop")
    for path in ("/operators/register/", "/en/operators/register/"):
        page.goto(site + path)
        expect(page.locator("form.proposal-form")).to_be_visible()
        # The map picker is drawn (tiles are local blank images in tests).
        expect(page.locator("[data-point-picker-map]")).to_be_visible()
        assert_no_axe_violations(page)


def test_register_review_edit_and_publish_a_program(site, new_page, photo):
    errors = []

    # --- the resident proposes a space -------------------------------------------------
    operator = new_page()
    operator.on("pageerror", lambda error: errors.append(str(error)))
    log_in(operator, site, "newop", next_path="/operators/register/")
    expect(operator.locator("form.proposal-form")).to_be_visible()
    operator.locator("#id_name").fill(SPACE)
    operator.locator("#id_space_type").select_option(label="작은도서관")
    operator.locator("#id_district").select_option(label="마포구")
    operator.locator("#id_address").fill("서울특별시 마포구 망원로 12")
    operator.locator("#id_latitude").fill("37.556")
    operator.locator("#id_longitude").fill("126.91")
    operator.locator("#id_capacity").fill("20")
    operator.locator("#id_opening_hours").fill("Mo-Fr 10:00-18:00; Sa 10:00-14:00")
    operator.locator("#id_summary").fill(SUMMARY)
    operator.locator("#id_description").fill(
        "동네 사람들이 함께 책을 읽는 곳입니다.\n\n누구나 와요."
    )
    operator.locator("#id_operator_name").fill("망원 책모임")
    operator.locator("#id_operator_kind").select_option("private")
    operator.locator("#id_phone").fill("02-123-4567")
    operator.locator("#id_email").fill("books@example.org")
    operator.locator("#id_website").fill("https://example.org/books")
    operator.locator("#id_photo_1").set_input_files(str(photo))
    operator.locator("#id_photo_1_alt").fill("긴 탁자가 있는 열람실")
    operator.locator("#id_consent").check()
    operator.wait_for_timeout(3100)  # the form refuses what is sent within 3 seconds
    with operator.expect_navigation(timeout=NAVIGATION):
        operator.locator("form.proposal-form button[type=submit]").click()
    assert operator.url == site + "/operators/", operator.locator("main").inner_text()
    proposal = operator.locator(".operator-space", has_text=SPACE)
    expect(proposal).to_have_count(1)
    expect(proposal.locator(".status--proposed")).to_be_visible()

    space = SpacePage.objects.get(title=SPACE)
    assert not space.live
    assert space.gallery_images.count() == 1
    assert SpaceOperator.objects.get(space=space).status == SpaceOperator.Status.PROPOSED

    # --- city staff approve it in the admin ---------------------------------------------
    staff = new_page()
    staff.on("pageerror", lambda error: errors.append(str(error)))
    log_in(staff, site, "staff1", next_path="/admin/")
    assert staff.url == site + "/admin/"
    staff.goto(f"{site}/admin/pages/{space.pk}/edit/")
    approve = "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    expect(staff.locator(approve)).to_have_count(1)
    press(staff, approve)
    assert f"/admin/pages/{space.pk}/edit/" not in staff.url, editor_problems(staff)

    space = SpacePage.objects.get(pk=space.pk)
    assert space.live
    assert SpaceOperator.objects.get(space=space).status == SpaceOperator.Status.ACTIVE

    # --- the operator sees it published -------------------------------------------------
    operator.goto(site + "/operators/")
    proposal = operator.locator(".operator-space", has_text=SPACE)
    expect(proposal.locator(".status--active")).to_be_visible()
    with operator.expect_navigation():
        proposal.locator(f"a[href='{space.url}']").click()
    expect(operator.get_by_role("heading", name=SPACE, level=1)).to_be_visible()
    public_url = operator.url
    response = requests.get(public_url, timeout=10)
    assert response.status_code == 200
    assert SPACE in response.text and SUMMARY in response.text

    # --- the operator edits the space: the change goes to review ------------------------
    operator.goto(site + "/admin/")
    expect(operator.locator(f"a[href='/admin/pages/{space.pk}/edit/']").first).to_be_attached()
    operator.goto(f"{site}/admin/pages/{space.pk}/edit/")
    # Not trusted: no "Publish", the primary action is "Submit to Space review".
    expect(operator.locator("button[name=action-publish]")).to_have_count(0)
    expect(operator.locator("button[name=action-submit]")).to_contain_text(access.REVIEW_WORKFLOW)
    operator.locator("#id_summary").fill(NEW_SUMMARY)
    press(operator, "button[name=action-submit]")
    assert "/edit/" not in operator.url, editor_problems(operator)
    expect(operator.locator(".messages .success")).to_contain_text(SPACE)
    space = SpacePage.objects.get(pk=space.pk)
    assert space.has_unpublished_changes
    assert space.current_workflow_state is not None
    assert space.get_latest_revision_as_object().summary == NEW_SUMMARY
    response = requests.get(public_url, timeout=10)
    assert response.status_code == 200
    assert SUMMARY in response.text and NEW_SUMMARY not in response.text

    # --- the operator publishes a program under the space --------------------------------
    operator.goto(f"{site}/admin/pages/add/events/programpage/{space.pk}/")
    operator.locator("#id_title").fill(PROGRAM)
    # The slug sits on the Promote tab; set it rather than wait for the title's sync.
    operator.locator("#id_slug").evaluate("field => { field.value = 'reading-night'; }")
    next_week = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    for field, value in (("#id_start_date", next_week), ("#id_start_time", "19:00")):
        operator.locator(field).fill(value)
        operator.locator(field).press("Tab")  # leave the picker closed
    operator.locator("#id_duration_minutes").fill("90")
    operator.locator("#id_capacity").fill("12")
    press(operator, "button[name=action-publish]")
    assert "/add/" not in operator.url, editor_problems(operator)

    program = ProgramPage.objects.get(title=PROGRAM)
    assert program.live
    assert program.get_parent().pk == space.pk
    response = requests.get(site + program.url, timeout=10)
    assert response.status_code == 200
    assert PROGRAM in response.text
    assert errors == []
