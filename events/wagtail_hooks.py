"""The events app in the Wagtail admin: registrations for staff (filter, CSV export)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from .models import Registration, RegistrationStatus


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Residents register on the site; the admin lists and exports."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


class RegistrationFilterSet(WagtailFilterSet):
    program = django_filters.CharFilter(
        field_name="occurrence__program__title", lookup_expr="icontains", label=_("Program")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=RegistrationStatus.choices, label=_("Status")
    )

    class Meta:
        model = Registration
        fields = ["program", "status"]


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 220
    add_to_admin_menu = True
    filterset_class = RegistrationFilterSet
    list_display = ["__str__", "status", "created_at", "promoted_at"]
    list_export = [
        "pk",
        "program_title",
        "start_local",
        "user",
        "status",
        "created_local",
        "promoted_local",
        "cancelled_local",
    ]
    export_headings = {
        "program_title": _("program"),
        "start_local": _("starts"),
        "created_local": _("registered at"),
        "promoted_local": _("moved up at"),
        "cancelled_local": _("cancelled at"),
    }
    export_filename = "registrations"
    panels = [FieldPanel("status", read_only=True)]

    def get_queryset(self, request):
        return Registration.objects.select_related("occurrence__program", "user")


register_snippet(RegistrationViewSet)
