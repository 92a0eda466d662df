"""What a space operator may and may not do in the Wagtail admin.

operator1 runs space A, operator2 runs space B (``world`` in conftest). An operator
edits their own space and publishes its programs, and sees and decides their own
spaces' bookings and registrations; everything of another operator is refused or
invisible, and nothing an operator is refused changes the database. City staff see
everything; residents get no admin at all.

"Refused" means what Wagtail answers when it denies: a redirect to the admin home (or to
the login page for someone without admin access), 403 or 404. Each URL is first opened
by someone allowed to (the owner or staff) so that a 404 means "refused", not "wrong
URL"."""

import csv
import io
import json
from html.parser import HTMLParser

from django.test import Client
from django.utils import timezone

from wagtail.models import Page, Revision

import pytest

from bookings.models import Booking, Status
from events.models import ProgramPage, Registration
from spaces.models import District, SpaceOperator, SpacePage, SpaceType
from spaces.services import save_space

ADMIN_HOME = "/admin/"
BOOKINGS = "/admin/snippets/bookings/booking/"
REGISTRATIONS = "/admin/snippets/events/registration/"


# --- helpers -------------------------------------------------------------------------


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes Korean as \uXXXX: decode so titles can be searched for.
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def assert_refused(response):
    """Wagtail's ways of saying no: a redirect home (or to the login page), 403, 404."""
    if response.status_code == 302:
        location = response["Location"]
        assert location == ADMIN_HOME or location.startswith("/admin/login/"), location
    else:
        assert response.status_code in (403, 404), response.status_code


def assert_ok(response):
    assert response.status_code == 200, (response.status_code, response.get("Location"))


def csv_rows(response):
    assert_ok(response)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body(response))))


def live_title(page):
    return Page.objects.get(pk=page.pk).title


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


class _FormScraper(HTMLParser):
    """The fields a browser would submit from one form (no JavaScript needed: these
    pages have no StreamFields)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "option":
            if self.select and "selected" in attrs:
                self.fields.append((self.select, attrs.get("value", "")))
            return
        name = attrs.get("name")
        if not name:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = name

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_data(response, form_id="page-edit-form", **changes):
    """The page editor's form as the browser would post it, with ``changes``."""
    assert_ok(response)
    scraper = _FormScraper(form_id)
    scraper.feed(body(response))
    data = {}
    for name, value in scraper.fields:
        if "__prefix__" not in name:  # empty inline-panel templates
            data.setdefault(name, []).append(value)
    assert "title" in data, "the editor form was not found"
    data.update({name: [value] for name, value in changes.items()})
    return data


def make_draft_space(title="비공개 초안 공간"):
    """A space page that was never published and that nobody runs."""
    page, _created = save_space(
        {
            "external_id": "draft-space",
            "title": title,
            "space_type": SpaceType.objects.get(slug="small-library"),
            "district": District.objects.get(slug="mapo"),
            "address": "서울특별시 마포구 망원로 2",
            "latitude": 37.5561,
            "longitude": 126.9101,
        },
        publish=False,
    )
    assert not page.live
    return page


@pytest.fixture
def op1(world):
    return client_for(world.operator1)


@pytest.fixture
def op2(world):
    return client_for(world.operator2)


@pytest.fixture
def staff(world):
    return client_for(world.staff)


# --- 1. what an operator can do with their own space ----------------------------------


def test_operator_can_open_the_editor_of_their_own_space(world, op1):
    response = op1.get(f"/admin/pages/{world.spaces['a'].pk}/edit/")
    assert_ok(response)
    assert "공간 A" in body(response)


def test_operator_can_add_a_program_to_their_own_space_and_it_goes_live_at_once(world, op1):
    space = world.spaces["a"]
    assert space.permissions_for_user(world.operator1).can_add_subpage()
    assert world.programs["a"].permissions_for_user(world.operator1).can_publish()

    url = f"/admin/pages/add/events/programpage/{space.pk}/"
    data = form_data(
        op1.get(url),
        title="새 독서 모임",
        slug="new-reading-club",
        schedule="",
        **{"action-publish": "action-publish"},
    )
    response = op1.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    program = ProgramPage.objects.get(title="새 독서 모임")
    assert program.live and not program.has_unpublished_changes
    assert program.get_parent().pk == space.pk


def test_operator_can_publish_changes_to_their_own_program_directly(world, op1):
    program = world.programs["a"]
    url = f"/admin/pages/{program.pk}/edit/"
    data = form_data(
        op1.get(url), title="프로그램 A (개정)", **{"action-publish": "action-publish"}
    )
    response = op1.post(url, data)
    assert response.status_code == 302
    assert live_title(program) == "프로그램 A (개정)"


@pytest.mark.parametrize(
    "listing, key",
    [(BOOKINGS, "bookings"), (REGISTRATIONS, "registrations")],
    ids=["bookings", "registrations"],
)
def test_operator_sees_only_their_own_rows_in_the_listing(world, op1, listing, key):
    mine, theirs = getattr(world, key)["a"], getattr(world, key)["b"]
    response = op1.get(listing)
    assert_ok(response)
    page = body(response)
    assert str(mine) in page
    assert str(theirs) not in page
    assert "공간 B" not in page and "프로그램 B" not in page


def test_operators_booking_csv_holds_only_their_own_spaces_bookings(world, op1):
    rows = csv_rows(op1.get(BOOKINGS, {"export": "csv"}))
    assert [row["공간"] for row in rows] == ["공간 A"]
    exported = "\n".join(",".join(row.values()) for row in rows)
    assert "모임 a" in exported
    assert "모임 b" not in exported and "공간 B" not in exported


def test_operators_registration_csv_holds_only_their_own_programs_registrations(world, op1):
    rows = csv_rows(op1.get(REGISTRATIONS, {"export": "csv"}))
    assert len(rows) == 1
    exported = ",".join(rows[0].values())
    assert "프로그램 A" in exported and "프로그램 B" not in exported


def test_operator_can_decline_a_request_for_their_own_space_with_a_reason(world, op1):
    booking = world.bookings["a"]
    url = f"/admin/bookings/{booking.pk}/decide/"
    assert_ok(op1.get(url))

    response = op1.post(url, {"action": "decline", "reason": "그날은 공사 중입니다."})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.DECLINED
    assert booking.reason == "그날은 공사 중입니다."


def test_operator_can_correct_the_reason_but_not_the_status_or_space_of_their_booking(world, op1):
    booking = world.bookings["a"]
    url = f"{BOOKINGS}edit/{booking.pk}/"
    assert_ok(op1.get(url))

    op1.post(
        url,
        {
            "reason": "안내 문구 수정",
            "status": Status.CONFIRMED,
            "space": world.spaces["b"].pk,
            "headcount": 99,
        },
    )

    booking.refresh_from_db()
    assert booking.reason == "안내 문구 수정"
    assert booking.status == Status.REQUESTED
    assert booking.space_id == world.spaces["a"].pk
    assert booking.headcount == 3


def test_operator_can_confirm_the_details_of_their_own_space(world, op1):
    space = world.spaces["a"]
    url = f"/admin/spaces/{space.pk}/verify/"
    assert_ok(op1.get(url))
    op1.post(url)
    assert SpacePage.objects.get(pk=space.pk).last_verified == timezone.localdate()


# --- 2. another operator's space and programs -----------------------------------------

PAGE_VIEWS = [
    "edit/",
    "delete/",
    "move/",
    "copy/",
    "unpublish/",
    "view_draft/",
    "edit/preview/",
    "history/",
    "usage/",
    "workflow_history/",
    "privacy/",
    "",  # the explorer listing of its children
]


@pytest.mark.parametrize("which", ["space", "program"])
@pytest.mark.parametrize("view", PAGE_VIEWS, ids=lambda v: v.strip("/") or "explorer")
def test_operator_cannot_open_another_operators_page_views(world, staff, op1, which, view):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    url = f"/admin/pages/{page.pk}/{view}"
    assert_ok(staff.get(url))  # the URL is right

    response = op1.get(url)

    if view == "":
        # The explorer sends an operator to their own space instead.
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{world.spaces['a'].pk}/"
    else:
        assert_refused(response)


@pytest.mark.parametrize("which", ["space", "program"])
def test_operator_cannot_see_the_revisions_of_another_operators_page(world, staff, op1, which):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    revision = Page.objects.get(pk=page.pk).latest_revision_id
    urls = [
        f"/admin/pages/{page.pk}/revisions/{revision}/view/",
        f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
    ]
    for url in urls:
        assert_ok(staff.get(url))
        assert_refused(op1.get(url))
    # The old revisions index only forwards to the (refused) history.
    response = op1.get(f"/admin/pages/{page.pk}/revisions/", follow=True)
    assert "공간 B" not in body(response) and "프로그램 B" not in body(response)


@pytest.mark.parametrize("which", ["space", "program"])
def test_operators_edit_of_another_operators_page_changes_nothing(world, op1, op2, which):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(op2.get(url), title="탈취됨")  # the owner's own form, re-titled
    revisions = revisions_of(page)

    for action in ({}, {"action-publish": "action-publish"}):
        assert_refused(op1.post(url, {**data, **action}))

    assert live_title(page) == page.title
    assert Page.objects.get(pk=page.pk).draft_title == page.title
    assert revisions_of(page) == revisions


@pytest.mark.parametrize("which", ["space", "program"])
def test_operator_cannot_delete_another_operators_page(world, op1, which):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    assert_refused(op1.get(f"/admin/pages/{page.pk}/delete/"))
    assert_refused(op1.post(f"/admin/pages/{page.pk}/delete/"))
    assert Page.objects.filter(pk=page.pk).exists()


def test_operator_cannot_move_another_operators_program_into_their_space(world, staff, op1):
    program, own_space = world.programs["b"], world.spaces["a"]
    url = f"/admin/pages/{program.pk}/move/{own_space.pk}/confirm/"
    assert_ok(staff.get(url))

    # (Wagtail's confirmation screen itself checks nothing; the move does.)
    assert_refused(op1.post(url))

    assert Page.objects.get(pk=program.pk).get_parent().pk == world.spaces["b"].pk
    assert_refused(op1.get(f"/admin/pages/{program.pk}/move/"))


def test_operator_cannot_copy_another_operators_program(world, op1):
    program = world.programs["b"]
    response = op1.post(
        f"/admin/pages/{program.pk}/copy/",
        {
            "new_title": "복사본",
            "new_slug": "stolen-copy",
            "new_parent_page": world.spaces["a"].pk,
            "publish_copies": "on",
        },
    )
    assert_refused(response)
    assert not Page.objects.filter(title="복사본").exists()


@pytest.mark.parametrize("which", ["space", "program"])
def test_operator_cannot_unpublish_another_operators_page(world, op1, which):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    assert_refused(op1.post(f"/admin/pages/{page.pk}/unpublish/", {"include_descendants": "on"}))
    assert Page.objects.get(pk=page.pk).live
    assert Page.objects.get(pk=world.programs["b"].pk).live


def test_operator_cannot_preview_another_operators_draft(world, op1, op2):
    program = world.programs["b"]
    url = f"/admin/pages/{program.pk}/edit/preview/"
    data = form_data(op2.get(f"/admin/pages/{program.pk}/edit/"), title="몰래 보기")
    assert_ok(op2.post(url, data))  # the owner may preview
    assert_ok(op2.get(url))

    assert_refused(op1.post(url, data))
    response = op1.get(url)
    assert_refused(response)
    assert "몰래 보기" not in body(response)
    assert_refused(op1.get(f"/admin/pages/{program.pk}/view_draft/"))


def test_operator_cannot_add_a_program_to_another_operators_space(world, op1):
    space = world.spaces["b"]
    assert not space.permissions_for_user(world.operator1).can_add_subpage()
    url = f"/admin/pages/add/events/programpage/{space.pk}/"
    data = form_data(
        op1.get(f"/admin/pages/add/events/programpage/{world.spaces['a'].pk}/"),
        title="끼어든 프로그램",
        slug="intruder",
        schedule="",
        **{"action-publish": "action-publish"},
    )
    children = Page.objects.get(pk=space.pk).get_children().count()

    assert_refused(op1.get(url))
    assert_refused(op1.post(url, data))

    assert Page.objects.get(pk=space.pk).get_children().count() == children
    assert not Page.objects.filter(title="끼어든 프로그램").exists()


# Bulk actions answer the confirmation page (200) even when nothing may be done: what
# matters is that posting it changes nothing. Each is checked working for the owner.


def test_bulk_delete_skips_another_operators_pages(world, op1):
    space, program = world.spaces["b"], world.programs["b"]
    for page in (program, space):
        op1.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}")
    assert Page.objects.filter(pk=space.pk).exists()
    assert Page.objects.filter(pk=program.pk).exists()

    # The same request deletes the operator's own program.
    own = world.programs["a"]
    op1.post(f"/admin/bulk/wagtailcore/page/delete/?id={own.pk}")
    assert not Page.objects.filter(pk=own.pk).exists()


def test_bulk_publish_skips_another_operators_program(world, op1, op2):
    program = world.programs["b"]
    draft = ProgramPage.objects.get(pk=program.pk)
    draft.title = "초안 제목"
    draft.save_revision(user=world.operator2)  # a pending draft operator2 has not published

    op1.post(f"/admin/bulk/wagtailcore/page/publish/?id={program.pk}")
    assert live_title(program) == "프로그램 B"

    op2.post(f"/admin/bulk/wagtailcore/page/publish/?id={program.pk}")  # the owner can
    assert live_title(program) == "초안 제목"


@pytest.mark.parametrize("which", ["space", "program"])
def test_bulk_unpublish_skips_another_operators_pages(world, op1, which):
    page = world.spaces["b"] if which == "space" else world.programs["b"]
    op1.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}", {"include_descendants": "on"})
    assert Page.objects.get(pk=page.pk).live
    assert Page.objects.get(pk=world.programs["b"].pk).live

    own = world.programs["a"]  # the same request unpublishes the operator's own program
    op1.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={own.pk}")
    assert not Page.objects.get(pk=own.pk).live


def test_bulk_move_skips_another_operators_program(world, op1, staff):
    program = world.programs["b"]
    url = f"/admin/bulk/wagtailcore/page/move/?id={program.pk}"
    op1.post(url, {"chooser": world.spaces["a"].pk})
    assert Page.objects.get(pk=program.pk).get_parent().pk == world.spaces["b"].pk

    staff.post(url, {"chooser": world.spaces["a"].pk})  # staff can
    assert Page.objects.get(pk=program.pk).get_parent().pk == world.spaces["a"].pk


def test_explorer_of_the_space_directory_shows_only_the_operators_own_space(world, op1):
    index = Page.objects.get(pk=world.spaces["a"].pk).get_parent()
    response = op1.get(f"/admin/pages/{index.pk}/", follow=True)
    assert_ok(response)
    page = body(response)
    assert "공간 A" in page and "프로그램 A" in page
    assert "공간 B" not in page and "프로그램 B" not in page


@pytest.mark.parametrize("query", ["공간", "프로그램"])
def test_admin_page_search_finds_only_the_operators_own_pages(world, op1, query):
    response = op1.get("/admin/pages/search/", {"q": query})
    assert_ok(response)
    page = body(response)
    assert f"{query} A" in page
    assert f"{query} B" not in page


def test_admin_api_lists_only_the_operators_own_space(world, op1):
    index = Page.objects.get(pk=world.spaces["a"].pk).get_parent()
    response = op1.get("/admin/api/main/pages/", {"child_of": index.pk})
    assert_ok(response)
    titles = [item["title"] for item in json.loads(response.content)["items"]]
    assert titles == ["공간 A"]

    assert_ok(op1.get(f"/admin/api/main/pages/{world.spaces['a'].pk}/"))
    assert op1.get(f"/admin/api/main/pages/{world.spaces['b'].pk}/").status_code == 404
    assert op1.get(f"/admin/api/main/pages/{world.programs['b'].pk}/").status_code == 404


def test_page_chooser_does_not_offer_someone_elses_unpublished_space(world, op1):
    draft = make_draft_space()
    index = Page.objects.get(pk=world.spaces["a"].pk).get_parent()

    browse = op1.get(f"/admin/choose-page/{index.pk}/")
    assert_ok(browse)
    assert "공간 A" in body(browse)  # the chooser does list pages here
    assert draft.title not in body(browse)

    search = op1.get("/admin/choose-page/search/", {"q": "초안"})
    assert_ok(search)
    assert draft.title not in body(search)
    assert_refused(op1.get(f"/admin/pages/{draft.pk}/edit/"))


def test_operator_cannot_confirm_the_details_of_another_operators_space(world, staff, op1):
    space = world.spaces["b"]
    url = f"/admin/spaces/{space.pk}/verify/"
    assert_ok(staff.get(url))
    before = SpacePage.objects.get(pk=space.pk).last_verified

    assert_refused(op1.get(url))
    assert_refused(op1.post(url))

    assert SpacePage.objects.get(pk=space.pk).last_verified == before


def test_operator_cannot_make_themselves_operator_of_another_space(world, staff, op1):
    listing = "/admin/snippets/spaces/spaceoperator/"
    assert_ok(staff.get(listing))
    assert_ok(staff.get(f"{listing}add/"))

    assert_refused(op1.get(listing))
    assert_refused(op1.get(f"{listing}add/"))
    assert_refused(
        op1.post(
            f"{listing}add/",
            {"space": world.spaces["b"].pk, "user": world.operator1.pk, "status": "active"},
        )
    )
    role = SpaceOperator.objects.get(space=world.spaces["a"], user=world.operator1)
    assert_refused(op1.post(f"{listing}edit/{role.pk}/", {"trusted": "on"}))

    assert not SpaceOperator.objects.filter(space=world.spaces["b"], user=world.operator1).exists()
    role.refresh_from_db()
    assert not role.trusted


# --- 3. limits on the operator's own space ------------------------------------------


@pytest.mark.parametrize("view", ["delete/", "move/", "unpublish/", "copy/", "privacy/"])
def test_operator_cannot_delete_move_unpublish_copy_or_restrict_their_own_space(
    world, staff, op1, view
):
    space = world.spaces["a"]
    url = f"/admin/pages/{space.pk}/{view}"
    assert_ok(staff.get(url))
    pages = Page.objects.count()

    assert_refused(op1.get(url))
    assert_refused(op1.post(url, {"include_descendants": "on", "restriction_type": "login"}))

    fresh = Page.objects.get(pk=space.pk)
    assert fresh.live and fresh.get_parent().pk == space.get_parent().pk
    assert Page.objects.count() == pages
    assert not fresh.get_view_restrictions().exists()


def test_operator_cannot_move_their_own_space_to_another_parent(world, staff, op1):
    space = world.spaces["a"]
    home = Page.objects.get(pk=space.pk).get_parent().get_parent()
    url = f"/admin/pages/{space.pk}/move/{home.pk}/confirm/"
    assert_ok(staff.get(url))
    assert_refused(op1.post(url))
    assert Page.objects.get(pk=space.pk).get_parent().pk == space.get_parent().pk


def test_operators_permissions_on_their_own_space(world, grant):
    space, operator = world.spaces["a"], world.operator1
    perms = space.permissions_for_user(operator)
    assert perms.can_edit()
    assert perms.can_add_subpage()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert not perms.can_delete()
    assert not perms.can_move()
    assert not perms.can_copy()
    assert not perms.can_lock()
    assert not perms.can_set_view_restrictions()
    assert not perms.can_unschedule()
    # …also when Wagtail asks through a plain Page (as bulk actions do).
    assert not Page.objects.get(pk=space.pk).permissions_for_user(operator).can_publish()


def test_trusted_operator_may_publish_their_space_but_still_not_delete_it(world):
    SpaceOperator.objects.filter(user=world.operator1).update(trusted=True)
    perms = world.spaces["a"].permissions_for_user(world.operator1)
    assert perms.can_publish()
    assert not perms.can_delete() and not perms.can_unpublish()
    # Trust is per space: operator2's space stays closed.
    assert not world.spaces["b"].permissions_for_user(world.operator1).can_publish()


def test_untrusted_operators_publish_of_their_space_only_saves_a_draft(world, op1):
    space = world.spaces["a"]
    url = f"/admin/pages/{space.pk}/edit/"
    data = form_data(op1.get(url), title="공간 A 새 이름", **{"action-publish": "action-publish"})

    op1.post(url, data)

    fresh = Page.objects.get(pk=space.pk)
    assert fresh.title == "공간 A"  # the live page is unchanged
    assert fresh.draft_title == "공간 A 새 이름"  # the change waits as a draft
    assert fresh.live_revision_id != fresh.latest_revision_id


def test_trusted_operators_publish_of_their_space_goes_live(world, op1):
    space = world.spaces["a"]
    SpaceOperator.objects.filter(user=world.operator1, space=space).update(trusted=True)
    url = f"/admin/pages/{space.pk}/edit/"
    data = form_data(op1.get(url), title="공간 A 새 이름", **{"action-publish": "action-publish"})

    op1.post(url, data)

    assert live_title(space) == "공간 A 새 이름"


def test_untrusted_operator_cannot_bulk_publish_or_unpublish_their_own_space(world, op1):
    space = world.spaces["a"]
    draft = SpacePage.objects.get(pk=space.pk)
    draft.title = "몰래 바꾼 이름"
    draft.save_revision(user=world.operator1)

    op1.post(f"/admin/bulk/wagtailcore/page/publish/?id={space.pk}")
    assert live_title(space) == "공간 A"
    op1.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={space.pk}")
    assert Page.objects.get(pk=space.pk).live
    op1.post(f"/admin/bulk/wagtailcore/page/delete/?id={space.pk}")
    assert Page.objects.filter(pk=space.pk).exists()


def test_operator_cannot_approve_their_own_space_changes_in_review(world, staff, op1):
    from wagtail.models import WorkflowState

    space = world.spaces["a"]
    url = f"/admin/pages/{space.pk}/edit/"
    data = form_data(op1.get(url), title="심사 요청 이름", **{"action-submit": "action-submit"})
    op1.post(url, data)
    state = WorkflowState.objects.get(object_id=str(space.pk), status="in_progress")
    approve = f"/admin/pages/workflow/action/{space.pk}/approve/{state.current_task_state_id}/"
    assert_ok(staff.get(approve))  # staff review it

    assert_refused(op1.get(approve))
    assert_refused(op1.post(approve, {"comment": "스스로 승인"}))

    state.refresh_from_db()
    assert state.status == "in_progress"
    assert live_title(space) == "공간 A"


def test_operator_cannot_copy_or_move_their_program_into_another_operators_space(world, op1):
    program, theirs = world.programs["a"], world.spaces["b"]
    children = Page.objects.get(pk=theirs.pk).get_children().count()

    op1.post(
        f"/admin/pages/{program.pk}/copy/",
        {"new_title": "남의 공간으로", "new_slug": "into-b", "new_parent_page": theirs.pk},
    )
    op1.post(f"/admin/pages/{program.pk}/move/{theirs.pk}/confirm/")
    op1.post(f"/admin/bulk/wagtailcore/page/move/?id={program.pk}", {"chooser": theirs.pk})

    assert not Page.objects.filter(title="남의 공간으로").exists()
    assert Page.objects.get(pk=program.pk).get_parent().pk == world.spaces["a"].pk
    assert Page.objects.get(pk=theirs.pk).get_children().count() == children

    # Copying within their own space works.
    op1.post(
        f"/admin/pages/{program.pk}/copy/",
        {
            "new_title": "내 공간 복사본",
            "new_slug": "copy-a",
            "new_parent_page": program.get_parent().pk,
        },
    )
    assert Page.objects.filter(title="내 공간 복사본").exists()


# --- 4. another operator's bookings and registrations --------------------------------

BOOKING_VIEWS = ["edit/{pk}/", "delete/{pk}/", "history/{pk}/", "usage/{pk}/"]


@pytest.mark.parametrize("view", BOOKING_VIEWS, ids=lambda v: v.split("/")[0])
def test_operator_cannot_open_another_operators_booking(world, staff, op1, view):
    url = BOOKINGS + view.format(pk=world.bookings["b"].pk)
    assert_ok(staff.get(url))
    response = op1.get(url)
    assert_refused(response)
    assert "공간 B" not in body(response)


def test_operator_cannot_decide_another_operators_booking(world, staff, op1):
    booking = world.bookings["b"]
    url = f"/admin/bookings/{booking.pk}/decide/"
    assert_ok(staff.get(url))

    assert_refused(op1.get(url))
    assert_refused(op1.post(url, {"action": "confirm"}))
    assert_refused(op1.post(url, {"action": "decline", "reason": "안 돼요"}))

    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED
    assert booking.decided_by is None


def test_operator_cannot_change_the_reason_on_another_operators_booking(world, op1):
    booking = world.bookings["b"]
    before = booking.reason
    assert_refused(op1.post(f"{BOOKINGS}edit/{booking.pk}/", {"reason": "덮어쓰기"}))
    booking.refresh_from_db()
    assert booking.reason == before


def test_operator_cannot_delete_another_operators_booking(world, staff, op1):
    booking = world.bookings["b"]
    assert_refused(op1.post(f"{BOOKINGS}delete/{booking.pk}/"))
    op1.post(f"/admin/bulk/bookings/booking/delete/?id={booking.pk}")
    assert Booking.objects.filter(pk=booking.pk).exists()

    staff.post(f"/admin/bulk/bookings/booking/delete/?id={booking.pk}")  # staff can
    assert not Booking.objects.filter(pk=booking.pk).exists()


@pytest.mark.parametrize("view", ["delete/{pk}/", "history/{pk}/"], ids=["delete", "history"])
def test_operator_cannot_open_another_operators_registration(world, staff, op1, view):
    url = REGISTRATIONS + view.format(pk=world.registrations["b"].pk)
    assert_ok(staff.get(url))
    response = op1.get(url)
    assert_refused(response)
    assert "프로그램 B" not in body(response)


def test_operator_cannot_edit_or_delete_another_operators_registration(world, staff, op1):
    registration = world.registrations["b"]
    status = registration.status
    for view in ("edit", "usage", "delete"):
        assert_refused(op1.get(f"{REGISTRATIONS}{view}/{registration.pk}/"))
    assert_refused(op1.post(f"{REGISTRATIONS}edit/{registration.pk}/", {"status": "cancelled"}))
    assert_refused(op1.post(f"{REGISTRATIONS}delete/{registration.pk}/"))
    op1.post(f"/admin/bulk/events/registration/delete/?id={registration.pk}")

    registration.refresh_from_db()
    assert registration.status == status

    staff.post(f"/admin/bulk/events/registration/delete/?id={registration.pk}")  # staff can
    assert not Registration.objects.filter(pk=registration.pk).exists()


# Rows of other spaces reached through Wagtail's generic screens rather than the listing:
# the snippet chooser, the bulk-action confirmation and the site history do not go
# through the viewsets' scoped ``get_queryset``: ``spaces.admin_guards`` narrows them.


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/choose/bookings/booking/",
        "/admin/snippets/choose/events/registration/",
        "/admin/snippets/choose/bookings/booking/chosen/{booking}/",
        "/admin/snippets/choose/events/registration/chosen/{registration}/",
    ],
    ids=["bookings", "registrations", "booking-chosen", "registration-chosen"],
)
def test_there_is_no_snippet_chooser_listing_bookings_or_registrations(world, op1, staff, url):
    """Nothing picks these rows, so there is no chooser to list them (for anyone)."""
    url = url.format(booking=world.bookings["b"].pk, registration=world.registrations["b"].pk)
    for client in (op1, staff):
        response = client.get(url)
        assert response.status_code == 404
        assert "공간 B" not in body(response) and "프로그램 B" not in body(response)


@pytest.mark.parametrize(
    "model, other",
    [("bookings/booking", "공간 B"), ("events/registration", "프로그램 B")],
    ids=["bookings", "registrations"],
)
def test_bulk_delete_confirmation_does_not_list_other_operators_rows(world, op1, model, other):
    response = op1.get(f"/admin/bulk/{model}/delete/", {"id": "all"})
    assert other not in body(response)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/bulk/wagtailcore/page/delete/?id={draft}",
        "/admin/bulk/wagtailcore/page/delete/?id=all",
        "/admin/pages/{draft}/move/{space}/confirm/",
    ],
    ids=["bulk-by-id", "bulk-all", "move-confirm"],
)
def test_admin_screens_do_not_reveal_unpublished_space_titles(world, staff, op1, url):
    draft = make_draft_space()
    url = url.format(draft=draft.pk, space=world.spaces["a"].pk)
    assert draft.title in body(staff.get(url))  # the screen shows titles to staff
    response = op1.get(url)
    assert draft.title not in body(response)


def test_site_history_does_not_show_another_operators_bookings(world, staff, op1):
    booking = world.bookings["b"]
    staff.post(f"{BOOKINGS}edit/{booking.pk}/", {"reason": "스태프 메모"})
    booking.refresh_from_db()
    assert booking.reason == "스태프 메모"  # logged in the site history

    assert str(booking) in body(staff.get("/admin/reports/site-history/"))
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = op1.get(url)
        assert response.status_code == 403
        assert str(booking) not in body(response)
    # ... and the reports menu does not offer it to operators.
    assert "/admin/reports/site-history/" not in body(op1.get(ADMIN_HOME))


# --- 5. residents ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [ADMIN_HOME, BOOKINGS, REGISTRATIONS], ids=["home", "bookings", "registrations"]
)
def test_resident_is_sent_to_the_login_page_from_the_admin(world, url):
    response = client_for(world.resident).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_resident_cannot_confirm_a_spaces_details(world):
    resident = client_for(world.resident)
    space = world.spaces["a"]
    before = SpacePage.objects.get(pk=space.pk).last_verified
    assert_refused(resident.get(f"/admin/spaces/{space.pk}/verify/"))
    assert_refused(resident.post(f"/admin/spaces/{space.pk}/verify/"))
    assert SpacePage.objects.get(pk=space.pk).last_verified == before


def test_resident_cannot_decide_a_booking(world):
    booking = world.bookings["a"]
    assert_refused(
        client_for(world.resident).post(
            f"/admin/bookings/{booking.pk}/decide/", {"action": "confirm"}
        )
    )
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED


# --- 6. city staff --------------------------------------------------------------------


def test_staff_see_every_operators_bookings_and_registrations(world, staff):
    bookings = body(staff.get(BOOKINGS))
    registrations = body(staff.get(REGISTRATIONS))
    for key in ("a", "b"):
        assert str(world.bookings[key]) in bookings
        assert str(world.registrations[key]) in registrations
    booking_rows = csv_rows(staff.get(BOOKINGS, {"export": "csv"}))
    assert sorted(row["이용 목적"] for row in booking_rows) == ["모임 a", "모임 b"]
    assert len(csv_rows(staff.get(REGISTRATIONS, {"export": "csv"}))) == 2


@pytest.mark.parametrize("url", ["/admin/space-review/", "/admin/space-statistics/"])
def test_review_queue_and_statistics_are_for_staff_only(world, staff, op1, url):
    assert_ok(staff.get(url))
    assert_refused(op1.get(url))
    assert_refused(client_for(world.operator2).get(url))


def test_space_review_menu_is_shown_to_staff_but_not_to_operators(world, staff, op1):
    staff_home = body(staff.get(ADMIN_HOME))
    operator_home = op1.get(ADMIN_HOME)
    assert_ok(operator_home)
    assert "/admin/space-review/" in staff_home
    assert "/admin/space-review/" not in body(operator_home)
    assert "/admin/space-statistics/" not in body(operator_home)


# --- 7. revoking and transferring -----------------------------------------------------


def test_revoking_an_operator_closes_their_space_and_its_bookings(world, grant):
    grant(world.operator1, world.spaces["b"])  # operator1 keeps a second space
    op1 = client_for(world.operator1)
    space_a = world.spaces["a"]
    assert_ok(op1.get(f"/admin/pages/{space_a.pk}/edit/"))

    SpaceOperator.objects.get(space=space_a, user=world.operator1).delete()

    op1 = client_for(world.operator1)
    assert_refused(op1.get(f"/admin/pages/{space_a.pk}/edit/"))
    assert_refused(op1.get(f"/admin/pages/{world.programs['a'].pk}/edit/"))
    listing = op1.get(BOOKINGS)
    assert_ok(listing)
    assert str(world.bookings["b"]) in body(listing)
    assert str(world.bookings["a"]) not in body(listing)
    assert_refused(op1.get(f"/admin/bookings/{world.bookings['a'].pk}/decide/"))
    assert_ok(op1.get(f"/admin/pages/{world.spaces['b'].pk}/edit/"))


def test_revoking_an_operators_only_space_takes_away_the_admin(world):
    SpaceOperator.objects.get(space=world.spaces["a"], user=world.operator1).delete()
    op1 = client_for(world.operator1)
    assert_refused(op1.get(f"/admin/pages/{world.spaces['a'].pk}/edit/"))
    assert_refused(op1.get(BOOKINGS))


def test_transferring_a_space_moves_access_to_the_new_operator(world):
    space = world.spaces["a"]
    role = SpaceOperator.objects.get(space=space, user=world.operator1)
    op2 = client_for(world.operator2)
    assert_refused(op2.get(f"/admin/pages/{space.pk}/edit/"))

    role.user = world.operator2
    role.save()

    op2 = client_for(world.operator2)
    assert_ok(op2.get(f"/admin/pages/{space.pk}/edit/"))
    listing = body(op2.get(BOOKINGS))
    assert str(world.bookings["a"]) in listing and str(world.bookings["b"]) in listing
    assert_ok(op2.get(f"/admin/bookings/{world.bookings['a'].pk}/decide/"))

    op1 = client_for(world.operator1)
    assert_refused(op1.get(f"/admin/pages/{space.pk}/edit/"))
    assert_refused(op1.get(f"/admin/bookings/{world.bookings['a'].pk}/decide/"))
