"""Booking e-mails: the ``Notice`` rows, sent through the portal's outbox
(``core.outbox``: after commit, retried with growing pauses). ``manage.py
send_booking_notices`` (run by cron or the worker) sends what is due."""

from core import outbox

from .models import Notice

MAX_ATTEMPTS = outbox.MAX_ATTEMPTS


def pending():
    return outbox.pending(Notice.objects.all())


def deliver_pending(limit=outbox.BATCH, *, now=None, ignore_pauses=False):
    """Send up to ``limit`` booking e-mails that are due; returns (sent, failed)."""
    queryset = Notice.objects.select_related("booking__space", "booking__user")
    return outbox.deliver(queryset, limit=limit, now=now, ignore_pauses=ignore_pauses)
