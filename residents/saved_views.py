"""Saving spaces and programs (찜): ``/accounts/saved/<page id>/`` and the list at
``/accounts/saved/``.

Everything works without JavaScript. A directory card is HTML shared by every
visitor, so its control is a plain link here: GET asks "save this space?" with one
POST button (after logging in, for an anonymous visitor) and goes back where the
visitor came from. ``static/js/save-toggle.js`` makes the same links toggles for a
resident: it asks this list for the state of every card on the page at once
(``?ids=1,2,3``, JSON) and POSTs here with ``Accept: application/json``.

POST names the state wanted (``action=save`` or ``remove``), not a flip, so sending
the same form twice leaves one saved row."""

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache

from . import saved

ACTIONS = ("save", "remove")


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def local_address(request, url):
    """``url`` as a path on this site (query kept), or "" when it leads elsewhere."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def way_back(request):
    """Where to return after saving: ``next`` when it is on this site, else the page the
    visitor came from (a card's link carries no ``next``: the card is shared), else ""."""
    wanted = local_address(request, request.POST.get("next") or request.GET.get("next"))
    if wanted:
        return wanted
    came_from = local_address(request, request.headers.get("Referer", ""))
    return "" if came_from.startswith(request.path) else came_from


@never_cache
@login_required
def saved_list(request):
    """The resident's saved spaces and programs, most recent first, each removable. With
    ``?ids=1,2,3`` (what ``save-toggle.js`` asks), the ids among those the resident
    saved, as JSON: ``{"saved": [2]}``."""
    if "ids" in request.GET or wants_json(request):
        try:
            ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.strip()]
        except ValueError:
            return JsonResponse(
                {"error": _("ids must be page numbers separated by commas.")}, status=400
            )
        return JsonResponse({"saved": sorted(saved.saved_among(request.user, ids))})
    return render(request, "residents/saved_list.html")


@never_cache
def toggle(request, page_id):
    """GET: "Save this space?" (or "Remove it?") with one button. POST ``action``
    (``save`` or ``remove``): do it, then back to ``next`` with a message, or answer
    ``{"saved": true|false}`` to a JSON request. Only live, public spaces and programs
    can be saved; any other number is a 404."""
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    back = way_back(request)
    if not request.user.is_authenticated:
        if wants_json(request):
            return JsonResponse({"error": _("Log in to save spaces and programs.")}, status=401)
        return redirect_to_login(request.path + (f"?{urlencode({'next': back})}" if back else ""))
    page = saved.savable_page(page_id)
    if page is None:
        raise Http404
    shown = saved.named([page])[0]
    # Not "page": the layout would take it for the page shown (title, breadcrumbs).
    context = {"target": shown, "saved": saved.is_saved(request.user, page), "next": back}
    if request.method == "GET":
        return render(request, "residents/save_confirm.html", context)
    action = request.POST.get("action")
    if action not in ACTIONS:
        error = _("Choose whether to save it or remove it.")
        if wants_json(request):
            return JsonResponse({"error": error}, status=400)
        return render(
            request, "residents/save_confirm.html", {**context, "error": error}, status=400
        )
    if action == "save":
        saved.save(request.user, page)
    else:
        saved.remove(request.user, page)
    if wants_json(request):
        return JsonResponse({"saved": action == "save"})
    if action == "save":
        done = pgettext("saved items", "Saved ‘%(name)s’. You find it on My page.")
    else:
        done = pgettext("saved items", "Removed ‘%(name)s’ from your saved items.")
    messages.success(request, done % {"name": shown.name})
    return HttpResponseRedirect(back or shown.url, status=303)
