"""Production settings: every secret, host and service comes from the environment
(docs/deploy.md lists them all).

Missing ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``REDIS_URL`` or ``PORTAL_BASE_URL`` stops
the process at start-up (``ImproperlyConfigured``) instead of running with a guessable
default, a per-process cache that app servers would not share (rate limits, page cache)
or e-mail links to a laptop's address.
https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from core import links

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATABASES, PORTAL_RELEASE, STORAGES, TASK_BACKENDS, env

# Never from the environment: a stray .env must not turn on debug pages in production.
DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")

# The public address every e-mail link, the sitemap and the Site record start with
# (core.links); never the laptop default. WAGTAILADMIN_BASE_URL is its older name.
_OLDER_NAME = env("WAGTAILADMIN_BASE_URL", default="")
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default=_OLDER_NAME).rstrip("/")
if not PORTAL_BASE_URL:
    raise ImproperlyConfigured("Set PORTAL_BASE_URL (https://portal.example.org).")
_BASE_URL_PROBLEMS = links.problems(PORTAL_BASE_URL)
if not _BASE_URL_PROBLEMS and not validate_host(links.split(PORTAL_BASE_URL)[1], ALLOWED_HOSTS):
    _BASE_URL_PROBLEMS = ["its host name is not in ALLOWED_HOSTS"]
if _BASE_URL_PROBLEMS:
    raise ImproperlyConfigured(
        f"PORTAL_BASE_URL={PORTAL_BASE_URL!r}: " + "; ".join(_BASE_URL_PROBLEMS) + "."
    )
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

# --- PostgreSQL: persistent connections, checked before reuse (a restarted database
# costs one failed check, not one failed request).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )

# --- Redis: the shared cache (rate limits, page cache, data versions) and a separate
# one for image renditions; never a per-process cache.
REDIS_URL = env("REDIS_URL", default="")
if not REDIS_URL:
    raise ImproperlyConfigured("Set REDIS_URL (redis://host:6379/0): app servers share it.")
_REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
_CACHE_PREFIX = env("CACHE_KEY_PREFIX", default="portal")
CACHES = {
    # Sessions, rate limits and one-time claims: kept across releases.
    "default": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": _CACHE_PREFIX,
        "TIMEOUT": 60 * 60,
        "OPTIONS": _REDIS_OPTIONS,
    },
    # What is derived from the database (core/versions.py): one key space per release.
    "derived": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"{_CACHE_PREFIX}-{PORTAL_RELEASE}",
        "TIMEOUT": 60 * 60,
        "OPTIONS": _REDIS_OPTIONS,
    },
    "renditions": {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": env("RENDITIONS_REDIS_URL", default=REDIS_URL),
        "KEY_PREFIX": f"{_CACHE_PREFIX}-renditions-{PORTAL_RELEASE}",
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": _REDIS_OPTIONS,
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Anonymous page cache (core.pagecache), purged on publish.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# --- Background work: queued in PostgreSQL, run by ``manage.py worker``.
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND", default="database")]},
}

# --- Files: hashed, compressed static files served by whitenoise; media on
# S3-compatible object storage when a bucket is configured, else MEDIA_ROOT.
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_LOCATION = env("AWS_LOCATION", default="media")
    AWS_DEFAULT_ACL = None  # the bucket's policy decides
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
    # botocore waits 60 s to connect and 60 s per read, up to 5 tries: an object store
    # that stops answering would hold an upload (or a rendition) for minutes. Bounded
    # here; each timeout is per connect or per socket read, not for a whole upload.
    from botocore.config import Config

    AWS_S3_CLIENT_CONFIG = Config(
        connect_timeout=env.float("AWS_S3_CONNECT_TIMEOUT", default=5),
        read_timeout=env.float("AWS_S3_READ_TIMEOUT", default=20),
        retries={"mode": "standard", "max_attempts": 3},
    )
    if AWS_S3_CUSTOM_DOMAIN:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(AWS_S3_ENDPOINT_URL)
    else:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append("https://*.amazonaws.com")

# --- HTTPS behind a TLS-terminating proxy, and the browser-side protections.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The health check answers plain HTTP to the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Ready for the browsers' preload list; a deployment not on HTTPS for every subdomain
# turns it off knowingly (and the deploy check then stops warning about it).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")

# --- Logs: one JSON object per line on stderr, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django logs each 4xx as a warning; keep them, but not every 404 at INFO.
        "django.request": {"level": env("REQUEST_LOG_LEVEL", default="WARNING")},
        # A forged Host header is a scanner, not our error.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

# --- Error reporting (Sentry or a compatible service), only when a DSN is set.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("RELEASE", default=None),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        # No personal data leaves the portal: no cookies, user or address
        # (send_default_pii), and no request bodies (form fields such as passwords).
        send_default_pii=False,
        max_request_body_size="never",
    )
