from django.core.management.base import BaseCommand

from bookings.notices import deliver_pending, pending


class Command(BaseCommand):
    help = "Send the booking e-mails not sent yet (retries failures); run it from cron."

    def handle(self, *args, **options):
        total_sent = total_failed = 0
        while True:
            sent, failed = deliver_pending()
            total_sent += sent
            total_failed += failed
            if sent == 0 or not pending().exists():
                break
        self.stdout.write(f"sent {total_sent}, failed {total_failed}")
