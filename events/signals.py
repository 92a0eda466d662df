"""Program dates follow the schedule: refreshed when a program is published or
unpublished (and daily by ``refresh_program_dates``). Every change to programs, their
dates or registrations starts a new data version for the cached program lists."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished

from .models import Occurrence, ProgramPage, Registration

VERSION_KEY = "events:data-version"


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, None)
        version = cache.get(VERSION_KEY)
    return version


def bump_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns() // 1000, None)


def _refresh(sender, instance, **kwargs):
    from .schedule import refresh

    refresh(instance.specific if hasattr(instance, "specific") else instance)
    bump_version()


page_published.connect(_refresh, sender=ProgramPage, dispatch_uid="events-refresh-published")
page_unpublished.connect(_refresh, sender=ProgramPage, dispatch_uid="events-refresh-unpublished")
for model in (Occurrence, Registration):
    post_save.connect(bump_version, sender=model, dispatch_uid=f"events-version-{model.__name__}")
    post_delete.connect(
        bump_version, sender=model, dispatch_uid=f"events-version-d-{model.__name__}"
    )
