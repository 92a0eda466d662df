from django.core.management.base import BaseCommand

from bookings.models import Notice
from core import outbox


class Command(BaseCommand):
    help = (
        "Send the booking e-mails that are due (failed ones are retried after a pause); "
        "run it from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Retry failed e-mails at once instead of waiting for their pause.",
        )

    def handle(self, *args, now, **options):
        sent, failed = outbox.deliver_all(Notice.objects.all(), ignore_pauses=now)
        self.stdout.write(f"sent {sent}, failed {failed}")
