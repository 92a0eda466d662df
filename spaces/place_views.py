"""Place look-ups for ``static/js/place-search.js``: the map pickers' (the space
editor's at ``/admin/places/``, behind the admin's access check, and the registration
form's at ``/operators/register/places/``, for signed-in people, like the form) and the
directory's "near a place" field (``/api/places.json``, for anyone). All answer from
``spaces.places`` in memory; nothing is sent to a geocoding service."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import places

MAX_QUERY = 100
MAX_RESULTS = 10


def _answer(request):
    """``{"results": [...], "best": index or null}``: ``best`` is the place to move to
    when the text names one place; otherwise the person picks from ``results`` (names
    starting with the text when none matches whole)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    language = get_language()
    found = places.lookup(query)
    chosen = places.best(query) if found else None
    if not found:
        found = places.suggest(query, limit=MAX_RESULTS) if len(query) >= 2 else []
    found = found[:MAX_RESULTS]
    response = JsonResponse(
        {
            "query": query,
            "results": [place.as_dict(language) for place in found],
            "best": found.index(chosen) if chosen in found else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def admin_lookup(request):
    """Reached only with admin access (Wagtail wraps the admin's URLs)."""
    return _answer(request)


@require_GET
def lookup(request):
    if not request.user.is_authenticated:
        return JsonResponse({"results": [], "best": None}, status=403)
    return _answer(request)


PUBLIC_MAX_AGE = 60 * 60 * 24  # the gazetteer changes only with a release
LANGUAGES = {code for code, _name in settings.LANGUAGES}


@require_GET
def public_lookup(request):
    """``/api/places.json?q=망원&lang=en``: the names the directory's near field offers
    while a person types. The answer is the gazetteer's (no database, no session), so
    it needs no rate limit; browsers and proxies keep it for a day, keyed by the
    address (``lang`` names the language: the address is not under ``/en/``)."""
    language = request.GET.get("lang", "").strip()
    with translation.override(language if language in LANGUAGES else settings.LANGUAGE_CODE):
        response = _answer(request)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response
