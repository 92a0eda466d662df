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

        # Pillow refuses to decode images beyond twice this many pixels (an image bomb)
        # wherever an image is opened, not only in the admin's upload form.
        from django.conf import settings

        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
