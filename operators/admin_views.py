"""Admin views for spaces' people: verify a space's details (staff) or confirm them
(its operator), the "Space review" queue and the statistics (staff)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import TaskState, WorkflowState

from spaces import access, boundaries
from spaces.models import District, SpacePage, SpaceType

from . import services, stats


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


def statistics(request):
    """Staff's figures: spaces by district and type, the review queue, and bookings and
    registrations by district and month over a chosen range (``operators.stats``),
    each of those tables also as CSV (``?export=csv&table=<key>``)."""
    _staff_only(request)
    district_list = list(District.objects.order_by("sort_order", "name"))
    form = stats.range_form(request.GET, stats.seoul_today())
    counted = (
        stats.Statistics(districts=district_list, **form.cleaned_data) if form.is_valid() else None
    )
    if counted and request.GET.get("export") == "csv":
        return _statistics_csv(counted, request.GET.get("table"), form.cleaned_data)
    monthly = counted.monthly if counted else []
    tables = counted.tables if counted else []
    for table in tables:
        query = {"start": form.data["start"], "end": form.data["end"], "table": table.key}
        table.csv_url = f"{request.path}?{urlencode({**query, 'export': 'csv'})}"
    top = max([max(row["bookings"], row["registrations"]) for row in monthly] or [0]) or 1
    for row in monthly:
        row["bookings_percent"] = round(100 * row["bookings"] / top, 1)
        row["registrations_percent"] = round(100 * row["registrations"] / top, 1)

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
            for district in district_list
        ]
    )
    types = _bars(
        [
            {"label": kind.name, "count": by_type.get(kind.pk, 0), "colour": kind.colour}
            for kind in SpaceType.objects.order_by("sort_order", "name")
        ]
    )
    maps = [
        (
            "spaces",
            _("Published spaces"),
            {district.name: by_district.get(district.pk, 0) for district in district_list},
        )
    ]
    for table in tables:
        if table.key in ("bookings", "registrations"):
            counts = {row["district"].name: row["total"] for row in table.rows}
            maps.append((table.key, table.title, counts))
    context = {
        "page_title": _("Space statistics"),
        "maps": [
            {"key": key, "title": title, **boundaries.choropleth(counts)}
            for key, title, counts in maps
        ],
        "total_live": sum(by_district.values()),
        "districts": districts,
        "types": types,
        "form": form,
        "tables": tables,
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


def _statistics_csv(counted, key, period):
    """One table of the statistics page as a CSV download, named after it and its
    range; an unknown table is "not found"."""
    table = counted.by_key.get(key)
    if table is None:
        raise Http404
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    name = f"space-statistics-{table.key}-{period['start']:%Y%m%d}-{period['end']:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
