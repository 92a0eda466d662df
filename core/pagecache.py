"""The page cache: whole answers for anonymous visitors, kept in the cache (Redis in
production) and shared by every app server.

**What is cached.** A GET from a visitor without a session or messages cookie, outside
the admin and account pages, answered 200 with no cookie set, no CSRF token used (a
page with a form is never cached, so nobody receives another visitor's token) and no
``Cache-Control: private / no-cache / no-store``. Logged-in visitors always get a fresh
page. The key is the host, the language and the path with the query parameters a
public view reads (``PAGE_CACHE_QUERY_PARAMETERS``), in order: the others are dropped
from the request before the lookup and before the view (``keep_known_parameters``), so
junk in an address is served from the cache and the view never answers from it.

**Never stale.** Each entry records the data versions (``core.versions``) it was built
from: every page depends on ``versions.SITE`` (or, a page that shows only its own
content and what its parts note, on ``versions.STRUCTURE`` and its own tag:
``shows_only_its_own``), a page showing free times on its space's availability, one
showing places left on the programs' places (``depends_on``). A hit
is served only while all those versions are current, so publishing or booking makes
exactly the pages that showed the old data stale (``core.versions.bump_on_commit``).

``PAGE_CACHE_SECONDS`` (0 = off) bounds how long an entry lives; pages that show the
time of day (free slots) ask for less with ``expires_within``.

**One round trip.** A hit costs one cache read: the entry and the site's version come
together, plus the versions this address's entry needed besides (a space page's
availability), remembered by the process when it last stored or served the address
(``_extra_tags``: only names, never data; a wrong guess costs a second read).

**Compressed.** Text answers of some size are kept gzipped (``COMPRESS_FROM`` bytes and
up) and sent as they are to every client that accepts gzip (browsers all do), with
``Vary: Accept-Encoding``; others get them inflated. Compressing a page that holds a
secret next to text an attacker chose leaks the secret (BREACH), but a cached page never
holds one: no CSRF token, no session, nothing personal."""

import gzip
import hashlib
import re
from http.client import responses
from operator import itemgetter
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from . import versions

SITE = versions.SITE

HEADER = "X-Page-Cache"
# The length is the stored body's, set when it is sent.
NOT_STORED_HEADERS = {"set-cookie", "content-length", HEADER.lower()}
UNCACHEABLE = ("private", "no-cache", "no-store")
COMPRESS_FROM = 1024
COMPRESSIBLE = ("text/", "application/json", "application/geo+json", "application/xml")
COMPRESSIBLE_SUFFIXES = ("+json", "+xml", "javascript")
# A request asking "only if changed" (or "only if unchanged").
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Per address, the versions its entry needed besides SITE (see "One round trip").
_extra_tags = {}
EXTRA_TAGS_KEPT = 20_000


def depends_on(request, key):
    """The answer being built shows data of version ``key``: note the version now,
    before the data is read."""
    tags = getattr(request, "_page_cache_tags", None)
    if tags is not None and key not in tags:
        tags[key] = versions.current(key)


def shows_only_its_own(request, page):
    """The answer being built shows, besides the page's own content, only what every
    page builds on (``versions.STRUCTURE``: menus, terms, where pages are) and what its
    parts noted with ``depends_on``: it is kept for those, not for ``SITE``, so other
    pages' publications leave it in place."""
    if getattr(request, "_page_cache_tags", None) is not None:
        request._page_cache_own = True
        depends_on(request, versions.STRUCTURE)
        depends_on(request, versions.page(page))


def expires_within(request, seconds):
    """Keep the answer being built at most ``seconds`` (it shows the time of day)."""
    current = getattr(request, "_page_cache_seconds", None)
    if current is not None:
        request._page_cache_seconds = min(current, seconds)


def _unprefixed(path):
    """The path without its language prefix: /en/accounts/… is /accounts/… in English."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def _excluded(path):
    if path.startswith(file_prefixes()):
        return True
    path = _unprefixed(path)
    return any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def known_parameters(path):
    """The query parameters the views at ``path`` read: the names listed in
    ``PAGE_CACHE_QUERY_PARAMETERS`` under the longest prefix of the path."""
    path = _unprefixed(path)
    prefix = max(
        (p for p in settings.PAGE_CACHE_QUERY_PARAMETERS if path.startswith(p)),
        key=len,
        default=None,
    )
    return frozenset(settings.PAGE_CACHE_QUERY_PARAMETERS[prefix]) if prefix else frozenset()


def keep_known_parameters(request):
    """Leave the request only the query parameters its view reads, ordered by name (a
    name's values keep their order): ``?utm_source=…`` or ``?r=<random>`` then share the
    entry of the plain address instead of each making a new one, and ``?b=2&a=1`` that
    of ``?a=1&b=2``. The kept pairs stay as the client wrote them (nothing is parsed
    when the query is already so). Both ``QUERY_STRING`` (the key, links that repeat
    the query) and ``request.GET`` change, so the view cannot answer from a parameter
    the key does not hold."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    names = known_parameters(request.path_info)
    pairs = ((unquote_plus(pair.partition("=")[0]), pair) for pair in query.split("&"))
    kept = sorted(((name, pair) for name, pair in pairs if name in names), key=itemgetter(0))
    text = "&".join(pair for _name, pair in kept)
    if text != query:
        request.META["QUERY_STRING"] = text
        request.GET = QueryDict(text)


def file_prefixes():
    """Static and media files: whitenoise and the storage answer them, never the cache."""
    return tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/"))


def _eligible(request):
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not _excluded(request.path_info)


def _key(request):
    """Scheme, host and the full path with the query parameters the view reads
    (``keep_known_parameters`` ran first): an answer is the same for every anonymous
    visitor who asks the same thing. The path says the language (an address without a
    prefix is Korean whatever the browser prefers, as LocaleMiddleware decides), so one
    address has one entry."""
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _compressible(response):
    if response.has_header("Content-Encoding") or len(response.content) < COMPRESS_FROM:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type.startswith(COMPRESSIBLE) or content_type.endswith(COMPRESSIBLE_SUFFIXES)


def _remember_extra_tags(key, tags):
    extra = tuple(tag for tag in tags if tag != SITE)
    if _extra_tags.get(key, ()) != extra:
        if len(_extra_tags) >= EXTRA_TAGS_KEPT:
            _extra_tags.clear()
        _extra_tags[key] = extra


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in UNCACHEABLE)


# Where the front door leaves its lookup for the middleware (a miss): the key and the
# versions read on the way.
LOOKED_UP = "portal.page_cache"


class FrontDoor:
    """The WSGI application around Django's (``portal.wsgi``): a hit is answered here,
    before Django handles the request at all (no request signals, no database
    connection checks, no middleware), so a cached page costs little more than its one
    cache read. A miss, and every request the cache does not serve, goes on to Django,
    where ``PageCacheMiddleware`` builds and stores the page without a second lookup.
    Requests that reach Django some other way (the test client) are looked up by the
    middleware itself, with the same rules."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_SECONDS and environ.get("REQUEST_METHOD") == "GET":
            try:
                response = self._hit(environ)
            except Exception:  # the cache unreachable: Django answers, and reports it
                environ.pop(LOOKED_UP, None)
                response = None
            if response is not None:
                status, headers, content = response
                start_response(f"{status} {responses[status]}", headers)
                return [content]
        return self.application(environ, start_response)

    @staticmethod
    def _hit(environ):
        from django.core.handlers.wsgi import WSGIRequest

        # A copy: WSGIRequest writes the decoded path back into what it is given, and
        # Django would then read it again as raw bytes (a Korean address would fail).
        request = WSGIRequest(environ.copy())
        if not _eligible(request):
            return None
        keep_known_parameters(request)
        environ["QUERY_STRING"] = request.META["QUERY_STRING"]  # what the key and view read
        try:
            key = _key(request)
        except DisallowedHost:
            return None  # Django answers it (400)
        if _conditional(environ):  # may be answered "not modified", as Django would
            response, known = PageCacheMiddleware._lookup(key, request)
            if response is None:
                environ[LOOKED_UP] = (key, known)
                return None
            return response.status_code, list(response.items()), response.content
        stored, known = _read(key, request)
        if stored is None:
            environ[LOOKED_UP] = (key, known)
            return None
        status, headers, content = stored
        return status, list(headers.items()), content


class PageCacheMiddleware:
    """The first middleware: builds and stores the answers the cache may keep, with the
    headers every other middleware added (security headers, CSP, Vary,
    Content-Language), and serves hits to requests the front door did not see. A
    plain-HTTP request has its own key, so it still meets the redirect to HTTPS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        looked_up = request.META.pop(LOOKED_UP, None)
        if not seconds or not _eligible(request):
            with versions.snapshot(address=request.path):
                return self.get_response(request)
        if looked_up is None:
            keep_known_parameters(request)
            key = _key(request)
            response, known = self._lookup(key, request)
            if response is not None:
                return response
        else:
            key, known = looked_up
        with versions.snapshot(known, address=request.path):
            return self._build(request, key, seconds)

    def _build(self, request, key, seconds):
        request._page_cache_tags = {}
        request._page_cache_seconds = seconds
        depends_on(request, SITE)
        response = self.get_response(request)
        if _storable(request, response):
            tags = request._page_cache_tags
            if getattr(request, "_page_cache_own", False):
                tags.pop(SITE, None)
            content, encoding = response.content, ""
            if _compressible(response):
                content, encoding = gzip.compress(content, compresslevel=6, mtime=0), "gzip"
                patch_vary_headers(response, ["Accept-Encoding"])
            headers = {k: v for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS}
            entry = (tags, response.status_code, headers, content, encoding)
            versions.cache.set(key, entry, request._page_cache_seconds)
            _remember_extra_tags(key, tags)
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _lookup(key, request):
        """The stored answer as a response, if every data version it was built from is
        current, and the versions read on the way (a miss builds the page with them)."""
        stored, found = _read(key, request)
        if stored is None:
            return None, found
        status, headers, content = stored
        response = HttpResponse(content, status=status, headers=headers)
        if _conditional(request.META) and status == 200:
            # A client holding this answer (a calendar app, the map) is told "not
            # modified" as the view itself would have told it (304, no body).
            last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
            response = get_conditional_response(
                request, etag=headers.get("ETag"), last_modified=last_modified, response=response
            )
            response[HEADER] = "hit"  # a 304 too: the client's copy was confirmed from here
        return response, found


def _conditional(meta):
    return any(name in meta for name in CONDITIONAL_HEADERS)


def _read(key, request):
    """(status, headers, body) of the stored answer as this client is sent it (gzipped
    or not), if every data version it was built from is current, else None; and the
    versions read on the way."""
    found = versions.cache.get_many([key, SITE, *_extra_tags.get(key, ())])
    entry = found.pop(key, None)
    if entry is None:
        return None, found
    tags, status, headers, content, encoding = entry
    missing = [tag for tag in tags if tag not in found]
    if missing:
        found.update(versions.cache.get_many(missing))
        _remember_extra_tags(key, tags)
    if any(found.get(tag) != version for tag, version in tags.items()):
        return None, found  # something it showed has changed since
    headers = {**headers, HEADER: "hit"}
    if encoding and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        headers["Content-Encoding"] = encoding
        etag = headers.get("ETag")
        if etag and not etag.startswith("W/"):  # the bytes differ from the plain answer's
            headers["ETag"] = f"W/{etag}"
    elif encoding:
        content = gzip.decompress(content)
    headers["Content-Length"] = str(len(content))
    return (status, headers, content), found


def _published(instance, **kwargs):
    tags = [SITE, versions.page(instance), versions.kind(type(instance))]
    if instance.depth <= 3:  # the home page or a section: every page's menu and trail
        tags.append(versions.STRUCTURE)
    versions.bump_on_commit(*tags)


def _structure_changed(**kwargs):
    versions.bump_on_commit(SITE, versions.STRUCTURE)


def _changed(sender, instance, created=False, **kwargs):
    """A new image shows on no page until a page using it is published."""
    if not (created and sender._meta.label == "wagtailimages.Image"):
        _structure_changed()


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        _structure_changed()


def connect():
    """Every page is stale after a publish, unpublish, move, rename or delete, and
    after a change to a model named in ``PAGE_CACHE_PURGED_BY`` (terms, images …) or to
    a page's privacy (a view restriction is saved without publishing anything, and a
    page made private must not stay public in the cache)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(_published, dispatch_uid="pagecache-published")
    for signal in (page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_structure_changed, dispatch_uid=f"pagecache-{signal!r}")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-delete")
    for label in ("wagtailcore.PageViewRestriction", *settings.PAGE_CACHE_PURGED_BY):
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
