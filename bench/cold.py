"""The cold path: every list, map and search request answered by the database, not a
cache, timed in-process (server time, no network) with the production settings.

    .venv/bin/python bench/cold.py                  # against BENCH_DATABASE_URL
    .venv/bin/python bench/cold.py --urls 20 --seed 1

Each kind of request is asked at ``--urls`` distinct addresses (different words,
points, times, map boxes, pages), each once, with the page cache off: no remembered
answer or page of results can serve it. What every request builds on (the site, the
menus, the terms) is in place first, as on a running server. Prints, per kind, the
median and 95th percentile in ms and the most SQL queries one request made.
``make bench`` runs it at each size (``--passes cold``); docs/performance.md keeps the
table at 600, 6,000 and 60,000 spaces.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULTS = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
    ),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PORTAL_BASE_URL": "http://localhost",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
}
SEOUL = (126.76, 37.41, 127.19, 37.72)  # W, S, E, N


def addresses(count, seed):
    """{kind: [distinct addresses]} drawn from the loaded data."""
    from spaces.models import District, SpacePage, SpaceType

    rng = random.Random(seed)
    korean = SpacePage.objects.live().filter(locale__language_code="ko")
    titles = list(korean.order_by("pk").values_list("title", flat=True))
    points = list(korean.exclude(latitude=None).order_by("pk").values_list("latitude", "longitude"))
    points = rng.sample(points, min(count, len(points)))
    districts = list(District.objects.values_list("slug", flat=True))
    types = list(SpaceType.objects.values_list("slug", flat=True))
    today = datetime.date.today()

    def distinct(make):
        found, tries = [], 0
        while len(found) < count and tries < count * 50:
            tries += 1
            url = make()
            if url not in found:
                found.append(url)
        return found

    def word():
        """A word of a space's name, or two syllables of one (as people type)."""
        text = rng.choice(rng.choice(titles).split())
        if len(text) > 2 and rng.random() < 0.5:
            start = rng.randrange(len(text) - 1)
            text = text[start : start + 2]
        return text

    def time_first():
        day = today + datetime.timedelta(days=rng.randrange(1, 15))
        hour = rng.randrange(9, 20)
        return {
            "date": day.isoformat(),
            "start": f"{hour:02d}:00",
            "end": f"{hour + 2:02d}:00",
            "min_capacity": rng.choice((4, 6, 8, 10, 12, 20)),
        }

    def seoul_box():
        """Seoul at zoom 11, nudged by up to ~100 m so each box is another address."""
        w, s, e, n = (edge + rng.uniform(-0.001, 0.001) for edge in SEOUL)
        return {"bbox": f"{w:.4f},{s:.4f},{e:.4f},{n:.4f}", "zoom": 11}

    english = ("kitchen", "library", "workshop", "study", "room", "seminar", "music", "book")
    return {
        "directory, text query ?q=": distinct(lambda: "/spaces/?" + urlencode({"q": word()})),
        "directory near a point": [
            "/spaces/?" + urlencode({"near": f"{lat:.5f},{lng:.5f}"}) for lat, lng in points
        ],
        "directory, time-first": distinct(lambda: "/spaces/?" + urlencode(time_first())),
        "directory, district and type": distinct(
            lambda: (
                "/spaces/?"
                + urlencode({"district": rng.choice(districts), "type": rng.choice(types)})
            )
        ),
        "GeoJSON, all of Seoul, zoom 11": distinct(
            lambda: "/api/spaces.geojson?" + urlencode(seoul_box())
        ),
        "GeoJSON, time-first": distinct(
            lambda: "/api/spaces.geojson?" + urlencode({**seoul_box(), **time_first()})
        ),
        "program listing": distinct(
            lambda: (
                "/programs/?"
                + urlencode(
                    {
                        "district": rng.choice(districts),
                        "from": (today + datetime.timedelta(days=rng.randrange(0, 20))).isoformat(),
                    }
                )
            )
        ),
        "site search": distinct(
            lambda: (
                "/search/?"
                + urlencode({"q": word() if rng.random() < 0.8 else rng.choice(english)})
            )
        ),
    }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(count=20, seed=1):
    """[(kind, median ms, p95 ms, most queries, requests)] over ``count`` distinct
    addresses per kind."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    for cache in caches.all():
        cache.clear()  # nothing remembered from an earlier run with the same addresses
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", secure=True)
    for url in ("/", "/spaces/", "/programs/", "/search/?q=warm", "/api/spaces.geojson"):
        client.get(url)  # the site, menus and terms every request builds on
    rows = []
    for kind, urls in addresses(count, seed).items():
        times, most = [], 0
        for url in urls:
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            most = max(most, len(queries))
        rows.append((kind, statistics.median(times), percentile(times, 0.95), most, len(urls)))
    return rows


def table(rows, size):
    lines = []
    for kind, median, p95, queries, count in rows:
        lines.append(f"| {size:,} | {kind} | {median:.0f} | {p95:.0f} | {queries} | {count} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=20, help="Distinct addresses per kind.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from spaces.models import SpacePage

    size = SpacePage.objects.live().filter(locale__language_code="ko").count()
    print("| spaces | kind | median ms | p95 ms | SQL/request | addresses |")
    print("|---:|---|---:|---:|---:|---:|")
    for line in table(measure(args.urls, args.seed), size):
        print(line, flush=True)


if __name__ == "__main__":
    main()
