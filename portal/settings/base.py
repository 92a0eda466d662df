"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment
(see ``.env.example``); the per-environment modules only change defaults.
https://docs.djangoproject.com/en/5.2/topics/settings/
"""

from pathlib import Path

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import environ

from core.security import tile_origin
from portal.release import release

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"

env = environ.Env()
# A local .env file is a convenience for developers; real deployments set variables.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first so their templates override third-party ones.
    "core",
    "home",
    "spaces",
    "bookings",
    "events",
    "operators",
    "stories",
    "campaigns",
    "residents",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtailgeowidget",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "recurrence",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    # Anonymous pages from the cache before anything else runs (core.pagecache).
    "core.pagecache.PageCacheMiddleware",
    # The request's Wagtail site from the memo (core.memo), not a query.
    "core.memo.SiteMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (our own style sheets, scripts and icons) right after the security
    # headers, as whitenoise advises: a style sheet needs no Content Security Policy,
    # and building one for each cost a third of serving it.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anything under /admin/ needs admin access before any URL pattern runs (needs the
    # user and messages above).
    "core.adminaccess.AdminAccessMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite file in the checkout by default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so a second concurrent
    # writer is refused cleanly instead of failing later with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles any query whose estimated cost passes
    # jit_above_cost, and the privacy filter (core.privacy) makes the estimates of the
    # directory, map and search queries pass it. Compiling took longer than running
    # them: at 60,000 spaces the map of Seoul 374 → 114 ms, site search 1,528 → 272 ms
    # (medians, docs/performance.md, "Scale"). A DATABASE_URL that sets jit itself wins.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if "jit" not in _options.get("options", ""):
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What the portal derives from the database and keeps (answers, fragments, data
# versions: core/versions.py) lives in "derived", whose keys carry the release
# (PORTAL_RELEASE, else a digest of the code): a release never reads what another one
# stored. "default" keeps what must outlast a release: sessions, rate limits, claims.
PORTAL_RELEASE = release(BASE_DIR)
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        },
        "derived": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"portal-{PORTAL_RELEASE}",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "derived": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "derived",
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Korean first, English second; everything in Seoul time.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# Static files: our own plus the npm packages we serve ourselves (never a CDN).
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    # Only the icons' SVG files (the map's type icons), not the package's fonts and sprite.
    ("vendor/lucide-static", NODE_MODULES / "lucide-static" / "icons"),
    # Pretendard GOV, the variable font cut into unicode-range subsets (a page fetches
    # only the subsets of the glyphs it shows): web/variable's style sheets and files.
    ("vendor/pretendard-gov", NODE_MODULES / "pretendard-gov" / "dist" / "web" / "variable"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL such as smtp+tls://user:password@mail.example.org:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# django-environ puts query parameters (?timeout=5) in OPTIONS, which Django's SMTP
# backend never reads: take the timeout from there, not as a stray OPTIONS setting.
_EMAIL_URL_OPTIONS = EMAIL_CONFIG.pop("OPTIONS", {})
vars().update(EMAIL_CONFIG)
# Seconds any one step of talking to the mail server may take. Django's default is no
# limit: a server that accepts the connection and never answers would hold a request
# (immediate tasks) or the worker for ever; a timed-out e-mail is retried (core.outbox).
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=_EMAIL_URL_OPTIONS.get("TIMEOUT", 10))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="커뮤니티 공간 <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Background work (django-tasks, brought by Wagtail). In-process by default; with
# TASKS_BACKEND=database, tasks queue in the database (django-tasks-db) and
# ``manage.py worker`` runs them (docs/deploy.md).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND", default="immediate")]}}
# The tasks that send each outbox's e-mails; the worker queues them all when it starts.
OUTBOX_TASKS = [
    "bookings.tasks.send_notices",
    "events.tasks.send_registration_notices",
    "operators.tasks.send_notices",
    "residents.tasks.send_resident_notices",
]
# Periodic jobs the worker runs itself (core.scheduler): function → seconds between runs.
# Each run is claimed in the database, so any number of workers run each job once.
SCHEDULED_JOBS = {
    "residents.reminders.queue_reminders": 5 * 60,
    "core.outbox.queue_senders": 5 * 60,  # failed e-mails whose pause is over
    "bookings.services.expire_overdue": 5 * 60,
    "events.schedule.refresh_all": 24 * 60 * 60,
    "residents.rights.apply_retention": 24 * 60 * 60,
}

# How residents can be told of their reminders and saved items (core.notify). A city adds
# an SMS or 알림톡 provider here: {"sms": {"BACKEND": "city.sms.Channel", "OPTIONS": {…}}}.
NOTIFICATION_CHANNELS = {"email": {"BACKEND": "core.notify.EmailChannel"}}
# Personal data of bookings, registrations and campaign entries is anonymised this many
# days after the date it was for (residents.rights, manage.py apply_retention).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=3 * 365)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Images: the admin refuses files over 10 MB or 40 megapixels (read from the header,
# before decoding), and Pillow refuses to decode anything larger (core.apps), so a
# small file that would expand into gigabytes of pixels (an image bomb) is refused.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Rate limits, counted in the cache (Redis in production, so shared by every app server).
# Log-in and sign-up are allauth's; booking, program registration, proposals and campaign
# entries use core.ratelimit. "n/period/key": per client address (ip), per account
# (user) or per submitted login (key).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Wrong passwords are limited for every log-in form at once, in core.auth
    # (RATE_LIMITS["login"]); allauth's own count would be a second one, for its form only.
    "login_failed": None,
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    # One confirmation mail a minute per address (allauth: 3); asking sooner is answered
    # with the seconds to wait (core.accounts.confirmation_mail_wait).
    "confirm_email": "1/60s/key",
}
RATE_LIMITS = {
    # Booking requests and program registrations: per account and per client address.
    "booking": {"account": (20, 3600), "address": (60, 3600)},
    "registration": {"account": (30, 3600), "address": (90, 3600)},
    # Wrong passwords, on any log-in form (core.auth): per account, whether named by
    # username or e-mail in any case, and per client address.
    "login": {"account": (5, 300), "address": (10, 60)},
}
# How many proxies of ours stand in front of the app servers, each appending the address
# it saw to X-Forwarded-For (core.ratelimit.client_address; allauth counts the same way).
# TRUST_X_FORWARDED_FOR=true means one.
TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=1 if env.bool("TRUST_X_FORWARDED_FOR", default=False) else 0
)
TRUST_X_FORWARDED_FOR = TRUSTED_PROXY_COUNT > 0
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Page cache for anonymous visitors (core.pagecache): seconds an answer is kept, 0 = off.
# Publishing purges it; pages showing free times or places depend on those data.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# How long cached answers, fragments and list items live (core.versions; 0 = off). They
# are keyed by data versions, so this only bounds the memory they hold.
CACHE_SECONDS = env.int("CACHE_SECONDS", default=600)
# Never cached, in any language: personal pages, forms, the admin, health checks.
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/operators/",
    "/documents/",
    "/healthz/",
]
# Besides page publishing, changes to these models make every cached page stale.
PAGE_CACHE_PURGED_BY = [
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtailsearchpromotions.SearchPromotion",
    "spaces.District",
    "spaces.SpaceType",
    "spaces.Amenity",
    "spaces.AccessibilityFeature",
]
# The query parameters public pages and APIs read, by path (the longest prefix that
# matches, language prefix left out). For a visitor the page cache serves, every other
# parameter is dropped before the lookup and before the view, and the rest are put in
# order: junk in an address (?r=123, ?utm_source=…) neither misses the cache nor fills
# it, and a view never sees what the cache key left out. A view reading a new parameter
# adds it here (tests/security/test_cache_query.py finds any that is missing).
PAGE_CACHE_QUERY_PARAMETERS = {
    "/": [
        # site search, the directory and the listings: words, kind, page of results
        "q",
        "type",
        "page",
        # the directory and its map data (spaces.directory.parse_filters)
        "district",
        "amenity",
        "accessibility",
        "min_capacity",
        "open_now",
        "free_now",
        "near",
        "radius",
        "date",  # also the day a space page's booking section shows
        "start",
        "end",
        "bbox",
        "sort",
        # the map data alone (spaces.api)
        "zoom",
        "lang",
        # the program listing (events.listing.parse_filters)
        "from",
        "to",
        "category",
        "audience",
        "free",
        "available",
        # the stories (stories.listing.parse_filters)
        "tag",
        # sitemap.xml's pages (Django's sitemap view)
        "p",
    ],
    # The open data API (Wagtail API v2, portal.api): its operations, then the fields
    # its endpoints (pages, images, spaces, programs, stories) filter by.
    "/api/v2/": [
        *("fields", "limit", "offset", "order", "search", "search_operator"),
        *("rich_text_format", "format", "type", "child_of", "ancestor_of", "descendant_of"),
        *("translation_of", "locale", "site", "id", "html_path"),
        *("title", "slug", "alias_of", "first_published_at", "search_description"),
        *("seo_title", "show_in_menus", "tags", "width", "height"),
        *("summary", "description", "address", "district", "space_type", "amenities"),
        *("accessibility", "capacity", "floor_area", "is_free", "fee_note", "bookable"),
        *("email", "phone", "website", "opening_hours", "operator_kind", "operator_name"),
        *("name_en", "latitude", "longitude", "last_verified"),
        *("nearest_station", "transit_notes", "parking"),
        *("category", "audience", "language", "start_date", "start_time"),
        *("duration_minutes", "organiser_name", "title_en", "summary_en"),
        *("author", "date", "lead", "body"),
    ],
}

# Content Security Policy (django-csp): scripts and styles only from this site, no
# inline script anywhere; map tiles from MAP_TILE_URL's host. The admin alone also
# allows inline style attributes, which Wagtail's own screens use (core.security).

# Accounts (django-allauth): residents sign up with an e-mail address and log in with
# their username or e-mail; staff and operators use the same accounts in the admin.
AUTHENTICATION_BACKENDS = [
    # First: refuses every log-in while the account or address has too many failures.
    "core.auth.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "residents:mypage"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
# Account e-mails carry the portal's name, as its other mails do (not the host name).
ACCOUNT_EMAIL_SUBJECT_PREFIX = format_lazy("[{}] ", _("Community Space"))
# allauth's forms in the portal's words (core.accounts).
ACCOUNT_FORMS = {
    "login": "core.accounts.PortalLoginForm",
    # PortalSignupForm with the consents the Personal Information Protection Act asks.
    "signup": "residents.forms.SignupForm",
    "add_email": "core.accounts.PortalAddEmailForm",
    "change_password": "core.accounts.PortalChangePasswordForm",
    "reset_password": "core.accounts.PortalResetPasswordForm",
    "reset_password_from_key": "core.accounts.PortalResetPasswordKeyForm",
}
# allauth's mails signed by the portal, their links from PORTAL_BASE_URL, an account
# never left without an address, log-out to the home page in the visitor's language
# (core.accounts); log-in to My page in the profile's language (residents.accounts).
ACCOUNT_ADAPTER = "residents.accounts.ResidentAccountAdapter"
# Following the confirmation link while logged in ends on My page, the banner gone.
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "residents:mypage"
# Sign-up never says whether an address already has an account (core.accounts).
ACCOUNT_PREVENT_ENUMERATION = True
# The admin's log-in says when the limit refused it, and is for admin users only.
WAGTAILADMIN_USER_LOGIN_FORM = "core.accounts.AdminLoginForm"
# Pages restricted to logged-in visitors send them to the site's log-in.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")

# Bookings: how many requests one resident may have waiting for an answer at once.
BOOKING_MAX_OPEN_REQUESTS = env.int("BOOKING_MAX_OPEN_REQUESTS", default=3)

# Wagtail
WAGTAIL_SITE_NAME = _("Community Space")
# Where the portal's sections (core.models.SectionPage: spaces, programs, stories,
# campaigns) may be created: under the home page, one of each.
SECTION_PARENT_PAGE_TYPES = ["home.HomePage"]
# Feeds a page announces in its <head> (core.seo), by page type: (media type, address
# relative to the page's own, title). English pages point to the /en/ feeds.
HEAD_FEEDS = {
    "stories.StoryIndexPage": [
        ("application/rss+xml", "feed/", _("Stories (RSS)")),
        ("application/atom+xml", "feed/atom/", _("Stories (Atom)")),
    ],
    "stories.StoryPage": [
        ("application/rss+xml", "../feed/", _("Stories (RSS)")),
        ("application/atom+xml", "../feed/atom/", _("Stories (Atom)")),
    ],
    "events.ProgramIndexPage": [
        ("application/rss+xml", "feed/", _("Programs (RSS)"), ("district", "type")),
    ],
}
# The portal's one public address (scheme, host, port; no trailing slash): every link in
# an e-mail, Wagtail's notification links and the default Site record (so the sitemap)
# start with it (core.links). WAGTAILADMIN_BASE_URL is still read as its older name.
PORTAL_BASE_URL = env(
    "PORTAL_BASE_URL", default=env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
).rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# The licence under which anyone may reuse the open data (map data, API, calendars,
# feeds, CSV), named by its address: the city's choice. By default 공공누리 제1유형
# (KOGL Type 1: reuse with attribution, commercial use and changes allowed). docs/api.md.
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="https://www.kogl.or.kr/info/licenseType1.do")
# Search: Wagtail's database backend (SQLite FTS5 / PostgreSQL full text) with the
# portal's Korean grams (core.korean); with SEARCH_URL set, Elasticsearch with
# Korean analysed by Nori (docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}  # admin: Korean too
SEARCH_URL = env("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Elasticsearch 9 with the analysis-nori plugin. (OpenSearch's Python client
            # needs the "Events" package, imported as ``events``: the name of our
            # programs app, so it cannot be installed beside the portal.)
            "BACKEND": env("SEARCH_BACKEND", default="modelsearch.backends.elasticsearch9"),
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="portal_"),
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            # Every text field without an analyser of its own.
                            "default": {
                                "type": "custom",
                                "tokenizer": "nori_tokenizer",
                                "filter": ["nori_part_of_speech", "lowercase", "porter_stem"],
                            }
                        }
                    }
                }
            },
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin account's time zones: Seoul first and a few others, not the system's ~600
# names (Debian's list includes "localtime", which the browser rejects with a RangeError
# on /admin/account/).
WAGTAIL_USER_TIME_ZONES = [
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Maps: tiles come from this URL template (OpenStreetMap by default); Leaflet itself is
# served from static/vendor/leaflet (npm), never from a CDN.
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# Above this many spaces in the requested area the GeoJSON API answers with clusters.
SPACES_MAP_MAX_POINTS = env.int("SPACES_MAP_MAX_POINTS", default=1000)
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {"attribution": MAP_TILE_ATTRIBUTION}
GEO_WIDGET_DEFAULT_LOCATION = {"lat": 37.5665, "lng": 126.9780}
GEO_WIDGET_ZOOM = 15

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, [tile_origin(MAP_TILE_URL)])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# No avatars from an outside service in the admin (privacy; no request leaves the site).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No "new Wagtail release" check from the admin: the site calls no outside host.
WAGTAIL_ENABLE_UPDATE_CHECK = False
