from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Ground floor shared by every domain app: the page base class with locale
    fallback, language helpers, the design system's template tags and the
    operational endpoints (health, robots, sitemap)."""

    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import (
            navigation,  # noqa: F401  (connects cache invalidation)
            pagecache,
        )

        pagecache.connect()
