"""Pieces of HTML kept in the cache, one per item of a list (a directory card, a program
date), so that a list page renders only the items it has not shown before. A piece's
key names everything it shows (the item, the language, the data versions it was built
from, and any state of the moment such as "open now"), so entries never need purging.
``FRAGMENT_CACHE_SECONDS`` (0 = off) bounds their life."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe


def pieces(items, key_of, render):
    """The HTML of each of ``items``, in order: from the cache where kept, the others
    from ``render(missing_items)`` (a list of HTML strings, in the same order), which
    are kept for next time."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    keys = [key_of(item) for item in items]
    found = cache.get_many(keys) if seconds and keys else {}
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in found]
    if missing:
        made = dict(
            zip(
                (key for key, _item in missing),
                render([item for _key, item in missing]),
                strict=True,
            )
        )
        if seconds:
            cache.set_many(made, seconds)
        found.update(made)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308 (rendered by our templates)


def page_keys(request, page, *parts):
    """Template context for a page's ``{% cache fragment_seconds name fragment_key %}``
    blocks: the key names the page, the language, the host (absolute links), the site's
    data version (any publish, term or image change makes new fragments) and ``parts``.
    An editor's preview is never cached nor served from the cache."""
    from . import pagecache, versions

    if getattr(request, "is_preview", False):
        return {"fragment_key": "preview", "fragment_seconds": 0}
    host = request.get_host() if request is not None else ""
    site = versions.current(pagecache.SITE)
    key = ":".join(map(str, (page.pk, translation.get_language(), host, site, *parts)))
    return {"fragment_key": key, "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS}
