"""Sending queued messages (an outbox): each message is a row written in the same
transaction as the change it announces, so it is never lost; it is sent after commit
by a background task and tried again after growing pauses, up to ``MAX_ATTEMPTS``, so
a mail server's trouble never blocks the change nor uses up the retries in a moment.

A message is claimed (its attempt counted, its next pause set) in a short write of its
own and sent outside any transaction: a mail server that is slow or stuck never holds a
database lock (on SQLite that would be the lock every booking needs), and a sender
killed mid-send has still counted the attempt, so the message waits for its pause
instead of being retried at once. Every connection has ``EMAIL_TIMEOUT``; when a send
times out the run ends and the other due messages wait a pause too, so a server that
takes connections and never answers costs one timeout per run, not one per message.

A message model has ``recipient``, ``language``, ``sent_at``, ``attempts``,
``next_attempt_at``, ``last_error`` and ``render()`` → (subject, body), and may have a
``channel`` (``core.notify``: e-mail unless it names another, such as a resident's SMS)."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import module_loading, timezone, translation

from . import notify

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BATCH = 100


def pending(queryset):
    return queryset.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)


def backoff(attempts):
    """The pause after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 360))


def timed_out(error):
    """Whether ``error`` (or what caused it) is a timeout: smtplib reports a greeting
    that never came as ``SMTPServerDisconnected`` raised while handling ``TimeoutError``."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, TimeoutError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def claim(queryset, due, pk, attempts):
    """Take message ``pk`` for one attempt, or None if another sender took it first.

    A conditional update on the attempt count, committed at once (outside a caller's
    transaction): of two senders only one matches, and the attempt and its pause are
    recorded before the mail server is asked, whatever becomes of this process."""
    now = timezone.now()
    taken = due.filter(pk=pk, attempts=attempts).update(
        attempts=attempts + 1, next_attempt_at=now + backoff(attempts + 1)
    )
    return queryset.filter(pk=pk).first() if taken else None


def deliver(queryset, *, limit=BATCH, now=None, ignore_pauses=False):
    """Send up to ``limit`` messages of ``queryset`` that are due; (sent, failed)."""
    now = now or timezone.now()
    due = pending(queryset)
    if not ignore_pauses:
        due = due.filter(next_attempt_at__lte=now)
    sent = failed = 0
    order = ("created_at", "pk")
    for pk, attempts in list(due.order_by(*order).values_list("pk", "attempts")[:limit]):
        message = claim(queryset, due, pk, attempts)
        if message is None:  # another sender has it, or it went meanwhile
            continue
        try:
            with translation.override(message.language or settings.LANGUAGE_CODE):
                subject, body = message.render()
            channel = notify.channel(getattr(message, "channel", notify.DEFAULT))
            channel.send(message.recipient, subject, body)
        except Exception as error:  # the mail server's trouble: try again later
            last_error = f"{type(error).__name__}: {error}"[:2000]
            type(message).objects.filter(pk=pk).update(last_error=last_error)
            logger.warning(
                "E-mail %s #%s not sent (attempt %s): %s",
                type(message).__name__,
                pk,
                message.attempts,
                error,
            )
            failed += 1
            if timed_out(error):
                hold(queryset, timezone.now() + backoff(1))
                break
        else:
            type(message).objects.filter(pk=pk).update(sent_at=timezone.now())
            sent += 1
    return sent, failed


def hold(queryset, until):
    """The mail server took a connection and did not answer in time: each other message
    would wait as long. They wait until ``until`` (without an attempt counted), and the
    next run (a new message's task, the scheduled command) tries the server again."""
    pending(queryset).filter(next_attempt_at__lt=until).update(next_attempt_at=until)


def deliver_all(queryset, *, ignore_pauses=False):
    """Deliver batches until nothing due is left; (sent, failed)."""
    total_sent = total_failed = 0
    while True:
        sent, failed = deliver(queryset, ignore_pauses=ignore_pauses)
        total_sent += sent
        total_failed += failed
        if sent == 0 or not pending(queryset).exists():
            return total_sent, total_failed


def queue_senders():
    """Queue every outbox's sending task (``settings.OUTBOX_TASKS``): when a worker
    starts (messages a worker that died left unsent) and on the worker's schedule
    (``SCHEDULED_JOBS``: failed messages whose pause is over are retried only by a run)."""
    for path in settings.OUTBOX_TASKS:
        module_loading.import_string(path).enqueue()
