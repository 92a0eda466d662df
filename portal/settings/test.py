"""Test settings: fast hashers, in-memory e-mail, immediate tasks, plain static storage."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "derived": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "derived"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default=None)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: then the live server's request threads each have their own
    # connection, and concurrent requests (the booking race) really race. Durability
    # does not matter for a test database, speed does.
    # One file per test process (it is deleted when the run ends).
    DATABASES["default"]["TEST"]["NAME"] = DATABASES["default"]["TEST"]["NAME"] or str(
        BASE_DIR / f".test-db-{os.getpid()}.sqlite3"
    )
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"
else:
    # The same on PostgreSQL: a commit returns before its WAL reaches the disk.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

# Serve static files straight from the finders (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Maps in tests draw a local blank tile: no request leaves the machine.
MAP_TILE_URL = "/static/img/blank-tile.png"
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
