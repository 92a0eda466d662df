"""The resident's home in the portal: My page (``/accounts/``) gathers their bookings,
program registrations, campaign entries, saved things, profile, notification settings,
calendar and data on one page; the profile and notification forms post to their own
addresses and come back to it. Everything shown is the signed-in resident's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from bookings import services as booking_services
from bookings.models import ACTIVE, Booking
from bookings.views import with_series
from campaigns.models import CampaignEntry
from core.accounts import pending_addresses
from core.i18n import localize_pages
from events import services as event_services
from events.models import Registration, RegistrationStatus

from .forms import NotificationForm, ProfileForm
from .models import profile_for
from .rights import retention_period

# More past bookings or registrations than this are folded away (<details>).
PAST_SHOWN_OPEN = 3


def _allowed(request, methods):
    if request.method not in methods:
        return HttpResponse(status=405, headers={"Allow": ", ".join(methods)})
    return None


def my_page_url(section=""):
    return reverse("residents:mypage") + (f"#{section}" if section else "")


@login_required
def my_page(request):
    """One page for everything the resident has here, in a fixed number of queries
    whatever they have."""
    if refused := _allowed(request, ("GET", "HEAD")):
        return refused
    user = request.user
    now = timezone.now()
    profile = profile_for(user)
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    context = {
        "profile": profile,
        "addresses": addresses,
        "pending_addresses": pending_addresses(user, addresses),
        "notification_form": NotificationForm(instance=profile),
        **_bookings(user, now),
        **_registrations(user, now),
        "entries": _entries(user),
        "past_shown_open": PAST_SHOWN_OPEN,
        "retention_period": retention_period(),
    }
    return render(request, "residents/mypage.html", context)


def _bookings(user, now):
    booking_services.expire_overdue(user=user, now=now)  # overdue requests show as expired
    bookings = list(Booking.objects.filter(user=user).select_related("space").order_by("-start"))
    upcoming = sorted(
        (b for b in bookings if b.end > now and b.status in ACTIVE), key=lambda b: b.start
    )
    past = [b for b in bookings if b not in upcoming]
    return {
        "upcoming_bookings": with_series(upcoming, bookings, now),
        "past_bookings": with_series(past, bookings, now),
    }


def _registrations(user, now):
    registrations = list(
        Registration.objects.filter(user=user)
        .select_related("occurrence__program", "occurrence__space")
        .order_by("occurrence__start", "pk")
    )
    positions = event_services.waitlist_positions(registrations)
    programs = localize_pages({r.occurrence.program for r in registrations})
    shown = {p.translation_key: p for p in programs}
    for registration in registrations:
        registration.position = positions.get(registration.pk)
        registration.program = shown.get(
            registration.occurrence.program.translation_key, registration.occurrence.program
        )
    upcoming = [
        r
        for r in registrations
        if r.occurrence.end > now and r.status != RegistrationStatus.CANCELLED
    ]
    past = [r for r in registrations if r not in upcoming][::-1]
    return {"upcoming_registrations": upcoming, "past_registrations": past}


def _entries(user):
    entries = list(CampaignEntry.objects.filter(user=user).select_related("campaign"))
    shown = {p.translation_key: p for p in localize_pages({e.campaign for e in entries})}
    for entry in entries:
        entry.shown_campaign = shown.get(entry.campaign.translation_key, entry.campaign)
    return entries


@login_required
def profile(request):
    """Name, phone and language. A new language takes effect at once: the answer is My
    page in that language."""
    if refused := _allowed(request, ("GET", "HEAD", "POST")):
        return refused
    resident = profile_for(request.user)
    status = 200
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=resident, user=request.user)
        if form.is_valid():
            form.save()
            with translation.override(resident.language):
                messages.success(request, _("Your profile is saved."))
                return HttpResponseRedirect(my_page_url("profile"), status=303)
        status = 400
    else:
        form = ProfileForm(instance=resident, user=request.user)
    return render(request, "residents/profile.html", {"form": form}, status=status)


@login_required
def notifications(request):
    """Reminders, the channel and notices about saved things; saved from My page's
    section or from this page, then back to My page."""
    if refused := _allowed(request, ("GET", "HEAD", "POST")):
        return refused
    resident = profile_for(request.user)
    status = 200
    if request.method == "POST":
        form = NotificationForm(request.POST, instance=resident)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings are saved."))
            return HttpResponseRedirect(my_page_url("notifications"), status=303)
        status = 400
    else:
        form = NotificationForm(instance=resident)
    return render(request, "residents/notifications.html", {"form": form}, status=status)
