"""Admin views for spaces' people: verify a space's details (staff) or confirm them
(its operator), the "Space review" queue and the statistics (staff)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import TaskState, WorkflowState

from spaces import access
from spaces.models import District, SpacePage, SpaceType

from . import services


def _may_verify(user, space):
    return access.oversees_all(user) or access.runs(user, space)


def verify(request, pk):
    space = get_object_or_404(SpacePage, pk=pk)
    if not _may_verify(request.user, space):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        services.verify(space, request.user)
        messages.success(
            request,
            _("“%(name)s”: details confirmed today.") % {"name": space.title},
        )
        return redirect(next_url or "wagtailadmin_home")
    return TemplateResponse(
        request,
        "operators/admin/verify.html",
        {
            "space": space,
            "next": next_url,
            "staff": access.oversees_all(request.user),
            "page_title": _("Confirm the details"),
        },
    )


def _staff_only(request):
    if not access.oversees_all(request.user):
        raise PermissionDenied


def in_review():
    """Space pages waiting in the "Space review" workflow, oldest first."""
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, workflow__name=access.REVIEW_WORKFLOW
        )
        .select_related("requested_by", "current_task_state")
        .order_by("created_at")
    )
    pages = SpacePage.objects.in_bulk([int(state.object_id) for state in states])
    rows = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is not None:
            rows.append({"state": state, "page": page, "is_new": page.first_published_at is None})
    return rows


def review_queue(request):
    _staff_only(request)
    rows = in_review()
    for row in rows:
        task_state = row["state"].current_task_state
        row["task_state_id"] = task_state.pk if task_state else None
    return TemplateResponse(
        request,
        "operators/admin/review_queue.html",
        {"rows": rows, "page_title": _("Space review")},
    )


def _bars(rows, label_key="label"):
    """Rows of (label, count) with each bar's share of the largest, for the charts."""
    top = max((row["count"] for row in rows), default=0) or 1
    for row in rows:
        row["percent"] = round(100 * row["count"] / top, 1)
    return rows


def _months(count, today):
    first = today.replace(day=1)
    months = []
    for __ in range(count):
        months.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _per_month(queryset, field, months):
    start = timezone.make_aware(dt.datetime.combine(months[0], dt.time()))
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["count"]
        for row in queryset.filter(**{f"{field}__gte": start})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(count=Count("pk"))
        .values("month", "count")
    }
    return [{"month": month, "count": counts.get(month, 0)} for month in months]


def statistics(request):
    _staff_only(request)
    from bookings.models import Booking
    from events.models import Registration

    live = SpacePage.objects.live()
    by_district = {
        row["district"]: row["count"]
        for row in live.values("district").annotate(count=Count("pk")).order_by()
    }
    by_type = {
        row["space_type"]: row["count"]
        for row in live.values("space_type").annotate(count=Count("pk")).order_by()
    }
    districts = _bars(
        [
            {"label": district.name, "count": by_district.get(district.pk, 0)}
            for district in District.objects.order_by("sort_order", "name")
        ]
    )
    types = _bars(
        [
            {"label": kind.name, "count": by_type.get(kind.pk, 0), "colour": kind.colour}
            for kind in SpaceType.objects.order_by("sort_order", "name")
        ]
    )
    months = _months(12, timezone.localdate())
    bookings = _per_month(Booking.objects.all(), "start", months)
    registrations = _per_month(Registration.objects.all(), "created_at", months)
    top = max([row["count"] for row in bookings + registrations] or [0]) or 1
    monthly = [
        {
            "month": b["month"],
            "bookings": b["count"],
            "registrations": r["count"],
            "bookings_percent": round(100 * b["count"] / top, 1),
            "registrations_percent": round(100 * r["count"] / top, 1),
        }
        for b, r in zip(bookings, registrations, strict=True)
    ]
    context = {
        "page_title": _("Space statistics"),
        "total_live": sum(by_district.values()),
        "districts": districts,
        "types": types,
        "monthly": monthly,
        "pending_reviews": len(in_review()),
        "reviews_waiting_long": TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__workflow__name=access.REVIEW_WORKFLOW,
            started_at__lt=timezone.now() - dt.timedelta(days=3),
        ).count(),
        "stale": live.filter(
            Q(last_verified__lt=timezone.localdate() - services.STALE_AFTER)
            | Q(last_verified__isnull=True)
        ).count(),
    }
    return TemplateResponse(request, "operators/admin/statistics.html", context)
