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

        # Every CSV export (Wagtail's listings and reports) writes formula-like text as
        # text (core.export).
        from . import export

        export.install()

        # Every stored image loses its metadata and original file name (core.images).
        from . import images

        images.connect()

        # Pillow refuses to decode images beyond twice this many pixels (an image bomb)
        # wherever an image is opened, not only in the admin's upload form.
        from django.conf import settings

        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
