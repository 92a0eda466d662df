"""Stories shown on other pages: a space's stories (related to it or featuring it) and
the home page's latest stories. Both are remembered per language for the site's data
version (core.versions: any publish, unpublish, move or delete starts a new one), so
those pages keep their query budgets."""

from django import template

from core.i18n import active_language, page_language
from core.korean import has_hangul

register = template.Library()

COVER = "fill-640x400"  # the story listing's cards' (story_card.html): one rendition for both


def _cached_list(name, stories, image=None, **keyed):
    """The list ``name`` in the active language, as plain data (``keyed``: ``base`` and
    ``tags`` of core.versions, if not the site's version); ``image``: a rendition
    filter, for lists that show each story's cover."""
    from core import versions

    from ..listing import prepare

    def cover(story):
        if not image or story.image is None:
            return None
        rendition = story.image.get_rendition(image)
        return {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": story.image_alt,
        }

    def build():
        return [
            {
                "title": story.title,
                "url": story.url,
                "date": story.date,
                "lead": story.lead,
                "language": page_language(story),
                "image": cover(story),
            }
            for story in prepare(list(stories()), tags=False)
        ]

    return versions.remember("stories", name, active_language(), build=build, **keyed)


@register.inclusion_tag("stories/includes/space_stories.html", takes_context=True)
def space_stories(context, space, limit=4):
    """The newest stories about ``space`` (its Korean page or a translation)."""
    from ..listing import newest_first, published

    def stories():
        about = published().filter(space_mentions__space__translation_key=space.translation_key)
        return newest_first(about.distinct())[:limit]

    from core import pagecache, versions

    from ..models import StoryPage

    # Not renewed by other spaces' publications: only by stories' (core.versions).
    if "request" in context:
        pagecache.depends_on(context["request"], versions.kind(StoryPage))
    found = _cached_list(
        f"space:{space.translation_key}:{limit}",
        stories,
        base=versions.STRUCTURE,
        tags=(versions.kind(StoryPage),),
    )
    return {"stories": found}


@register.simple_tag
def latest_stories(limit=4):
    """[{"title", "url", "date", …, "image"}] of the newest stories, for the home page
    (``image``: the cover as the story listing's cards show it, or None)."""
    from ..listing import newest_first, published

    return _cached_list(f"latest:{limit}", lambda: newest_first(published())[:limit], image=COVER)


@register.filter
def text_language(text):
    """ "ko" for text written in Hangul (e.g. a Korean topic shown on the English site),
    else the active language."""
    return "ko" if has_hangul(str(text or "")) else active_language()
