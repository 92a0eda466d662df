"""Confirm or decline a booking request from the admin (and e-mail the resident); a
recurring request date by date or all at once. The screen offers only the decisions
that can still apply (``choices``); when none can, it says why instead of a form."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin import messages

from . import series, services
from .models import Booking, Status


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the resident)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ACTIONS = ("confirm", "decline", "confirm_series", "decline_series")


def choices(booking, waiting, now):
    """The decisions open on ``booking`` at ``now`` (``waiting``: its series' dates still
    waiting for an answer), and why this date has none (a sentence, or "" when it has
    some). A request is confirmed or declined, a confirmed booking may still be
    declined, until it begins; a deleted member's booking never changes (their
    bookings to come were cancelled with the account, and nobody is left to tell)."""
    if booking.user_id is None:
        return (), _("The resident deleted their account; this booking can no longer change.")
    actions = []
    if waiting:
        actions += ["confirm_series", "decline_series"]
    why = ""
    if booking.status not in (Status.REQUESTED, Status.CONFIRMED):
        why = _("This booking is %(status)s: there is nothing left to decide.") % {
            "status": booking.get_status_display()
        }
    elif booking.start <= now:
        why = _("This booking has begun or is over: there is nothing left to decide.")
    elif booking.status == Status.REQUESTED:
        actions += ["confirm", "decline"]
    else:
        actions += ["decline"]
    return tuple(actions), why


def refusal(booking, action, why):
    """What a POST of ``action``, not open on ``booking``, is told."""
    if action not in ACTIONS or (action.endswith("_series") and not booking.series_id):
        return _("Choose to confirm or to decline.")
    if booking.user_id is None:
        return why
    if action.endswith("_series"):
        return _("No date of this recurring booking waits for an answer.")
    if action == "confirm" or booking.status not in (Status.REQUESTED, Status.CONFIRMED):
        return _("This booking is %(status)s and cannot be changed that way.") % {
            "status": booking.get_status_display()
        }
    return why


@permission_required("bookings.change_booking", raise_exception=True)
def decide(request, pk):
    """Confirm or decline a request. A date of a recurring request can be answered on
    its own, or together with every date of its series still waiting (one e-mail)."""
    from .wagtail_hooks import booking_policy

    # Where to go back to afterwards: only an address of this site.
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    # An operator decides only their own spaces' bookings: others are "not found".
    bookings = booking_policy.visible(request.user, Booking.objects.select_related("space", "user"))
    booking = get_object_or_404(bookings.select_related("series"), pk=pk)
    now = timezone.now()
    # Requests nobody answered in time show (and are told) as expired, as on My page.
    with transaction.atomic():
        if services.expire_overdue(space=booking.space, now=now):
            booking.refresh_from_db(fields=["status", "decided_at", "expires_at"])
    dates = list(bookings.filter(series=booking.series_id)) if booking.series_id else []
    dates.sort(key=lambda date: (date.start, date.pk))
    waiting = [d for d in dates if d.status == Status.REQUESTED and d.start > now]
    actions, why = choices(booking, waiting, now)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        whole = action in ("confirm_series", "decline_series")
        if action not in actions:
            form.add_error(None, refusal(booking, action, why))
        elif action.startswith("decline") and not form.cleaned_data["reason"].strip():
            form.add_error("reason", _("Tell the resident why the request is declined."))
        else:
            reason = form.cleaned_data["reason"]
            try:
                if whole:
                    changed = services.decide_series(
                        booking.series,
                        action.removesuffix("_series"),
                        by=request.user,
                        reason=reason,
                    )
                else:
                    services.decide(booking, action, by=request.user, reason=reason)
            except services.InvalidTransition as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done_message(action, changed if whole else [booking]))
                if next_url:  # back where the decision began (the dashboard)
                    return redirect(next_url)
                listing = reverse("wagtailsnippets_bookings_booking:list")
                if booking.series_id:  # back to the series' dates and their statuses
                    return redirect(f"{listing}?series={booking.series_id}")
                return redirect(listing)
        status = 400
    return TemplateResponse(
        request,
        "bookings/admin/decide.html",
        {
            "booking": booking,
            "form": form,
            "series_dates": dates,
            "series_label": series.describe(dates[0], len(dates)) if dates else "",
            "series_waiting": len(waiting),
            "actions": actions,
            "why": why,
            "listing_url": reverse("wagtailsnippets_bookings_booking:list"),
            "next_url": next_url,
        },
        status=status,
    )


def done_message(action, dates):
    count = len(dates)
    if action == "confirm":
        return _("Booking confirmed.")
    if action == "decline":
        return _("Booking declined.")
    if action == "confirm_series":
        return ngettext(
            "Confirmed %(count)d date of the recurring booking.",
            "Confirmed %(count)d dates of the recurring booking.",
            count,
        ) % {"count": count}
    return ngettext(
        "Declined %(count)d date of the recurring booking.",
        "Declined %(count)d dates of the recurring booking.",
        count,
    ) % {"count": count}
