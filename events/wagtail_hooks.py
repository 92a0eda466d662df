"""The events app in the Wagtail admin: registrations (filter, CSV export); an operator
sees only their own programs' registrations (``spaces.access``)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from spaces.access import ScopedViewSetMixin, SpaceScopedPolicy

from .models import Registration, RegistrationStatus

# Residents register on the site; the admin lists and exports. An operator sees only the
# registrations for programs in their own spaces (staff see all).
registration_policy = SpaceScopedPolicy(
    Registration, space_field="occurrence__space", denied_actions=("add", "change")
)
register_permission_policy(Registration, registration_policy)


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


class RegistrationViewSet(ScopedViewSetMixin, SnippetViewSet):
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
        "resident_name",
        "status",
        "created_local",
        "promoted_local",
        "cancelled_local",
    ]
    export_headings = {
        "program_title": _("program"),
        "start_local": _("starts"),
        "resident_name": _("resident"),
        "created_local": _("registered at"),
        "promoted_local": _("moved up at"),
        "cancelled_local": _("cancelled at"),
    }
    export_filename = "registrations"
    panels = [FieldPanel("status", read_only=True)]

    def get_queryset(self, request):
        return registration_policy.visible(
            request.user, Registration.objects.select_related("occurrence__program", "user")
        )


register_snippet(RegistrationViewSet)
