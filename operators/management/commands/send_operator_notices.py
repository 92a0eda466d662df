from django.core.management.base import BaseCommand

from core import outbox
from operators.models import OperatorNotice


class Command(BaseCommand):
    help = "Send the operator e-mails that are due (proposal received, approved, declined …)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Also send those waiting for their next retry."
        )

    def handle(self, *args, now=False, **options):
        sent, failed = outbox.deliver_all(
            OperatorNotice.objects.select_related("space"), ignore_pauses=now
        )
        self.stdout.write(f"Sent {sent} operator e-mails; {failed} failed and wait for a retry.")
