"""The portal's load benchmark (``make bench``): real HTTP against gunicorn on PostgreSQL.

    make bench                                   # 600 and 6,000 spaces
    make bench BENCH_ARGS="--sizes 60000"        # a city-sized directory (slow to load)
    .venv/bin/python bench/run.py --sizes 600 --seconds 5 --skip-import
    .venv/bin/python bench/run.py --sizes 600 --skip-load --passes mixed --skip-race \
        --skip-import --write-rates booking=2,registration=1,publish=0.1,entry=1

For each size: the demo is loaded into the database ``BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/portal_bench``, created when missing; sizes only
grow: ``load_demo --spaces N`` adds the missing spaces), static files are collected, and
gunicorn starts on 127.0.0.1 with one worker more than the machine has cores (a sync
worker waiting on Redis or PostgreSQL leaves its core to another) and the production
settings (Redis cache ``BENCH_REDIS_URL``, hashed static files, JSON logs at WARNING, no
access log, ``X-Forwarded-Proto: https`` sent as a TLS proxy would, ``Accept-Encoding``
as browsers send it, so compressed answers are sent compressed). wrk (Debian's package)
then drives each page for ``--seconds`` with ``--connections`` connections, rotating
over many URLs of the same kind (200 space pages, every story, several searches), and
the table shows requests per second, p50 and p99 latency, failed answers, and the SQL
queries one request of that kind costs (the most among the sampled URLs, counted
in-process with the same settings). The same server's rate for a static file
(whitenoise) is the yardstick: "of static" is a page's rate divided by the mean of the
yardstick's rates measured right before and right after that page (the table's static
row is the median of those runs), so that whatever else loads the machine, and its
drift, weigh on both alike.

Five passes per size (``--passes``): "uncached" (``PAGE_CACHE_SECONDS=0``: every request
is built by Django), "cached" (the anonymous page cache on, every URL requested once
first), "mixed" (the cached pass's reads while residents book and cancel, register and
cancel, enter a campaign and an editor publishes a space page, all through HTTP at the
rates of ``--write-rates``) and "logged-in" (residents with sessions browse space pages,
the directory, the booking form and My page while others book). Each row gives p50, p95
and p99 and the share of ``X-Page-Cache: hit`` among the page cache's answers, counted
by wrk's Lua ``response()``; the mixed and logged-in passes also list every kind of
write with its rate, failures and latency (bench/mixed.py). Then the staleness trials
(``--staleness-trials``, default 6): a booking watched by readers of the space page, the
directory and the map filtered to its time; any read that began after the booking was
answered and still showed the slot free is counted. Last per size, "cold": every list,
map and search kind at 20 distinct addresses, in-process with the page cache off
(bench/cold.py): median, p95 and SQL queries, with no remembered answer to help.

Then the booking race: 64 logged-in residents (distinct client addresses, as a proxy
would pass on) ask for the same free slot at the same moment; exactly one may win, the
others get 409 with alternatives, never a 5xx. Last, the import speed of
``bench/import_spaces.py`` (``--import-rows``, default 1,000).

wrk, the load and the server share the machine's cores: figures are for this machine
as a whole, not for the server alone. Results: docs/performance.md.
"""

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cold  # noqa: E402 (bench/cold.py, beside this file)
import mixed  # noqa: E402 (bench/mixed.py, beside this file)

BASE_DIR = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
RACE_CLIENTS = 64


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(args, page_cache_seconds=0):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "CACHE_KEY_PREFIX": "bench",
        "SECRET_KEY": args.secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://localhost",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "TRUST_X_FORWARDED_FOR": "true",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_PRELOAD": "true",
        "PYTHONUNBUFFERED": "1",
    }


def manage(args, *command, page_cache_seconds=0):
    subprocess.run(
        [PY, "manage.py", *command],
        cwd=BASE_DIR,
        env=server_env(args, page_cache_seconds),
        check=True,
    )


def analyze(url):
    """Fresh planner statistics after a bulk load (autovacuum would get there later)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            log(f"Created database {name}")


class Server:
    """gunicorn with the production settings on a free local port."""

    def __init__(self, args, page_cache_seconds):
        self.args = args
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop)
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )
        env = server_env(args, page_cache_seconds)
        env.update(args.gunicorn_env)
        env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PY, "-m", "gunicorn", "portal.wsgi", "-c", args.gunicorn_config],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log.name}")
            try:
                if self.get("/healthz/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer; see {self.log.name}")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        with open(self.log.name, encoding="utf-8", errors="replace") as lines:
            self.restarts = sum("Autorestarting worker" in line for line in lines)
        if self.restarts or self.args.gunicorn_config != "gunicorn.conf.py":
            log(f"  (gunicorn: {self.restarts} workers recycled; log {self.log.name})")


def run_wrk(server, paths, seconds, connections, cookies=()):
    """Requests/s, p50/p95/p99 in ms, failed answers and the page cache's hits and
    misses for ``paths`` in turn (bench/mixed.py)."""
    return mixed.run_wrk(server.base, paths, seconds, connections, cookies)


def url_path(path):
    return quote(path, safe="/?=&%:,.-_~+")


def setup_django(args):
    os.environ.update(server_env(args))
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def sample_spaces(sample):
    """The Korean space pages the space page's runs rotate over (the writers book them)."""
    from spaces.models import SpacePage

    return list(SpacePage.objects.live().filter(locale__language_code="ko").order_by("pk")[:sample])


def pick_pages(sample):
    """Each benchmarked kind of page: its name and the URLs to rotate over."""
    from django.templatetags.static import static

    from wagtail.models import Locale

    from spaces.models import District, SpaceType
    from stories.models import StoryPage

    korean = Locale.objects.get(language_code="ko")
    spaces = sample_spaces(sample)
    directory = spaces[0].get_parent().url
    district = District.objects.order_by("pk").first()
    space_type = SpaceType.objects.order_by("pk").first()
    stories = list(StoryPage.objects.live().filter(locale=korean).order_by("pk"))
    from events.models import ProgramIndexPage

    programs = ProgramIndexPage.objects.live().filter(locale=korean).first()
    seoul = "126.76,37.41,127.19,37.72"
    return [
        ("static file (yardstick)", [static("css/portal.css")]),
        ("home", ["/", "/en/"]),
        ("directory", [directory, f"{directory}?page=2", f"{directory}?sort=name"]),
        (
            "directory with filters",
            [
                f"{directory}?district={district.slug}&type={space_type.slug}",
                f"{directory}?district={district.slug}&min_capacity=10&sort=name",
                f"{directory}?type={space_type.slug}&open_now=1",
            ],
        ),
        (
            # Near a place typed by name (spaces.places): the spaces within its radius,
            # nearest first, with their distances.
            "directory near a place (?near=망원동)",
            [
                f"{directory}?{urlencode({'near': '망원동'})}",
                f"{directory}?{urlencode({'near': '마포구'})}",
                f"{directory}?{urlencode({'near': '망원동', 'radius': 5, 'page': 2})}",
                f"/en{directory}?{urlencode({'near': 'Mangwon-dong'})}",
            ],
        ),
        (
            "map GeoJSON",
            [
                f"/api/spaces.geojson?bbox={seoul}&zoom=11",
                "/api/spaces.geojson?bbox=126.90,37.54,126.96,37.58&zoom=14",
                f"/api/spaces.geojson?bbox={seoul}&zoom=11&type={space_type.slug}",
            ],
        ),
        ("space page", [space.url for space in spaces]),
        ("program listing", [programs.url, f"{programs.url}?page=2"]),
        (
            "search (Korean)",
            [
                f"/search/?{urlencode({'q': q})}"
                for q in ("공유부엌", "작은도서관", "마포 공방", "부엌")
            ],
        ),
        (
            "search (English)",
            [f"/en/search/?{urlencode({'q': q})}" for q in ("kitchen", "library", "workshop mapo")],
        ),
        ("story page", [story.url for story in stories] or ["/"]),
    ]


def count_queries(paths):
    """The most SQL queries one request costs among ``paths`` (each asked twice; the
    second, steady-state request is counted)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    most = 0
    for path in paths[:5]:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        most = max(most, len(queries))
    return most


def warm(server, paths):
    """One request per URL first: caches filled, cached pages stored."""
    for path in paths:
        status, _body = server.get(path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")


def benchmark_pages(args, size, pages, queries):
    """The anonymous passes: "uncached" and "cached" (no writes)."""
    rows = []
    passes = {"uncached": 0, "cached": 300}
    for label in (p for p in args.passes.split(",") if p in passes):
        server = Server(args, passes[label])
        try:
            (static_name, static_paths), *kinds = pages
            static = [url_path(p) for p in static_paths]
            yardsticks = []
            measured = []
            for name, paths in kinds:
                encoded = [url_path(p) for p in paths]
                warm(server, encoded)
                # The yardstick is measured right before each page and once after the
                # last: each page is compared with the static rate on both sides of it,
                # so the machine's other load (wrk, PostgreSQL, Redis, anything else
                # running) and its drift weigh on both alike.
                if not yardsticks:
                    yardsticks.append(run_wrk(server, static, args.seconds, args.connections))
                result = run_wrk(server, encoded, args.seconds, args.connections)
                yardsticks.append(run_wrk(server, static, args.seconds, args.connections))
                result["static_rate"] = (yardsticks[-2]["rate"] + yardsticks[-1]["rate"]) / 2
                measured.append((size, label, name, result, queries.get(name)))
                log_row(size, label, name, result)
            if yardsticks:  # the median of the yardstick's runs, for the table's first row
                middle = sorted(yardsticks, key=lambda r: r["rate"])[len(yardsticks) // 2]
                rows.append((size, label, static_name, middle, None))
            rows += measured
        finally:
            server.stop()
    return rows


def of_static(result):
    if "static_rate" not in result:
        return "–"
    return f"{result['rate'] / result['static_rate']:.0%}"


def log_row(size, label, name, result):
    log(
        f"  {size:>6} {label:<9} {name:<24} {result['rate']:8.1f} req/s  "
        f"p50 {result['p50']:7.1f}  p95 {result['p95']:7.1f}  p99 {result['p99']:7.1f} ms  "
        f"{of_static(result)} of static  hits {mixed.hit_rate(result)}"
    )


def mixed_pass(args, size, pages, queries, spaces):
    """Anonymous reads (page cache on) while residents book, register and enter a
    campaign and an editor publishes, at the rates of ``--write-rates``."""
    (static_name, static_paths), *kinds = pages
    rates = dict(args.write_rates)
    plan = mixed.plan_writes(spaces, rates, (len(kinds) + 2) * args.seconds)
    server = Server(args, 300)
    rows = []
    try:
        static = [url_path(p) for p in static_paths]
        encoded = {name: [url_path(p) for p in paths] for name, paths in kinds}
        writers = mixed.Writers(server.port, rates, plan)
        log(f"  writers: {writers.describe()}")
        writers.start()
        try:
            yardsticks = [run_wrk(server, static, args.seconds, args.connections)]
            measured = []
            for name, paths in encoded.items():
                # Each page's URLs once right before it is measured, not all at the start:
                # pages that show the time of day live a minute, and URLs all stored at
                # the same moment would all expire in the middle of a later page's run,
                # a storm that visitors arriving at random never make.
                warm(server, paths)
                result = run_wrk(server, paths, args.seconds, args.connections)
                measured.append((size, "mixed", name, result, queries.get(name)))
            yardsticks.append(run_wrk(server, static, args.seconds, args.connections))
        finally:
            writers.stop()
            writers.restore()
        static_rate = sum(y["rate"] for y in yardsticks) / len(yardsticks)
        for row in measured:
            row[3]["static_rate"] = static_rate
            log_row(size, "mixed", row[2], row[3])
        middle = sorted(yardsticks, key=lambda r: r["rate"])[len(yardsticks) // 2]
        rows.append((size, "mixed", static_name, middle, None))
        rows += measured
        return rows, writers.report()
    finally:
        server.stop()


def logged_in_pass(args, size, pages, spaces):
    """Residents with sessions browse (space pages, the directory, the booking form, My
    page) while others book at the booking rate of ``--write-rates``."""
    named = dict(pages)
    browsers = mixed.make_sessions("bench-browser", 64)
    cookies = [f"sessionid={c['sessionid']}; csrftoken={c['csrftoken']}" for _u, c in browsers]
    bookable = [s for s in spaces if s.bookable]
    kinds = [
        ("space page", named["space page"]),
        ("directory", named["directory"]),
        ("booking form", [f"{s.url}book/" for s in bookable]),
        ("My page (/accounts/)", ["/accounts/"]),
    ]
    rates = {"booking": args.write_rates.get("booking", 0)}
    plan = mixed.plan_writes(spaces, rates, len(kinds) * args.seconds)
    server = Server(args, 300)
    rows = []
    try:
        resident = mixed.Browser(server.port, cookies=browsers[0][1])

        def warm_logged_in(paths):
            """Every URL once as a resident (it answers, and not with a log-in page):
            the pages' shared parts are as the anonymous traffic keeps them. Without
            it the pass measured first visits after the writers' set-up had deleted the
            last run's bookings (renewing those spaces' booking sections)."""
            for path in dict.fromkeys(url_path(p) for p in paths):
                answer = resident.get(path)
                if answer.status != 200:
                    raise SystemExit(f"{path} answered {answer.status} to a logged-in resident")

        writers = mixed.Writers(server.port, rates, plan)
        log(f"  writers: {writers.describe()}")
        writers.start()
        try:
            for name, paths in kinds:
                warm_logged_in(paths)
                encoded = [url_path(p) for p in paths]
                result = run_wrk(server, encoded, args.seconds, args.connections, cookies)
                rows.append((size, "logged-in", name, result, None))
                log_row(size, "logged-in", name, result)
        finally:
            writers.stop()
        return rows, writers.report()
    finally:
        server.stop()


def staleness_trials(args, pages):
    server = Server(args, 300)
    try:
        lines, ok = mixed.staleness(server.port, args.staleness_trials, dict(pages)["directory"][0])
    finally:
        server.stop()
    return lines, ok


TARGETS = {"cached": mixed.ANONYMOUS_P95_MS, "mixed": mixed.ANONYMOUS_P95_MS}


def print_table(rows):
    if not rows:  # only the cold pass ran
        return
    log(
        "\n| spaces | pass | page | req/s | of static | p50 ms | p95 ms | p99 ms | p95 target "
        "| page cache hits | failed | SQL/request |"
    )
    log("|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for size, label, name, result, queries in rows:
        ratio = "100 %" if "static" in name else of_static(result).replace("%", " %")
        target = mixed.LOGGED_IN_P95_MS if label == "logged-in" else TARGETS.get(label)
        if target is None or "static" in name:
            verdict = ""
        else:
            verdict = f"≤ {target} {'met' if result['p95'] <= target else 'MISSED'}"
        log(
            f"| {size:,} | {label} | {name} | {result['rate']:.0f} | {ratio} | "
            f"{result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} | {verdict} | "
            f"{mixed.hit_rate(result)} | {result['failed']} | "
            f"{'' if queries is None else queries} |"
        )


def prepare_race():
    """64 residents with sessions, a bookable space and a free slot; the form data."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils import timezone

    from bookings import services
    from bookings.models import Booking
    from spaces.models import SpacePage

    User = get_user_model()
    space = SpacePage.objects.live().filter(bookable=True).order_by("-pk").first()
    Booking.objects.filter(space=space, purpose="bench race").delete()
    step = dt.timedelta(minutes=space.booking_slot_minutes or 30)
    need = max(1, -(-(space.booking_min_minutes or 60) * 60 // int(step.total_seconds())))
    today = timezone.localdate()
    chosen = None
    for offset in range(3, 30):
        day = today + dt.timedelta(days=offset)
        slots = services.day_slots(space, day)
        for i in range(len(slots) - need + 1):
            run = slots[i : i + need]
            if all(s.free for s in run):
                chosen = (day, run[0].start, run[-1].end)
                break
        if chosen:
            break
    if chosen is None:
        raise SystemExit(f"No free slot found at {space.title}")
    day, start, end = chosen
    cookies = []
    for n in range(RACE_CLIENTS):
        user, _created = User.objects.get_or_create(
            username=f"bench-resident-{n}", defaults={"email": f"bench-resident-{n}@example.org"}
        )
        Booking.objects.filter(user=user).delete()
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token = secrets.token_hex(16)
        cookies.append((session.session_key, token))
    form = {
        "date": day.isoformat(),
        "start": timezone.localtime(start).strftime("%H:%M"),
        "end": timezone.localtime(end).strftime("%H:%M"),
        "headcount": "2",
        "purpose": "bench race",
    }
    return space, form, cookies


def booking_race(args):
    from bookings.models import Booking

    space, form, cookies = prepare_race()
    server = Server(args, 0)
    path = url_path(f"{space.url}book/")
    body = urlencode(form)
    barrier = threading.Barrier(RACE_CLIENTS)
    statuses = [None] * RACE_CLIENTS

    def client(n):
        session_key, token = cookies[n]
        headers = {
            "Cookie": f"sessionid={session_key}; csrftoken={token}",
            "X-CSRFToken": token,
            "Origin": f"https://127.0.0.1:{server.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.64.{n // 250}.{n % 250 + 1}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        connection.connect()
        barrier.wait()
        try:
            connection.request("POST", path, body=body, headers=headers)
            statuses[n] = connection.getresponse().status
        except OSError as error:
            statuses[n] = f"error: {error}"
        finally:
            connection.close()

    try:
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(RACE_CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    held = Booking.objects.filter(space=space, purpose="bench race").active().count()
    wins = statuses.count(303)
    conflicts = statuses.count(409)
    server_errors = sum(1 for s in statuses if isinstance(s, int) and s >= 500)
    others = RACE_CLIENTS - wins - conflicts - server_errors
    log(
        f"\nBooking race: {RACE_CLIENTS} residents, one slot at {space.title} "
        f"({form['date']} {form['start']}–{form['end']}), {elapsed:.2f} s: "
        f"{wins} booked (303), {conflicts} refused with alternatives (409), "
        f"{server_errors} server errors, {others} other answers; "
        f"bookings held in the database: {held}"
    )
    if others:
        log(f"  other answers: {sorted(str(s) for s in statuses if s not in (303, 409))}")
    return wins == 1 and held == 1 and server_errors == 0 and others == 0


def import_speed(args):
    log(f"\nImport speed ({args.import_rows:,} rows, PostgreSQL):")
    subprocess.run(
        [PY, "bench/import_spaces.py", "--rows", str(args.import_rows)],
        cwd=BASE_DIR,
        env={**server_env(args), "DEBUG": "false"},
        check=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="600,6000", help="Comma-separated space counts.")
    parser.add_argument("--seconds", type=int, default=10, help="Load per page (default 10).")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="gunicorn workers (default: one more than the cores, %(default)s here).",
    )
    parser.add_argument("--sample", type=int, default=200, help="Space pages to rotate over.")
    parser.add_argument("--import-rows", type=int, default=1000)
    parser.add_argument(
        "--cold-urls", type=int, default=20, help="Distinct addresses per kind (cold pass)."
    )
    parser.add_argument(
        "--passes",
        default="uncached,cached,mixed,logged-in,cold",
        help="Any of uncached, cached, mixed (reads under writes), logged-in, cold (lists, "
        "map and search at distinct addresses, in-process: bench/cold.py).",
    )
    parser.add_argument(
        "--write-rates",
        default=",".join(f"{k}={v:g}" for k, v in mixed.WRITE_RATES.items()),
        help="Writes per second in the mixed and logged-in passes (default %(default)s).",
    )
    parser.add_argument(
        "--staleness-trials", type=int, default=6, help="Bookings watched (0: none)."
    )
    parser.add_argument(
        "--gunicorn-config",
        default="gunicorn.conf.py",
        help="gunicorn's settings file (bench/gunicorn_probe.py adds a report of GC pauses).",
    )
    parser.add_argument(
        "--gunicorn-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="A gunicorn setting for the server, e.g. GUNICORN_MAX_REQUESTS=0 (repeatable).",
    )
    parser.add_argument("--skip-load", action="store_true", help="Use the data as it is.")
    parser.add_argument("--only", default="", help="Pages whose names contain these (a,b).")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-race", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    args = parser.parse_args()
    args.secret_key = secrets.token_urlsafe(50)
    args.write_rates = {
        name: float(rate)
        for name, rate in (item.split("=") for item in args.write_rates.split(",") if item)
    }
    args.gunicorn_env = dict(item.split("=", 1) for item in args.gunicorn_env)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: scripts/ensure-system-packages.sh wrk")
    sizes = [int(s) for s in args.sizes.split(",")]

    ensure_database(args.database_url)
    log("Migrating and collecting static files …")
    manage(args, "migrate", "--noinput", "-v0")
    manage(args, "collectstatic", "--noinput", "-v0")
    setup_django(args)
    from django.core.cache import cache

    rows = []
    reports = []
    ok = True
    for size in sizes:
        log(f"\nLoading the demo with {size:,} spaces …")
        if not args.skip_load:
            manage(args, "load_demo", "--force", "--spaces", str(size))
        analyze(args.database_url)
        cache.clear()
        pages = all_pages = pick_pages(args.sample)
        spaces = sample_spaces(args.sample)
        if args.only:  # the yardstick and the pages whose names contain one of these
            wanted = args.only.split(",")
            pages = pages[:1] + [p for p in pages[1:] if any(w in p[0] for w in wanted)]
        queries = {name: count_queries(paths) for name, paths in pages[1:]}
        rows += benchmark_pages(args, size, pages, queries)
        passes = args.passes.split(",")
        if "mixed" in passes:
            log(f"\nReads under writes ({size:,} spaces):")
            measured, report = mixed_pass(args, size, pages, queries, spaces)
            rows += measured
            reports += [f"\nMixed pass, {size:,} spaces:", *report]
        if "logged-in" in passes:
            log(f"\nLogged-in residents ({size:,} spaces):")
            measured, report = logged_in_pass(args, size, all_pages, spaces)
            rows += measured
            reports += [f"\nLogged-in pass, {size:,} spaces:", *report]
        if args.staleness_trials:
            log(f"\nStaleness after a booking ({size:,} spaces):")
            lines, fresh = staleness_trials(args, all_pages)
            ok = ok and fresh
            reports += [f"\nStaleness, {size:,} spaces:", *lines]
            log(lines[-1])
        if "cold" in passes:
            log(f"\nThe cold path ({size:,} spaces, distinct addresses, page cache off):")
            lines = cold.table(cold.measure(args.cold_urls), size)
            for line in lines:
                log(line)
            reports += [
                f"\nCold path, {size:,} spaces (median ms, p95 ms, SQL, addresses):",
                *lines,
            ]
    print_table(rows)
    for line in reports:
        log(line)
    if not args.skip_race:
        ok = booking_race(args) and ok
    if not args.skip_import:
        import_speed(args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
