"""gunicorn settings for the portal (read automatically from the working directory;
every value can be changed through the environment). Run:

    DJANGO_SETTINGS_MODULE=portal.settings.production gunicorn portal.wsgi

Sync workers: each request holds one worker, so WEB_CONCURRENCY sets how many requests
one app server answers at once (2 × cores + 1 is a good start; docs/deploy.md)."""

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
# Recycle workers now and then (bounded memory), not all at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
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
