"""What every page needs from the page tree, remembered for the site's data version
(core.versions: any publish, unpublish, move, rename or delete, and any change to a
site, locale or view restriction, starts a new one), so that building a page costs a
cache read for each instead of queries: the site answering a host, the page at an
address (``core.models.PortalPage.route``), a page in another language and its view
restrictions.

The cache holds an object's row (its fields' values as plain data), never a pickled
object: ``row`` and ``from_row`` turn one into the other as Django does with a database
row (``Model.from_db``), in about 0.3 ms for a space page (Wagtail's own serialisable
form takes 30 ms, more than the two queries it would save)."""

import contextlib
import datetime
import decimal
import uuid

from django.apps import apps
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http.request import split_domain_port

import redis

from . import pagecache, versions

_MISSING = object()
CACHE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
_AS_IS = (str, int, float, bool, type(None), list, dict)
_PLAIN = (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)


def row(instance):
    """``instance`` as plain data: its model and the value of each concrete field
    (a field whose value is an object of its own, such as a stream of blocks, gives
    the form it is saved in)."""
    values = {}
    for field in instance._meta.concrete_fields:
        value = field.value_from_object(instance)
        if not isinstance(value, _AS_IS + _PLAIN):
            value = field.get_prep_value(value)
        values[field.attname] = value
    return {"model": instance._meta.label_lower, "values": values}


def from_row(data):
    """The object ``row`` described, as loaded from the database."""
    model = apps.get_model(data["model"])
    fields = model._meta.concrete_fields
    values = data["values"]
    return model.from_db(
        "default", [f.attname for f in fields], [values[f.attname] for f in fields]
    )


def remember_object(kind, *parts, build, base=versions.SITE, tags=()):
    """The object ``build()`` answers (None: nothing, not remembered, since any address
    may be asked for), remembered as its row for ``parts`` and the versions of ``base``
    and ``tags`` (``core.versions.key``)."""
    if not versions.seconds():
        return build()
    name = versions.key(kind, *parts, tags=tags, base=base)
    found = versions.cache.get(name)
    if found is not None:
        return from_row(found)
    instance = build()
    if instance is not None:
        try:
            kept = row(instance)
        except Exception:  # noqa: BLE001 (a value that cannot be saved as it is, e.g. a
            # broken schedule stored by hand: the page is served, just not remembered)
            return instance
        versions.cache.set(name, kept, versions.seconds())
    return instance


def _site_for(request):
    """(cache key, the site as remembered or None) for this request. No key for a host
    outside ALLOWED_HOSTS (Django answers 400) or while the cache is unreachable (the
    page meets that error itself)."""
    try:
        name = versions.key("site", split_domain_port(request.get_host())[0], request.get_port())
        found = versions.cache.get(name) if versions.seconds() else None
    except (DisallowedHost, *CACHE_DOWN):
        return None, None
    if found is None:
        return name, None
    site = from_row(found["site"])
    site.root_page = from_row(found["root"])
    return name, site


class SiteMemoMiddleware:
    """Hands Wagtail the request's site from the memo (``Site.find_for_request`` reads
    ``request._wagtail_site``); a request that had to look it up leaves it there. No
    query is made for a request that never asks for its site (an error page, /healthz/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(pagecache.file_prefixes()):  # static and media files
            return self.get_response(request)
        name, site = _site_for(request)
        if site is not None:
            request._wagtail_site = site
            return self.get_response(request)
        response = self.get_response(request)
        site = request.__dict__.get("_wagtail_site")
        if name and site is not None:
            with contextlib.suppress(DatabaseError, *CACHE_DOWN):
                root = site.root_page.specific  # routing asks for the specific home
                versions.cache.set(name, {"site": row(site), "root": row(root)}, versions.seconds())
        return response
