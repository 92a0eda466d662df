"""``{% photo_alt photo page as alt %}``: a gallery photo's alt text in the language it
is shown in.

A Korean page shown on the English site keeps its own words, marked ``lang="ko"``.
The demo's drawn pictures (spaces.illustrations) are known, though: while a photo still
carries the alt text the demo gave it, the English site describes it in English.

``{% photo_large image as large %}`` and ``{% gallery_sizes count index as sizes %}``
serve the space page's gallery: where a photo opens larger, and each photo's ``sizes``."""

from django import template
from django.conf import settings

from wagtail.images.views.serve import generate_image_url

from core.i18n import active_language
from spaces import illustrations

register = template.Library()


@register.simple_tag
def photo_alt(photo, page):
    """{"text": alt text, "lang": its language when it differs from the page's, else
    None}. ``photo`` is a gallery row (image, alt_text), ``page`` its space."""
    text = photo.alt_text
    language = active_language()
    if language == settings.LANGUAGE_CODE or not photo.image_id:
        return {"text": text, "lang": None}
    drawing = illustrations.from_title(photo.image.title)
    if drawing is None:
        return {"text": text, "lang": None}
    ko, en = illustrations.describe(*drawing)
    if text == f"{page.title}의 {ko}":  # the cover names the space
        return {"text": f"{en} at {page.display_title}", "lang": language}
    if text == ko:
        return {"text": en, "lang": language}
    return {"text": text, "lang": None}


# --- the gallery on a space page (space-page.css lays it out, gallery.js enlarges) ----

# A photo opened larger: at most 1600 px either way (never enlarged), WebP with a JPEG
# for the link a browser without scripts follows.
LARGE_SPEC = "max-1600x1600"

# The share of the content's width each photo takes from 40rem, by how many there are:
# one across; two side by side; a cover beside one or two columns of smaller photos.
MOSAIC = {1: (1,), 2: (1 / 2, 1 / 2), 3: (2 / 3, 1 / 3, 1 / 3), 4: (1 / 2, 1 / 4, 1 / 4, 1 / 2)}


@register.simple_tag
def photo_large(image):
    """{"jpeg": url, "webp": url}: where a gallery photo opens larger.

    The rendition is made when someone opens it, not when the page is drawn: the URLs
    go through Wagtail's image serve view (``wagtailimages_serve`` in portal/urls.py,
    signed, it makes the rendition on its first request), see
    https://docs.wagtail.org/en/stable/advanced_topics/images/image_serve_view.html."""
    return {
        fmt: generate_image_url(image, f"{LARGE_SPEC}|format-{fmt}") for fmt in ("jpeg", "webp")
    }


@register.simple_tag
def gallery_sizes(count, index):
    """The ``sizes`` of the ``index``-th of ``count`` gallery photos (0-based): on a
    phone a strip of photos 85 % of the screen wide (one photo: all of it), from 40rem
    the mosaic's shares (``MOSAIC``; from five, a cover at half and the rest at a
    quarter), the content being at most 70rem wide."""
    shares = MOSAIC.get(count)
    share = shares[index] if shares else (1 / 2 if index == 0 else 1 / 4)
    phone = "calc(100vw - 2rem)" if count == 1 else "85vw"
    return (
        f"(min-width: 72rem) {70 * share:.1f}rem, (min-width: 40rem) {100 * share:.0f}vw, {phone}"
    )
