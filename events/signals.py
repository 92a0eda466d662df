"""Program dates follow the schedule: refreshed when a program is published or
unpublished (and daily by ``refresh_program_dates``). Two data tags (core.versions) follow
what changes without a publication: ``DATES`` (dates added, removed or cancelled: what is
on and when) and ``PLACES`` (registrations: places left). A page showing only what is on
(a space's programs, "what's on soon") depends on ``DATES``, so registrations leave it
cached."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from wagtail.signals import page_published, page_unpublished

from core import versions

from .models import Occurrence, ProgramPage, Registration

DATES = versions.tag("dates")
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


def _dates_changed(**kwargs):
    versions.bump_on_commit(DATES, PLACES)


def _places_changed(**kwargs):
    versions.bump_on_commit(PLACES)


post_save.connect(_dates_changed, sender=Occurrence, dispatch_uid="events-dates-Occurrence")
post_delete.connect(_dates_changed, sender=Occurrence, dispatch_uid="events-dates-d-Occurrence")
post_save.connect(_places_changed, sender=Registration, dispatch_uid="events-places-Registration")
post_delete.connect(
    _places_changed, sender=Registration, dispatch_uid="events-places-d-Registration"
)
