from django.core.management.base import BaseCommand

from core import outbox
from events.models import RegistrationNotice


class Command(BaseCommand):
    help = "Send the registration e-mails that are due (failed ones after a pause); run from cron."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Retry failed e-mails at once.")

    def handle(self, *args, now, **options):
        sent, failed = outbox.deliver_all(RegistrationNotice.objects.all(), ignore_pauses=now)
        self.stdout.write(f"sent {sent}, failed {failed}")
