"""Program dates follow the schedule: refreshed when a program is published or
unpublished (and daily by ``refresh_program_dates``). Registrations and dates change the
places left without a publication: they bump ``PLACES``, the data tag of every cached
answer that shows them (core.versions)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from wagtail.signals import page_published, page_unpublished

from core import versions

from .models import Occurrence, ProgramPage, Registration

PLACES = versions.tag("places")

# Sent by ``events.schedule.refresh`` when a program gains dates to come: ``program`` and
# the new ``occurrences`` (saved rows). Not for the dates that only come into view as the
# kept window rolls forward a day. Apps built on events (the residents' saved programs)
# listen; events imports none of them.
dates_added = Signal()


def _refresh(sender, instance, **kwargs):
    from .schedule import refresh

    refresh(instance.specific if hasattr(instance, "specific") else instance)


page_published.connect(_refresh, sender=ProgramPage, dispatch_uid="events-refresh-published")
page_unpublished.connect(_refresh, sender=ProgramPage, dispatch_uid="events-refresh-unpublished")


def _places_changed(**kwargs):
    versions.bump_on_commit(PLACES)


for model in (Occurrence, Registration):
    post_save.connect(_places_changed, sender=model, dispatch_uid=f"events-places-{model.__name__}")
    post_delete.connect(
        _places_changed, sender=model, dispatch_uid=f"events-places-d-{model.__name__}"
    )
