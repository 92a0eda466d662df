"""The resident's home in the portal: My page (``/accounts/``) gathers their bookings,
program registrations, campaign entries, saved things, profile, notification settings,
calendar and data on one page; the profile and notification forms post to their own
addresses and come back to it, their "saved" shown in their section. Everything shown is
the signed-in resident's own. "Send the confirmation mail again" is here too."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Page

from allauth.account.models import EmailAddress

from bookings import services as booking_services
from bookings.models import ACTIVE, Booking
from bookings.views import with_series
from campaigns.models import CampaignEntry
from core.accounts import pending_addresses, send_confirmation_again
from core.dates import retention_period
from core.i18n import localize_pages
from core.korean import has_hangul
from core.templatetags.portal_tags import lang_attr
from events import services as event_services
from events.models import Registration, RegistrationStatus

from .forms import NotificationForm, ProfileForm
from .models import profile_for

# More past bookings or registrations than this are folded away (<details>).
PAST_SHOWN_OPEN = 3


def _allowed(request, methods):
    if request.method not in methods:
        return HttpResponse(status=405, headers={"Allow": ", ".join(methods)})
    return None


def my_page_url(section=""):
    return reverse("residents:mypage") + (f"#{section}" if section else "")


# My page's sections that show their own "saved" message, where the resident is (on a
# phone the page's messages at the top are out of sight after saving a section).
SECTION_MESSAGES = ("profile", "notifications")


def section_tag(section):
    return f"mypage-{section}"


def _messages_by_section(request):
    """The messages waiting for My page: {section: [message]} for its sections, and the
    rest, shown at the top of the page as on every page."""
    by_section, rest = {}, []
    tags = {section_tag(section): section for section in SECTION_MESSAGES}
    for message in messages.get_messages(request):
        section = tags.get(message.extra_tags)
        if section:
            by_section.setdefault(section, []).append(message)
        else:
            rest.append(message)
    return by_section, rest


def full_name(user):
    """The name the profile form keeps on the account as it is written: family name
    first in Korean, as Koreans write it, and a Korean (Hangul) name so in any
    language; a Latin name "Given Family" on the English site. "" without a name."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if not (first or last):
        return ""
    if translation.get_language() == "ko" or has_hangul(first + last):
        return f"{last}{first}"  # a Korean name reads family name first in any language
    return " ".join(part for part in (first, last) if part)


def greeting_name(user):
    """The name My page greets the resident by: their name (``full_name``), else the
    username."""
    return full_name(user) or user.get_username()


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
    section_messages, messages_on_top = _messages_by_section(request)
    context = {
        "messages": messages_on_top,
        "section_messages": section_messages,
        "profile": profile,
        "greeting_name": greeting_name(user),
        "full_name": full_name(user),
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
    """The resident's campaign entries, each with the campaign and the space named in
    the visitor's language: ``space_name`` marked up with its ``lang`` where it is not
    (the Korean name as chosen when the space has no English name or is gone)."""
    entries = list(CampaignEntry.objects.filter(user=user).select_related("campaign", "space"))
    shown = {p.translation_key: p for p in localize_pages({e.campaign for e in entries})}
    spaces = {e.space for e in entries if e.space is not None}
    translated = {p.translation_key: p for p in localize_pages(spaces, queryset=Page.objects.all())}
    for entry in entries:
        entry.shown_campaign = shown.get(entry.campaign.translation_key, entry.campaign)
        entry.space_name = _space_name(entry, translated)
    return entries


def _space_name(entry, translated):
    space = entry.space
    if space is None:
        name, language = entry.space_title, settings.LANGUAGE_CODE
    else:
        found = translated.get(space.translation_key, space)
        space.translated_title = found.title if found.pk != space.pk else None
        name, language = space.display_title, space.display_language
    attribute = lang_attr(language)
    return format_html("<span{}>{}</span>", attribute, name) if attribute else name


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
                messages.success(
                    request, _("Your profile is saved."), extra_tags=section_tag("profile")
                )
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
            messages.success(
                request,
                _("Your notification settings are saved."),
                extra_tags=section_tag("notifications"),
            )
            return HttpResponseRedirect(my_page_url("notifications"), status=303)
        status = 400
    else:
        form = NotificationForm(instance=resident)
    return render(request, "residents/notifications.html", {"form": form}, status=status)


@login_required
def resend_confirmation(request):
    """The button "Send the confirmation mail again" (My page, the booking form, a
    program's dates, the e-mail page), always answered with a message: sent, confirmed
    already, or sent a moment ago and when it can be sent again (allauth would skip it
    without a word). Then back to the page the resident was on (``next``), or My page."""
    if refused := _allowed(request, ("POST",)):
        return refused
    email = request.POST.get("email", "")
    addresses = EmailAddress.objects.filter(user=request.user).order_by("-primary", "email")
    try:
        validate_email(email)  # also keeps text the database refuses (NUL) from the query
        address = addresses.get(email__iexact=email)
    except (ValidationError, EmailAddress.DoesNotExist, EmailAddress.MultipleObjectsReturned):
        address = None
    if address is None:
        messages.error(request, _("That address is not on your account."))
    elif address.verified:
        messages.info(
            request,
            _("%(email)s is confirmed already: there is nothing to send.")
            % {"email": address.email},
        )
    elif wait := send_confirmation_again(request, address):
        messages.info(
            request,
            ngettext(
                "We sent the mail a moment ago: look in your inbox and your spam folder. "
                "You can have it sent again in %(seconds)d second.",
                "We sent the mail a moment ago: look in your inbox and your spam folder. "
                "You can have it sent again in %(seconds)d seconds.",
                wait,
            )
            % {"seconds": wait},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = my_page_url()
    return HttpResponseRedirect(back, status=303)
