"""Benchmark of the map data API (``/api/spaces.geojson``) at growing numbers of spaces.

    createdb -h 127.0.0.1 -U postgres portal_map
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_map DEBUG=false
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/geojson.py                 # 600, 6,000 and 60,000 spaces
    .venv/bin/python bench/geojson.py --sizes 600 --runs 50

For each size it first tops the demo spaces up to that number (``load_demo --spaces N``
adds only the missing ones; sizes below what the database already holds are skipped,
so start from an empty database), then times the API in-process through Django's test
client — server time, no network — for a few typical map views, each ``--runs`` times:
"cold" clears the cache before every request (the database does the work), "warm"
serves the cached answer of the same view. Prints median and 95th percentile in ms,
the features returned and whether they are clusters. Settings as for ``manage.py``
(``DJANGO_SETTINGS_MODULE``, ``DATABASE_URL``); use DEBUG=false.

Measured on the 2-core build machine (PostgreSQL 15, DEBUG=false, November 2026), cold
median / p95 for the whole Seoul bbox at zoom 11: 600 spaces 15.4 / 16.7 ms (600 points,
253 KB); 6,000 spaces 12.7 / 16.1 ms (36 clusters); 60,000 spaces 76.0 / 80.8 ms (36
clusters). Mapo-gu at zoom 14: 9.9, 14.3 and 42.0 ms. A cached answer: 0.5–0.9 ms.
Loading 60,000 demo spaces took about 7½ minutes (3 to save, the rest indexing).
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

VIEWS = [
    ("Seoul, zoom 11", {"bbox": "126.76,37.41,127.19,37.72", "zoom": "11"}),
    (
        "Seoul, small libraries",
        {"bbox": "126.76,37.41,127.19,37.72", "zoom": "11", "type": "small-library"},
    ),
    (
        "Seoul, 30+ people, lift",
        {
            "bbox": "126.76,37.41,127.19,37.72",
            "zoom": "11",
            "min_capacity": "30",
            "accessibility": "lift",
        },
    ),
    ("Mapo-gu, zoom 14", {"bbox": "126.87,37.53,126.96,37.58", "zoom": "14"}),
    ("a few streets, zoom 16", {"bbox": "126.900,37.550,126.925,37.562", "zoom": "16"}),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_view(client, params, runs, cold):
    from django.core.cache import cache

    timings = []
    body = None
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get("/api/spaces.geojson", params)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params}: HTTP {response.status_code} {response.content[:300]!r}")
        body = response.content
    return timings, json.loads(body), len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="600,6000,60000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from spaces.models import SpacePage

    client = Client(HTTP_HOST="localhost")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    for size in (int(s) for s in args.sizes.split(",")):
        have = SpacePage.objects.live().count()
        if have > size:
            print(f"\n{size:,} spaces: skipped (the database already holds {have:,})")
            continue
        started = time.perf_counter()
        call_command("load_demo", spaces=size, force=True, verbosity=0, stdout=io.StringIO())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum keeps
                cursor.execute("ANALYZE")
        print(f"\n{size:,} spaces (topped up in {time.perf_counter() - started:.0f} s)")
        print(
            f"  {'view':28} {'cold median':>11} {'cold p95':>9} {'warm median':>11} "
            f"{'features':>9} {'kind':>9} {'bytes':>9}"
        )
        for label, params in VIEWS:
            cold, data, size_bytes = time_view(client, params, args.runs, cold=True)
            warm, _data, _bytes = time_view(client, params, args.runs, cold=False)
            kind = "clusters" if data["clustered"] else "points"
            print(
                f"  {label:28} {statistics.median(cold):9.1f}ms {percentile(cold, 0.95):7.1f}ms "
                f"{statistics.median(warm):9.1f}ms {len(data['features']):9,} {kind:>9} "
                f"{size_bytes:9,}"
            )


if __name__ == "__main__":
    main()
