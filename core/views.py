import sys

from django import db
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

import redis

from . import auth, links
from .sitemap import PortalSitemap


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query and the cache a read, 503 otherwise (for
    load balancers: an app server that cannot reach either gets no traffic)."""
    problems = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        problems["database"] = "unreachable"
    try:
        cache.get("healthz")
    except SERVICE_DOWN:
        problems["cache"] = "unreachable"
    if problems:
        response = JsonResponse({"status": "unavailable", **problems}, status=503)
        response["Retry-After"] = "30"
        return response
    return JsonResponse({"status": "ok"})


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {links.absolute(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PortalSitemap(request)})


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for a restricted page, with the address to return to
    checked first: anything but a path on this site becomes the site's root (Wagtail
    would try a bare word as a URL name and fail)."""
    from wagtail.forms import PasswordViewRestrictionForm
    from wagtail.models import Page, PageViewRestriction
    from wagtail.views import authenticate_with_password as wagtail_view

    if request.method != "POST":
        return wagtail_view(request, page_view_restriction_id, page_id)
    url = request.POST.get("return_url", "")
    safe = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe:
        request.POST = request.POST.copy()
        request.POST["return_url"] = "/"
    if auth.page_password_limited(request, page_view_restriction_id):
        # Guessing is over the log-in limit: no password is checked, the form says so.
        restriction = get_object_or_404(PageViewRestriction, pk=page_view_restriction_id)
        page = get_object_or_404(Page, pk=page_id).specific
        form = PasswordViewRestrictionForm(instance=restriction)
        form.errors[NON_FIELD_ERRORS] = form.error_class([auth.TOO_MANY_ATTEMPTS])
        action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
        response = page.serve_password_required_response(request, form, action)
        response.status_code = 429
        return response
    response = wagtail_view(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: a wrong password
        auth.count_page_password_failure(request, page_view_restriction_id)
    return response


# A lost database or Redis connection (restart, fail-over) is not a bug in the page: the
# answer is 503 with Retry-After, so browsers, proxies and load balancers come back.
SERVICE_DOWN = (
    db.OperationalError,
    db.InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


def failed_to_connect(error):
    """Whether ``error`` was raised while opening a database connection (as opposed to
    running a query): by the time the error page is drawn, a restarting server may
    already accept connections again, but this request still could not reach it."""
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "get_new_connection":
            return True
        tb = tb.tb_next
    return False


def service_down(error):
    """Whether ``error`` means the database or the cache cannot be reached (or, on
    SQLite, is busy), rather than a query the database refused."""
    if not isinstance(error, SERVICE_DOWN):
        return False
    if not isinstance(error, db.OperationalError):
        return True
    if "locked" in str(error):  # SQLite: another writer holds the database
        return True
    if failed_to_connect(error):  # e.g. "the database system is starting up"
        return True
    try:  # the database answers: the query itself was at fault
        connection.ensure_connection()
        return not connection.is_usable()
    except Exception:
        return True


def server_error(request):
    """handler500: 503 while the database or the cache is unreachable, the plain 500
    page otherwise. Neither page touches the database."""
    error = sys.exc_info()[1]
    # Rendered without the request: no context processor, so no query; the style sheet
    # by its plain name, so even a missing static manifest cannot break the error page.
    context = {"stylesheet": f"{settings.STATIC_URL}css/portal.css"}
    if service_down(error):
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = "30"
    else:
        response = HttpResponse(loader.render_to_string("500.html", context), status=500)
    response["Cache-Control"] = "no-store"
    return response
