"""gunicorn settings for the portal (read automatically from the working directory;
every value can be changed through the environment). Run:

    DJANGO_SETTINGS_MODULE=portal.settings.production gunicorn portal.wsgi

Sync workers: each request holds one worker, so WEB_CONCURRENCY sets how many requests
one app server answers at once (2 × cores + 1 is a good start; docs/deploy.md)."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request taking longer than this is a bug or a stuck dependency: the worker restarts.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (a bound on memory should anything leak), seldom and not
# together: a worker's replacement is forked only once the old one has exited, and at
# 5,000 ± 500 both workers of a busy server went at the same moment, every few seconds,
# stalling every request for up to a few seconds (docs/performance.md, "p99"). A worker
# held 143 MB after its first thousand requests and after ten thousand alike.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
# Import the application once, before forking: faster start, shared memory.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"
# The proxy in front sets X-Forwarded-For / -Proto; trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket: several servers (or a benchmark beside a server) may share a user.
control_socket_disable = True
# Logs on stdout/stderr for the platform; the access log as one JSON object per line.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# The access log with the secret of a calendar address replaced (core/accesslog.py).
logger_class = "core.accesslog.PortalLogger"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time":"%(t)s","remote":"%(h)s","method":"%(m)s","path":"%(U)s","query":"%(q)s",'
    '"status":%(s)s,"bytes":"%(B)s","duration_us":%(D)s,"referer":"%(f)s","agent":"%(a)s"}'
)

# The objects of the preloaded application (about 240,000 that the garbage collector
# tracks: Django, Wagtail, the portal's modules) live as long as the process. Frozen out of the garbage collector
# before each fork, they are never scanned again: a full collection in a worker looks at
# what the worker itself made instead of the whole heap, and it no longer writes to
# every page shared with the master (copy-on-write). docs/performance.md, "p99".
# https://docs.python.org/3/library/gc.html#gc.freeze
gc_freeze = os.environ.get("GUNICORN_GC_FREEZE", "true").lower() == "true"


def pre_fork(server, worker):
    if gc_freeze:
        gc.freeze()


def post_worker_init(worker):
    # Without preloading, the application was imported by the worker itself.
    if gc_freeze:
        gc.freeze()
