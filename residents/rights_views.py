"""The resident's data rights under /accounts/: download everything the portal holds
about them (``export``) and delete their account (``delete_account``). The work is
``residents.rights``; these views check who asks and say what happened."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.auth import TOO_MANY_ATTEMPTS, is_limited
from core.dates import retention_period

from . import rights

FORMATS = {"json": "application/json", "csv": "application/zip"}


@never_cache
@login_required
def export(request):
    """GET: the resident's data as a JSON file, or ``?format=csv`` as a zip of CSV files
    (one per kind). Only their own rows; never stored by a cache on the way."""
    kind = request.GET.get("format", "json")
    if kind not in FORMATS:
        return HttpResponse(
            _("Unknown format. Choose json or csv."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    user = request.user
    if kind == "csv":
        body, extension = rights.export_csv_zip(user), "zip"
    else:
        data = rights.export_data(user)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        extension = "json"
    name = f"community-space-{user.get_username()}-{timezone.localdate():%Y-%m-%d}.{extension}"
    content_type = FORMATS[kind] + ("; charset=utf-8" if kind == "json" else "")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


class DeleteAccountForm(forms.Form):
    """The password again, checked through Django's ``authenticate()``, so the log-in
    guessing limit (``core.auth``) counts wrong passwords typed here too."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def full_clean(self):
        super().full_clean()
        if "password" in self.errors:  # the field points to its message
            field = self["password"]
            field.field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{field.auto_id}_error"}
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if is_limited(self.request):
            raise forms.ValidationError(TOO_MANY_ATTEMPTS)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(_("This is not your password. Nothing was deleted."))
        return password


@never_cache
@login_required
def delete_account(request):
    """GET: what deleting the account does, and the password field. POST: with the
    right password, delete it, log out and go to the home page with a message; with a
    wrong one, the form again (400) and nothing deleted. Administrators' accounts are
    refused (403): the city closes them."""
    user = request.user
    refusal = rights.deletion_refused(user)
    form = DeleteAccountForm(request.POST or None, request=request)
    status = 403 if refusal else 200
    if request.method == "POST" and not refusal:
        if form.is_valid():
            rights.delete_account(user)
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect(reverse("wagtail_serve", args=("",)))
        status = 400
    context = {
        "form": form,
        "refusal": refusal,
        "counts": _what_is_held(user) if not refusal else None,
        "retention_period": retention_period(),
    }
    return render(request, "residents/delete_account.html", context, status=status)


def _what_is_held(user):
    """What deleting would cancel and keep anonymised, counted for the page."""
    from bookings.models import Booking
    from campaigns.models import CampaignEntry
    from events.models import Registration, RegistrationStatus

    now = timezone.now()
    return {
        "bookings_to_cancel": Booking.objects.filter(user=user, end__gt=now).active().count(),
        "registrations_to_cancel": Registration.objects.filter(user=user, occurrence__start__gt=now)
        .exclude(status=RegistrationStatus.CANCELLED)
        .count(),
        "entries": CampaignEntry.objects.filter(user=user).count(),
    }
