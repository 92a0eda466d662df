"""The operators app in the Wagtail admin: the operator's dashboard panel, "Confirm
details" on a space, and for city staff the "Space review" queue, the statistics and
the space operators listing (grant, transfer, revoke, trust)."""

import datetime as dt

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from spaces import access
from spaces.models import SpaceOperator, SpacePage

from . import admin_views, services


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("spaces.verify", _("Verify details"), _("Details verified"))


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("spaces/<int:pk>/verify/", admin_views.verify, name="spaces_verify"),
        path("space-review/", admin_views.review_queue, name="operators_review_queue"),
        path("space-statistics/", admin_views.statistics, name="operators_statistics"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.oversees_all(request.user)


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return StaffMenuItem(
        _("Space review"), reverse("operators_review_queue"), icon_name="tasks", order=205
    )


@hooks.register("register_reports_menu_item")
def statistics_menu_item():
    return StaffMenuItem(
        _("Space statistics"), reverse("operators_statistics"), icon_name="table", order=50
    )


@hooks.register("register_page_header_buttons")
def verify_button(page, user, view_name=None, next_url=None):
    if page.specific_class is SpacePage and (access.oversees_all(user) or access.runs(user, page)):
        label = _("Verify details") if access.oversees_all(user) else _("Confirm details")
        yield Button(
            label,
            reverse("spaces_verify", args=[page.pk]) + (f"?next={next_url}" if next_url else ""),
            icon_name="success",
            priority=40,
        )


@hooks.register("construct_page_chooser_queryset")
def chooser_pages(pages, request):
    """Operators choose among published pages and their own (never others' drafts)."""
    user = request.user
    if access.oversees_all(user):
        return pages
    from wagtail.permission_policies.pages import PagePermissionPolicy

    own = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "add"])
    return pages.filter(live=True) | pages.filter(pk__in=own.values("pk"))


# --- dashboard -------------------------------------------------------------------------


PENDING_SHOWN = 10


def pending_requests(waiting):
    """The most urgent requests to decide, a recurring request as one item: its first
    waiting date, with ``series_waiting`` (how many of its dates wait) and
    ``series_label``. One query for the single requests, one for the recurring ones and,
    when any wait, one for their dates: never one per request."""
    from django.db.models import Count, Min

    from bookings.series import describe

    items = list(waiting.filter(series__isnull=True).order_by("expires_at")[:PENDING_SHOWN])
    groups = list(
        waiting.filter(series__isnull=False)
        .order_by()
        .values("series_id")
        .annotate(dates=Count("pk"), due=Min("expires_at"))
        .order_by("due", "series_id")[:PENDING_SHOWN]
    )
    if groups:
        counts = {group["series_id"]: group["dates"] for group in groups}
        firsts = {}
        for booking in waiting.filter(series_id__in=counts).order_by("start", "pk"):
            firsts.setdefault(booking.series_id, booking)
        for series_id, booking in firsts.items():
            booking.series_waiting = counts[series_id]
            booking.series_label = describe(booking, counts[series_id])
            items.append(booking)
    items.sort(key=lambda booking: (booking.expires_at, booking.start))
    return items[:PENDING_SHOWN]


class OperatorPanel(Component):
    """The operator's day: requests to decide, this week's bookings, programs with
    registrations and waitlists, and spaces whose details need confirming."""

    name = "operator_dashboard"
    template_name = "operators/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from bookings.models import Booking, Status
        from events.models import Occurrence

        now = timezone.now()
        today = timezone.localdate()
        week_end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=7), dt.time()))
        today_end = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
        )
        spaces = list(
            SpacePage.objects.filter(pk__in=access.run_space_ids(self.user)).order_by("title")
        )
        ids = [space.pk for space in spaces]
        bookings = Booking.objects.filter(space_id__in=ids).select_related("space", "user")
        pending = pending_requests(
            bookings.filter(status=Status.REQUESTED, end__gt=now, expires_at__gt=now)
        )
        coming = list(
            bookings.filter(status=Status.CONFIRMED, end__gt=now, start__lt=week_end).order_by(
                "start"
            )[:20]
        )
        for booking in coming:
            booking.is_today = booking.start < today_end
        occurrences = list(
            Occurrence.objects.filter(
                space_id__in=ids,
                start__gte=now,
                start__lt=now + dt.timedelta(days=14),
                cancelled=False,
            )
            .select_related("program")
            .order_by("start")[:15]
        )
        return {
            "spaces": spaces,
            "stale": [space for space in spaces if services.is_stale(space, today)],
            "pending": pending,
            "today": [b for b in coming if b.is_today],
            "week": [b for b in coming if not b.is_today],
            "occurrences": occurrences,
            "csrf_token": parent_context.get("csrf_token"),
            "request": parent_context.get("request"),
        }


class StaffPanel(Component):
    name = "space_review_summary"
    template_name = "operators/admin/staff_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        rows = admin_views.in_review()
        return {"rows": rows[:5], "count": len(rows)}


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    user = request.user
    if access.oversees_all(user):
        panels.append(StaffPanel())
    if SpaceOperator.objects.filter(user=user, status=SpaceOperator.Status.ACTIVE).exists():
        panels.append(OperatorPanel(user))


# --- who runs which space (staff) ------------------------------------------------------


class SpaceOperatorFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=SpaceOperator.Status.choices, label=_("Status")
    )
    trusted = django_filters.BooleanFilter(label=_("Trusted"))

    class Meta:
        model = SpaceOperator
        fields = ["status", "trusted"]


class SpaceOperatorViewSet(SnippetViewSet):
    model = SpaceOperator
    icon = "group"
    menu_label = _("Space operators")
    menu_order = 230
    add_to_admin_menu = True
    filterset_class = SpaceOperatorFilterSet
    list_display = [
        "space",
        "user",
        "status",
        BooleanColumn("trusted", label=_("trusted")),
        "created_at",
    ]
    list_export = ["space", "user", "status", "trusted", "note", "created_at"]
    export_filename = "space-operators"
    search_fields = ["space__title", "user__username", "user__email"]
    ordering = ["space__title"]
    # Granting: pick the space and the account. Transferring: change the account.
    # Revoking: delete the row. Trusted operators publish space changes directly.
    panels = [
        FieldPanel("space"),
        FieldPanel("user"),
        FieldPanel("status"),
        FieldPanel("trusted"),
        FieldPanel("note"),
    ]

    def get_queryset(self, request):
        return SpaceOperator.objects.select_related("space", "user")


register_snippet(SpaceOperatorViewSet)
