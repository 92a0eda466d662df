"""Data tags (core.versions) for what a space shows that changes without a publication:
its free times (bumped by the bookings app on every booking change) and the details
confirmed by "verify". Publishing is ``versions.SITE``."""

from core import versions

# Answers that filter by free time: the directory's and the map's "free then".
AVAILABILITY = versions.tag("availability")


def availability(space_id):
    """One space's free times (its booking section)."""
    return versions.tag("availability", space_id)


def details(space_id):
    """What a space page shows that changes without a publication ("last verified")."""
    return versions.tag("space", space_id)


def availability_changed(space_id):
    versions.bump_on_commit(AVAILABILITY, availability(space_id))
