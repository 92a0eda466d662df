"""Admin for the space directory: the taxonomies as snippets and the bulk import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, place_views
from .models import AccessibilityFeature, Amenity, District, SpaceType


class TermViewSet(SnippetViewSet):
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en", "slug"]
    ordering = ["sort_order", "name"]


class SpaceTypeViewSet(TermViewSet):
    model = SpaceType
    icon = "tag"
    list_display = TermViewSet.list_display + ["colour"]


class DistrictViewSet(TermViewSet):
    model = District
    icon = "site"


class AmenityViewSet(TermViewSet):
    model = Amenity
    icon = "list-ul"


class AccessibilityFeatureViewSet(TermViewSet):
    model = AccessibilityFeature
    icon = "user"


class SpaceTaxonomiesGroup(SnippetViewSetGroup):
    menu_label = _("Space lists")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (SpaceTypeViewSet, DistrictViewSet, AmenityViewSet, AccessibilityFeatureViewSet)


register_snippet(SpaceTaxonomiesGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("spaces/import/", admin_views.import_spaces_view, name="spaces_import"),
        path("places/", place_views.admin_lookup, name="spaces_places"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import spaces"),
        reverse("spaces_import"),
        icon_name="upload",
        order=310,
    )


@hooks.register("construct_reports_menu")
def hide_staff_reports(request, menu_items):
    """Site history, page types and the workflow reports list every object or every
    requester: they are for staff (``spaces.admin_guards`` refuses the URLs to others
    too)."""
    from . import access, admin_guards

    if not access.oversees_all(request.user):
        hidden = {
            reverse(name)
            for name in admin_guards.STAFF_SCREENS
            if name.startswith("wagtailadmin_reports:")
        }
        menu_items[:] = [item for item in menu_items if item.url not in hidden]


@hooks.register("construct_page_chooser_queryset")
def chooser_explorable_pages(pages, request):
    """The page chooser (browse and search) offers only pages the user may explore,
    as the explorer shows them: an operator never reads the titles of others' pages
    there, drafts included (``spaces.admin_guards`` keeps the page being browsed to
    those too)."""
    from . import admin_guards

    explorable = admin_guards.explorable_pages(request.user)
    if explorable is None:
        return pages
    return pages.filter(pk__in=explorable.values("pk"))


# --- the admin API (Wagtail's explorer menu and choosers read it) ----------------------


def _choosable(viewset_class, model):
    """``viewset_class`` listing only the ``model`` objects the user may choose (the
    collections they hold "choose" on, as Wagtail's chooser lists them); Wagtail's own
    lists every one outside privacy-restricted collections."""

    class ChoosableAPIViewSet(viewset_class):
        def get_queryset(self):
            policy = policy_registry.get_by_type(model)
            choosable = policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
            return super().get_queryset().filter(pk__in=choosable.values("pk"))

    ChoosableAPIViewSet.__name__ = f"Choosable{viewset_class.__name__}"
    return ChoosableAPIViewSet


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    """Re-register Wagtail's image and document endpoints (registered by their apps'
    hooks, which run first) so they honour collection permissions. The pages endpoint
    already lists only pages the user may explore."""
    from wagtail.documents import get_document_model
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("images", _choosable(ImagesAdminAPIViewSet, get_image_model()))
    router.register_endpoint(
        "documents", _choosable(DocumentsAdminAPIViewSet, get_document_model())
    )
