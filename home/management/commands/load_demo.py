"""``manage.py load_demo [--spaces N] [--seed S] [--password P] [--force]``

Deterministic (same seed, same content) and idempotent (running it again adds
nothing twice). Refuses to touch a production database unless ``--force``.
"""

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from tqdm import tqdm

from bookings import demo as bookings_demo
from campaigns import demo as campaigns_demo
from core.demo import DemoContext
from events import demo as events_demo
from home import demo as home_demo
from operators import demo as operators_demo
from residents import demo as residents_demo
from spaces import demo as spaces_demo
from stories import demo as stories_demo

# (label, step) in dependency order: the site and users first, then each domain app.
STEPS = [
    ("site", home_demo.load_site),
    ("users", home_demo.load_users),
    ("spaces", spaces_demo.load),
    ("bookings", bookings_demo.load),
    ("programs", events_demo.load),
    ("operators", operators_demo.load),
    ("stories", stories_demo.load),
    ("campaigns", campaigns_demo.load),
    ("residents", residents_demo.load),
]


class Command(BaseCommand):
    help = "Load the demo content: pages in Korean and English, spaces, programs and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--spaces", type=int, default=600, help="How many spaces (default 600)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--password", default="changeme", help="Password of every demo user (default changeme)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (production-like settings).",
        )

    def handle(self, *args, spaces, seed, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production database. load_demo creates demo "
                "users with known passwords; pass --force if you really mean it."
            )
        if spaces < 0:
            raise CommandError("--spaces must be zero or more.")
        if not password:
            raise CommandError("--password must not be empty.")

        show_progress = options.get("verbosity", 1) > 0
        ctx = DemoContext(seed=seed, spaces=spaces, password=password, quiet=not show_progress)
        # DEBUG keeps each connection's last 9,000 statements, whole: the demo writes its
        # spaces in large multi-row statements (a revision's or search entry's text per
        # row), which at 60,000 spaces would stay in memory to the end. It keeps none.
        with (
            override_settings(DEBUG=False),
            tqdm(
                STEPS, desc="load_demo", unit="step", file=sys.stderr, disable=not show_progress
            ) as progress,
        ):
            for label, step in progress:
                progress.set_postfix_str(label)
                started = time.perf_counter()
                with transaction.atomic():
                    step(ctx)
                if options.get("verbosity", 1) > 1:  # where the time goes (-v 2)
                    progress.write(
                        f"{label}: {time.perf_counter() - started:.1f} s", file=sys.stderr
                    )

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo users (password: {password}):")
        for username, _email, *_rest, role in home_demo.DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role}")
        self.stdout.write("Admin: /admin/  ·  Portal: / (Korean), /en/ (English)")
