"""E-mails to space operators about their proposals and their space's review.
(Who runs which space is ``spaces.SpaceOperator``; this app holds the public
registration form, the review's outcome e-mails, the operator's dashboard and the
staff's review queue and statistics.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage


class OperatorNotice(OutboxMessage):
    class Kind(models.TextChoices):
        RECEIVED = "received", _("Proposal received")
        APPROVED = "approved", _("Proposal approved")
        DECLINED = "declined", _("Proposal declined")
        PUBLISHED = "published", _("Changes published")
        CHANGES_DECLINED = "changes-declined", _("Changes need work")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    space = models.ForeignKey(
        "spaces.SpacePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    space_title = models.CharField(max_length=255)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("operator e-mail")
        verbose_name_plural = _("operator e-mails")
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def render(self):
        from django.template.loader import render_to_string
        from django.urls import reverse

        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_url if site else ""
        context = {
            "notice": self,
            "kind": self.kind,
            "space": self.space,
            "operators_url": root + reverse("operators:index"),
        }
        subject = " ".join(render_to_string("operators/email/subject.txt", context).split())
        return subject, render_to_string("operators/email/body.txt", context)
