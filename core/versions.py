"""Data versions for cached answers: a cached value's key carries the version of the
data it was built from, and a change starts a new version (``bump``), so stale entries
are simply never asked for again. A version missing from the cache (evicted, or a fresh
cache) starts from the clock, never from a number an old entry may still carry."""

import time

from django.core.cache import cache


def _fresh():
    return time.time_ns() // 1000


def current(key):
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh(), None)
        version = cache.get(key) or _fresh()
    return version


def bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh(), None)
