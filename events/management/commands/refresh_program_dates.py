from django.core.management.base import BaseCommand

from events.schedule import HORIZON_DAYS, refresh_all


class Command(BaseCommand):
    help = f"Roll every program's dates {HORIZON_DAYS} days ahead; run it daily from cron."

    def handle(self, *args, **options):
        added, cancelled, removed = refresh_all()
        self.stdout.write(f"added {added}, cancelled {cancelled}, removed {removed}")
