"""Data versions for cached answers: a cached value's key carries the version of the
data it was built from, and a change starts a new version (``bump``), so stale entries
are simply never asked for again. A version missing from the cache (evicted, or a fresh
cache) starts from the clock, never from a number an old entry may still carry.

Within a request (``snapshot``, opened by the first middleware) each version is read
from the cache once: every fragment and memo of that request is keyed by the same
state of the data, and the request pays one cache round trip per version, not one per
use. A bump made by the request itself is seen at once."""

import threading
import time
from contextlib import contextmanager

from django.core.cache import cache

_request = threading.local()


def _fresh():
    return time.time_ns() // 1000


def _memo():
    return getattr(_request, "versions", None)


@contextmanager
def snapshot(known=None):
    """Remember the versions read while this block runs (``known``: versions already
    read, e.g. with a page cache lookup)."""
    outer = _memo()
    _request.versions = dict(known or {})
    try:
        yield
    finally:
        _request.versions = outer


def current(key):
    memo = _memo()
    if memo is not None and key in memo:
        return memo[key]
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh(), None)
        version = cache.get(key) or _fresh()
    if memo is not None:
        memo[key] = version
    return version


def bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh(), None)
    memo = _memo()
    if memo is not None:
        memo.pop(key, None)
