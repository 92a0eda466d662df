"""The stories' feeds: RSS 2.0 at ``/stories/feed/`` and Atom 1.0 at
``/stories/feed/atom/`` (``/en/…`` in English), made with Django's syndication framework
and answered by ``StoryIndexPage`` through Wagtail's routing.
https://docs.djangoproject.com/en/5.2/ref/contrib/syndication/

Every link is absolute from the portal's one public address (``core.links``), never the
request's host; only live stories no view restriction covers are listed
(``listing.published``); each answers ETag / Last-Modified and 304 (``core.opendata``)."""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import links, opendata

from .listing import newest_first, prepare, published

ITEMS = 20


class StoryFeed(opendata.PageFeed):
    """The newest stories of ``index`` in the active language (Korean stories that are
    not translated yet keep their Korean text)."""

    feed_type = Rss201rev2Feed

    def __init__(self, index):
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        return f"{index.title} · {_('Community Space')}"

    def link(self, index):
        return links.page_url(index)

    def feed_url(self, index):
        return f"{links.page_url(index)}{index.FEED_ROUTE}/"

    def description(self, index):
        return strip_tags(index.summary or index.intro) or _(
            "News of community activity across the city."
        )

    def items(self, index):
        return prepare(newest_first(published(self.request))[:ITEMS])

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.lead

    def item_pubdate(self, story):
        """The story's own date, as its page, the list's order and its schema.org
        ``datePublished`` give it (the day it reports; a demo or an import publishes
        many stories at once)."""
        return story.published_at

    def item_author_name(self, story):
        return story.author or None

    def item_categories(self, story):
        return [tag.name for tag in story.card_tags]


class StoryAtomFeed(StoryFeed):
    """The same stories as Atom 1.0: the feed names the portal as its author (Atom
    requires one where an entry has none) and its description as the subtitle."""

    feed_type = Atom1Feed

    def feed_url(self, index):
        return f"{super().feed_url(index)}{index.ATOM_ROUTE}/"

    def subtitle(self, index):
        return self.description(index)

    def author_name(self):
        return str(_("Community Space"))


def serve(request, index, atom=False):
    """The RSS or Atom feed of ``index``, answered conditionally."""
    feed = (StoryAtomFeed if atom else StoryFeed)(index)
    return opendata.conditional(request, feed, "stories", "atom" if atom else "rss", index.pk)
