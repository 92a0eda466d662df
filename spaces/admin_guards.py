"""Wagtail admin screens that would show an operator things outside their spaces, put
behind the same rule as the rest of the admin (``spaces.access``). These URL patterns
come before Wagtail's own (``portal/urls.py``) and hand over to Wagtail's views once the
request is narrowed:

- bulk actions (``/admin/bulk/…``): the chosen ids are narrowed to pages the user may
  explore and rows of the user's spaces, so the confirmation screen never lists the
  titles of others' drafts, bookings or registrations ("all" included);
- moving a page: the confirmation screen needs permission to move that page;
- site history and the page types report list every object's title: staff only.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import path

from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.urls import reports as wagtail_report_urls
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from . import access


def _wagtail_view(patterns, name):
    return next(pattern.callback for pattern in patterns if pattern.name == name)


def visible_queryset(user, model):
    """What ``user`` may see of ``model`` in the admin, or None for "no narrowing"."""
    if access.oversees_all(user):
        return None
    if issubclass(model, Page):
        return PagePermissionPolicy().explorable_instances(user)
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, access.SpaceScopedPolicy):
        return policy.visible(user)
    return None


def bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        model = None
    visible = visible_queryset(request.user, model) if model is not None else None
    if visible is not None:
        query = request.GET.copy()
        ids = query.getlist("id")
        if "all" in ids:
            chosen = visible
            parent = Page.objects.filter(pk=query.get("childOf") or 0).first()
            if issubclass(model, Page) and parent is not None:
                chosen = chosen.filter(pk__in=parent.get_children().values("pk"))
        else:
            chosen = visible.filter(pk__in=[i for i in ids if str(i).isdigit()])
        query.setlist("id", [str(pk) for pk in chosen.values_list("pk", flat=True)])
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
    return wagtail_bulk_action(request, app_label, model_name, action)


_move_confirm = _wagtail_view(wagtail_page_urls.urlpatterns, "move_confirm")


def move_confirm(request, page_to_move_id, destination_id):
    page = Page.objects.filter(pk=page_to_move_id).first()
    if page is not None and not page.permissions_for_user(request.user).can_move():
        raise PermissionDenied
    return _move_confirm(request, page_to_move_id=page_to_move_id, destination_id=destination_id)


def staff_only(view):
    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated and not access.oversees_all(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


STAFF_REPORTS = (
    "site_history",
    "site_history_results",
    "page_types_usage",
    "page_types_usage_results",
)

urlpatterns = [
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
    path("admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/", move_confirm),
] + [
    path(
        f"admin/reports/{pattern.pattern}",
        staff_only(pattern.callback),
    )
    for pattern in wagtail_report_urls.urlpatterns
    if pattern.name in STAFF_REPORTS
]
