"""Security headers beyond Django's own: the Content Security Policy (django-csp).

The public site runs under the strict policy of ``settings.CONTENT_SECURITY_POLICY``:
no inline script or style at all, so an injected ``<script>`` or ``onerror=`` never
runs. Wagtail 8's admin screens start their widgets (choosers, date pickers) with inline
scripts and set inline styles, so under ``/admin/`` the policy also allows inline script
and style; everything else (sources only from this site, no framing, no plugins) holds
there too, except that Wagtail's previews may be framed by the admin itself (its preview
panel). The admin is for signed-in staff and operators only."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware


def tile_origin(url):
    """The scheme and host of a map tile URL template, or None for a local path."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:  # {s}.tile.example.org: any of its subdomains
        return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    ADMIN_PREFIX = "/admin/"

    def process_response(self, request, response):
        if request.path.startswith(self.ADMIN_PREFIX) and not hasattr(response, "_csp_update"):
            response._csp_update = {
                "script-src": ["'unsafe-inline'"],
                "style-src": ["'unsafe-inline'"],
            }
        if self._framed_by_the_admin(request, response) and not hasattr(response, "_csp_replace"):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return super().process_response(request, response)

    def _framed_by_the_admin(self, request, response):
        """Answers Wagtail's preview panel (an iframe of the admin) shows: the page
        rendered for a preview (Wagtail runs it through the middleware as a "dummy"
        request, at the page's own address) and the admin's preview screens, which
        Wagtail marks SAMEORIGIN (snippet and block previews, "preview not available").
        The site itself may frame those, no other site; everything else stays
        unframeable."""
        if getattr(request, "is_dummy", False):
            return True
        return (
            request.path.startswith(self.ADMIN_PREFIX)
            and response.get("X-Frame-Options") == "SAMEORIGIN"
        )
