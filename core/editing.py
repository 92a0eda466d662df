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

A save that is not an autosave ("Publish", "Save draft", …) builds the page from the
version the editor was opened on (or last autosaved), not from the latest one, when they
differ. The usual case: "Publish" pressed while an autosave is in flight. The editor
leaves the page before the autosave's answer arrives, so the rows the autosave added to
an inline panel (a story's related space, a space's photo) never get their ids in the
form, and the publication posts them again as new rows. Built from the latest version,
the page kept the autosave's rows beside them: the published story listed its space
twice, or kept a row the autosave had saved before its space was chosen, and the next
"Publish" refused that empty row. Built from the editor's own version, the page has
exactly the rows of the form, as its fields have exactly the form's values (a save that
is not an autosave has always written over newer versions in Wagtail).

A page not created yet is not autosaved. Wagtail's create view autosaves a new page
into existence as a draft: a tab left open (or closed) leaves a draft that later takes
the same title's address ("slug already in use"), and a save made while that first
autosave is in flight ("Save schedule", "Publish") creates the page a second time and
fails the same way, leaving the editor on a form it can no longer save. The editor of
a new page therefore behaves as before autosave (the browser still warns before
leaving unsaved changes); once saved, the page editor autosaves.
https://docs.wagtail.org/en/stable/reference/settings.html#wagtail-autosave-interval
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.admin import urls as wagtail_admin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.viewsets.pages import page_viewset_registry
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
        if latest_revision_id is None:  # no such page, or none of its versions kept
            return _wagtail_edit(request, page_id=page_id, **kwargs)
        if is_autosave(request) and not editors_revision(request):
            return conflict()
        viewset = page_viewset_registry.get_by_page_id(page_id)
        view_class = type(
            "EditFromTheEditorsVersion", (FromTheEditorsVersion, viewset.edit_view_class), {}
        )
        return viewset.construct_view(view_class)(request, page_id=page_id, **kwargs)


def editors_revision(request):
    """The version the editor's form holds: its last autosave, else the one it opened."""
    return request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id", "")


class FromTheEditorsVersion:
    """On a page edit view: a save builds the page from the editor's version of it (see
    above). An autosave of an older version is still refused, by Wagtail's check when the
    view handles the POST, before anything is saved."""

    def get_object(self):
        base = editors_revision(self.request)
        if base.isdigit() and self.latest_revision and base != str(self.latest_revision.pk):
            revision = self.real_page_record.revisions.filter(pk=base).first()
            if revision is not None:
                return revision.as_object()
        return super().get_object()


class WithoutAutosave:
    """On a page create view: no autosave (see above)."""

    def get(self, request):
        self.autosave_enabled = False
        return super().get(request)

    def post(self, request):
        self.autosave_enabled = False
        return super().post(request)


def add(request, content_type_app_name, content_type_model_name, parent_page_id):
    """Wagtail's "add page" view, as the page type's own viewset builds it."""
    try:
        viewset = page_viewset_registry.get_by_content_type_natural_key(
            content_type_app_name, content_type_model_name
        )
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    view_class = type("CreateWithoutAutosave", (WithoutAutosave, viewset.add_view_class), {})
    view = viewset.construct_view(view_class)
    return view(
        request,
        content_type_app_name=content_type_app_name,
        content_type_model_name=content_type_model_name,
        parent_page_id=parent_page_id,
    )


def _as_admin_views(patterns):
    """Wrapped as ``wagtail.admin.urls`` wraps the admin's own views."""
    decorate_urlpatterns(patterns, require_admin_access)
    decorate_urlpatterns(patterns, wagtail_admin_urls.display_custom_404)
    return decorate_urlpatterns(patterns, never_cache)


urlpatterns = _as_admin_views(
    [
        path("admin/pages/<int:page_id>/edit/", edit),
        path(
            "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
            "<int:parent_page_id>/",
            add,
        ),
    ]
)
