from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from residents import rights

LABELS = {
    "bookings": "bookings anonymised",
    "recurring_bookings": "recurring bookings anonymised",
    "registrations": "registrations anonymised",
    "campaign_entries": "campaign entries anonymised",
    "photos": "entry photos deleted",
    "outbox": "sent e-mails and notices deleted",
    "search_hits": "search log daily hits deleted",
    "search_terms": "search terms without hits deleted",
    "sessions": "expired sessions deleted",
}


class Command(BaseCommand):
    help = (
        "Anonymise bookings, registrations and campaign entries older than "
        "PERSONAL_DATA_RETENTION_DAYS, and delete old e-mail records, search log hits and "
        "expired sessions (residents.rights.apply_retention). Safe to run again."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = timezone.localtime(rights.retention_cutoff(now))
        self.stdout.write(
            f"Anonymising personal data from before {cutoff:%Y-%m-%d %H:%M} "
            f"({settings.PERSONAL_DATA_RETENTION_DAYS} days) …"
        )
        counts = rights.apply_retention(now)
        for key, count in counts.items():
            self.stdout.write(f"  {count} {LABELS.get(key, key)}")
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(counts.values())} changes."))
