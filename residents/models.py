"""What the portal keeps for a resident besides the account itself: their profile and
preferences (``Profile``), what they saved (``SavedItem``) and the notices sent to them
about their own things (``ResidentNotice``: reminders, a saved program's new dates, a
saved space's new hours)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage


def new_calendar_token():
    return secrets.token_urlsafe(24)


class Reminder(models.TextChoices):
    OFF = "off", _("No reminders")
    DAY = "1d", _("The day before")
    HOURS = "2h", _("2 hours before")


class Profile(models.Model):
    """One per account (made by a signal when the account is created)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="ko"
    )
    reminder = models.CharField(
        _("reminders"), max_length=3, choices=Reminder.choices, default=Reminder.DAY
    )
    # A key of settings.NOTIFICATION_CHANNELS ("email" unless the city added one).
    channel = models.CharField(_("send notices by"), max_length=20, default="email")
    notify_saved = models.BooleanField(_("tell me when something I saved changes"), default=True)
    calendar_token = models.CharField(
        max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    privacy_consent_at = models.DateTimeField(
        _("required consent to personal data use given at"), null=True, blank=True
    )
    news_consent_at = models.DateTimeField(
        _("optional consent to news e-mails given at"), null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")

    def __str__(self):
        return str(self.user)


class SavedItem(models.Model):
    """A space or program page a resident saved (찜)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="saved_items",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved item")
        verbose_name_plural = _("saved items")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="saved_item_once_per_resident")
        ]

    def __str__(self):
        return f"{self.user} ♥ {self.page_id}"


class ResidentNotice(OutboxMessage):
    """A notice to a resident about their own things, sent through the channel their
    profile names (``core.notify``). ``key`` makes each notice once only: a reminder is
    keyed by what it reminds of and its start, so a second run (or a second worker)
    never sends it again."""

    class Kind(models.TextChoices):
        BOOKING_REMINDER = "booking-reminder", _("Booking reminder")
        PROGRAM_REMINDER = "program-reminder", _("Program date reminder")
        NEW_DATES = "new-dates", _("A saved program has new dates")
        HOURS_CHANGED = "hours-changed", _("A saved space changed its hours")

    # An e-mail address, or whatever the channel sends to (a phone number for SMS).
    recipient = models.CharField(max_length=254)
    channel = models.CharField(max_length=20, default="email")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_notices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200, unique=True)
    booking = models.ForeignKey(
        "bookings.Booking", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    registration = models.ForeignKey(
        "events.Registration", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What changed, for the message: e.g. {"dates": ["2027-01-05T19:00+09:00", …]} or
    # {"hours": "월–금 10:00–21:00"}.
    detail = models.JSONField(default=dict, blank=True)

    class Meta(OutboxMessage.Meta):
        verbose_name = _("resident notice")
        verbose_name_plural = _("resident notices")
        ordering = ["-created_at", "-pk"]

    def mail_context(self):
        from .notices import mail_context

        return mail_context(self)


def profile_for(user):
    """The account's profile, made now if the account predates profiles."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile
