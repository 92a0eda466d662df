"""Wagtail admin screens that would show an operator things outside their spaces, put
behind the same rule as the rest of the admin (``spaces.access``). These URL patterns
come before Wagtail's own (``portal/urls.py``) and hand over to Wagtail's views once the
request is narrowed:

- bulk actions (``/admin/bulk/…``): the chosen ids are narrowed to pages the user may
  explore, rows of the user's spaces and rows their permissions let them see, so the
  confirmation screen never lists the titles of others' drafts, bookings,
  registrations, campaign entries, images or documents ("all" included);
- moving a page: the confirmation screen needs permission to move that page;
- the explorer of a page the user may not explore sends them to their own part of the
  tree (Wagtail does so only for pages outside the common ancestor of theirs, and a
  page inside it showed its title, drafts included);
- the page chooser browses only pages the user may explore (its children are narrowed
  by the ``construct_page_chooser_queryset`` hook in ``spaces.wagtail_hooks``; the page
  being browsed falls back to the nearest one the user may explore), and "chosen"
  answers only for those;
- the workflow screens of a page (action, preview, cancellation) need a page the user
  may explore: they printed any page's title in their "not awaiting moderation"
  message;
- site history, the page types report and the workflow reports list every object's
  title or every requester's username, the space operators' chooser lists who runs
  which space, the search promotions' query chooser what visitors searched for: staff
  only (403 for operators).

Access first: ``core.adminaccess`` refuses anyone without admin access before any URL
pattern under ``/admin/`` runs, and these patterns are also wrapped as Wagtail wraps its
own (``as_admin_views``: ``require_admin_access``, the admin's 404 page, never cached),
so the narrowing code runs only for admin users even without the middleware."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import URLResolver, get_resolver, path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wagtail.admin import urls as wagtail_admin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.views import chooser as wagtail_chooser
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import access


def _wagtail_view(patterns, name):
    """Wagtail's view for URL name ``name``, as Wagtail's URL module serves it."""
    return next(pattern.callback for pattern in patterns if getattr(pattern, "name", None) == name)


def as_admin_views(patterns):
    """Wrap ``patterns`` as ``wagtail.admin.urls`` wraps the admin's own."""
    decorate_urlpatterns(patterns, require_admin_access)
    decorate_urlpatterns(patterns, wagtail_admin_urls.display_custom_404)
    return decorate_urlpatterns(patterns, never_cache)


def forbidden(request):
    """A plain 403 (a PermissionDenied raised inside ``require_admin_access`` would be
    turned into Wagtail's redirect to the admin home)."""
    return get_resolver().resolve_error_handler(403)(request, exception=PermissionDenied())


# What a user may do with a row that lets them see it (for any model's policy).
SEEING_ACTIONS = ("view", "change", "delete", "choose")


def visible_queryset(user, model):
    """What ``user`` may see of ``model`` in the admin, or None for "no narrowing":
    pages they may explore, rows of their spaces, otherwise the rows the model's
    permission policy lets them see (none of a model they hold no permission on, such
    as campaign entries for an operator)."""
    if access.oversees_all(user):
        return None
    if issubclass(model, Page):
        return PagePermissionPolicy().explorable_instances(user)
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, access.SpaceScopedPolicy):
        return policy.visible(user)
    return policy.instances_user_has_any_permission_for(user, SEEING_ACTIONS)


def explorable_pages(user):
    """The pages ``user`` may explore, or None for "every page"."""
    return visible_queryset(user, Page)


def _narrow_ids(request, chosen):
    """Rewrite the request's ``id`` parameters to the pks of ``chosen``."""
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in chosen.values_list("pk", flat=True)])
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def _chosen_ids(ids):
    return [i for i in ids if str(i).isdigit()]


_bulk_action = _wagtail_view(wagtail_admin_urls.urlpatterns, "wagtail_bulk_action")


def bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        model = None
    visible = visible_queryset(request.user, model) if model is not None else None
    if visible is not None:
        ids = request.GET.getlist("id")
        if "all" in ids:
            chosen = visible
            parent = Page.objects.filter(pk=request.GET.get("childOf") or 0).first()
            if issubclass(model, Page) and parent is not None:
                chosen = chosen.filter(pk__in=parent.get_children().values("pk"))
        else:
            chosen = visible.filter(pk__in=_chosen_ids(ids))
        _narrow_ids(request, chosen)
    return _bulk_action(request, app_label=app_label, model_name=model_name, action=action)


_move_confirm = _wagtail_view(wagtail_page_urls.urlpatterns, "move_confirm")


def move_confirm(request, page_to_move_id, destination_id):
    page = Page.objects.filter(pk=page_to_move_id).first()
    if page is not None and not page.permissions_for_user(request.user).can_move():
        raise PermissionDenied
    return _move_confirm(request, page_to_move_id=page_to_move_id, destination_id=destination_id)


def explorer(view):
    """The explorer of a page the user may not explore redirects to the user's own
    part of the tree, as Wagtail's does for a page outside it."""

    def guarded(request, parent_page_id, **kwargs):
        pages = explorable_pages(request.user)
        if pages is not None and not pages.filter(pk=parent_page_id).exists():
            root = PagePermissionPolicy().explorable_root_instance(request.user)
            if root is None:
                raise PermissionDenied
            return redirect("wagtailadmin_explore", root.pk)
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return guarded


def explorable_page(view):
    """A screen about one page (``page_id``) only for a page the user may explore."""

    def guarded(request, page_id, **kwargs):
        pages = explorable_pages(request.user)
        if pages is not None and not pages.filter(pk=page_id).exists():
            raise PermissionDenied
        return view(request, page_id=page_id, **kwargs)

    return guarded


class PageChooserBrowseView(wagtail_chooser.BrowseView):
    """Wagtail's page chooser, browsing only pages the user may explore: a page
    outside them (asked for by id, or the common ancestor of a page type's pages) is
    replaced by its nearest ancestor the user may explore, or by the user's own part
    of the tree."""

    def get_object_list(self):
        pages = explorable_pages(self.request.user)
        if pages is not None and not pages.filter(pk=self.parent_page.pk).exists():
            parent = pages.ancestor_of(self.parent_page).order_by("-depth").first()
            if parent is None:
                parent = PagePermissionPolicy().explorable_root_instance(self.request.user)
            if parent is None:
                raise PermissionDenied
            self.parent_page = parent.specific
        return super().get_object_list()


_chosen_pages = _wagtail_view(
    wagtail_admin_urls.urlpatterns, "wagtailadmin_choose_page_chosen_multiple"
)


def chosen_pages(request):
    """The chooser's answer for chosen pages holds their titles: only for pages the
    user may explore."""
    pages = explorable_pages(request.user)
    if pages is not None:
        _narrow_ids(request, pages.filter(pk__in=_chosen_ids(request.GET.getlist("id"))))
    return _chosen_pages(request)


def staff_only(view):
    """City staff's screen: anyone else (with admin access) gets 403."""

    def guarded(request, *args, **kwargs):
        if not access.oversees_all(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return guarded


def wagtail_admin_patterns(patterns=None, route="", namespace=None):
    """(URL name with its namespace, route under ``admin/``, view) of every pattern
    Wagtail's admin URL module serves, hooks' and viewsets' included."""
    patterns = wagtail_admin_urls.urlpatterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from wagtail_admin_patterns(
                pattern.url_patterns, route + str(pattern.pattern), inner
            )
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route + str(pattern.pattern), pattern.callback


def guard(names, decorator):
    """Patterns in front of Wagtail's for the URL names ``names`` (a name ending in
    ":" stands for its whole namespace), each view wrapped in ``decorator``."""
    found = []
    for name, route, view in wagtail_admin_patterns():
        namespace = name.rpartition(":")[0] + ":"
        if name in names or namespace in names:
            found.append(path(f"admin/{route}", decorator(view)))
    assert found, f"no admin URL named {names}"
    return found


# Staff only: they list every object's title, every requester's username, who runs
# which space (usernames, proposals' titles), or what visitors searched for.
STAFF_SCREENS = (
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailsearchpromotions:chooser",
    "wagtailsearchpromotions:chooserresults",
    "wagtailsnippetchoosers_spaces_spaceoperator:",
)

# Screens about one page, by the page the user may explore.
WORKFLOW_SCREENS = (
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_pages:workflow_preview",
)

urlpatterns = as_admin_views(
    [
        path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
        path(
            "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
            move_confirm,
        ),
        path("admin/choose-page/", PageChooserBrowseView.as_view()),
        path("admin/choose-page/<int:parent_page_id>/", PageChooserBrowseView.as_view()),
        path("admin/choose-page/chosen-multiple/", chosen_pages),
    ]
    + guard(("wagtailadmin_explore", "wagtailadmin_explore_results"), explorer)
    + guard(WORKFLOW_SCREENS, explorable_page)
    + guard(STAFF_SCREENS, staff_only)
)

# Logging out takes a POST. Wagtail's LogoutView answers a GET 405 but deletes the
# session cookie all the same, so a link or an image on any page would log an admin user
# out: anything but a POST is answered 405 here, before Wagtail's view runs.
urlpatterns += [
    path(
        "admin/logout/",
        require_POST(_wagtail_view(wagtail_admin_urls.urlpatterns, "wagtailadmin_logout")),
    ),
]
