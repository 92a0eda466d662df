"""E-mails to space operators about their proposals and their space's review.
(Who runs which space is ``spaces.SpaceOperator``; this app holds the public
registration form, the review's outcome e-mails, the operator's dashboard and the
staff's review queue and statistics.)"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage


class OperatorNotice(OutboxMessage):
    """An e-mail about a space's review: to the operator (the outcome) or, for
    ``SUBMITTED``, to each reviewer on city staff. These replace Wagtail's own workflow
    e-mails (``operators.signals``), so each step sends one mail, in the recipient's
    language, with a link to the screen to act on (``core.links``)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Proposal received")
        APPROVED = "approved", _("Proposal approved")
        DECLINED = "declined", _("Proposal declined")
        PUBLISHED = "published", _("Changes published")
        CHANGES_DECLINED = "changes-declined", _("Changes need work")
        SUBMITTED = "submitted", _("Submitted for review (to staff)")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    space = models.ForeignKey(
        "spaces.SpacePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    space_title = models.CharField(max_length=255)
    comment = models.TextField(blank=True)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("operator e-mail")
        verbose_name_plural = _("operator e-mails")

    def links(self):
        """The screen to act on first, then the others worth having: (label, URL)."""
        from core import links

        space, kind = self.space, self.kind
        edit = links.url("wagtailadmin_pages:edit", space.pk) if space else None
        public = links.page_url(space) if space is not None and space.live else None
        yours = links.url("operators:index")
        found = {
            self.Kind.SUBMITTED: [(_("Review it here"), edit)],
            self.Kind.RECEIVED: [(_("Your spaces"), yours)],
            self.Kind.APPROVED: [(_("Public page"), public), (_("Your spaces"), yours)],
            self.Kind.DECLINED: [(_("Your spaces"), yours)],
            self.Kind.PUBLISHED: [(_("Public page"), public), (_("Your spaces"), yours)],
            self.Kind.CHANGES_DECLINED: [(_("Edit the space"), edit), (_("Your spaces"), yours)],
        }.get(kind, [(_("Your spaces"), yours)])
        return [(label, url) for label, url in found if url]

    def mail_context(self):
        return {"notice": self, "kind": self.kind, "space": self.space, "links": self.links()}
