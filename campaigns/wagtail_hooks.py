"""Campaign entries in the Wagtail admin, for city staff: filter by campaign and status,
search, export CSV, and screen an entry (status and notes; the rest is read-only).
Operators and residents hold no permission on entries, so they never reach them."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from .forms import CampaignEntryAdminForm
from .models import DELETED_MEMBER, CampaignEntry, CampaignPage, EntryStatus


class EntryPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (granted to city staff, see ``campaigns.apps``), except that
    nobody adds an entry in the admin: residents send them from the campaign page."""

    denied_actions = ("add",)

    def user_has_permission(self, user, action):
        return action not in self.denied_actions and super().user_has_permission(user, action)


entry_policy = EntryPermissionPolicy(CampaignEntry)
register_permission_policy(CampaignEntry, entry_policy)


def _korean_campaigns(request):
    from core.i18n import default_locale_id

    return CampaignPage.objects.filter(locale_id=default_locale_id()).order_by("-opens_at")


class CampaignEntryFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        queryset=_korean_campaigns, label=_("Campaign"), empty_label=_("All campaigns")
    )
    status = django_filters.MultipleChoiceFilter(choices=EntryStatus.choices, label=_("Status"))

    class Meta:
        model = CampaignEntry
        fields = ["campaign", "status"]


class PhotoPanel(FieldPanel):
    """The entry's photo as a thumbnail linking to the file (read-only)."""

    def format_value_for_display(self, value):
        if not value:
            return _("No photo")
        return format_html(
            '<a href="{url}" target="_blank" rel="noopener"><img src="{url}" alt="{alt}" '
            'style="max-width: 20rem; max-height: 15rem"></a>',
            url=value.url,
            alt=_("Photo sent with the entry"),
        )


class ResidentPanel(FieldPanel):
    """The resident, read-only; "Deleted member" once the account is gone (Wagtail
    would print "None")."""

    def format_value_for_display(self, value):
        return DELETED_MEMBER if value is None else super().format_value_for_display(value)


class CampaignEntryViewSet(SnippetViewSet):
    model = CampaignEntry
    icon = "clipboard-list"
    menu_label = _("Campaign entries")
    menu_name = "campaign-entries"
    menu_order = 230
    add_to_admin_menu = True
    filterset_class = CampaignEntryFilterSet
    list_display = [
        "space_title",
        "campaign",
        Column("resident_name", label=_("resident")),
        "status",
        "created_at",
    ]
    search_fields = ["space_title", "why", "user__username", "notes"]
    ordering = ["-created_at"]
    list_export = [
        "pk",
        "campaign_title",
        "status_label",
        "space_title",
        "why",
        "resident_name",
        "contact",
        "photo_url",
        "terms_accepted_local",
        "privacy_accepted_local",
        "created_local",
        "decided_local",
        "decided_by",
        "notes",
    ]
    export_headings = {
        "pk": _("ID"),
        "campaign_title": _("Campaign"),
        "status_label": _("Status"),
        "space_title": _("Space"),
        "why": _("Why"),
        "resident_name": _("Resident"),
        "contact": _("Contact"),
        "photo_url": _("Photo"),
        "terms_accepted_local": _("Terms accepted at"),
        "privacy_accepted_local": _("Personal data use accepted at"),
        "created_local": _("Sent at"),
        "decided_local": _("Status changed at"),
        "decided_by": _("Status changed by"),
        "notes": _("Staff notes"),
    }
    export_filename = "campaign-entries"
    # Residents write entries; staff screen them: only the status and notes change here.
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("campaign", read_only=True),
                    FieldRowPanel(
                        [
                            ResidentPanel("user", read_only=True),
                            FieldPanel("contact", read_only=True),
                        ]
                    ),
                    FieldPanel("space_title", read_only=True),
                    FieldPanel("why", read_only=True),
                    PhotoPanel("photo", read_only=True),
                    FieldRowPanel(
                        [
                            FieldPanel("created_at", read_only=True),
                            FieldPanel("terms_accepted_at", read_only=True),
                            FieldPanel("privacy_accepted_at", read_only=True),
                        ]
                    ),
                ],
                heading=_("Entry"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("notes"),
                    FieldRowPanel(
                        [
                            FieldPanel("decided_at", read_only=True),
                            FieldPanel("decided_by", read_only=True),
                        ]
                    ),
                ],
                heading=_("Screening"),
            ),
        ],
        base_form_class=CampaignEntryAdminForm,
    )

    def get_queryset(self, request):
        return CampaignEntry.objects.select_related("campaign", "user", "decided_by")

    def register_chooser_viewset(self):
        """No chooser: nothing picks entries, and its listing would show them to anyone
        who may choose snippets."""


register_snippet(CampaignEntryViewSet)
