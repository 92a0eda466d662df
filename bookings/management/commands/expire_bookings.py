from django.core.management.base import BaseCommand

from bookings.services import expire_overdue


class Command(BaseCommand):
    help = "Expire booking requests nobody answered in time (frees their slots); run it from cron."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_overdue()}")
