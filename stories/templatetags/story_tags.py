"""Stories shown on other pages: a space's stories (related to it or featuring it) and
the home page's latest stories. Both are cached per language under the stories' data
version (any publish, unpublish, move or delete of a story starts a new one), so those
pages keep their query budgets."""

import re

from django import template
from django.core.cache import cache

from core.i18n import active_language, page_language
from core.korean import HANGUL

register = template.Library()

TIMEOUT = 60 * 10
_HANGUL = re.compile(f"[{HANGUL}]")


def _items(stories):
    """Plain data for a short list, in the active language (cached as it is)."""
    from ..listing import prepare

    return [
        {
            "title": story.title,
            "url": story.url,
            "date": story.date,
            "lead": story.lead,
            "language": page_language(story),
            "district": story.card_district,
        }
        for story in prepare(stories, tags=False)
    ]


def _cached_list(name, stories):
    """The list ``name`` in the active language. The Korean stories behind it are
    cached apart from their rendering in each language, so a language seen for the
    first time costs one query (the translations) at most, none when the list is empty."""
    from ..signals import data_version

    version = data_version()
    key = f"stories:{name}:{version}:{active_language()}"
    items = cache.get(key)
    if items is None:
        sources_key = f"stories:{name}:{version}:sources"
        sources = cache.get(sources_key)
        if sources is None:
            sources = list(stories())
            cache.set(sources_key, sources, TIMEOUT)
        items = _items(sources)
        cache.set(key, items, TIMEOUT)
    return items


@register.inclusion_tag("stories/includes/space_stories.html")
def space_stories(space, limit=4):
    """The newest stories about ``space`` (its Korean page or a translation)."""
    from ..listing import newest_first, published

    def stories():
        about = published().filter(space_mentions__space__translation_key=space.translation_key)
        return newest_first(about.distinct())[:limit]

    return {"stories": _cached_list(f"space:{space.translation_key}:{limit}", stories)}


@register.simple_tag
def latest_stories(limit=4):
    """[{"title", "url", "date", …}] of the newest stories, for the home page."""
    from ..listing import newest_first, published

    return _cached_list(f"latest:{limit}", lambda: newest_first(published())[:limit])


@register.filter
def text_language(text):
    """ "ko" for text written in Hangul (e.g. a Korean topic shown on the English site),
    else the active language."""
    return "ko" if _HANGUL.search(str(text or "")) else active_language()
