"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# Reading the settings needs no app registry: without django.setup() each child
# process starts in a tenth of the time.
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "db": settings.DATABASES["default"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", ""),
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "auto_field": settings.DEFAULT_AUTO_FIELD,
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
}, default=str))
"""

CLEAN_ENV = {
    k: v
    for k, v in os.environ.items()
    if k
    not in {
        "DATABASE_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "REDIS_URL",
        "EMAIL_URL",
        "PORTAL_BASE_URL",
        "WAGTAILADMIN_BASE_URL",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
    }
}


def run_python(code, settings_module, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_for(settings_module, **env):
    result = run_python(PRINT_SETTINGS, settings_module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_laptop_defaults_are_sqlite_with_immediate_transactions():
    values = settings_for("portal.settings.dev")
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"].endswith("db.sqlite3")
    assert values["db"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert values["debug"] is True
    assert values["auto_field"] == "django.db.models.BigAutoField"
    assert values["language"] == "ko"
    assert values["tz"] == "Asia/Seoul"
    assert values["cache"].endswith("LocMemCache")


def test_database_url_selects_postgresql():
    values = settings_for(
        "portal.settings.dev", DATABASE_URL="postgres://portal:pw@db.internal:5433/portal"
    )
    assert values["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["db"]["HOST"] == "db.internal"
    assert values["db"]["PORT"] == 5433
    assert "transaction_mode" not in values["db"].get("OPTIONS", {})
    # Queries are run, not JIT-compiled (compiling cost more than running them).
    assert values["db"]["OPTIONS"]["options"] == "-c jit=off"
    production = settings_for(
        "portal.settings.production",
        DATABASE_URL="postgres://portal:pw@db.internal:5433/portal",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/3",
        PORTAL_BASE_URL="https://portal.example.org",
    )
    assert "-c jit=off" in production["db"]["OPTIONS"]["options"]


def test_a_database_url_that_sets_jit_itself_is_left_as_it_is():
    values = settings_for(
        "portal.settings.dev",
        DATABASE_URL="postgres://portal:pw@db.internal/portal?options=-c%20jit%3Don",
    )
    assert values["db"]["OPTIONS"]["options"] == "-c jit=on"


def test_redis_url_and_email_url_are_honoured():
    values = settings_for(
        "portal.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587",
    )
    assert values["cache"] == "core.cache.RedisCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "mail.example.org"


def test_redis_cache_really_stores_values():
    code = """
import django, uuid
django.setup()
from django.core.cache import cache
key = uuid.uuid4().hex
cache.set(key, "안녕", 30)
assert cache.get(key) == "안녕", cache.get(key)
cache.delete(key)
print("ok")
"""
    result = run_python(code, "portal.settings.dev", REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "PORTAL_BASE_URL"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = {
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portal.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "PORTAL_BASE_URL": "https://portal.example.org",
    }
    del env[missing]
    result = run_python("import django; django.setup()", "portal.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **CLEAN_ENV,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
            "ALLOWED_HOSTS": "portal.example.org",
            "PORTAL_BASE_URL": "https://portal.example.org",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG" not in result.stderr


def test_search_url_switches_to_elasticsearch_with_nori():
    """With SEARCH_URL set the portal searches through Elasticsearch, Korean analysed by
    Nori; the client is installed and imports beside the portal's own apps."""
    code = """
import django
django.setup()
from django.conf import settings
from wagtail.search.backends import get_search_backend
backend = get_search_backend()
analyzer = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_SETTINGS"]["settings"]["analysis"]
print(type(backend).__name__, analyzer["analyzer"]["default"]["tokenizer"])
"""
    result = run_python(code, "portal.settings.dev", SEARCH_URL="http://127.0.0.1:9")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Elasticsearch9SearchBackend", "nori_tokenizer"]


def test_production_media_go_to_object_storage_when_a_bucket_is_set():
    code = """
import django, json
django.setup()
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps([type(storages["default"]).__name__, settings.AWS_S3_ENDPOINT_URL,
                  settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"][-1]]))
"""
    result = run_python(
        code,
        "portal.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example.org",
        PORTAL_BASE_URL="https://portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "S3Storage",
        "https://s3.example.org",
        "https://s3.example.org",
    ]


def test_production_logs_are_json_lines():
    code = """
import django, logging
django.setup()
logging.getLogger("portal.test").warning("예약 %s건", 3)
"""
    result = run_python(
        code,
        "portal.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example.org",
        PORTAL_BASE_URL="https://portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "portal.test"
    assert line["message"] == "예약 3건"


@pytest.mark.parametrize(
    "base_url",
    ["portal.example.org", "https://portal.example.org/portal", "https://elsewhere.example.org"],
)
def test_production_refuses_a_base_url_it_cannot_link_with(base_url):
    """E-mail links, the sitemap and the Site record start with PORTAL_BASE_URL: it must
    be scheme and host only, and a host the portal answers (ALLOWED_HOSTS)."""
    result = run_python(
        "import django; django.setup()",
        "portal.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        PORTAL_BASE_URL=base_url,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: PORTAL_BASE_URL=" in result.stderr


def test_wagtails_notification_links_use_the_portal_base_url():
    code = """
import django
django.setup()
from django.conf import settings
print(settings.PORTAL_BASE_URL, settings.WAGTAILADMIN_BASE_URL)
"""
    result = run_python(code, "portal.settings.dev", PORTAL_BASE_URL="https://portal.example.org/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://portal.example.org"] * 2
    laptop = run_python(code, "portal.settings.dev")
    assert laptop.stdout.split() == ["http://127.0.0.1:8000"] * 2
