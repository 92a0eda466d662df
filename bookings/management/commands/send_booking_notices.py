from django.core.management.base import BaseCommand

from bookings.notices import deliver_pending, pending


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
        total_sent = total_failed = 0
        while True:
            sent, failed = deliver_pending(ignore_pauses=now)
            total_sent += sent
            total_failed += failed
            if sent == 0 or not pending().exists():
                break
        self.stdout.write(f"sent {total_sent}, failed {total_failed}")
