"""A data version for the cached story lists (a space's stories, the home page's latest
stories, the listing's topics): publishing, unpublishing, moving, renaming or deleting
a story starts a new one, and so does any change to a page's privacy."""

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core import versions
from core.privacy import when_privacy_changes

from .models import StoryIndexPage, StoryPage

VERSION_KEY = "stories:data-version"


def data_version():
    return versions.current(VERSION_KEY)


def bump_version(**kwargs):
    versions.bump(VERSION_KEY)


for model in (StoryPage, StoryIndexPage):
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(
            bump_version, sender=model, dispatch_uid=f"stories-version-{signal!r}-{model.__name__}"
        )
    post_delete.connect(
        bump_version, sender=model, dispatch_uid=f"stories-version-delete-{model.__name__}"
    )


# A story (or what holds it) made private or public leaves or enters the lists once
# the change commits (core.privacy).
when_privacy_changes(bump_version, "stories-version-privacy")
