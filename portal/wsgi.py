"""WSGI entry point for gunicorn: ``gunicorn portal.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Anonymous pages from the cache before Django handles the request (core.pagecache).
from core.pagecache import FrontDoor  # noqa: E402 (needs the settings above)

application = FrontDoor(application)
