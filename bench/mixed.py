"""Reads under writes, logged-in browsing, and how soon a booking shows (``make bench``'s
"mixed" and "logged-in" passes and its staleness trials; ``bench/run.py`` drives them).

**Writers** work at steady, stated rates through HTTP, as people would, while wrk reads
(``Writers``; rates from ``--write-rates``, default ``WRITE_RATES``):

- *booking*: a resident books a free slot of a space the readers read (the booking form's
  POST, 303 to the booking) and cancels it (the cancel form's POST);
- *registration*: a resident registers for a program date (the date's form on the program
  page) and cancels it (the cancel link on "My registrations", then its form);
- *publish*: a staff member opens a space page in Wagtail's editor, changes its summary
  and presses "Publish": the edit form's fields as a browser sends them, read from the
  editor's HTML (``FormFields``), with ``action-publish``;
- *entry*: a resident opens an open campaign's page, fills in its entry form and sends it
  (after the few seconds the form requires of a person).

Each write starts on its schedule whatever the previous one is doing (a slow answer does
not slow the rate down), and its answer is checked (status and where it leads).

**Readers** are wrk's; a Lua ``response()`` callback counts ``X-Page-Cache: hit`` and
``miss`` in every answer, so each page kind gets its hit rate from all its requests, and
wrk's ``done()`` prints p50, p95 and p99 from its full latency histogram.

**Staleness** (``staleness``): a resident books a slot that four readers per view keep
reading anonymously (the space page for that day, the directory filtered to that time
and a small box around the space, the map data with the same filters); each read is
judged as a person would read it (the slot's "free" label, the space's card, its map
point). A read that started after the booking's answer arrived and still showed the slot
free is "stale after commit".

Sessions are made directly in the database (as the booking race does); everything a
resident or editor does after that goes through gunicorn.
"""

import concurrent.futures
import datetime as dt
import gzip
import http.client
import json
import os
import queue
import re
import secrets
import subprocess
import tempfile
import threading
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

WRITE_RATES = {"booking": 2.0, "registration": 1.0, "publish": 0.1, "entry": 1.0}
ANONYMOUS_P95_MS = 100
LOGGED_IN_P95_MS = 250
READERS_PER_VIEW = 4
# Client addresses of the bench's residents as the proxy would pass them on (the
# benchmarking range of RFC 2544: no real client has one). Only written into a header.
ADDRESSES = {"booking": 18, "registration": 19, "entry": 20, "browse": 21, "staleness": 22}
# The campaign form refuses answers sent sooner than this after it was shown (a robot).
ENTRY_FILL_SECONDS = 3.5


def address(kind, n):
    return f"198.{ADDRESSES[kind]}.{n // 250}.{n % 250 + 1}"


def log(message):
    print(message, flush=True)


# --- HTTP as a browser ------------------------------------------------------------------


class Answer:
    def __init__(self, status, headers, body, started, ended):
        self.status = status
        self.headers = headers
        self.body = body
        self.started = started
        self.ended = ended

    @property
    def ms(self):
        return (self.ended - self.started) * 1000

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Browser:
    """One visitor: its cookies (kept as a browser keeps them), the address the proxy
    reports for it, HTTPS as the TLS proxy reports it, and gzip as browsers accept it.
    A new connection per request: gunicorn's sync workers close each after answering."""

    def __init__(self, port, address=None, cookies=None):
        self.port = port
        self.address = address
        self.cookies = dict(cookies or {})

    def request(self, method, path, body=None, content_type=None):
        headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            ended = time.monotonic()
            answer_headers = {k.lower(): v for k, v in response.getheaders()}
            self._keep_cookies(response.msg.get_all("Set-Cookie") or [])
        finally:
            connection.close()
        if answer_headers.get("content-encoding") == "gzip":
            data = gzip.decompress(data)
        return Answer(response.status, answer_headers, data, started, ended)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        """A form's POST with its CSRF token, as a page's form sends it."""
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if not any(name == "csrfmiddlewaretoken" for name, _value in fields):
            fields.append(("csrfmiddlewaretoken", self.cookies.get("csrftoken", "")))
        return self.request("POST", path, body=urlencode(fields))

    def post_multipart(self, path, fields):
        """A form with a file field (enctype="multipart/form-data"), no file chosen."""
        boundary = "----bench" + secrets.token_hex(12)
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            )
        parts.append(f"--{boundary}--\r\n")
        body = "".join(parts).encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def _keep_cookies(self, lines):
        for line in lines:
            cookie = SimpleCookie()
            try:
                cookie.load(line)
            except Exception:  # a cookie Python cannot parse is one no page here sets
                continue
            for name, morsel in cookie.items():
                gone = morsel["max-age"] == "0" or "1970" in morsel["expires"]
                if gone or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class FormFields(HTMLParser):
    """What a browser sends for one form of a page, before anyone touches it: every
    named, enabled field inside the form (or naming it with ``form=``), checked boxes
    only, each select's chosen options, textareas' text. ``form_id`` picks the form by
    id; without it, the first form whose ``action`` contains ``action``."""

    def __init__(self, form_id=None, action=None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.action = form_id, action
        self.fields = []
        self.found = False
        self._inside = False
        self._textarea = None
        self._select = None
        self._option = None

    def _ours(self, attrs):
        return self._inside or (self.form_id and attrs.get("form") == self.form_id)

    def handle_starttag(self, tag, attrs):
        attrs = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form":
            if self.found:
                return
            if (self.form_id and attrs.get("id") == self.form_id) or (
                not self.form_id and self.action and self.action in attrs.get("action", "")
            ):
                self._inside = self.found = True
            return
        if not self._ours(attrs) or "disabled" in attrs:
            if tag == "option" and self._select is not None:
                self._option = None
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "first": None,
                "chosen": [],
            }
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "text": [],
                "selected": "selected" in attrs,
            }

    def handle_endtag(self, tag):
        if tag == "form" and self._inside:
            self._inside = False
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            value = "".join(text)
            self.fields.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            select = self._select
            chosen = select["chosen"] or (
                [select["first"]] if select["first"] is not None and not select["multiple"] else []
            )
            self.fields.extend((select["name"], value) for value in chosen)
            self._select = None

    def _close_option(self):
        option, self._option = self._option, None
        value = option["value"] if option["value"] is not None else "".join(option["text"]).strip()
        if self._select["first"] is None:
            self._select["first"] = value
        if option["selected"]:
            if not self._select["multiple"]:
                self._select["chosen"] = []
            self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option["text"].append(data)


def form_fields(html, form_id=None, action=None):
    parser = FormFields(form_id=form_id, action=action)
    parser.feed(html)
    parser.close()
    return parser.fields if parser.found else None


# --- who writes, and what they write about (set up in-process) ---------------------------


def make_sessions(prefix, count, *, superuser=False):
    """``count`` accounts named ``<prefix>-N``, each logged in: [(user, cookies)]."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore

    User = get_user_model()
    made = []
    for n in range(count):
        user, _created = User.objects.get_or_create(
            username=f"{prefix}-{n}", defaults={"email": f"{prefix}-{n}@example.org"}
        )
        if superuser and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        made.append((user, {"sessionid": session.session_key, "csrftoken": secrets.token_hex(16)}))
    return made


def free_window(space, days=range(3, 30), avoid=()):
    """The first free booking of the shortest length at ``space`` (date, start, end as
    the form takes them, and the slots it covers) that overlaps none of the windows in
    ``avoid``; None when there is none."""
    from django.utils import timezone

    from bookings import services

    step = dt.timedelta(minutes=space.booking_slot_minutes or 30)
    need = max(1, -(-(space.booking_min_minutes or 60) * 60 // int(step.total_seconds())))
    today = timezone.localdate()
    for offset in days:
        day = today + dt.timedelta(days=offset)
        if offset > space.booking_horizon_days - 1:
            break
        slots = services.day_slots(space, day)
        for i in range(len(slots) - need + 1):
            run = slots[i : i + need]
            contiguous = all(run[k].end == run[k + 1].start for k in range(len(run) - 1))
            clear = all(run[-1].end <= a or run[0].start >= b for a, b in avoid)
            if contiguous and clear and all(s.free for s in run):
                start, end = timezone.localtime(run[0].start), timezone.localtime(run[-1].end)
                return {
                    "date": day.isoformat(),
                    "start": f"{start:%H:%M}",
                    "end": "24:00" if end.date() > day else f"{end:%H:%M}",
                    "labels": [s.label for s in run],
                    "span": (run[0].start, run[-1].end),
                }
    return None


def booking_windows(spaces, per_space=2):
    """Free windows at the bookable ``spaces`` (the pages the readers read), at most
    ``per_space`` each, for the booking writers to book and cancel."""
    windows = []
    for space in spaces:
        if not space.bookable:
            continue
        taken = []
        for _ in range(per_space):
            window = free_window(space, avoid=taken)
            if window is None:
                break
            taken.append(window["span"])
            windows.append((space, window))
    return windows


def program_dates(count=40):
    """Dates of live programs to register for: at least a day off, not cancelled, with
    places left (or no limit). (program page address, occurrence id)."""
    from django.db.models import F, Q
    from django.utils import timezone

    from events.models import Occurrence

    soon = timezone.now() + dt.timedelta(days=1)
    found = (
        Occurrence.objects.filter(start__gt=soon, cancelled=False, program__live=True)
        .filter(Q(places__isnull=True) | Q(confirmed_count__lt=F("places") - 5))
        .filter(program__locale__language_code="ko")
        .select_related("program")
        .order_by("start")[:count]
    )
    return [(o.program.url, o.pk) for o in found]


def open_campaign():
    """(page address, a space name its form finds) of an open campaign, or None."""
    from campaigns import services
    from campaigns.models import CampaignPage

    for page in CampaignPage.objects.live().filter(locale__language_code="ko").order_by("pk"):
        if page.source.status() != "open":
            continue
        for title in services.live_spaces().order_by("pk").values_list("title", flat=True)[:50]:
            if services.find_space(title).space is not None:
                return page.url, title
    return None


def entrants(count):
    """``count`` residents who have not entered any campaign (their earlier entries from
    a previous bench run removed)."""
    from campaigns.models import CampaignEntry

    made = make_sessions("bench-entrant", count)
    CampaignEntry.objects.filter(user__in=[u for u, _c in made]).delete()
    return made


def clear_writes(users):
    """What earlier runs left for these accounts: bookings and registrations."""
    from bookings.models import Booking
    from events.models import Registration

    Booking.objects.filter(user__in=users).delete()
    Registration.objects.filter(user__in=users).delete()


# --- the writers -------------------------------------------------------------------------


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


class Writers:
    """Writers at steady rates; ``start()``, ``stop()``, then ``report()``."""

    def __init__(self, port, rates, plan):
        self.port = port
        self.rates = {kind: rate for kind, rate in rates.items() if rate > 0}
        self.plan = plan
        self.results = {kind: [] for kind in self.rates}  # (label, ok, ms, note)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=32)
        self.threads = []
        self.windows = queue.Queue()
        for item in plan.get("windows", []):
            self.windows.put(item)
        self.bookers = queue.Queue()
        for n, (_user, cookies) in enumerate(plan.get("bookers", [])):
            self.bookers.put(Browser(port, address("booking", n), cookies))
        self.registrants = queue.Queue()
        for n, (_user, cookies) in enumerate(plan.get("registrants", [])):
            self.registrants.put(Browser(port, address("registration", n), cookies))
        self.entrants = queue.Queue()
        for n, (_user, cookies) in enumerate(plan.get("entrants", [])):
            self.entrants.put(Browser(port, address("entry", n), cookies))
        self.dates = list(plan.get("dates", []))
        self.editor = None
        if plan.get("editor"):
            self.editor = Browser(port, None, plan["editor"][1])
        self.waiting = self.most_waiting = 0  # writes started and not yet answered
        self.started = self.ended = None

    def describe(self):
        names = {
            "booking": "bookings/s (each cancelled right after)",
            "registration": "registrations/s (each cancelled right after)",
            "publish": "publishes/s of a space page (Wagtail's edit form)",
            "entry": "campaign entries/s",
        }
        return ", ".join(f"{rate:g} {names[kind]}" for kind, rate in self.rates.items())

    def record(self, kind, label, ok, ms, note=""):
        with self.lock:
            self.results[kind].append((label, ok, ms, note))

    def start(self):
        self.started = time.monotonic()
        for kind, rate in self.rates.items():
            thread = threading.Thread(target=self._schedule, args=(kind, rate), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        self.pool.shutdown(wait=True)
        self.ended = time.monotonic()

    def restore(self):
        """The published page's summary as it was before the pass."""
        if "publish" in self.rates:
            self._publish(0, summary=self.plan["publish"][1])

    def _schedule(self, kind, rate):
        interval = 1 / rate
        due = time.monotonic() + interval / 2
        n = 0
        while not self.stopping.is_set():
            wait = due - time.monotonic()
            if wait > 0 and self.stopping.wait(wait):
                break
            with self.lock:
                self.waiting += 1
                self.most_waiting = max(self.most_waiting, self.waiting)
            self.pool.submit(self._run, kind, n)
            n += 1
            due += interval

    def _run(self, kind, n):
        try:
            getattr(self, f"_{kind}")(n)
        except Exception as error:  # a failed write is a result, not the end of the bench
            self.record(kind, kind, False, 0, f"{type(error).__name__}: {error}")
        finally:
            with self.lock:
                self.waiting -= 1

    def _booking(self, n):
        try:
            space, window = self.windows.get_nowait()
        except queue.Empty:
            self.record("booking", "book", False, 0, "no free window left")
            return
        browser = self.bookers.get()
        try:
            form = {k: window[k] for k in ("date", "start", "end")}
            form.update(headcount="2", purpose="bench mixed")
            answer = browser.post(f"{space.url}book/", form)
            match = re.search(r"/accounts/bookings/(\d+)/$", answer.location)
            ok = answer.status == 303 and match is not None
            self.record("booking", "book", ok, answer.ms, "" if ok else f"{answer.status}")
            if match:
                cancel = browser.post(
                    f"/accounts/bookings/{match.group(1)}/cancel/", {"scope": "date"}
                )
                self.record(
                    "booking", "cancel", cancel.status == 303, cancel.ms, f"{cancel.status}"
                )
        finally:
            self.bookers.put(browser)
            self.windows.put((space, window))

    def _registration(self, n):
        program_url, occurrence = self.dates[n % len(self.dates)]
        browser = self.registrants.get()
        try:
            answer = browser.post(f"{program_url}register/", {"occurrence": occurrence})
            ok = answer.status == 303 and f"#date-{occurrence}" in answer.location
            self.record("registration", "register", ok, answer.ms, "" if ok else f"{answer.status}")
            mine = browser.get("/accounts/registrations/")
            links = re.findall(r'href="(/accounts/registrations/(\d+)/cancel/)"', mine.text)
            for link, _pk in links:  # this resident's only registration still to come
                cancel = browser.post(link, {})
                self.record(
                    "registration", "cancel", cancel.status == 303, cancel.ms, f"{cancel.status}"
                )
        finally:
            self.registrants.put(browser)

    def _publish(self, n, summary=None):
        page_id, base = self.plan["publish"]
        editor = self.editor
        opened = editor.get(f"/admin/pages/{page_id}/edit/")
        fields = form_fields(opened.text, form_id="page-edit-form")
        if opened.status != 200 or fields is None:
            self.record("publish", "publish", False, opened.ms, f"editor {opened.status}")
            return
        summary = f"{base[:200]} (bench {n})" if summary is None else summary
        fields = [(k, v) for k, v in fields if k != "summary"] + [("summary", summary)]
        fields.append(("action-publish", "action-publish"))
        answer = editor.post(f"/admin/pages/{page_id}/edit/", fields)
        ok = answer.status == 302 and "/edit/" not in answer.location
        self.record("publish", "publish", ok, answer.ms, "" if ok else f"{answer.status}")

    def _entry(self, n):
        try:
            browser = self.entrants.get_nowait()
        except queue.Empty:
            self.record("entry", "enter", False, 0, "no resident left who has not entered")
            return
        page_url, space_name = self.plan["campaign"]
        shown = browser.get(page_url)
        fields = form_fields(shown.text, action="enter/")
        if shown.status != 200 or fields is None:
            self.record("entry", "enter", False, shown.ms, f"form not shown ({shown.status})")
            return
        typed = {
            "space": space_name,
            "why": "매주 모여서 책을 읽고 이야기를 나누는 곳이라 좋아요. (bench)",
            "contact": "bench@example.org",
            "accept_terms": "on",
            "accept_privacy": "on",
        }
        fields = [(k, v) for k, v in fields if k not in typed] + list(typed.items())
        if self.stopping.wait(ENTRY_FILL_SECONDS):  # a person takes a moment to fill it in
            return
        answer = browser.post_multipart(f"{page_url}enter/", fields)
        ok = answer.status == 303
        self.record("entry", "enter", ok, answer.ms, "" if ok else f"{answer.status}")

    def report(self):
        """Lines: per write kind, asked and achieved rate, answers, latency."""
        seconds = (self.ended or time.monotonic()) - self.started
        lines = [
            f"Writers for {seconds:.0f} s: {self.describe()}. At most {self.most_waiting} "
            "writes were under way at once (more than a few: the server fell behind them).",
            "",
            "| write | done | per s | failed | p50 ms | p95 ms | p99 ms | failures |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for kind in self.rates:
            by_label = {}
            for label, ok, ms, note in self.results[kind]:
                by_label.setdefault(label, []).append((ok, ms, note))
            for label, rows in by_label.items():
                times = [ms for ok, ms, _n in rows if ok]
                failed = [note for ok, _ms, note in rows if not ok]
                notes = {}
                for note in failed:
                    notes[note] = notes.get(note, 0) + 1
                lines.append(
                    f"| {kind}: {label} | {len(rows) - len(failed)} | "
                    f"{(len(rows) - len(failed)) / seconds:.2f} | {len(failed)} | "
                    + " | ".join(
                        "" if percentile(times, p) is None else f"{percentile(times, p):.0f}"
                        for p in (50, 95, 99)
                    )
                    + f" | {', '.join(f'{k} ×{v}' for k, v in notes.items())} |"
                )
        return lines

    def failures(self):
        return sum(1 for rows in self.results.values() for _l, ok, _m, _n in rows if not ok)


def plan_writes(spaces, rates, seconds):
    """Everything the writers need, made in-process before the pass: sessions, free
    windows at the read spaces, program dates, an open campaign and fresh entrants,
    the space page the editor publishes."""
    bookers = make_sessions("bench-booker", 64)
    registrants = make_sessions("bench-registrant", 64)
    clear_writes([u for u, _c in bookers + registrants])
    plan = {
        "bookers": bookers,
        "registrants": registrants,
        "windows": booking_windows(spaces[:120]),
        "dates": program_dates(),
    }
    if rates.get("entry"):
        campaign = open_campaign()
        if campaign is None:
            log("  (no open campaign: no entries are written)")
            rates["entry"] = 0
        else:
            plan["campaign"] = campaign
            plan["entrants"] = entrants(int(rates["entry"] * seconds * 1.2) + 10)
    if rates.get("publish"):
        page = spaces[-1]
        plan["editor"] = make_sessions("bench-editor", 1, superuser=True)[0]
        plan["publish"] = (page.pk, re.sub(r" \(bench \d+\)$", "", page.summary or "summary"))
    if not plan["windows"]:
        rates["booking"] = 0
    if not plan["dates"]:
        rates["registration"] = 0
    return plan


# --- wrk with the page cache's answers counted -----------------------------------------

LUA = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local counter = 0
local base = {["X-Forwarded-Proto"] = "https", ["Accept-Encoding"] = "gzip, deflate, br, zstd"}
local with_cookie = {}
for i, cookie in ipairs(cookies) do
  local headers = {["Cookie"] = cookie}
  for name, value in pairs(base) do headers[name] = value end
  with_cookie[i] = headers
end
for name, value in pairs(base) do wrk.headers[name] = value end
hits, misses, others = 0, 0, 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if #cookies > 0 then
    return wrk.format("GET", path, with_cookie[(counter %% #cookies) + 1])
  end
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if state == "hit" then hits = hits + 1
  elseif state == "miss" then misses = misses + 1
  else others = others + 1 end
end
done = function(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); o = o + thread:get("others")
  end
  io.write(string.format("BENCH-RESULT %%d %%d %%d %%d %%d %%d %%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    h, m, o))
end
"""


def run_wrk(base_url, paths, seconds, connections, cookies=()):
    """Requests/s, p50/p95/p99/max in ms, failed answers and the page cache's hits and
    misses for ``paths`` in turn (``cookies``: one Cookie header per request, in turn)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            LUA
            % {
                "paths": ", ".join(f'"{p}"' for p in paths),
                "cookies": ", ".join(f'"{c}"' for c in cookies),
            }
        )
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        script.name,
        base_url,
    ]
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    found = re.search(r"^BENCH-RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not found or not rate:
        raise SystemExit(f"Unexpected wrk output:\n{output}")
    p50, p95, p99, most, hits, misses, others = (int(x) for x in found.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rate": float(rate.group(1)),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "max": most / 1000,
        "hits": hits,
        "misses": misses,
        "others": others,
        "failed": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def hit_rate(result):
    counted = result["hits"] + result["misses"]
    return f"{result['hits'] / counted:.1%}" if counted else "–"


# --- staleness ---------------------------------------------------------------------------


def staleness_candidates(count):
    """Bookable spaces with a place on the map, and a free window each (after the
    first 200, which the other passes book)."""
    from spaces.models import SpacePage

    spaces = (
        SpacePage.objects.live()
        .filter(locale__language_code="ko", bookable=True, latitude__isnull=False)
        .order_by("-pk")
    )
    found = []
    for space in spaces[: count * 4]:
        window = free_window(space)
        if window:
            found.append((space, window))
        if len(found) >= count * 2:
            break
    return found


class View:
    """One of the three ways a person sees whether the slot is free."""

    def __init__(self, name, path, shows_free):
        self.name, self.path, self.shows_free = name, path, shows_free


def views_of(space, window, directory):
    """The space page for the day (any of the window's slots labelled free), the
    directory for that time around the space (its card), the map data with the same
    filters (its point)."""
    d = 0.0003  # about 30 m around the space: a short list with it in it
    box = f"{space.longitude - d:.6f},{space.latitude - d:.6f},{space.longitude + d:.6f},{space.latitude + d:.6f}"
    when = {"date": window["date"], "start": window["start"], "end": window["end"]}
    slot_free = [
        re.compile(r'class="slot slot--free"><span>' + re.escape(label) + "</span>")
        for label in window["labels"]
    ]
    card = f'href="{space.url}'

    def page_free(answer):
        return answer.status == 200 and any(p.search(answer.text) for p in slot_free)

    def directory_free(answer):
        return answer.status == 200 and card in answer.text

    def map_free(answer):
        if answer.status != 200:
            return False
        features = json.loads(answer.body).get("features", [])
        return any(f.get("properties", {}).get("id") == space.pk for f in features)

    return [
        View("page", f"{space.url}?{urlencode({'date': window['date']})}", page_free),
        View("directory", f"{directory}?{urlencode({'bbox': box, **when})}", directory_free),
        View(
            "map", f"/api/spaces.geojson?{urlencode({'bbox': box, 'zoom': 17, **when})}", map_free
        ),
    ]


def read_until(port, view, stop, reads):
    browser = Browser(port)
    while not stop.is_set():
        try:
            answer = browser.get(view.path)
            free = view.shows_free(answer)
            state = answer.headers.get("x-page-cache", "")
            reads.append((answer.started, answer.ended, free, state, answer.status))
        except Exception as error:  # counted as a read that showed nothing
            now = time.monotonic()
            reads.append((now, now, False, f"error {error}", 0))


def settled(rows, since, quiet=0.5, now=None):
    """Every read that started in the ``quiet`` seconds before ``now`` (at least two,
    all after ``since``) showed the slot taken."""
    now = time.monotonic() if now is None else now
    recent = [r for r in rows[-50:] if r[0] > max(since, now - quiet)]
    return len(recent) >= 2 and not any(r[2] for r in recent)


def one_trial(port, space, window, directory, booker, at_least=1.0, at_most=10.0):
    views = views_of(space, window, directory)
    reads = {view.name: [] for view in views}
    stop = threading.Event()
    threads = [
        threading.Thread(target=read_until, args=(port, view, stop, reads[view.name]), daemon=True)
        for view in views
        for _ in range(READERS_PER_VIEW)
    ]
    for thread in threads:
        thread.start()
    # Readers first see the slot free (the cache holds the free answers), else no trial.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if all(len(r) >= 8 and r[-1][2] for r in reads.values()):
            break
        time.sleep(0.05)
    else:
        stop.set()
        for thread in threads:
            thread.join()
        unseen = [name for name, r in reads.items() if not (r and r[-1][2])]
        return {"skipped": f"not shown free before booking: {', '.join(unseen)}"}
    form = {k: window[k] for k in ("date", "start", "end")}
    answer = booker.post(
        f"{space.url}book/", {**form, "headcount": "2", "purpose": "bench staleness"}
    )
    committed = answer.ended
    # Read on until every view has shown the slot taken for a while (or give up).
    time.sleep(at_least)
    while time.monotonic() - committed < at_most:
        if all(settled(rows, committed) for rows in reads.values()):
            break
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join()
    booked = re.search(r"/accounts/bookings/(\d+)/$", answer.location)
    if answer.status != 303 or not booked:
        return {"skipped": f"booking answered {answer.status}"}
    cancel = booker.post(f"/accounts/bookings/{booked.group(1)}/cancel/", {"scope": "date"})
    result = {"booking_ms": answer.ms, "cancelled": cancel.status == 303, "views": {}}
    for name, rows in reads.items():
        free_after = [r for r in rows if r[2] and r[1] > committed]
        stale = [r for r in rows if r[2] and r[0] > committed]
        last = max((r[1] for r in free_after), default=committed)
        result["views"][name] = {
            "reads": len(rows),
            "after": sum(1 for r in rows if r[0] > committed),
            "stale": len(stale),
            "stale_hits": sum(1 for r in stale if r[3] == "hit"),
            "stale_for_ms": max(((r[0] - committed) * 1000 for r in stale), default=0),
            "settled_ms": (last - committed) * 1000,
            "still_free": not settled(rows, committed, now=max((r[0] for r in rows), default=0)),
        }
    return result


def staleness(port, trials, directory):
    """``trials`` bookings watched by readers; lines for the report and the summary."""
    from bookings.models import Booking

    booker_user, cookies = make_sessions("bench-watcher", 1)[0]
    Booking.objects.filter(user=booker_user).delete()
    booker = Browser(port, address("staleness", 0), cookies)
    lines = [
        f"Staleness: {READERS_PER_VIEW} anonymous readers per view read as fast as they can; "
        "a resident books the slot; a read is stale after commit when it started after "
        "the booking's answer arrived and still showed the slot free.",
        "",
        "| trial | space, slot | booking ms | view | reads after | stale after commit "
        "(from cache) | stale until ms | last free answer ended ms |",
        "|---:|---|---:|---|---:|---:|---:|---:|",
    ]
    summary = {"page": [0, 0, 0.0], "directory": [0, 0, 0.0], "map": [0, 0, 0.0]}
    done = 0
    for space, window in staleness_candidates(trials):
        if done >= trials:
            break
        result = one_trial(port, space, window, directory, booker)
        where = f"{space.title} {window['date']} {window['start']}–{window['end']}"
        if "skipped" in result:
            lines.append(f"| – | {where} | | | | skipped: {result['skipped']} | | |")
            continue
        done += 1
        for name, view in result["views"].items():
            stale = view["stale"] or view["still_free"]
            summary[name][0] += 1 if stale else 0
            summary[name][1] += 1
            summary[name][2] = max(summary[name][2], view["stale_for_ms"])
            lines.append(
                f"| {done} | {where} | {result['booking_ms']:.0f} | {name} | {view['after']} | "
                f"{view['stale']} ({view['stale_hits']}) | "
                f"{'still free at the end, ' if view['still_free'] else ''}"
                f"{view['stale_for_ms']:.0f} | {view['settled_ms']:.0f} |"
            )
    worst = max((s[2] for s in summary.values()), default=0)
    line = (
        "staleness: "
        + ", ".join(
            f"{name} {stale}/{count} stale after commit"
            if name == "page"
            else f"{name} {stale}/{count}"
            for name, (stale, count, _ms) in summary.items()
        )
        + f" (max {worst:.0f} ms)"
    )
    if done < trials:
        line += f" — only {done} of {trials} trials could run"
    lines += ["", line]
    ok = done >= trials and all(s[0] == 0 for s in summary.values())
    return lines, ok
