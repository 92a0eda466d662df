from django.core.management.base import BaseCommand

from residents.reminders import queue_reminders


class Command(BaseCommand):
    help = (
        "Write the reminders of bookings and program dates that are due and send them "
        "(the worker does this every 5 minutes; each reminder is sent once)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"queued {queue_reminders()}")
