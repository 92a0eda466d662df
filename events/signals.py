"""Program dates follow the schedule: refreshed when a program is published or
unpublished (and daily by ``refresh_program_dates``). Two data tags (core.versions) follow
what changes without a publication: ``DATES`` (dates added, removed or cancelled: what is
on and when) and ``PLACES`` (registrations: places left), with ``places(date)`` for one
date's places and ``places_on(start)`` for those of a day's dates. A page showing only
what is on (a space's programs, "what's on soon") depends on ``DATES``, so
registrations leave it cached; a page of the program listing shows the places left of
its days' dates only, so a registration for another day leaves it cached too, and one
for a date it shows renders that date again, not the others."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished

from core import versions

from .models import Occurrence, ProgramPage, Registration

DATES = versions.tag("dates")
PLACES = versions.tag("places")


def places(occurrence_id):
    """The tag of one date's places left."""
    return versions.tag("places", occurrence_id)


def places_on(start):
    """The tag of the places left on the dates of the day (in Seoul) of ``start``."""
    return versions.tag("places-on", timezone.localdate(start).isoformat())


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


def _places_changed(instance, **kwargs):
    occurrence = instance.occurrence
    versions.bump_on_commit(PLACES, places(occurrence.pk), places_on(occurrence.start))


post_save.connect(_dates_changed, sender=Occurrence, dispatch_uid="events-dates-Occurrence")
post_delete.connect(_dates_changed, sender=Occurrence, dispatch_uid="events-dates-d-Occurrence")
post_save.connect(_places_changed, sender=Registration, dispatch_uid="events-places-Registration")
post_delete.connect(
    _places_changed, sender=Registration, dispatch_uid="events-places-d-Registration"
)
