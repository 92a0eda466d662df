"""Run the background worker: first queue every outbox sender (``OUTBOX_TASKS``), so
e-mails left unsent by a worker that died are sent now, and the schedule of periodic
jobs (``core.scheduler``), then run django-tasks-db's worker until stopped. Options
are passed on to ``db_worker``. ``--batch`` (one pass over the queue, then stop) starts
no schedule: a schedule never empties the queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core import outbox, scheduler


class Command(BaseCommand):
    help = (
        "Send e-mails left in the outbox, then run queued background tasks and the "
        "scheduled jobs until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")
        parser.add_argument("--interval", type=float, default=1, help="Seconds between polls.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop after this many.")

    def handle(self, *args, batch, interval, max_tasks, verbosity, **options):
        outbox.queue_senders()
        if not batch:
            scheduler.start()
        worker_options = {"interval": interval, "batch": batch, "verbosity": verbosity}
        if max_tasks is not None:
            worker_options["max_tasks"] = max_tasks
        call_command("db_worker", startup_delay=False, **worker_options)
