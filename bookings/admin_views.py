"""Confirm or decline a booking request from the admin (and e-mail the resident); a
recurring request date by date or all at once."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
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
    dates = list(bookings.filter(series=booking.series_id)) if booking.series_id else []
    dates.sort(key=lambda date: (date.start, date.pk))
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        whole = action in ("confirm_series", "decline_series")
        if booking.user_id is None:
            # The resident deleted their account: their bookings still to come were
            # cancelled then, and nobody is left to tell about a decision.
            form.add_error(
                None, _("The resident deleted their account; this booking can no longer change.")
            )
        elif action not in ACTIONS or (whole and not booking.series_id):
            form.add_error(None, _("Choose to confirm or to decline."))
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
    waiting = [date for date in dates if date.status == Status.REQUESTED]
    return TemplateResponse(
        request,
        "bookings/admin/decide.html",
        {
            "booking": booking,
            "form": form,
            "series_dates": dates,
            "series_label": series.describe(dates[0], len(dates)) if dates else "",
            "series_waiting": len(waiting),
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
