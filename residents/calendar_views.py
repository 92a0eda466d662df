"""The resident's calendar feed (``/accounts/calendar/<token>.ics``) and its reset
(``/accounts/calendar/reset/``: asked first, then done by POST).

Calendar apps fetch the feed on their own, without the resident's session, so the
token in the address is the key; the answer is personal, hence ``private, no-store``
(and ``/accounts/`` is outside the page cache, ``PAGE_CACHE_EXCLUDED_PATHS``). It
still answers ETag and Last-Modified, and 304 to a calendar app that sends them back."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import ical, versions

from .calendar import feed_body
from .models import Profile, new_calendar_token, profile_for
from .saved_views import way_back

# What ``new_calendar_token`` makes (URL-safe base64); anything else is no token, and is
# never sent to the database (PostgreSQL refuses a NUL byte in text with an error).
TOKEN = re.compile(rf"[A-Za-z0-9_-]{{1,{Profile._meta.get_field('calendar_token').max_length}}}")


@require_GET
def feed(request, token):
    """The feed of the profile holding ``token``, in the resident's language; any
    other token is a 404, whoever asks."""
    if not TOKEN.fullmatch(token):
        raise Http404
    profile = (
        Profile.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if profile is None:
        raise Http404
    with translation.override(profile.language):
        body = feed_body(request, profile.user)
    # The body is built (three queries) to know its ETag; Last-Modified is when the
    # feed last took that ETag (it loses items as they are cancelled or grow old).
    etag = ical.etag_of(body)
    response = ical.respond(
        request,
        body,
        etag=etag,
        last_modified=versions.first_served(etag),
        filename="my-calendar.ics",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def reset_token(request):
    """GET: what a new address means (calendars subscribed to the old one stop
    updating), with the button. POST: a new secret address for the resident's feed, the
    old one a 404 from now on (for a link shared by mistake, or a lost phone that still
    subscribes), then back to My page."""
    if request.method != "POST":
        return render(
            request,
            "residents/calendar_reset.html",
            {"back": reverse("residents:mypage") + "#calendar"},
        )
    profile = profile_for(request.user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old one no longer works: subscribe "
            "again with the new one in your calendar apps."
        ),
    )
    # To the top of My page, where the message says to subscribe again.
    return HttpResponseRedirect(way_back(request) or reverse("residents:mypage"), status=303)
