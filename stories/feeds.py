"""The stories' RSS 2.0 feed (``/stories/feed/``, ``/en/stories/feed/``), made with
Django's syndication framework and answered by ``StoryIndexPage`` through Wagtail's
routing. https://docs.djangoproject.com/en/5.2/ref/contrib/syndication/"""

import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.i18n import active_language

from .listing import newest_first, prepare, published

ITEMS = 20


class StoryFeed(Feed):
    """The newest stories of ``index`` in the active language (Korean stories that are
    not translated yet keep their Korean text)."""

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

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
        return index.get_url(self.request)

    def feed_url(self, index):
        return index.feed_url(self.request)

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

    def item_link(self, story):
        return story.get_url(self.request)

    def item_guid(self, story):
        """Stable whatever happens to the slug: the story's translation key (one per
        story and language)."""
        if active_language() == settings.LANGUAGE_CODE:
            return f"urn:uuid:{story.translation_key}"
        return f"urn:uuid:{uuid.uuid5(story.translation_key, active_language())}"

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return story.author or None

    def item_categories(self, story):
        return [tag.name for tag in story.card_tags]
