"""Keys for a page's cached template fragments: ``{% cache fragment_seconds "name"
fragment_key using="derived" %}`` (the "derived" cache, core.versions)."""

from . import pagecache, versions


def page_keys(request, page, *parts, tags=()):
    """Template context for a page's cached fragments: the key names the page, the
    language, the host (absolute links), ``parts``, and the versions of ``versions.SITE``
    and ``tags`` (noted for the page cache too). An editor's preview is never cached nor
    served from the cache."""
    from django.utils import translation

    if getattr(request, "is_preview", False):
        return {"fragment_key": "preview", "fragment_seconds": 0}
    for name in tags:
        pagecache.depends_on(request, name)
    host = request.get_host() if request is not None else ""
    key = versions.key("fragment", page.pk, translation.get_language(), host, *parts, tags=tags)
    return {"fragment_key": key, "fragment_seconds": versions.seconds()}
