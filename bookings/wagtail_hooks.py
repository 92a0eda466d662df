"""The bookings app in Wagtail: it answers ``<space url>book/`` (routed by SpacePage),
and gives staff the bookings as a snippet listing — filter by space, status and date,
export CSV — with a "Decide" view to confirm or decline a request with a reason.
An operator sees and decides only their own spaces' bookings (``spaces.access``)."""

from django.db.models import Count, OuterRef, Subquery
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from spaces.access import ScopedViewSetMixin, SpaceScopedPolicy

from . import admin_views
from .models import DELETED_MEMBER, Booking, Status
from .series import describe, position_label


@hooks.register("on_serve_page", order=10)
def serve_booking_form(serve):
    """Answers ``<space url>book/``. An ``on_serve_page`` hook ordered after Wagtail's
    own (order 0) runs inside its view-restriction check, so a space kept behind a
    password or for some groups keeps its booking form behind it too."""

    def serve_or_book(page, request, serve_args, serve_kwargs):
        from spaces.models import SpacePage

        if isinstance(page, SpacePage) and serve_kwargs.get("action") == SpacePage.BOOKING_ROUTE:
            from .views import book

            return book(request, page)
        return serve(page, request, serve_args, serve_kwargs)

    return serve_or_book


# Bookings are made by residents on the site, never added in the admin; an operator
# sees only their own spaces' bookings (staff see all).
booking_policy = SpaceScopedPolicy(Booking, space_field="space", denied_actions=("add",))
register_permission_policy(Booking, booking_policy)


class BookingFilterSet(WagtailFilterSet):
    space = django_filters.CharFilter(
        field_name="space__title", lookup_expr="icontains", label=_("Space name")
    )
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    start = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    recurring = django_filters.ChoiceFilter(
        label=_("Recurring"),
        choices=[("yes", _("Recurring requests only")), ("no", _("Single bookings only"))],
        empty_label=_("All bookings"),
        method="filter_recurring",
    )
    # The dates of one recurring booking (the link in the "Recurring" column).
    series = django_filters.NumberFilter(
        field_name="series", label=_("Recurring booking no."), min_value=1
    )

    class Meta:
        model = Booking
        fields = ["space", "status", "start", "recurring", "series"]

    def filter_recurring(self, queryset, name, value):
        return queryset.filter(series__isnull=value != "yes")


class SeriesColumn(Column):
    """The date's place in its series ("Recurring, date 3 of 8"), linking to the listing of that series' dates."""

    cell_template_name = "bookings/admin/series_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.series_id:
            context["url"] = "{}?series={}".format(
                reverse("wagtailsnippets_bookings_booking:list"), instance.series_id
            )
            context["value"] = position_label(instance.series_position, instance.series_count)
            context["title"] = describe(instance, instance.series_count)
        return context


def with_series_position(queryset):
    """Each booking's place in its series and the series' number of dates, counted in
    the database (one query for the whole listing, whatever the filters keep)."""
    dates = Booking.objects.filter(series=OuterRef("series")).order_by().values("series")
    count = dates.annotate(n=Count("pk")).values("n")
    before = dates.filter(start__lte=OuterRef("start")).annotate(n=Count("pk")).values("n")
    return queryset.annotate(series_count=Subquery(count), series_position=Subquery(before))


class ResidentPanel(FieldPanel):
    """The resident, read-only; "Deleted member" once the account is gone (Wagtail
    would print "None")."""

    def format_value_for_display(self, value):
        return DELETED_MEMBER if value is None else super().format_value_for_display(value)


class BookingViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Booking
    icon = "date"
    menu_label = _("Bookings")
    menu_order = 210
    add_to_admin_menu = True
    filterset_class = BookingFilterSet
    list_display = [
        "__str__",
        SeriesColumn("series", label=_("Recurring")),
        "space",
        Column("resident_name", label=_("resident")),
        "headcount",
        "status",
        "expires_at",
        "created_at",
    ]
    list_export = [
        "pk",
        "space",
        "resident_name",
        "start_local",
        "end_local",
        "headcount",
        "purpose",
        "status",
        "reason",
        "expires_at",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    export_filename = "bookings"
    export_headings = {
        "resident_name": _("resident"),
        "start_local": _("start"),
        "end_local": _("end"),
    }
    ordering = ["-start"]
    # Residents make bookings and decisions go through "Decide" (which e-mails the
    # resident); the edit form shows the booking and lets staff correct the reason.
    panels = [
        FieldPanel("space", read_only=True),
        ResidentPanel("user", read_only=True),
        FieldPanel("start", read_only=True),
        FieldPanel("end", read_only=True),
        FieldPanel("headcount", read_only=True),
        FieldPanel("purpose", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("reason"),
    ]

    def get_queryset(self, request):
        return with_series_position(
            booking_policy.visible(request.user, Booking.objects.select_related("space", "user"))
        )


register_snippet(BookingViewSet)


@hooks.register("register_snippet_listing_buttons")
def decide_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Booking)
        and snippet.can_cancel  # still active and not over: something left to decide
        and user.has_perm("bookings.change_booking")
    ):
        yield ListingButton(
            _("Decide"),
            url=reverse("bookings_decide", args=[snippet.pk]),
            priority=5,
            attrs={"aria-label": _("Decide on booking %(booking)s") % {"booking": snippet}},
        )


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("bookings/<int:pk>/decide/", admin_views.decide, name="bookings_decide")]
