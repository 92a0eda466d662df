from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SpaceOperator(models.Model):
    """Who runs a space: an account that may edit the space page and its programs and
    decide its bookings (``spaces.access`` turns active rows into Wagtail tree
    permissions). A space may have several operators; an operator several spaces."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed (in review)")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")

    space = models.ForeignKey(
        "spaces.SpacePage",
        on_delete=models.CASCADE,
        related_name="operator_roles",
        verbose_name=_("space"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="space_roles",
        verbose_name=_("operator account"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_(
            "A trusted operator publishes changes to the space page directly; "
            "otherwise they go through the space review."
        ),
    )
    note = models.CharField(_("staff note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("space operator")
        verbose_name_plural = _("space operators")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_role_per_space_and_user")
        ]
        permissions = [
            (
                "oversee_spaces",
                _("Can see and manage every space, its operators, bookings and registrations"),
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.space}"
