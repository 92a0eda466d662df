"""Security headers beyond Django's own: the Content Security Policy (django-csp).

The public site runs under the strict policy of ``settings.CONTENT_SECURITY_POLICY``
(no inline script or style). Wagtail's admin screens set inline style attributes of
their own, so under ``/admin/`` the policy also allows inline styles; scripts stay
restricted to this site everywhere."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware


def tile_origin(url):
    """The scheme and host of a map tile URL template, or None for a local path."""
    parts = urlsplit(url.replace("{s}.", ""))
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/admin/"

    def process_response(self, request, response):
        if request.path.startswith(self.ADMIN_PREFIX) and not hasattr(response, "_csp_update"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().process_response(request, response)
