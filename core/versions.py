"""Every cache of the portal works one way: a cached value is plain data built from the
database, and its key carries the current version of each *tag* that data depends on.
A change bumps its tags (``bump_on_commit``), so the old entries are simply never asked
for again: nothing is ever deleted or purged by address.

Tags:
- ``SITE``: anything published or shown on every page (pages, terms, images, sites,
  locales, privacy). Every cached value depends on it, except a page's own fragments.
- ``STRUCTURE``: what every page builds on besides page content (terms, images,
  settings, privacy, and where pages are: moves, renames, unpublishing, deletions),
  bumped with ``SITE`` on any change but a publication; ``page(page)``: one page's own
  content in every language, and ``kind(model)``: any page of a type, both bumped with
  ``SITE`` when a page is published. What depends on one page only (its fragments, its
  row in the routing memo, its translations, its booking section, its programs) is
  keyed by ``STRUCTURE`` and those tags instead of ``SITE`` (``base=STRUCTURE``), so
  publishing one space leaves every other space's parts in place, and the space page's
  cached answer too (``core.pagecache.shows_only_its_own``). Publishing the home page
  or a section (every page's menu and trail) bumps ``STRUCTURE`` as well.
- tags a domain app names for data that changes without a publication (``tag``): a
  space's free times and the free-time filter (``spaces.availability``), the places
  left on programs and their dates (``events.signals.PLACES``, ``places``, ``places_on``,
  ``DATES``).

**Correct under writes.** A tag is bumped when the change is made (the writing request
then sees its own change) and again once the transaction has committed: a reader that
built an answer from the old rows in between stored it under the first bump's version,
which the second makes old. A reader notes a version *before* reading the data
(``current``), so an answer is never stored under a version newer than its data.

**One release, one key space.** All of it lives in the "derived" cache, whose
``KEY_PREFIX`` carries the release (``settings.PORTAL_RELEASE``), so a new release never
reads entries the last one stored.

**Plain data only.** ``remember`` refuses to store anything but strings, bytes, numbers,
dates, lists, tuples, sets and dicts of them: a model instance would tie an entry to the
code that pickled it.

A missing version (evicted, or a fresh cache) starts from the clock, never from a number
an old entry may still carry. Within a request (``snapshot``, opened by the first
middleware) each version is read once."""

import datetime
import decimal
import hashlib
import threading
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.connection import ConnectionProxy

# The cache of everything derived from the database (settings.CACHES: its keys carry
# the release).
cache = ConnectionProxy(caches, "derived")


def tag(*parts):
    """The name of a data tag, e.g. ``tag("availability", space.pk)``."""
    return "v:" + ":".join(map(str, parts))


SITE = tag("site")
STRUCTURE = tag("structure")


def page(page):
    """The tag of ``page``'s own content, shared by its translations."""
    return tag("page", page.translation_key)


def kind(model):
    """The tag of every page of ``model``'s type (bumped when one is published)."""
    return tag("kind", model._meta.label_lower)


_request = threading.local()
_MISSING = object()
PLAIN = (
    str,
    bytes,
    int,
    float,
    bool,
    type(None),
    datetime.date,
    datetime.time,
    decimal.Decimal,
    uuid.UUID,
)


_clock = threading.Lock()
_last_fresh = 0


def _fresh():
    """A version from the clock (microseconds), larger than any this process gave."""
    global _last_fresh
    with _clock:
        _last_fresh = max(time.time_ns() // 1000, _last_fresh + 1)
        return _last_fresh


def _memo():
    return getattr(_request, "versions", None)


@contextmanager
def snapshot(known=None, address=None):
    """Remember the versions read while this block runs (``known``: versions already
    read, e.g. with a page cache lookup). For a request for ``address`` the versions
    the last request for it read are read at once, in one round trip instead of one
    each (each process remembers their names only; a wrong guess costs a read)."""
    outer = _memo()
    memo = _request.versions = dict(known or {})
    if address is not None:
        wanted = [name for name in _usual.get(address, ()) if name not in memo]
        if wanted:
            memo.update(cache.get_many(wanted))
    try:
        yield
    finally:
        _request.versions = outer
        if address is not None and _usual.get(address) != tuple(memo):
            if len(_usual) >= USUAL_KEPT:
                _usual.clear()
            _usual[address] = tuple(memo)


_usual = {}  # address -> the names of the versions a request for it read
USUAL_KEPT = 20_000


def current(name):
    """The version of tag ``name`` (read once per request)."""
    memo = _memo()
    if memo is not None and name in memo:
        return memo[name]
    version = cache.get(name)
    if version is None:
        cache.add(name, _fresh(), None)
        version = cache.get(name) or _fresh()
    if memo is not None:
        memo[name] = version
    return version


BUMPED_AT_ONCE = 1_000


def _bump(names):
    gathered = getattr(_request, "gathered", None)
    if gathered is not None:  # inside bumping_once(): bumped when it ends
        gathered.update(names)
        return
    if len(names) == 1:
        try:
            cache.incr(names[0])
        except ValueError:
            cache.set(names[0], _fresh(), None)
    else:
        # Many at once (the end of ``bumping_once()``: a bulk load publishing 60,000
        # pages bumps each one's tag): a new value from the clock for each, written in
        # one round trip a chunk, instead of two round trips a tag (35 s at that size).
        for start in range(0, len(names), BUMPED_AT_ONCE):
            chunk = names[start : start + BUMPED_AT_ONCE]
            cache.set_many(dict.fromkeys(chunk, _fresh()), None)
    memo = _memo()
    if memo is not None:
        for name in names:
            memo.pop(name, None)


@contextmanager
def bumping_once():
    """Each tag bumped in this block is bumped once, when it ends (a bulk import
    publishing hundreds of pages bumps ``SITE`` once, not once per page). Only for
    blocks that run outside a transaction or at its end: a reader in between sees the
    old versions."""
    if getattr(_request, "gathered", None) is not None:  # nested: the outer block
        yield
        return
    _request.gathered = set()
    try:
        yield
    finally:
        gathered, _request.gathered = _request.gathered, None
        _bump(sorted(gathered))


def bump_on_commit(*names):
    """What was built from ``names`` (default: ``SITE``) is stale: now, and again once
    the transaction commits (at once outside one)."""
    names = names or (SITE,)
    _bump(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(names), robust=True)


def key(kind, *parts, tags=(), base=SITE):
    """A cache key for a value of ``kind`` built from ``parts`` (hashed: they may come
    from the address) and the current versions of ``base`` (``SITE`` unless the value
    shows only one page's own content) and ``tags``."""
    versions = [current(name) for name in (base, *tags)]
    raw = "|".join(map(str, (*parts, *versions)))
    return f"{kind}:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def seconds():
    """How long a remembered value lives (``CACHE_SECONDS``; 0 switches caching off)."""
    return settings.CACHE_SECONDS


def remember(kind, *parts, build, tags=(), timeout=None, base=SITE):
    """The value of ``kind`` for ``parts``, from the cache or from ``build()`` (then
    kept). ``timeout`` shortens the life of a value that shows the time of day; ``base``
    as for ``key``."""
    life = seconds() if timeout is None else min(timeout, seconds())
    if not life:
        return build()
    name = key(kind, *parts, tags=tags, base=base)
    found = cache.get(name, _MISSING)
    if found is _MISSING:
        found = build()
        check_plain(found)
        cache.set(name, found, life)
    return found


def remember_many(kind, items, part_of, build, tags=(), tags_of=None):
    """``[value of each item]``, from the cache where kept; ``build(missing_items)``
    answers the others (a list in the same order), which are kept. For lists whose
    items are rendered one by one (directory cards, program dates). ``tags_of(item)``:
    tags of one item's own data, besides ``tags``."""
    life = seconds()
    names = [
        key(kind, *part_of(item), tags=(*tags, *(tags_of(item) if tags_of else ())))
        for item in items
    ]
    found = cache.get_many(names) if life and names else {}
    missing = [(name, item) for name, item in zip(names, items, strict=True) if name not in found]
    if missing:
        made = dict(
            zip(
                (name for name, _item in missing),
                build([item for _name, item in missing]),
                strict=True,
            )
        )
        if life:
            check_plain(list(made.values()))
            cache.set_many(made, life)
        found.update(made)
    return [found[name] for name in names]


def check_plain(value):
    """Raise TypeError unless ``value`` is plain data (see the module's notes)."""
    if isinstance(value, PLAIN):
        return
    if isinstance(value, dict):
        for item_key, item in value.items():
            check_plain(item_key)
            check_plain(item)
        return
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_plain(item)
        return
    raise TypeError(f"only plain data is cached, not {type(value).__name__}")


SERVED_SECONDS = 60 * 60 * 24  # how long ``first_served`` remembers an answer


def first_served(etag):
    """When the answer with ``etag`` was first served (an aware datetime): the
    Last-Modified of an answer no single change time describes (a feed loses items as
    they are cancelled, unpublished or made private). Kept a day; a forgotten time
    starts again now, which only makes a client fetch once more."""
    key = "served:" + hashlib.sha1(etag.encode(), usedforsecurity=False).hexdigest()
    now = int(time.time())
    if not cache.add(key, now, SERVED_SECONDS):
        now = cache.get(key) or now
    return datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
