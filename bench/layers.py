"""What each cache layer earns: the uncached request timed in-process with one layer
switched off (docs/architecture.md, "What else is remembered").

    .venv/bin/python bench/layers.py [all|no-memo|no-fragments|no-items|no-pages|none]

Run from the checkout against a loaded, ANALYZEd PostgreSQL database (DATABASE_URL,
default portal_perf) with Redis (REDIS_URL, default database 13) and collected static
files (production settings, page cache off)."""

import os
import statistics
import sys
import time
from pathlib import Path

DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_perf",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "testserver,localhost",
    "PORTAL_BASE_URL": "http://localhost",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
}
VARIANTS = ("all", "no-memo", "no-fragments", "no-items", "no-pages", "none")


def switch_off(variant):
    from django.conf import settings
    from django.core.paginator import Paginator

    import spaces.directory
    from core import fragments, memo, paging, versions

    if variant == "no-memo":
        memo.remember_object = lambda kind, *parts, build: build()
        memo._site_for = lambda request: (None, None)
    elif variant == "no-fragments":
        keys = fragments.page_keys
        fragments.page_keys = lambda *a, **k: {**keys(*a, **k), "fragment_seconds": 0}
    elif variant == "no-items":
        versions.remember_many = lambda kind, items, part_of, build, tags=(): list(
            build(list(items))
        )
    elif variant == "no-pages":

        def fresh_page(kind, parts, per_page, number, find, keep, timeout=None):
            items, extra = find()
            notices = []
            page = paging.page_or_notice(items, per_page, number, notices)
            kept = [keep(item) for item in page.object_list]
            found = {**extra, "count": page.paginator.count, "number": page.number}
            shown = Paginator(range(found["count"]), per_page).page(found["number"])
            shown.object_list = kept
            return shown, {**found, "kept": kept, "notices": notices}

        spaces.directory.remembered_page = fresh_page
        paging.remembered_page = fresh_page
    elif variant == "none":
        settings.CACHE_SECONDS = 0


def main():
    variant = sys.argv[1] if len(sys.argv) > 1 else "all"
    if variant not in VARIANTS:
        sys.exit(f"Choose one of: {', '.join(VARIANTS)}")
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from spaces.models import SpacePage
    from stories.models import StoryPage

    switch_off(variant)
    for cache in caches.all():
        cache.clear()
    korean = {"locale__language_code": "ko"}
    kinds = {
        "space": [p.url for p in SpacePage.objects.live().filter(**korean).order_by("pk")[:60]],
        "story": [p.url for p in StoryPage.objects.live().filter(**korean).order_by("pk")[:30]],
        "home": ["/", "/en/"],
        "directory": [
            "/spaces/",
            "/spaces/?type=small-library",
            "/spaces/?district=mapo",
            "/en/spaces/",
            "/spaces/?page=2",
            "/spaces/?open_now=1",
        ],
        "programs": ["/programs/", "/en/programs/", "/programs/?page=2"],
        "search": ["/search/?q=도서관", "/search/?q=공방", "/en/search/?q=library"],
    }
    client = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
    shown = []
    for kind, urls in kinds.items():
        for url in urls:  # what every request keeps is in place first
            client.get(url)
        times = []
        for _round in range(3):
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0])
        shown.append(f"{kind}={statistics.median(times):.1f}ms/{len(queries)}q")
    print(variant.ljust(13), "  ".join(shown), flush=True)


if __name__ == "__main__":
    main()
