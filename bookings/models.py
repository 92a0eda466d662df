"""Bookings of spaces, and the e-mail notices about them.

Two active bookings (requested or confirmed) of one space never overlap: on
PostgreSQL an exclusion constraint says so (migration 0002); on SQLite, where the
portal's transactions take the write lock when they begin (``transaction_mode =
IMMEDIATE``), ``bookings.services`` checks and inserts inside one transaction, so a
second writer waits for the first and then sees its booking."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage


class Status(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


ACTIVE = (Status.REQUESTED, Status.CONFIRMED)  # the statuses that hold a slot

# What operators and staff see where a resident's name was, once the account is gone.
DELETED_MEMBER = _("Deleted member")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def overlapping(self, start, end):
        """Bookings that share any moment with [start, end) (back to back is fine)."""
        return self.filter(start__lt=end, end__gt=start)

    def overdue_requests(self, now=None):
        return self.filter(status=Status.REQUESTED, expires_at__lte=now or timezone.now())


class BookingSeries(models.Model):
    """One recurring request (e.g. every Thursday 19:00–21:00 for 8 weeks). Each date
    is a Booking of its own, checked, held and decided on its own; the series lets a
    resident ask once and an operator answer all its dates at once."""

    space = models.ForeignKey(
        "spaces.SpacePage",
        verbose_name=_("space"),
        on_delete=models.PROTECT,
        related_name="booking_series",
    )
    # Empty once the resident deleted their account (``residents.rights``).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_series",
    )
    weeks = models.PositiveSmallIntegerField(_("weeks"))
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.space.title} × {self.weeks}"


class Booking(models.Model):
    space = models.ForeignKey(
        "spaces.SpacePage",
        verbose_name=_("space"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    # Empty once the resident deleted their account or the booking outlived the
    # retention period (``residents.rights``): the city keeps the booking for its
    # statistics, without who made it nor why.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    headcount = models.PositiveIntegerField(_("people"))
    purpose = models.CharField(_("purpose"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Told to the resident when a request is declined."),
    )
    expires_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("recurring booking"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["space", "start", "end"]),
            models.Index(fields=["status", "expires_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="booking_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="booking_headcount_positive"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.space.title} {local:%Y-%m-%d %H:%M}–{timezone.localtime(self.end):%H:%M}"

    def get_absolute_url(self):
        return reverse("bookings:detail", args=[self.pk])

    @property
    def resident_name(self):
        """Who booked, as operators and staff see it (listing, Decide, dashboard)."""
        return self.user.get_username() if self.user_id else str(DELETED_MEMBER)

    @property
    def start_local(self):
        """The start as Seoul wall-clock time (exports, e-mails)."""
        return f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def end_local(self):
        return f"{timezone.localtime(self.end):%Y-%m-%d %H:%M}"

    @property
    def is_active(self):
        return self.status in ACTIVE

    @property
    def can_cancel(self):
        return self.is_active and self.end > timezone.now()


class Notice(OutboxMessage):
    """An e-mail to send about a booking: written in the same transaction as the change
    it announces (so it is never lost), sent after commit by a background task, and
    retried with growing pauses until it goes out (so a mail server's trouble never
    blocks a booking, and a short outage does not use up the retries)."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("New request (to the operator)")
        RECEIVED = "received", _("Request received (to the resident)")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("booking e-mail")
        verbose_name_plural = _("booking e-mails")

    def mail_context(self):
        booking = self.booking
        context = {"notice": self, "booking": booking, "space": booking.space, "kind": self.kind}
        if booking.series_id:
            # A date of a recurring booking: the mail names the series and lists its
            # dates with their statuses (bookings.series).
            from .series import notice_context

            context.update(notice_context(booking, self.kind))
        return context
