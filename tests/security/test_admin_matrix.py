"""The authorization matrix of the Wagtail admin: every URL pattern under ``admin/``
that the project and Wagtail register (walked from the resolver: Wagtail's screens,
snippets, reports, bulk actions, choosers, the admin API and our own views), opened
with real objects in its parameters by four people:

- an anonymous visitor: sent to the admin login (never a page, never an error);
- a resident (an account without admin access): refused the same way;
- operator A, on operator B's objects: refused, or shown only their own (and never a
  title, username or purpose of B's, nor anything of city staff's);
- city staff: allowed (never an error).

Each URL name has an explicit expected outcome in ``EXPECTED``; a URL name that the
resolver knows and the table does not fails ``test_every_admin_url_is_classified``, so a
Wagtail upgrade or a new admin view forces a decision here."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

import pytest

from . import admin_world as w

# --- outcomes ------------------------------------------------------------------------

OK = "ok"  # 200
# Wagtail's no: a redirect to the admin home (with "Sorry, you do not have permission"),
# or 403. (The login screen also sends a signed-in admin user home.)
REFUSED = "refused"
LOGIN = "login"  # a redirect to the admin login with ``next``
REDIRECT = "redirect"  # a redirect elsewhere in the admin (e.g. to the user's own pages)
NOT_FOUND = "not found"  # 404 (for another operator's row: refused as "no such record")
NOT_ALLOWED = "not allowed"  # 405: the screen only takes a POST
BAD_REQUEST = "bad request"  # 400
FAILS_ON_PURPOSE = "fails on purpose"  # Wagtail's error test page (500 by design)

ADMIN = "/admin/"
LOGIN_URL = "/admin/login/"


def outcome(response):
    status = response.status_code
    if status == 200:
        return OK
    if status == 302:
        location = response["Location"]
        if location.startswith(LOGIN_URL):
            return LOGIN
        if location == ADMIN:
            return REFUSED
        return REDIRECT
    if status == 403:
        return REFUSED
    return {
        404: NOT_FOUND,
        405: NOT_ALLOWED,
        400: BAD_REQUEST,
        500: FAILS_ON_PURPOSE,
    }.get(status, str(status))


# --- the admin's URL patterns ----------------------------------------------------------


@dataclass(frozen=True)
class AdminURL:
    key: str  # the URL name (with its namespace), or the route of an unnamed pattern
    route: str
    params: tuple
    name: str | None


def _params(pattern):
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    return tuple(pattern.regex.groupindex)


def _walk(patterns, route="", namespace=None, params=()):
    for pattern in patterns:
        here = params + _params(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route + str(pattern.pattern), inner, here)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            full = route + str(pattern.pattern)
            yield AdminURL(key=name or full, route=full, params=here, name=name)


def admin_urls():
    """Every URL pattern under ``admin/``, once per route: a guard of ours in front of
    Wagtail's pattern (``spaces.admin_guards``) has the same route, its requests reach
    the guard, and it goes by Wagtail's URL name."""
    by_route = {}
    for url in _walk(get_resolver().url_patterns):
        if not url.route.lstrip("^").startswith("admin/"):
            continue
        known = by_route.get(url.route)
        if known is None or (known.name is None and url.name is not None):
            by_route[url.route] = url
    return list(by_route.values())


ADMIN_URLS = admin_urls()


# --- the objects in the URLs -----------------------------------------------------------


def _latest_revision(page):
    from wagtail.models import Page

    return Page.objects.get(pk=page.pk).latest_revision_id


# By parameter name, what operator A must not reach: B's pages, rows and the staff's.
PARAMS = {
    "page_id": lambda world: world.space_b.pk,
    "parent_page_id": lambda world: world.space_b.pk,
    "page_to_move_id": lambda world: world.program_b.pk,
    "destination_id": lambda world: world.space_a.pk,
    "revision_id": lambda world: _latest_revision(world.space_b),
    "revision_id_a": lambda world: "earliest",
    "revision_id_b": lambda world: "latest",
    "task_state_id": lambda world: world.task_state.pk,
    "task_id": lambda world: world.review_task.pk,
    "action_name": lambda world: "approve",
    "workflow_state_id": lambda world: world.workflow_state.pk,
    "action": lambda world: "delete",
    "collection_id": lambda world: world.staff_photos.pk,
    "document_id": lambda world: world.document.pk,
    "doc_id": lambda world: world.document.pk,
    "image_id": lambda world: world.staff_image.pk,
    "filter_spec": lambda world: "original",
    "uploaded_file_id": lambda world: world.uploaded.pk,
    "query_id": lambda world: world.query.pk,
    "redirect_id": lambda world: world.redirect.pk,
    "session_id": lambda world: world.editing_session.pk,
    "object_id": lambda world: world.space_b.pk,
    "page_pk": lambda world: world.space_b.pk,
    "workflow_pk": lambda world: world.review_workflow.pk,
    "uidb64": lambda world: "MQ",
    "token": lambda world: "set-password",
    "app_label": lambda world: "campaigns",
    "model_name": lambda world: "campaignentry",
    "app_name": lambda world: "wagtailimages",
    "content_type_app_name": lambda world: "events",
    "content_type_model_name": lambda world: "programpage",
}


def _first(model_path):
    def get(world):
        from django.apps import apps

        return apps.get_model(model_path).objects.order_by("pk").first().pk

    return get


# ``pk`` by the URL name's namespace (the longest matching prefix wins).
PK_BY_PREFIX = {
    "wagtailsnippets_bookings_booking": lambda world: world.bookings["b"].pk,
    "wagtailsnippets_events_registration": lambda world: world.registrations["b"].pk,
    "wagtailsnippets_spaces_spaceoperator": lambda world: world.role_b.pk,
    "wagtailsnippetchoosers_spaces_spaceoperator": lambda world: world.role_b.pk,
    "wagtailsnippets_campaigns_campaignentry": lambda world: world.entry.pk,
    "wagtailsnippets_spaces_spacetype": _first("spaces.SpaceType"),
    "wagtailsnippetchoosers_spaces_spacetype": _first("spaces.SpaceType"),
    "wagtailsnippets_spaces_district": _first("spaces.District"),
    "wagtailsnippetchoosers_spaces_district": _first("spaces.District"),
    "wagtailsnippets_spaces_amenity": _first("spaces.Amenity"),
    "wagtailsnippetchoosers_spaces_amenity": _first("spaces.Amenity"),
    "wagtailsnippets_spaces_accessibilityfeature": _first("spaces.AccessibilityFeature"),
    "wagtailsnippetchoosers_spaces_accessibilityfeature": _first("spaces.AccessibilityFeature"),
    "wagtaillocales": _first("wagtailcore.Locale"),
    "wagtailsites": _first("wagtailcore.Site"),
    "wagtailusers_users": lambda world: world.operator_b.pk,
    "wagtailusers_groups": lambda world: world.space_b_group.pk,
    "wagtailadmin_collections": lambda world: world.staff_photos.pk,
    "wagtailadmin_workflows": lambda world: world.review_workflow.pk,
    "wagtailadmin_workflows:edit_task": lambda world: world.review_task.pk,
    "wagtailadmin_workflows:enable_task": lambda world: world.review_task.pk,
    "wagtailadmin_workflows:disable_task": lambda world: world.review_task.pk,
    "wagtailadmin_api:pages": lambda world: world.space_b.pk,
    "wagtailadmin_api:images": lambda world: world.staff_image.pk,
    "wagtailadmin_api:documents": lambda world: world.document.pk,
    "wagtaildocs_chooser": lambda world: world.document.pk,
    "wagtailimages_chooser": lambda world: world.staff_image.pk,
    "bookings_decide": lambda world: world.bookings["b"].pk,
    "spaces_verify": lambda world: world.space_b.pk,
    "wagtailadmin_pages:revisions_compare": lambda world: world.space_b.pk,
    "simple_translation:submit_snippet_translation": lambda world: world.bookings["b"].pk,
}

# Parameters that differ from ``PARAMS`` for one URL name.
OVERRIDES = {
    "wagtailadmin_pages:choose_parent": {"app_label": "events", "model_name": "programpage"},
    "wagtailadmin_pages:type_use": {
        "content_type_app_name": "spaces",
        "content_type_model_name": "spacepage",
    },
    "wagtailadmin_pages:type_use_results": {
        "content_type_app_name": "spaces",
        "content_type_model_name": "spacepage",
    },
    "wagtailadmin_workflows:add_task": {
        "app_label": "wagtailcore",
        "model_name": "groupapprovaltask",
    },
    "wagtailadmin_tag_model_autocomplete": {"app_name": "taggit", "model_name": "tag"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
    "simple_translation:submit_snippet_translation": {
        "app_label": "bookings",
        "model_name": "booking",
    },
}

# Query strings (what a browser would send) for some screens.
QUERIES = {
    "wagtail_bulk_action": lambda world: {"id": [world.entry.pk]},
    "wagtailadmin_choose_page_search": lambda world: {"q": "공간"},
    "wagtailadmin_choose_page_chosen_multiple": lambda world: {
        "id": [world.space_b.pk, world.proposal_b.pk]
    },
    "wagtailadmin_pages:search": lambda world: {"q": "공간"},
    "wagtailadmin_pages:search_results": lambda world: {"q": "공간"},
    "wagtailadmin_explore_root": lambda world: {"q": "공간", "search_all": "1"},
    "wagtailadmin_tag_autocomplete": lambda world: {"term": "a"},
    "wagtailadmin_api:pages:listing": lambda world: {"search": "공간"},
    "wagtailadmin_api:pages:find": lambda world: {"id": world.space_b.pk},
    "wagtailadmin_api:images:find": lambda world: {"id": world.staff_image.pk},
    "wagtailadmin_api:documents:find": lambda world: {"id": world.document.pk},
    "wagtailimages_chooser:chosen_multiple": lambda world: {"id": [world.staff_image.pk]},
    "wagtaildocs_chooser:chosen_multiple": lambda world: {"id": [world.document.pk]},
}

# Unnamed patterns: the address to open.
UNNAMED = {"admin/test404/": "/admin/test404/", "admin/^.*/$": "/admin/no-such-screen/"}


def _pk(key, world):
    prefixes = [prefix for prefix in PK_BY_PREFIX if key == prefix or key.startswith(prefix + ":")]
    assert prefixes, f"no pk for {key}: add it to PK_BY_PREFIX"
    return PK_BY_PREFIX[max(prefixes, key=len)](world)


def address(url, world):
    """The address of ``url`` filled with the world's objects, and its query."""
    if url.name is None:
        return UNNAMED[url.key], {}
    kwargs = {}
    for param in url.params:
        if param in OVERRIDES.get(url.key, {}):
            kwargs[param] = OVERRIDES[url.key][param]
        elif param == "pk":
            kwargs[param] = _pk(url.key, world)
        else:
            kwargs[param] = PARAMS[param](world)
    query = QUERIES[url.key](world) if url.key in QUERIES else {}
    return reverse(url.name, kwargs=kwargs), query


# --- what each of them gets ------------------------------------------------------------

# Open to anyone, as Wagtail leaves them (``core.adminaccess``): a visitor without admin
# access gets the page; every other admin URL sends them to the admin login.
PUBLIC = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}

# URL name: (operator A, opening it with B's objects (or staff's); city staff).
# OK for operator A means a screen of their own (a listing, a chooser, a form) that
# shows nothing of B's; the leak check below holds for every answer. City staff hold no
# permission on users, groups, sites, locales, collections or workflow editing
# (superusers do that): REFUSED there is by design. They manage redirects.
EXPECTED = {
    # simple_translation
    "simple_translation:submit_page_translation": (REFUSED, REFUSED),
    "simple_translation:submit_snippet_translation": (REFUSED, REFUSED),
    # wagtailadmin
    "wagtail_bulk_action": (NOT_FOUND, OK),
    "wagtailadmin_account": (OK, OK),
    "wagtailadmin_block_preview": (NOT_FOUND, NOT_FOUND),
    "wagtailadmin_choose_page": (OK, OK),
    "wagtailadmin_choose_page_anchor_link": (OK, OK),
    "wagtailadmin_choose_page_child": (OK, OK),
    "wagtailadmin_choose_page_chosen_multiple": (OK, OK),
    "wagtailadmin_choose_page_email_link": (OK, OK),
    "wagtailadmin_choose_page_external_link": (OK, OK),
    "wagtailadmin_choose_page_phone_link": (OK, OK),
    "wagtailadmin_choose_page_search": (OK, OK),
    "wagtailadmin_dismissibles": (OK, OK),
    "wagtailadmin_error_test": (FAILS_ON_PURPOSE, FAILS_ON_PURPOSE),
    "wagtailadmin_explore": (REDIRECT, OK),
    "wagtailadmin_explore_results": (REDIRECT, OK),
    "wagtailadmin_explore_root": (REDIRECT, OK),
    "wagtailadmin_home": (OK, OK),
    "wagtailadmin_javascript_catalog": (OK, OK),
    "wagtailadmin_login": (REFUSED, REFUSED),
    "wagtailadmin_logout": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_password_reset": (OK, OK),
    "wagtailadmin_password_reset_complete": (OK, OK),
    "wagtailadmin_password_reset_confirm": (OK, OK),
    "wagtailadmin_password_reset_done": (OK, OK),
    "wagtailadmin_sprite": (OK, OK),
    "wagtailadmin_tag_autocomplete": (OK, OK),
    "wagtailadmin_tag_model_autocomplete": (OK, OK),
    # wagtailadmin_api
    "wagtailadmin_api:documents:detail": (NOT_FOUND, OK),
    "wagtailadmin_api:documents:find": (NOT_FOUND, REDIRECT),
    "wagtailadmin_api:documents:listing": (OK, OK),
    "wagtailadmin_api:images:detail": (NOT_FOUND, OK),
    "wagtailadmin_api:images:find": (NOT_FOUND, REDIRECT),
    "wagtailadmin_api:images:listing": (OK, OK),
    "wagtailadmin_api:pages:action": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_api:pages:detail": (NOT_FOUND, OK),
    "wagtailadmin_api:pages:find": (NOT_FOUND, REDIRECT),
    "wagtailadmin_api:pages:listing": (OK, OK),
    # wagtailadmin_collections
    "wagtailadmin_collections:add": (REFUSED, REFUSED),
    "wagtailadmin_collections:delete": (NOT_FOUND, NOT_FOUND),
    "wagtailadmin_collections:edit": (REFUSED, REFUSED),
    "wagtailadmin_collections:index": (REFUSED, REFUSED),
    "wagtailadmin_collections:set_privacy": (REFUSED, REFUSED),
    # wagtailadmin_editing_sessions
    "wagtailadmin_editing_sessions:ping": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_editing_sessions:release": (NOT_ALLOWED, NOT_ALLOWED),
    # wagtailadmin_pages
    "wagtailadmin_pages:add": (REFUSED, OK),
    "wagtailadmin_pages:add_subpage": (REFUSED, REDIRECT),
    "wagtailadmin_pages:choose_parent": (OK, OK),
    "wagtailadmin_pages:collect_workflow_action_data": (REFUSED, OK),
    "wagtailadmin_pages:confirm_workflow_cancellation": (REFUSED, OK),
    "wagtailadmin_pages:convert_alias": (NOT_FOUND, NOT_FOUND),
    "wagtailadmin_pages:copy": (REFUSED, OK),
    "wagtailadmin_pages:delete": (REFUSED, OK),
    "wagtailadmin_pages:edit": (REFUSED, OK),
    "wagtailadmin_pages:history": (REFUSED, OK),
    "wagtailadmin_pages:history_results": (REFUSED, OK),
    "wagtailadmin_pages:lock": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_pages:move": (REFUSED, OK),
    "wagtailadmin_pages:move_confirm": (REFUSED, OK),
    "wagtailadmin_pages:preview_on_add": (REFUSED, OK),
    "wagtailadmin_pages:preview_on_edit": (REFUSED, OK),
    "wagtailadmin_pages:revisions_compare": (REFUSED, OK),
    "wagtailadmin_pages:revisions_index": (REDIRECT, REDIRECT),
    "wagtailadmin_pages:revisions_revert": (REFUSED, OK),
    "wagtailadmin_pages:revisions_unschedule": (REFUSED, OK),
    "wagtailadmin_pages:revisions_view": (REFUSED, OK),
    "wagtailadmin_pages:search": (OK, OK),
    "wagtailadmin_pages:search_results": (OK, OK),
    "wagtailadmin_pages:set_page_position": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_pages:set_privacy": (REFUSED, OK),
    "wagtailadmin_pages:type_use": (OK, OK),
    "wagtailadmin_pages:type_use_results": (OK, OK),
    "wagtailadmin_pages:unlock": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_pages:unpublish": (REFUSED, OK),
    "wagtailadmin_pages:usage": (REFUSED, OK),
    "wagtailadmin_pages:view_draft": (REFUSED, OK),
    "wagtailadmin_pages:workflow_action": (REFUSED, OK),
    "wagtailadmin_pages:workflow_history": (REFUSED, OK),
    "wagtailadmin_pages:workflow_history_detail": (REFUSED, OK),
    "wagtailadmin_pages:workflow_preview": (REFUSED, OK),
    # wagtailadmin_reports
    "wagtailadmin_reports:aging_pages": (OK, OK),
    "wagtailadmin_reports:aging_pages_results": (OK, OK),
    "wagtailadmin_reports:locked_pages": (REFUSED, OK),
    "wagtailadmin_reports:locked_pages_results": (REFUSED, OK),
    "wagtailadmin_reports:page_types_usage": (REFUSED, OK),
    "wagtailadmin_reports:page_types_usage_results": (REFUSED, OK),
    "wagtailadmin_reports:site_history": (REFUSED, OK),
    "wagtailadmin_reports:site_history_results": (REFUSED, OK),
    "wagtailadmin_reports:workflow": (REFUSED, OK),
    "wagtailadmin_reports:workflow_results": (REFUSED, OK),
    "wagtailadmin_reports:workflow_tasks": (REFUSED, OK),
    "wagtailadmin_reports:workflow_tasks_results": (REFUSED, OK),
    # wagtailadmin_workflows
    "wagtailadmin_workflows:add": (REFUSED, REFUSED),
    "wagtailadmin_workflows:add_task": (REFUSED, REFUSED),
    "wagtailadmin_workflows:disable": (REFUSED, REFUSED),
    "wagtailadmin_workflows:disable_task": (REFUSED, REFUSED),
    "wagtailadmin_workflows:edit": (REFUSED, REFUSED),
    "wagtailadmin_workflows:edit_task": (REFUSED, REFUSED),
    "wagtailadmin_workflows:enable": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_workflows:enable_task": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_workflows:index": (REFUSED, OK),
    "wagtailadmin_workflows:index_results": (REFUSED, OK),
    "wagtailadmin_workflows:remove": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailadmin_workflows:select_task_type": (REFUSED, REFUSED),
    "wagtailadmin_workflows:task_chooser": (OK, OK),
    "wagtailadmin_workflows:task_chooser_create": (OK, OK),
    "wagtailadmin_workflows:task_chooser_results": (OK, OK),
    "wagtailadmin_workflows:task_chosen": (OK, OK),
    "wagtailadmin_workflows:task_index": (REFUSED, REFUSED),
    "wagtailadmin_workflows:task_index_results": (REFUSED, REFUSED),
    "wagtailadmin_workflows:usage": (REFUSED, OK),
    "wagtailadmin_workflows:usage_results": (REFUSED, OK),
    # wagtaildocs
    "wagtaildocs:add": (OK, OK),
    "wagtaildocs:add_multiple": (OK, OK),
    "wagtaildocs:create_multiple_from_uploaded_document": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtaildocs:delete": (REFUSED, OK),
    "wagtaildocs:delete_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtaildocs:delete_upload_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtaildocs:document_usage": (REFUSED, OK),
    "wagtaildocs:edit": (REFUSED, OK),
    "wagtaildocs:edit_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtaildocs:index": (OK, OK),
    "wagtaildocs:index_results": (OK, OK),
    # wagtaildocs_chooser
    "wagtaildocs_chooser:choose": (OK, OK),
    "wagtaildocs_chooser:choose_results": (OK, OK),
    "wagtaildocs_chooser:chosen": (REFUSED, OK),
    "wagtaildocs_chooser:chosen_multiple": (OK, OK),
    "wagtaildocs_chooser:create": (OK, OK),
    # wagtailembeds
    "wagtailembeds:chooser": (OK, OK),
    "wagtailembeds:chooser_upload": (OK, OK),
    # wagtailforms
    "wagtailforms:delete_submissions": (REFUSED, REFUSED),
    "wagtailforms:index": (OK, OK),
    "wagtailforms:index_results": (OK, OK),
    "wagtailforms:list_submissions": (NOT_FOUND, NOT_FOUND),
    "wagtailforms:list_submissions_results": (NOT_FOUND, NOT_FOUND),
    # wagtailimages
    "wagtailimages:add": (OK, OK),
    "wagtailimages:add_multiple": (OK, OK),
    "wagtailimages:create_multiple_from_uploaded_image": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailimages:delete": (REFUSED, OK),
    "wagtailimages:delete_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailimages:delete_upload_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailimages:edit": (REFUSED, OK),
    "wagtailimages:edit_multiple": (NOT_ALLOWED, NOT_ALLOWED),
    "wagtailimages:image_usage": (REFUSED, OK),
    "wagtailimages:index": (OK, OK),
    "wagtailimages:index_results": (OK, OK),
    "wagtailimages:preview": (REFUSED, OK),
    "wagtailimages:url_generator": (REFUSED, OK),
    "wagtailimages:url_generator_output": (REFUSED, OK),
    # wagtailimages_chooser
    "wagtailimages_chooser:choose": (OK, OK),
    "wagtailimages_chooser:choose_results": (OK, OK),
    "wagtailimages_chooser:chosen": (REFUSED, OK),
    "wagtailimages_chooser:chosen_multiple": (OK, OK),
    "wagtailimages_chooser:create": (OK, OK),
    "wagtailimages_chooser:select_format": (REFUSED, OK),
    # wagtaillocales
    "wagtaillocales:add": (REFUSED, REFUSED),
    "wagtaillocales:delete": (REFUSED, REFUSED),
    "wagtaillocales:edit": (REFUSED, REFUSED),
    "wagtaillocales:history": (REFUSED, REFUSED),
    "wagtaillocales:history_results": (REFUSED, REFUSED),
    "wagtaillocales:index": (REFUSED, REFUSED),
    "wagtaillocales:index_results": (REFUSED, REFUSED),
    "wagtaillocales:usage": (REFUSED, REFUSED),
    # wagtailredirects
    "wagtailredirects:add": (REFUSED, OK),
    "wagtailredirects:delete": (REFUSED, OK),
    "wagtailredirects:edit": (REFUSED, OK),
    "wagtailredirects:index": (REFUSED, OK),
    "wagtailredirects:index_results": (REFUSED, OK),
    "wagtailredirects:process_import": (REFUSED, NOT_ALLOWED),
    "wagtailredirects:start_import": (REFUSED, OK),
    # wagtailsearchpromotions
    "wagtailsearchpromotions:add": (REFUSED, OK),
    "wagtailsearchpromotions:chooser": (REFUSED, OK),
    "wagtailsearchpromotions:chooserresults": (REFUSED, OK),
    "wagtailsearchpromotions:delete": (REFUSED, OK),
    "wagtailsearchpromotions:edit": (REFUSED, OK),
    "wagtailsearchpromotions:index": (REFUSED, OK),
    "wagtailsearchpromotions:index_results": (REFUSED, OK),
    "wagtailsearchpromotions:search_terms": (REFUSED, REFUSED),
    "wagtailsearchpromotions:search_terms_results": (REFUSED, REFUSED),
    # wagtailsites
    "wagtailsites:add": (REFUSED, REFUSED),
    "wagtailsites:copy": (REFUSED, REFUSED),
    "wagtailsites:delete": (REFUSED, REFUSED),
    "wagtailsites:edit": (REFUSED, REFUSED),
    "wagtailsites:history": (REFUSED, REFUSED),
    "wagtailsites:history_results": (REFUSED, REFUSED),
    "wagtailsites:index": (REFUSED, REFUSED),
    "wagtailsites:index_results": (REFUSED, REFUSED),
    "wagtailsites:usage": (REFUSED, REFUSED),
    # wagtailsnippetchoosers_spaces_accessibilityfeature
    "wagtailsnippetchoosers_spaces_accessibilityfeature:choose": (OK, OK),
    "wagtailsnippetchoosers_spaces_accessibilityfeature:choose_results": (OK, OK),
    "wagtailsnippetchoosers_spaces_accessibilityfeature:chosen": (OK, OK),
    "wagtailsnippetchoosers_spaces_accessibilityfeature:chosen_multiple": (OK, OK),
    "wagtailsnippetchoosers_spaces_accessibilityfeature:create": (REFUSED, OK),
    # wagtailsnippetchoosers_spaces_amenity
    "wagtailsnippetchoosers_spaces_amenity:choose": (OK, OK),
    "wagtailsnippetchoosers_spaces_amenity:choose_results": (OK, OK),
    "wagtailsnippetchoosers_spaces_amenity:chosen": (OK, OK),
    "wagtailsnippetchoosers_spaces_amenity:chosen_multiple": (OK, OK),
    "wagtailsnippetchoosers_spaces_amenity:create": (REFUSED, OK),
    # wagtailsnippetchoosers_spaces_district
    "wagtailsnippetchoosers_spaces_district:choose": (OK, OK),
    "wagtailsnippetchoosers_spaces_district:choose_results": (OK, OK),
    "wagtailsnippetchoosers_spaces_district:chosen": (OK, OK),
    "wagtailsnippetchoosers_spaces_district:chosen_multiple": (OK, OK),
    "wagtailsnippetchoosers_spaces_district:create": (REFUSED, OK),
    # wagtailsnippetchoosers_spaces_spaceoperator
    "wagtailsnippetchoosers_spaces_spaceoperator:choose": (REFUSED, OK),
    "wagtailsnippetchoosers_spaces_spaceoperator:choose_results": (REFUSED, OK),
    "wagtailsnippetchoosers_spaces_spaceoperator:chosen": (REFUSED, OK),
    "wagtailsnippetchoosers_spaces_spaceoperator:chosen_multiple": (REFUSED, OK),
    "wagtailsnippetchoosers_spaces_spaceoperator:create": (REFUSED, OK),
    # wagtailsnippetchoosers_spaces_spacetype
    "wagtailsnippetchoosers_spaces_spacetype:choose": (OK, OK),
    "wagtailsnippetchoosers_spaces_spacetype:choose_results": (OK, OK),
    "wagtailsnippetchoosers_spaces_spacetype:chosen": (OK, OK),
    "wagtailsnippetchoosers_spaces_spacetype:chosen_multiple": (OK, OK),
    "wagtailsnippetchoosers_spaces_spacetype:create": (REFUSED, OK),
    # wagtailsnippets
    "wagtailsnippets:index": (REFUSED, REFUSED),
    # wagtailsnippets_bookings_booking
    "wagtailsnippets_bookings_booking:add": (REFUSED, REFUSED),
    "wagtailsnippets_bookings_booking:copy": (REFUSED, REFUSED),
    "wagtailsnippets_bookings_booking:delete": (NOT_FOUND, OK),
    "wagtailsnippets_bookings_booking:edit": (NOT_FOUND, OK),
    "wagtailsnippets_bookings_booking:history": (NOT_FOUND, OK),
    "wagtailsnippets_bookings_booking:history_results": (NOT_FOUND, OK),
    "wagtailsnippets_bookings_booking:list": (OK, OK),
    "wagtailsnippets_bookings_booking:list_results": (OK, OK),
    "wagtailsnippets_bookings_booking:usage": (NOT_FOUND, OK),
    # wagtailsnippets_campaigns_campaignentry
    "wagtailsnippets_campaigns_campaignentry:add": (REFUSED, REFUSED),
    "wagtailsnippets_campaigns_campaignentry:copy": (REFUSED, REFUSED),
    "wagtailsnippets_campaigns_campaignentry:delete": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:edit": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:history": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:history_results": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:list": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:list_results": (REFUSED, OK),
    "wagtailsnippets_campaigns_campaignentry:usage": (REFUSED, OK),
    # wagtailsnippets_events_registration
    "wagtailsnippets_events_registration:add": (REFUSED, REFUSED),
    "wagtailsnippets_events_registration:copy": (REFUSED, REFUSED),
    "wagtailsnippets_events_registration:delete": (NOT_FOUND, OK),
    "wagtailsnippets_events_registration:edit": (NOT_FOUND, REFUSED),
    "wagtailsnippets_events_registration:history": (NOT_FOUND, OK),
    "wagtailsnippets_events_registration:history_results": (NOT_FOUND, OK),
    "wagtailsnippets_events_registration:list": (OK, OK),
    "wagtailsnippets_events_registration:list_results": (OK, OK),
    "wagtailsnippets_events_registration:usage": (NOT_FOUND, REFUSED),
    # wagtailsnippets_spaces_accessibilityfeature
    "wagtailsnippets_spaces_accessibilityfeature:add": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:copy": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:delete": (REFUSED, REFUSED),
    "wagtailsnippets_spaces_accessibilityfeature:edit": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:history": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:history_results": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:list": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:list_results": (REFUSED, OK),
    "wagtailsnippets_spaces_accessibilityfeature:usage": (REFUSED, OK),
    # wagtailsnippets_spaces_amenity
    "wagtailsnippets_spaces_amenity:add": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:copy": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:delete": (REFUSED, REFUSED),
    "wagtailsnippets_spaces_amenity:edit": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:history": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:history_results": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:list": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:list_results": (REFUSED, OK),
    "wagtailsnippets_spaces_amenity:usage": (REFUSED, OK),
    # wagtailsnippets_spaces_district
    "wagtailsnippets_spaces_district:add": (REFUSED, OK),
    "wagtailsnippets_spaces_district:copy": (REFUSED, OK),
    "wagtailsnippets_spaces_district:delete": (REFUSED, REFUSED),
    "wagtailsnippets_spaces_district:edit": (REFUSED, OK),
    "wagtailsnippets_spaces_district:history": (REFUSED, OK),
    "wagtailsnippets_spaces_district:history_results": (REFUSED, OK),
    "wagtailsnippets_spaces_district:list": (REFUSED, OK),
    "wagtailsnippets_spaces_district:list_results": (REFUSED, OK),
    "wagtailsnippets_spaces_district:usage": (REFUSED, OK),
    # wagtailsnippets_spaces_spaceoperator
    "wagtailsnippets_spaces_spaceoperator:add": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:copy": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:delete": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:edit": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:history": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:history_results": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:list": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:list_results": (REFUSED, OK),
    "wagtailsnippets_spaces_spaceoperator:usage": (REFUSED, OK),
    # wagtailsnippets_spaces_spacetype
    "wagtailsnippets_spaces_spacetype:add": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:copy": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:delete": (REFUSED, REFUSED),
    "wagtailsnippets_spaces_spacetype:edit": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:history": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:history_results": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:list": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:list_results": (REFUSED, OK),
    "wagtailsnippets_spaces_spacetype:usage": (REFUSED, OK),
    # wagtailusers_groups
    "wagtailusers_groups:add": (REFUSED, REFUSED),
    "wagtailusers_groups:delete": (REFUSED, REFUSED),
    "wagtailusers_groups:edit": (REFUSED, REFUSED),
    "wagtailusers_groups:history": (REFUSED, REFUSED),
    "wagtailusers_groups:history_results": (REFUSED, REFUSED),
    "wagtailusers_groups:index": (REFUSED, REFUSED),
    "wagtailusers_groups:index_results": (REFUSED, REFUSED),
    "wagtailusers_groups:usage": (REFUSED, REFUSED),
    # wagtailusers_users
    "wagtailusers_users:add": (REFUSED, REFUSED),
    "wagtailusers_users:copy": (REFUSED, REFUSED),
    "wagtailusers_users:delete": (REFUSED, REFUSED),
    "wagtailusers_users:edit": (REFUSED, REFUSED),
    "wagtailusers_users:history": (REFUSED, REFUSED),
    "wagtailusers_users:history_results": (REFUSED, REFUSED),
    "wagtailusers_users:index": (REFUSED, REFUSED),
    "wagtailusers_users:index_results": (REFUSED, REFUSED),
    "wagtailusers_users:usage": (REFUSED, REFUSED),
    # ours
    "bookings_decide": (NOT_FOUND, OK),
    "operators_review_queue": (REFUSED, OK),
    "operators_statistics": (REFUSED, OK),
    "spaces_import": (REFUSED, OK),
    "spaces_places": (OK, OK),
    "spaces_verify": (REFUSED, OK),
    # unnamed
    "admin/^.*/$": (NOT_FOUND, NOT_FOUND),
    "admin/test404/": (OK, OK),
}

ROLES = ("anonymous", "resident", "operator_a", "staff")
# What each must never read.
SECRETS = {
    "anonymous": w.ALL_SECRETS,
    "resident": w.ALL_SECRETS,
    "operator_a": w.SECRETS_OF_B + w.STAFF_ONLY,
    "staff": (),
}


def _test_id(url):
    twins = sum(1 for other in ADMIN_URLS if other.key == url.key)
    return url.key if twins == 1 else f"{url.key} {url.route}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with w.world_once(django_db_blocker) as world:
        yield world


def test_every_admin_url_is_classified():
    """A new admin URL (a Wagtail upgrade, a new view or snippet) needs a decision in
    ``EXPECTED``; an entry for a URL that is gone is removed."""
    found = {url.key for url in ADMIN_URLS}
    assert sorted(found - set(EXPECTED)) == [], "unclassified admin URLs: add them to EXPECTED"
    assert sorted(set(EXPECTED) - found) == [], "EXPECTED lists admin URLs that are gone"
    assert found >= PUBLIC


def expected_outcome(url, role):
    if role in ("anonymous", "resident"):
        return OK if url.key in PUBLIC else LOGIN
    operator, staff = EXPECTED[url.key]
    return operator if role == "operator_a" else staff


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", ADMIN_URLS, ids=_test_id)
def test_admin_url_answers_each_role_as_classified(world, db, url, role):
    path, query = address(url, world)
    response = w.client_as(world, role).get(path, query)

    assert outcome(response) == expected_outcome(url, role), (
        response.status_code,
        response.get("Location"),
    )
    if outcome(response) == LOGIN:  # back to the screen after logging in, as Wagtail does
        assert response["Location"].startswith(f"{LOGIN_URL}?next=")
    assert w.leaked(response, SECRETS[role]) == []
