"""Sending the booking e-mails queued in ``Notice``: each is tried until it goes out
(up to ``MAX_ATTEMPTS``, with growing pauses between tries), a failure is recorded on
the row and never touches the booking. ``manage.py send_booking_notices`` (run by cron
or the worker) sends what is due."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notice

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BATCH = 100


def pending():
    return Notice.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)


def backoff(attempts):
    """The pause after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 360))


def deliver_pending(limit=BATCH, *, now=None, ignore_pauses=False):
    """Send up to ``limit`` notices that are due; returns (sent, failed). A notice that
    failed waits (``backoff``) before it is tried again, unless ``ignore_pauses``."""
    now = now or timezone.now()
    sent = failed = 0
    due = pending() if ignore_pauses else pending().filter(next_attempt_at__lte=now)
    with transaction.atomic():
        notices = list(
            due.select_related("booking__space", "booking__user")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("created_at")[:limit]
        )
        for notice in notices:
            try:
                send(notice)
            except Exception as error:  # the mail server's trouble: try again later
                notice.attempts += 1
                notice.last_error = f"{type(error).__name__}: {error}"[:2000]
                notice.next_attempt_at = timezone.now() + backoff(notice.attempts)
                notice.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                logger.warning(
                    "Booking e-mail %s not sent (attempt %s): %s", notice.pk, notice.attempts, error
                )
                failed += 1
            else:
                notice.attempts += 1
                notice.sent_at = timezone.now()
                notice.save(update_fields=["attempts", "sent_at"])
                sent += 1
    return sent, failed


def send(notice):
    booking = notice.booking
    with translation.override(notice.language or settings.LANGUAGE_CODE):
        context = {
            "notice": notice,
            "booking": booking,
            "space": booking.space,
            "kind": notice.kind,
        }
        subject = " ".join(render_to_string("bookings/email/subject.txt", context).split())
        body = render_to_string("bookings/email/body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.recipient])
