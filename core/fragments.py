"""Keys for a page's cached template fragments: ``{% cache fragment_seconds "name"
fragment_key using="derived" %}`` (the "derived" cache, core.versions)."""

from . import pagecache, versions


def page_keys(request, page, *parts, tags=(), own=False):
    """Template context for a page's cached fragments: the key names the page, the
    language, the host (absolute links), ``parts``, and the versions of ``versions.SITE``
    and ``tags`` (noted for the page cache too). ``own``: the fragments show nothing
    of other pages, so they are keyed by the page's own tag and ``versions.STRUCTURE``
    instead of ``SITE`` and outlive other pages' publications. An editor's preview is
    never cached nor served from the cache."""
    from django.utils import translation

    if getattr(request, "is_preview", False):
        return {"fragment_key": "preview", "fragment_seconds": 0}
    for name in tags:
        pagecache.depends_on(request, name)
    host = request.get_host() if request is not None else ""
    if own:
        tags, base = (versions.page(page), *tags), versions.STRUCTURE
    else:
        base = versions.SITE
    key = versions.key(
        "fragment", page.pk, translation.get_language(), host, *parts, tags=tags, base=base
    )
    return {"fragment_key": key, "fragment_seconds": versions.seconds()}
