"""schema.org data for search engines, written into a page's
``<script type="application/ld+json">`` element, and the parts every page's data
shares: absolute links from the one public address (``core.links``), images as
renditions in the three shapes Google asks for, the breadcrumb trail and the portal as
publisher.

Titles, addresses and names come from editors, proposals and imports. Inside a script
element the HTML parser ends the element at ``</script>`` and treats ``<!--`` specially,
whatever JSON thinks of them, so ``<``, ``>`` and ``&`` are written as JSON escapes
(``\\u003c`` …), as Django's ``json_script`` does. U+2028 and U+2029 are escaped too:
JSON allows them raw in strings, older JavaScript parsers do not. Korean text stays
readable (no ``ensure_ascii``). The escaped text reads back to exactly the same data.

Rich result rules followed: https://developers.google.com/search/docs/appearance/structured-data
(Event, Article, Breadcrumb, Local business)."""

import json
from urllib.parse import urlsplit

from wagtail.images.models import SourceImageIOError

from . import links

CONTEXT = "https://schema.org"

ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

# 16:9, 4:3 and 1:1, each at least 50,000 pixels (Google's image guidelines for
# events, articles and places); an image smaller than a shape is cropped, not enlarged.
IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")


def dumps(data):
    """``data`` as JSON text that is safe inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False).translate(ESCAPES)


def absolute(url):
    """A site path (``/spaces/…``, or a page URL Wagtail gave with a Site's host) as an
    absolute link from the public address, never from the request's host."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return links.absolute(path)


def image_urls(image):
    """Absolute URLs of ``image``'s renditions in the three shapes (one query for
    those already made)."""
    if image is None:
        return []
    try:
        renditions = image.get_renditions(*IMAGE_SPECS)
    except SourceImageIOError:  # its file is gone from storage: no image rather than a 500
        return []
    return [links.file_url(rendition.url) for rendition in renditions.values()]


def logo():
    from django.templatetags.static import static

    return {"@type": "ImageObject", "url": links.file_url(static("img/logo.svg"))}


def portal(name):
    """The portal as an Organization (the publisher of its stories, the site's owner)."""
    return {"@type": "Organization", "name": str(name), "url": home_url(), "logo": logo()}


def home_url():
    """The home page in the active language (``/`` or ``/en/``)."""
    from django.urls import reverse

    return links.absolute(reverse("wagtail_serve", args=[""]))


def breadcrumb_list(items):
    """A BreadcrumbList of ``(name, url)`` pairs from the home page down; the last one
    (the page itself) may have no URL."""
    elements = []
    for position, (name, url) in enumerate(items, start=1):
        element = {"@type": "ListItem", "position": position, "name": str(name)}
        if url:
            element["item"] = absolute(url)
        elements.append(element)
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": elements}
