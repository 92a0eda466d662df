"""Who may do what with a space: city staff see everything; an operator sees and
changes only the spaces they run (``SpaceOperator`` rows), and whatever hangs off them —
programs (by Wagtail tree permissions on the space page), bookings and registrations
(by the scoped permission policy and snippet views below).

Tree permissions come from one Wagtail group per space ("Space #12 operators") holding
add/change/publish on the space page (and its translations); its members are the
space's active operators, kept in step by ``sync_space``. Every operator is also in the
"Space operators" group (admin access, bookings, registrations). Publishing the space
page itself is then narrowed by ``SpacePermissionTester``: an operator who is not
trusted submits changes to the "Space review" workflow; programs publish directly.

Images and documents follow Wagtail collections: each operated space has its own
collection under "Spaces", and only its group holds permissions there, so an operator's
image listing, chooser and uploads are their spaces' collections alone (an upload lands
in the first one). Proposal photos wait in "Proposals", which only city staff (who hold
the root collection) see, and move into the space's collection when it is approved."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

STAFF_PERMISSION = "spaces.oversee_spaces"
STAFF_GROUP = "City staff"
OPERATORS_GROUP = "Space operators"
# The review workflow and its task are rows whose names Wagtail shows as they are
# ("Submit to …", the workflow reports, the task's e-mails), so they are stored in
# Korean, the language of the portal's staff and operators; ``ensure_roles`` renames
# the rows an earlier release made with the English names.
REVIEW_WORKFLOW = "공간 검토"
REVIEW_TASK = "서울시 담당자 검토"

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
    # Redirects (moved or renamed pages, old addresses from the city's former site).
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]
PAGE_ACTIONS = ("add", "change", "publish")
# The workflow Wagtail's own migrations assign to the root page (unused here), and the
# name it keeps once retired (Wagtail still lists it in the workflow reports).
DEFAULT_WORKFLOW = "Moderators approval"
RETIRED_DEFAULT_WORKFLOW = "관리자 승인(사용 안 함)"
# Collections: "Spaces" (공간) holds one collection per operated space, "Proposals"
# (등록 신청) the photos of proposals in review (or declined). Both are children of the
# root collection.
SPACES_COLLECTION = "공간"
PROPOSALS_COLLECTION = "등록 신청"
# Rows that staff and operators read by name in the admin are named in Korean; these
# are the English names an earlier release gave them, renamed by ``ensure_roles``.
FORMER_NAMES = {
    REVIEW_WORKFLOW: "Space review",
    REVIEW_TASK: "Review by city staff",
    SPACES_COLLECTION: "Spaces",
    PROPOSALS_COLLECTION: "Proposals",
}
# On its own collection a space's group may do this with images and documents; staff on
# the root collection, so on every collection. (For images and documents Wagtail treats
# "delete" as "change".)
COLLECTION_ACTIONS = ("add", "change", "choose", "delete")
COLLECTION_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))
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
    staff permissions on the page tree and on every collection, and each operated
    space's collection. Idempotent; run after migrate."""
    from wagtail.models import (
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
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
    root_collection = root_collection_node()
    for name in (SPACES_COLLECTION, PROPOSALS_COLLECTION):
        _rename_former(root_collection.get_children(), name)
    for permission in _collection_permissions():
        GroupCollectionPermission.objects.get_or_create(
            group=staff, collection=root_collection, permission=permission
        )
    # Operators hold no collection as such, only their spaces' (their spaces' groups).
    GroupCollectionPermission.objects.filter(group=operators).delete()
    _grant_operated_spaces_collections()
    _retire_default_workflow(root_page)
    _rename_former(GroupApprovalTask.objects.all(), REVIEW_TASK)
    _rename_former(Workflow.objects.all(), REVIEW_WORKFLOW)
    task, __ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    task.groups.add(staff)
    workflow = review_workflow()
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    from .models import SpaceIndexPage

    for index_page in SpaceIndexPage.objects.all():
        assign_review_workflow(index_page)
    return staff, operators


def _retire_default_workflow(root_page):
    """Wagtail's migrations put its "Moderators approval" workflow on the root page;
    the portal reviews spaces with its own and publishes everything else directly, so
    the default is taken off the tree, disabled and renamed (kept for history)."""
    from wagtail.models import Workflow, WorkflowPage

    if root_page:
        WorkflowPage.objects.filter(page=root_page, workflow__name=DEFAULT_WORKFLOW).delete()
    Workflow.objects.filter(name=DEFAULT_WORKFLOW, workflow_pages__isnull=True).exclude(
        workflow_states__status="in_progress"
    ).update(active=False, name=RETIRED_DEFAULT_WORKFLOW)


def _rename_former(rows, name):
    """The row made under the English name of an earlier release takes today's name
    (unless one already has it)."""
    if not rows.filter(name=name).exists():
        rows.filter(name=FORMER_NAMES[name]).update(name=name)


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
    """Make the space's Wagtail group match its active operators: its members, its tree
    permissions, and its permissions on the space's own collection (where the space's
    photos are moved)."""
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
    pages = list(space.get_translations(inclusive=True))
    for page in pages:
        for permission in _page_permissions(PAGE_ACTIONS):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    collection = space_collection(space)
    _grant_collection(group, collection)
    _move_photos(collection, [page.pk for page in pages])
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


# --- collections ---------------------------------------------------------------------


def _collection_permissions():
    from django.db.models import Q

    query = Q()
    for app_label, model in COLLECTION_MODELS:
        query |= Q(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in COLLECTION_ACTIONS],
        )
    return list(Permission.objects.filter(query))


def _grant_collection(group, collection):
    from wagtail.models import GroupCollectionPermission

    held = set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission_id", flat=True
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=permission)
        for permission in _collection_permissions()
        if permission.pk not in held
    )


def root_collection_node():
    from wagtail.models import Collection

    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _child_collection(parent, name, lookup=None):
    """The child of ``parent`` that ``lookup`` (default: the name) finds, made when
    missing. The parent row is locked while adding, so two requests do not both add it
    (Wagtail's tree paths would clash)."""
    from wagtail.models import Collection

    lookup = lookup or {"name": name}
    found = parent.get_children().filter(**lookup).first()
    if found is None:
        with transaction.atomic():
            parent = Collection.objects.select_for_update().get(pk=parent.pk)
            found = parent.get_children().filter(**lookup).first()
            if found is None:
                found = parent.add_child(name=name)
    return found


def proposals_collection():
    """Where proposal photos wait for the review: only city staff see it (made with the
    first proposal, as "Spaces" is with the first operator: until then an upload's
    collection need not be chosen)."""
    return _child_collection(root_collection_node(), PROPOSALS_COLLECTION)


def space_collection(space):
    """The space's own collection under "Spaces", named after the space. The name ends
    with the space's id, which is how it is found again (and renamed with the space)."""
    suffix = f" (#{space.pk})"
    name = space.title[: 255 - len(suffix)] + suffix
    parent = _child_collection(root_collection_node(), SPACES_COLLECTION)
    collection = _child_collection(parent, name, {"name__endswith": suffix})
    if collection.name != name:
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def file_photos(space):
    """After a space is published: the photos only it uses go into its collection, if
    it has operators (a space run by staff alone needs none)."""
    if Group.objects.filter(name=space_group_name(space.pk)).exists():
        pages = space.get_translations(inclusive=True).values_list("pk", flat=True)
        _move_photos(space_collection(space), list(pages))


def _move_photos(collection, page_ids):
    """Move the photos only these pages (a space and its translations) use from where
    photos wait (the root collection, "Proposals") or another space's collection into
    the space's collection. A photo
    other spaces or pages use too (the demo's shared pictures) stays where it is."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    from .models import SpaceGalleryImage

    Image = get_image_model()
    used = SpaceGalleryImage.objects.filter(page_id__in=page_ids).values("image_id")
    shared = SpaceGalleryImage.objects.filter(image_id__in=used).exclude(page_id__in=page_ids)
    root = root_collection_node()
    spaces = root.get_children().filter(name=SPACES_COLLECTION).first()
    waiting = [
        root.pk,
        *root.get_children().filter(name=PROPOSALS_COLLECTION).values_list("pk", flat=True),
        # An operator of several spaces may upload into another space's collection
        # (the upload form offers each); a photo only this space uses comes here.
        *(spaces.get_children().values_list("pk", flat=True) if spaces else []),
    ]
    images = list(
        Image.objects.filter(pk__in=used, collection_id__in=waiting).exclude(
            pk__in=shared.values("image_id")
        )
    )
    if not images:
        return
    page_type = ContentType.objects.get_for_model(Page)
    elsewhere = set(
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(Image),
            to_object_id__in=[str(image.pk) for image in images],
        )
        .exclude(base_content_type=page_type, object_id__in=[str(pk) for pk in page_ids])
        .values_list("to_object_id", flat=True)
    )
    for image in images:
        if str(image.pk) not in elsewhere:
            image.collection = collection
            image.save(update_fields=["collection"])


def _grant_operated_spaces_collections():
    """Spaces whose operators came before collections did get theirs (once: a space
    whose group holds its collection is skipped)."""
    from django.db import connection

    from wagtail.models import GroupCollectionPermission

    from .models import SpaceOperator, SpacePage

    if SpaceOperator._meta.db_table not in connection.introspection.table_names():
        return  # a migration stepped back before operators existed: nothing to grant
    granted = set(
        GroupCollectionPermission.objects.filter(group__name__startswith="Space #").values_list(
            "group__name", flat=True
        )
    )
    operated = SpaceOperator.objects.filter(status=SpaceOperator.Status.ACTIVE).values("space_id")
    for space in SpacePage.objects.filter(pk__in=operated):
        if space_group_name(space.pk) not in granted:
            sync_space(space)


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
