"""``{% head_tags %}``: the description, canonical address, language twins, Open
Graph and Twitter card tags and feed links of the page or view shown (core.seo)."""

from django import template
from django.utils.safestring import mark_safe

from core import seo

register = template.Library()


@register.inclusion_tag("patterns/head_tags.html", takes_context=True)
def head_tags(context, og_type="website", error=False):
    request = context.get("request")
    return {"head": seo.head(request, context.get("page"), og_type=og_type, error=error)}


# A list's first cards are in view when it opens (a row of three at 1280 px, the first
# on a phone): their pictures load at once, not when the page has been laid out.
EAGER_CARDS = 3


@register.filter
def loads_early(card, position):
    """A card's HTML for the ``position``-th card of a list (from 1). Cards are cached
    and shared by every list they appear in, so their picture is written with
    ``loading="lazy"``; the first ``EAGER_CARDS`` lose it, and the very first asks for
    ``fetchpriority="high"`` (the largest paint of the directory on a phone)."""
    if position > EAGER_CARDS:
        return card
    early = ' fetchpriority="high"' if position == 1 else ""
    return mark_safe(str(card).replace(' loading="lazy"', early, 1))
