from django.core.management.base import BaseCommand

from core import outbox
from residents.models import ResidentNotice


class Command(BaseCommand):
    help = "Send the residents' reminders and notices that are due (failed ones after a pause)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Retry failed notices at once.")

    def handle(self, *args, now, **options):
        sent, failed = outbox.deliver_all(ResidentNotice.objects.all(), ignore_pauses=now)
        self.stdout.write(f"sent {sent}, failed {failed}")
