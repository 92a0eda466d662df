"""The portal's one public address (``settings.PORTAL_BASE_URL``) and the absolute
links built from it: every e-mail's links, Wagtail's notification links
(``WAGTAILADMIN_BASE_URL`` is set from it) and the default ``Site`` record (host name
and port, which the sitemap's addresses come from) all start with it.

Kept free of model imports: the production settings validate the address with
:func:`problems` before Django is set up."""

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def split(url):
    """(scheme, host name, port) of a base URL such as ``https://portal.example.org``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or ""), parts.port or DEFAULT_PORTS.get(scheme)


def problems(url):
    """Why ``url`` cannot be the portal's base URL (empty when it can)."""
    try:
        parts = urlsplit(url)
        scheme, host, port = split(url)
    except ValueError as error:
        return [str(error)]
    found = []
    if scheme not in DEFAULT_PORTS:
        found.append("it must start with http:// or https://")
    if not host:
        found.append("it has no host name")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        found.append("it must be only scheme, host and port (no path, query or user)")
    if scheme == "https" and port != 443:
        # Wagtail's Site record keeps a host name and a port and reads any port other
        # than 80 and 443 as plain http: its links would not match.
        found.append("https is served on port 443 only")
    return found


def base_url():
    from django.conf import settings

    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute(path):
    """``path`` (from the site root, such as ``reverse()`` gives) as an absolute link."""
    return base_url() + path


def file_url(url):
    """A file's URL (rendition, static file) made absolute: object storage and a CDN
    already give absolute URLs of their own host; local files are under the public
    address."""
    from urllib.parse import urlsplit

    return url if urlsplit(url).scheme else absolute(url)


def url(name, *args):
    """An absolute link to the screen the URL ``name`` names (``reverse`` with ``args``)."""
    from django.urls import reverse

    return absolute(reverse(name, args=args))


def page_url(page, request=None):
    """The absolute link of ``page`` in the active language, or None when it has none
    (not routable, not under a site). ``request`` only spares Wagtail's site lookup: the
    host is always the public address's."""
    parts = page.get_url_parts(request) if page is not None else None
    if not parts or parts[2] is None:
        return None
    return absolute(parts[2])


def site_address():
    """(host name, port) the default ``Site`` record needs for the base URL."""
    __, host, port = split(base_url())
    return host, port
