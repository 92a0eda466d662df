"""``{% photo_alt photo page as alt %}``: a gallery photo's alt text in the language it
is shown in.

A Korean page shown on the English site keeps its own words, marked ``lang="ko"``.
The demo's drawn pictures (spaces.illustrations) are known, though: while a photo still
carries the alt text the demo gave it, the English site describes it in English."""

from django import template
from django.conf import settings

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
