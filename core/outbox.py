"""Sending queued e-mails (an outbox): each message is a row written in the same
transaction as the change it announces, so it is never lost; it is sent after commit
by a background task and tried again after growing pauses, up to ``MAX_ATTEMPTS``, so
a mail server's trouble never blocks the change nor uses up the retries in a moment.

A message model has ``recipient``, ``language``, ``sent_at``, ``attempts``,
``next_attempt_at``, ``last_error`` and ``render()`` → (subject, body)."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BATCH = 100


def pending(queryset):
    return queryset.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)


def backoff(attempts):
    """The pause after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 360))


def deliver(queryset, *, limit=BATCH, now=None, ignore_pauses=False):
    """Send up to ``limit`` messages of ``queryset`` that are due; (sent, failed)."""
    now = now or timezone.now()
    due = pending(queryset)
    if not ignore_pauses:
        due = due.filter(next_attempt_at__lte=now)
    sent = failed = 0
    # One transaction per message: a worker killed halfway has recorded every message it
    # sent, so the next one repeats at most the message that was in flight.
    for pk in list(due.order_by("created_at").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            message = due.filter(pk=pk).select_for_update(skip_locked=True, of=("self",)).first()
            if message is None:  # another worker has it, or it went meanwhile
                continue
            message.attempts += 1
            try:
                with translation.override(message.language or settings.LANGUAGE_CODE):
                    subject, body = message.render()
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
            except Exception as error:  # the mail server's trouble: try again later
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                logger.warning(
                    "E-mail %s #%s not sent (attempt %s): %s",
                    type(message).__name__,
                    message.pk,
                    message.attempts,
                    error,
                )
                failed += 1
            else:
                message.sent_at = timezone.now()
                message.save(update_fields=["attempts", "sent_at"])
                sent += 1
    return sent, failed


def deliver_all(queryset, *, ignore_pauses=False):
    """Deliver batches until nothing due is left; (sent, failed)."""
    total_sent = total_failed = 0
    while True:
        sent, failed = deliver(queryset, ignore_pauses=ignore_pauses)
        total_sent += sent
        total_failed += failed
        if sent == 0 or not pending(queryset).exists():
            return total_sent, total_failed
