"""Who may do what with a space: city staff see everything; an operator sees and
changes only the spaces they run (``SpaceOperator`` rows), and whatever hangs off them —
programs (by Wagtail tree permissions on the space page), bookings and registrations
(by the scoped permission policy and snippet views below).

Tree permissions come from one Wagtail group per space ("Space #12 operators") holding
add/change/publish on the space page (and its translations); its members are the
space's active operators, kept in step by ``sync_space``. Every operator is also in the
"Space operators" group (admin access, bookings, registrations, photos). Publishing the
space page itself is then narrowed by ``SpacePermissionTester``: an operator who is not
trusted submits changes to the "Space review" workflow; programs publish directly."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

STAFF_PERMISSION = "spaces.oversee_spaces"
STAFF_GROUP = "City staff"
OPERATORS_GROUP = "Space operators"
REVIEW_WORKFLOW = "Space review"
REVIEW_TASK = "Review by city staff"

# The operators group's model permissions (app_label.codename).
OPERATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "bookings.view_booking",
    "bookings.change_booking",
    "events.view_registration",
]
# City staff: everything about spaces, plus the whole page tree (below).
STAFF_PERMISSIONS = OPERATOR_PERMISSIONS + [
    STAFF_PERMISSION,
    "spaces.add_spaceoperator",
    "spaces.change_spaceoperator",
    "spaces.delete_spaceoperator",
    "spaces.view_spaceoperator",
    "bookings.delete_booking",
    "events.delete_registration",
    "wagtailcore.view_workflow",
    "spaces.add_spacepage",
    "spaces.add_spacetype",
    "spaces.change_spacetype",
    "spaces.add_district",
    "spaces.change_district",
    "spaces.add_amenity",
    "spaces.change_amenity",
    "spaces.add_accessibilityfeature",
    "spaces.change_accessibilityfeature",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "wagtailsearchpromotions.view_searchpromotion",
]
PAGE_ACTIONS = ("add", "change", "publish")
STAFF_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")


def oversees_all(user):
    """City staff (and superusers): every space, booking and registration."""
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(STAFF_PERMISSION)))


def run_space_ids(user):
    """The ids of the spaces ``user`` runs, as a subquery."""
    from .models import SpaceOperator

    return SpaceOperator.objects.filter(user=user, status=SpaceOperator.Status.ACTIVE).values(
        "space_id"
    )


def runs(user, space):
    from .models import SpaceOperator

    return SpaceOperator.objects.filter(
        user=user, space_id=space.pk, status=SpaceOperator.Status.ACTIVE
    ).exists()


def scope(user, queryset, space_field="space"):
    """``queryset`` narrowed to what ``user`` may see (its rows belong to a space)."""
    if not user or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if oversees_all(user):
        return queryset
    return queryset.filter(**{f"{space_field}__in": run_space_ids(user)})


# --- groups and grants ---------------------------------------------------------------


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _page_permissions(actions):
    return [
        Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
        for action in actions
    ]


def ensure_roles():
    """The staff and operators groups, the "Space review" workflow on every space index,
    and staff permissions on the page tree and images. Idempotent; run after migrate."""
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        WorkflowTask,
    )

    operators, __ = Group.objects.get_or_create(name=OPERATORS_GROUP)
    operators.permissions.add(*_permissions(OPERATOR_PERMISSIONS))
    staff, __ = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.add(*_permissions(STAFF_PERMISSIONS))
    root_page = Page.get_first_root_node()
    if root_page:
        for permission in _page_permissions(STAFF_PAGE_ACTIONS):
            GroupPagePermission.objects.get_or_create(
                group=staff, page=root_page, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    if root_collection:
        image_actions = {staff: ("add", "change", "choose", "delete"), operators: ("add", "choose")}
        for group, actions in image_actions.items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailimages", codename=f"{action}_image"
                    ),
                )
    task, __ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    task.groups.add(staff)
    workflow = review_workflow()
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    from .models import SpaceIndexPage

    for index_page in SpaceIndexPage.objects.all():
        assign_review_workflow(index_page)
    return staff, operators


def review_workflow():
    from wagtail.models import Workflow

    workflow, __ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    return workflow


def assign_review_workflow(index_page):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.update_or_create(
        page_id=index_page.pk, defaults={"workflow": review_workflow()}
    )


def space_group_name(space_id):
    return f"Space #{space_id} operators"


@transaction.atomic
def sync_space(space):
    """Make the space's Wagtail group match its active operators."""
    from wagtail.models import GroupPagePermission

    from .models import SpaceOperator

    active = list(
        SpaceOperator.objects.filter(space=space, status=SpaceOperator.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    name = space_group_name(space.pk)
    if not active:
        Group.objects.filter(name=name).delete()
        return None
    group, __ = Group.objects.get_or_create(name=name)
    for page in space.get_translations(inclusive=True):
        for permission in _page_permissions(PAGE_ACTIONS):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    group.user_set.set(active)
    return group


@transaction.atomic
def sync_user(user):
    """Operators of at least one space are in the operators group; others are not."""
    from .models import SpaceOperator

    operators = Group.objects.filter(name=OPERATORS_GROUP).first() or ensure_roles()[1]
    if SpaceOperator.objects.filter(user=user, status=SpaceOperator.Status.ACTIVE).exists():
        user.groups.add(operators)
    else:
        user.groups.remove(operators)


def is_trusted(user, space):
    from .models import SpaceOperator

    return SpaceOperator.objects.filter(
        user=user, space_id=space.pk, status=SpaceOperator.Status.ACTIVE, trusted=True
    ).exists()


# --- the space page's permissions ----------------------------------------------------


class SpacePermissionTester(PagePermissionTester):
    """Operators edit their space and publish its programs; staff do everything else.
    An operator who is not trusted cannot publish the space page: the editor offers
    "Submit to Space review" instead. No operator deletes, moves, copies, unpublishes
    or restricts a space."""

    def _operator_only(self):
        return not oversees_all(self.user)

    def can_publish(self):
        if self._operator_only() and not is_trusted(self.user, self.page):
            return False
        return super().can_publish()

    def can_unpublish(self):
        return not self._operator_only() and super().can_unpublish()

    def can_delete(self, ignore_bulk=False):
        return not self._operator_only() and super().can_delete(ignore_bulk)

    def can_copy(self):
        return not self._operator_only() and super().can_copy()

    def can_set_view_restrictions(self):
        return not self._operator_only() and super().can_set_view_restrictions()

    def can_lock(self):
        return not self._operator_only() and super().can_lock()


# --- scoped bookings and registrations in the admin ----------------------------------


class SpaceScopedPolicy(ModelPermissionPolicy):
    """Model permissions as usual, narrowed per row to the spaces the user runs.
    ``denied_actions`` are never allowed in the admin (residents make these rows)."""

    denied_actions = ("add",)

    def __init__(self, model, space_field="space", denied_actions=None):
        super().__init__(model)
        self.space_field = space_field
        if denied_actions is not None:
            self.denied_actions = denied_actions

    def user_has_permission(self, user, action):
        return action not in self.denied_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def visible(self, user, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        return scope(user, queryset, self.space_field)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.visible(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class ScopedObjectMixin:
    """A snippet view that loads one row answers 404 for a row outside the user's spaces."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        policy = self.permission_policy
        if obj is not None and not policy.visible(self.request.user).filter(pk=obj.pk).exists():
            raise Http404(_("No such record."))
        return obj


class ScopedViewSetMixin:
    """For a SnippetViewSet whose model's policy is a ``SpaceScopedPolicy``: every view
    of one row answers 404 for a row outside the user's spaces. (The viewset's
    ``get_queryset`` narrows the listing and its CSV export with ``policy.visible``.)"""

    def register_chooser_viewset(self):
        """No chooser: nothing picks these rows, and its listing would not be scoped."""

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "get_object") and not issubclass(view_class, ScopedObjectMixin):
            view_class = type(view_class.__name__, (ScopedObjectMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
