"""Confirm or decline a booking request from the admin (and e-mail the resident)."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from . import services
from .models import Booking


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the resident)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@permission_required("bookings.change_booking", raise_exception=True)
def decide(request, pk):
    from .wagtail_hooks import booking_policy

    # An operator decides only their own spaces' bookings: others are "not found".
    bookings = booking_policy.visible(request.user, Booking.objects.select_related("space", "user"))
    booking = get_object_or_404(bookings, pk=pk)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action not in ("confirm", "decline"):
            form.add_error(None, _("Choose to confirm or to decline."))
        elif action == "decline" and not form.cleaned_data["reason"].strip():
            form.add_error("reason", _("Tell the resident why the request is declined."))
        else:
            try:
                services.decide(
                    booking, action, by=request.user, reason=form.cleaned_data["reason"]
                )
            except services.InvalidTransition as error:
                form.add_error(None, str(error))
            else:
                done = _("Booking confirmed.") if action == "confirm" else _("Booking declined.")
                messages.success(request, done)
                return redirect("wagtailsnippets_bookings_booking:list")
        status = 400
    return TemplateResponse(
        request, "bookings/admin/decide.html", {"booking": booking, "form": form}, status=status
    )
