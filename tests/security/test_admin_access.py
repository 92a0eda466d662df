"""The Wagtail admin asks for admin access first, and keeps an operator to their own
part of it (the holes an audit found; ``test_admin_matrix`` sweeps every admin URL).

- Anything under ``/admin/`` needs a signed-in user with admin access before any view
  runs (``core.adminaccess``): the bulk-action confirmations used to answer anonymous
  visitors, listing campaign entrants, who runs which space, image and document titles.
- An operator reads no title of a page they may not explore (explorer, page chooser,
  workflow screens and their messages), no other operator's username (workflow
  reports, the space operators' chooser), and the admin API lists only the images and
  documents they may choose."""

import json

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import path
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from portal import urls as portal_urls

from . import admin_world as w


def screen_that_checks_nothing(request):
    return HttpResponse(f"{w.ENTRANT} {w.OPERATOR_B}")


# The project's URLs with one more pattern under /admin/ placed before Wagtail's, as a
# guard or a new screen would be, that checks nothing itself.
urlpatterns = [
    path("admin/unchecked-screen/", screen_that_checks_nothing),
    *portal_urls.urlpatterns,
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with w.world_once(django_db_blocker) as world:
        yield world


@pytest.fixture
def op_a(world, db):
    return w.client_as(world, "operator_a")


@pytest.fixture
def staff(world, db):
    return w.client_as(world, "staff")


def assert_sent_to_login(response, path):
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert path in response["Location"].replace("%2F", "/")


def titles(response):
    return [item["title"] for item in json.loads(response.content)["items"]]


# --- 1. admin access first -------------------------------------------------------------

BULK_SCREENS = {
    "campaign entries": ("campaigns/campaignentry", lambda world: world.entry),
    "space operators": ("spaces/spaceoperator", lambda world: world.role_b),
    "images": ("wagtailimages/image", lambda world: world.staff_image),
    "documents": ("wagtaildocs/document", lambda world: world.document),
    "pages": ("wagtailcore/page", lambda world: world.proposal_b),
    "bookings": ("bookings/booking", lambda world: world.bookings["b"]),
}


@pytest.mark.parametrize("who", ["anonymous", "resident"])
@pytest.mark.parametrize("chosen", ["by id", "all"])
@pytest.mark.parametrize("screen", BULK_SCREENS)
def test_bulk_confirmation_sends_visitors_without_admin_access_to_the_login(
    world, db, who, chosen, screen
):
    model, row = BULK_SCREENS[screen]
    url = f"/admin/bulk/{model}/delete/"
    ids = row(world).pk if chosen == "by id" else "all"

    response = w.client_as(world, who).get(url, {"id": ids})

    assert_sent_to_login(response, url)
    assert w.leaked(response, w.ALL_SECRETS) == []


@pytest.mark.urls(__name__)
def test_any_screen_under_the_admin_needs_admin_access_before_it_runs(world, db):
    url = "/admin/unchecked-screen/"
    for who in ("anonymous", "resident"):
        response = w.client_as(world, who).get(url)
        assert_sent_to_login(response, url)
        assert w.leaked(response, w.ALL_SECRETS) == []
    assert w.client_as(world, "operator_a").get(url).status_code == 200


def test_a_resident_is_told_they_have_no_admin_access(world, db):
    url = "/admin/bulk/wagtailcore/page/delete/"
    response = w.client_as(world, "resident").get(url, {"id": "all"})

    assert_sent_to_login(response, url)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        told = translation.gettext("You do not have permission to access the admin.")
    assert [str(message).strip() for message in get_messages(response.wsgi_request)] == [told]


def test_a_script_without_admin_access_gets_403(world, db):
    response = w.client_as(world, "anonymous").get(
        "/admin/bulk/campaigns/campaignentry/delete/",
        {"id": world.entry.pk},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 403
    assert w.leaked(response, w.ALL_SECRETS) == []


@pytest.mark.parametrize("screen", ["campaign entries", "space operators"])
def test_bulk_confirmation_lists_an_operator_no_row_they_hold_no_permission_on(
    world, op_a, staff, screen
):
    model, __ = BULK_SCREENS[screen]
    url = f"/admin/bulk/{model}/delete/"
    secrets = w.STAFF_ONLY + w.SECRETS_OF_B
    assert w.leaked(op_a.get(url, {"id": "all"}), secrets) == []
    assert w.leaked(staff.get(url, {"id": "all"}), secrets)  # staff see them


# --- 2. an operator's own part of the tree ----------------------------------------------


def test_explorer_of_another_operators_space_sends_the_operator_to_their_own(world, op_a):
    """Operator A runs two spaces, so Wagtail's own limit (the common ancestor of their
    pages, the space directory) is above operator B's space too."""
    response = op_a.get(f"/admin/pages/{world.space_b.pk}/")

    directory = Page.objects.get(pk=world.space_a.pk).get_parent()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{directory.pk}/"
    landing = op_a.get(response["Location"])
    assert "공간 A" in w.text_of(landing) and "공간 A2" in w.text_of(landing)
    assert w.leaked(landing, w.SECRETS_OF_B) == []
    assert "공간 B" not in w.text_of(landing)


def test_explorer_results_of_another_operators_space_show_nothing_of_it(world, op_a, staff):
    url = f"/admin/pages/{world.space_b.pk}/results/"
    assert w.PROGRAM_B_DRAFT in w.text_of(staff.get(url))  # staff explore every space

    response = op_a.get(url, follow=True)

    assert w.leaked(response, w.SECRETS_OF_B) == []


def test_page_chooser_does_not_browse_another_operators_space(world, op_a):
    response = op_a.get(f"/admin/choose-page/{world.space_b.pk}/")

    assert response.status_code == 200
    text = w.text_of(response)
    assert w.leaked(response, w.SECRETS_OF_B) == []
    assert "공간 B" not in text
    assert "공간 A" in text and "공간 A2" in text  # the space directory, as the operator sees it


def test_page_chooser_for_a_page_type_opens_where_the_operator_may_go(world, op_a):
    response = op_a.get("/admin/choose-page/", {"page_type": "spaces.spacepage"})
    assert response.status_code == 200
    assert w.leaked(response, w.SECRETS_OF_B) == []


def test_page_chooser_search_finds_only_the_operators_own_pages(world, op_a, staff):
    response = op_a.get("/admin/choose-page/search/", {"q": "공간"})

    text = w.text_of(response)
    assert "공간 A" in text
    assert "공간 B" not in text
    assert w.leaked(response, w.SECRETS_OF_B) == []
    assert w.SPACE_B_DRAFT in w.text_of(staff.get("/admin/choose-page/search/", {"q": "공간"}))


def test_chosen_pages_answer_no_titles_of_pages_the_operator_may_not_explore(world, op_a):
    response = op_a.get(
        "/admin/choose-page/chosen-multiple/",
        {"id": [world.space_b.pk, world.proposal_b.pk, world.space_a.pk]},
    )
    assert w.leaked(response, w.SECRETS_OF_B) == []
    assert w.SPACE_A_DRAFT in w.text_of(response)  # their own page is answered


@pytest.mark.parametrize(
    "screen",
    [
        "workflow/action/{page}/approve/{task_state}/",
        "workflow/collect_action_data/{page}/approve/{task_state}/",
        "workflow/preview/{page}/{task}/",
    ],
    ids=["action", "collect-action-data", "preview"],
)
def test_workflow_screens_do_not_name_another_operators_page(world, op_a, screen):
    """Wagtail's workflow screens name the page they are given ("The page '…' is not
    currently awaiting moderation"), whoever asks: here operator B's program, whose
    latest revision is a draft."""
    url = "/admin/pages/" + screen.format(
        page=world.program_b.pk, task_state=world.task_state.pk, task=world.review_task.pk
    )

    response = op_a.get(url, follow=True)

    assert response.redirect_chain[0][0] == "/admin/"  # refused
    assert w.leaked(response, w.SECRETS_OF_B) == []


def test_workflow_cancellation_screen_is_refused_for_another_operators_page(world, op_a, staff):
    url = f"/admin/pages/workflow/confirm_cancellation/{world.space_b.pk}/"
    assert staff.get(url).status_code == 200

    response = op_a.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")  # a modal's request

    assert response.status_code == 403
    assert w.leaked(response, w.SECRETS_OF_B) == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/workflow/",
        "/admin/reports/workflow/results/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/workflow_tasks/results/",
    ],
)
def test_workflow_reports_are_for_staff(world, op_a, staff, url):
    response = op_a.get(url)
    assert response.status_code == 403
    assert w.leaked(response, w.SECRETS_OF_B) == []
    assert staff.get(url).status_code == 200


def test_reports_menu_offers_operators_no_workflow_reports(world, op_a, staff):
    assert "/admin/reports/workflow/" in w.text_of(staff.get("/admin/"))
    home = w.text_of(op_a.get("/admin/"))
    assert "/admin/reports/workflow/" not in home
    assert "/admin/reports/workflow_tasks/" not in home


@pytest.mark.parametrize(
    "url", ["/admin/snippets/choose/spaces/spaceoperator/", "/admin/searchpicks/queries/chooser/"]
)
def test_choosers_of_staff_records_are_refused_to_operators(world, op_a, staff, url):
    response = op_a.get(url)
    assert response.status_code == 403
    assert w.leaked(response, w.SECRETS_OF_B) == []
    assert staff.get(url).status_code == 200


def test_staff_see_who_runs_each_space_in_the_chooser(world, staff, op_a):
    url = "/admin/snippets/choose/spaces/spaceoperator/results/"
    assert w.OPERATOR_B in w.text_of(staff.get(url))
    assert w.leaked(op_a.get(url), w.SECRETS_OF_B) == []


# --- 3. the admin API ---------------------------------------------------------------------


def test_admin_api_lists_only_the_images_the_operator_may_choose(world, op_a, staff):
    assert titles(op_a.get("/admin/api/main/images/")) == ["운영자사진A"]
    assert op_a.get(f"/admin/api/main/images/{world.staff_image.pk}/").status_code == 404

    assert sorted(titles(staff.get("/admin/api/main/images/"))) == sorted(
        get_image_model().objects.values_list("title", flat=True)
    )


def test_admin_api_lists_no_staff_document_to_an_operator(world, op_a, staff):
    response = op_a.get("/admin/api/main/documents/")
    assert response.status_code == 200
    assert w.DOCUMENT not in titles(response)
    assert op_a.get(f"/admin/api/main/documents/{world.document.pk}/").status_code == 404

    assert w.DOCUMENT in titles(staff.get("/admin/api/main/documents/"))
    assert get_document_model().objects.filter(title=w.DOCUMENT).exists()
