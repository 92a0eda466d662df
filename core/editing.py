"""Autosave that cannot undo a publication.

Wagtail (since 7.3) autosaves the page editor in the background. An autosave request
carries the revision it was made on (``overwrite_revision_id``, or the revision the
editor loaded: ``loaded_revision_id`` and ``loaded_revision_created_at``), and Wagtail's
``EditView`` refuses it when that is no longer the page's latest revision ("Saving will
overwrite a newer version."). But the check reads a page loaded at the start of the
request, outside any transaction, and the writes follow later: an autosave that is
still being handled when "Publish" (or "Submit for review") commits passes the check
and then writes over the publication — the draft fields of a page published for the
first time (``live`` back to False), and a revision newer than the published one, so
the page reports unpublished changes. The editor had already said "published".
(Upstream: wagtail/wagtail#13749 and #13750 proposed a lock for the same reason and
were closed unmerged; #14189 only keeps one autosave of a tab in flight; Wagtail
8.0.1 is the newest 8.0 release.)

So every save from the page editor (autosave, "Save draft", "Publish", "Submit for
review") runs, from the start, inside one transaction holding the page's row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions,
``portal.settings.base``, take the write lock at BEGIN): saves of one page take turns.
Wagtail's own view then loads the page after any publication that committed first, its
check sees the publication and answers its usual conflict, and a publication that comes
later waits for the autosave and makes a newer revision. (Locking the autosave alone is
not enough: the publication's new revision, inserted while the autosave waited, would
then be older than the revision the autosave rewrites, and the page would report
unpublished changes.) An autosave that names no revision at all (an editor opened on a
page without revisions) is refused once the page has one.

The pattern has the route of Wagtail's edit view and sits before Wagtail's URLs
(``portal/urls.py``); opening the editor (GET) goes straight to Wagtail's view.
https://docs.wagtail.org/en/stable/reference/settings.html#wagtail-autosave-interval
"""

from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.admin import urls as wagtail_admin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

_wagtail_edit = next(
    pattern.callback
    for pattern in wagtail_page_urls.urlpatterns
    if getattr(pattern, "name", None) == "edit"
)


def is_autosave(request):
    """A background save of the editor: a POST that asks for JSON, as Wagtail's
    ``expects_json_response`` decides."""
    return request.method == "POST" and not request.accepts("text/html")


def conflict():
    """Wagtail's answer to an autosave over a newer version (the editor pauses
    autosave and says so)."""
    return JsonResponse(
        {
            "success": False,
            "error_code": "invalid_revision",
            "error_message": _("Saving will overwrite a newer version."),
        },
        status=400,
    )


def edit(request, page_id, **kwargs):
    """Wagtail's page editor; every save of it (autosave, save draft, publish, submit)
    holds the page's row from before Wagtail loads the page until its commit."""
    if request.method != "POST":
        return _wagtail_edit(request, page_id=page_id, **kwargs)
    with transaction.atomic():
        row = Page.objects.select_for_update().filter(pk=page_id)
        latest_revision_id = row.values_list("latest_revision_id", flat=True).first()
        names_a_revision = request.POST.get("overwrite_revision_id") or request.POST.get(
            "loaded_revision_id"
        )
        if is_autosave(request) and latest_revision_id and not names_a_revision:
            return conflict()
        return _wagtail_edit(request, page_id=page_id, **kwargs)


def _as_admin_views(patterns):
    """Wrapped as ``wagtail.admin.urls`` wraps the admin's own views."""
    decorate_urlpatterns(patterns, require_admin_access)
    decorate_urlpatterns(patterns, wagtail_admin_urls.display_custom_404)
    return decorate_urlpatterns(patterns, never_cache)


urlpatterns = _as_admin_views([path("admin/pages/<int:page_id>/edit/", edit)])
