"""Admin access first: every request for a path under the Wagtail admin (``/admin/``)
needs a signed-in user holding ``wagtailadmin.access_admin`` before any URL pattern is
resolved or any view runs.

Why a middleware: Wagtail checks admin access by wrapping the views of its own URL
module (``wagtail.admin.urls``) with ``require_admin_access``. A project URL pattern
placed before Wagtail's under ``/admin/`` (``spaces.admin_guards`` narrows a few
screens that way) is outside that wrapping, and so answered anonymous visitors: the
bulk-action confirmation listed entrants' usernames, who runs which space, image and
document titles. Checking here, before URL resolution, holds for every pattern under
the admin, present or future, wherever it is declared.

The answer is Wagtail's own refusal (``require_admin_access``): an anonymous visitor is
sent to the admin login with ``next``; a signed-in user without admin access is sent
there too with "You do not have permission to access the admin."; a script
(``X-Requested-With: XMLHttpRequest``) gets 403.

Left open, as Wagtail leaves them: the login, the password reset screens, the icon
sprite and the JavaScript translation catalogue. A POST to log out is also let through:
it reveals nothing, and the view behind it decides. Wagtail's views still make their
own check, and its permission checks per screen follow; this is the floor beneath them.

Must come after ``AuthenticationMiddleware`` (``request.user``) and
``MessageMiddleware`` (the refusal's message)."""

from django.urls import NoReverseMatch, reverse

from wagtail.admin.auth import require_admin_access

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Wagtail's screens open to anyone (``wagtail/admin/urls/__init__.py`` adds them after
# its access check): the path itself, or everything under it for a section.
PUBLIC_SCREENS = ("wagtailadmin_login", "wagtailadmin_sprite", "wagtailadmin_javascript_catalog")
PUBLIC_SECTIONS = ("wagtailadmin_password_reset",)
LOGOUT = "wagtailadmin_logout"


def has_admin_access(user):
    """What Wagtail's ``require_admin_access`` lets in."""
    return bool(user and user.is_authenticated and user.has_perm(ACCESS_ADMIN))


def _never_called(request, *args, **kwargs):
    raise AssertionError("only reached with admin access, which was checked first")


_refuse = require_admin_access(_never_called)


class AdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def is_guarded(self, request):
        """Whether ``request`` is for the admin, outside its public screens. (The paths
        are reversed for each request, in the request's URLconf: Django caches them.)"""
        try:
            prefix = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin
            return False
        path = request.path
        if not path.startswith(prefix):
            return False
        if path in {reverse(name) for name in PUBLIC_SCREENS}:
            return False
        if path.startswith(tuple(reverse(name) for name in PUBLIC_SECTIONS)):
            return False
        return not (path == reverse(LOGOUT) and request.method == "POST")

    def __call__(self, request):
        if self.is_guarded(request) and not has_admin_access(request.user):
            return _refuse(request)
        return self.get_response(request)
