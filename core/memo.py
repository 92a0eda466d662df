"""What every page needs from the page tree, remembered for the site's data version
(``core.pagecache.SITE``: any publish, unpublish, move, rename or delete, and any change
to a site or locale, starts a new one), so that building a page costs a cache read for
each instead of queries: the site answering a host, the page at an address
(``core.models.PortalPage.route``) and the language switch's links."""

import contextlib
import hashlib

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http.request import split_domain_port

from wagtail.models import Locale

import redis

from . import pagecache, versions

SECONDS = 60 * 60
# Part of every key: raise it when what a memo holds changes shape, so a release never
# reads the entries of the one before.
FORMAT = 2
_MISSING = object()
CACHE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def key(kind, *parts):
    """A memo key of ``kind`` for the current site version; ``parts`` are hashed (they
    may come from the address)."""
    digest = hashlib.sha1("|".join(map(str, parts)).encode(), usedforsecurity=False).hexdigest()
    return f"memo{FORMAT}:{kind}:{versions.current(pagecache.SITE)}:{digest}"


def get(memo_key):
    return cache.get(memo_key, _MISSING)


def missing(value):
    return value is _MISSING


def put(memo_key, value, seconds=SECONDS):
    cache.set(memo_key, value, seconds)


def locale_id(language):
    """The id of the locale of ``language`` (None if there is none)."""
    memo_key = key("locale", language)
    found = get(memo_key)
    if missing(found):
        found = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
        put(memo_key, found)
    return found


def _remembered_site(request):
    """(memo key, the site or the "missing" marker) for this request. No key for a host
    outside ALLOWED_HOSTS (Django answers 400) or while the cache is unreachable (the
    page meets that error itself)."""
    try:
        memo_key = key("site", split_domain_port(request.get_host())[0], request.get_port())
        return memo_key, get(memo_key)
    except (DisallowedHost, *CACHE_DOWN):
        return None, _MISSING


class SiteMemoMiddleware:
    """Hands Wagtail the request's site from the memo (``Site.find_for_request`` reads
    ``request._wagtail_site``); a request that had to look it up leaves it there. No
    query is made for a request that never asks for its site (an error page, /healthz/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(pagecache.file_prefixes()):  # static and media files
            return self.get_response(request)
        memo_key, site = _remembered_site(request)
        if not missing(site):
            request._wagtail_site = site
            return self.get_response(request)
        response = self.get_response(request)
        site = request.__dict__.get("_wagtail_site")
        if memo_key and site is not None:
            with contextlib.suppress(DatabaseError, *CACHE_DOWN):
                site.root_page = site.root_page.specific  # routing asks for the specific home
                put(memo_key, site)
        return response
