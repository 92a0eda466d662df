"""Admin for the space directory: the taxonomies as snippets and the bulk import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
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
    return [path("spaces/import/", admin_views.import_spaces_view, name="spaces_import")]


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
    """Site history and page types list every object: they are for staff
    (``spaces.admin_guards`` refuses the URLs to others too)."""
    from . import access

    if not access.oversees_all(request.user):
        hidden = {
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:page_types_usage"),
        }
        menu_items[:] = [item for item in menu_items if item.url not in hidden]
