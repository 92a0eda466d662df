"""Benchmark of the bulk import (``manage.py import_spaces``) on the configured database.

    .venv/bin/python bench/import_spaces.py [--rows 6000] [--seed 1] [--twice] [--keep]

    # a throwaway SQLite database:
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py load_demo --force --spaces 0
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/import_spaces.py

    # PostgreSQL:
    createdb -h 127.0.0.1 -U postgres portal_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo --force --spaces 0
    .venv/bin/python bench/import_spaces.py

Writes a CSV of N valid synthetic rows (default 6,000) spread over all 25 districts,
times ``import_spaces`` on it and prints total seconds and rows per second. ``--twice``
imports the same file again (every row an update: a new revision per page). The
database needs the space directory page (``load_demo --force --spaces 0``). The rows'
external ids start with ``BENCH-``; their pages are deleted afterwards unless ``--keep``.
Settings: ``DJANGO_SETTINGS_MODULE`` (default ``portal.settings.dev``) and ``DATABASE_URL``;
run with ``DEBUG=false`` for production-like figures (DEBUG's query log adds ~20 %).

Measured on the 2-core build machine (DEBUG=false, 6,000 rows, November 2026), with
the batch writer ``spaces.bulk.save_spaces``: SQLite 19.7 s (305 rows/s) to create,
40.6 s to update; PostgreSQL 15 38.2 s (157 rows/s) to create, 51.5 s to update.
(Through Wagtail's one-page-at-a-time path it was 172 s / 135 s on SQLite and
372 s / 307 s on PostgreSQL.)
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from random import Random

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

PREFIX = "BENCH-"
HOURS = [
    "Mo-Fr 09:00-18:00",
    "Mo-Fr 09:00-18:00; Sa 10:00-14:00; PH off",
    "Tu-Su 10:00-22:00",
    "Mo-Sa 08:30-21:00; Su 12:00-18:00",
    "24/7",
    "",
]
WORDS = ["마을", "공유", "이웃", "나눔", "작은", "열린", "푸른", "함께", "모두의", "동네"]


def synthetic_rows(count, seed):
    from spaces.seed import ACCESSIBILITY_FEATURES, AMENITIES, DISTRICTS, SPACE_TYPES

    rnd = Random(seed)
    for number in range(1, count + 1):
        slug, district_ko, district_en, lat, lng = DISTRICTS[number % len(DISTRICTS)]
        type_slug, type_ko, type_en, _colour = SPACE_TYPES[number % len(SPACE_TYPES)]
        # The district as slug, Korean or English name; the type likewise.
        district = (slug, district_ko, district_en)[number % 3]
        space_type = (type_slug, type_ko, type_en)[(number // 3) % 3]
        name = f"{rnd.choice(WORDS)} {type_ko} {number}호"
        yield {
            "external_id": f"{PREFIX}{number:05d}",
            "name": name,
            "name_en": f"{type_en} no. {number}",
            "space_type": space_type,
            "district": district,
            "address": f"서울특별시 {district_ko} 벤치로 {number}",
            "latitude": f"{min(max(lat + rnd.uniform(-0.02, 0.02), 37.42), 37.71):.6f}",
            "longitude": f"{min(max(lng + rnd.uniform(-0.02, 0.02), 126.77), 127.18):.6f}",
            "capacity": rnd.randint(4, 120),
            "operator_name": f"{district_ko} 주민자치회",
            "operator_kind": rnd.choice(["public", "private", "공공", "민간"]),
            "phone": f"02-{rnd.randint(200, 999)}-{rnd.randint(1000, 9999)}",
            "email": f"space{number}@example.org",
            "website": rnd.choice(["", f"example.org/spaces/{number}", "https://example.com"]),
            "opening_hours": rnd.choice(HOURS),
            "amenities": ";".join(a[0] for a in rnd.sample(AMENITIES, rnd.randint(0, 4))),
            "accessibility": ";".join(
                a[1] for a in rnd.sample(ACCESSIBILITY_FEATURES, rnd.randint(0, 3))
            ),
            "description": f"{name}입니다.\n\n누구나 이용할 수 있는 동네 공간입니다.",
            "bookable": rnd.choice(["yes", "no", "예", "아니오"]),
        }


def write_csv(path, count, seed):
    from spaces.importer import COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(synthetic_rows(count, seed))


def timed_import(path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    try:
        call_command("import_spaces", str(path), verbosity=0, stdout=out, stderr=err)
    except CommandError as error:
        print(err.getvalue()[:2000], file=sys.stderr)
        raise SystemExit(f"import_spaces failed: {error}") from error
    return time.perf_counter() - started, out.getvalue().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--twice", action="store_true", help="Import again (all updates).")
    parser.add_argument("--keep", action="store_true", help="Keep the BENCH- pages.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from spaces.models import SpacePage
    from spaces.services import directory

    if directory() is None:
        raise SystemExit("No space directory page: run manage.py load_demo --force --spaces 0")
    before = SpacePage.objects.filter(external_id__startswith=PREFIX).count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"{before} {PREFIX} pages already there"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spaces.csv"
        write_csv(path, args.rows, args.seed)
        runs = ["first import", "second import (updates)"] if args.twice else ["import"]
        for label in runs:
            seconds, summary = timed_import(path)
            print(f"{label}: {summary}")
            print(
                f"  {args.rows} rows in {seconds:.1f} s = {args.rows / seconds:.1f} rows/s "
                f"({1000 * seconds / args.rows:.1f} ms a row)"
            )
    if not args.keep:
        started = time.perf_counter()
        pages = SpacePage.objects.filter(external_id__startswith=PREFIX)
        deleted = pages.count()
        pages.delete()
        print(f"deleted the {deleted} {PREFIX} pages in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
