"""Booking changes that other parts of the portal show (the map's free-time filter)."""

from django.db.models.signals import post_delete, post_save

from spaces.directory import register_window_filter
from spaces.tags import availability_changed

from .models import Booking


def _changed(sender, instance, **kwargs):
    availability_changed(instance.space_id)


post_save.connect(_changed, sender=Booking, dispatch_uid="bookings-map-version-save")
post_delete.connect(_changed, sender=Booking, dispatch_uid="bookings-map-version-delete")


# --- the directory's "free for this window" filter -----------------------------------


def drop_booked(queryset, start, end):
    """Spaces with an active booking overlapping [start, end) are not free then."""
    from django.utils import timezone

    from .models import Status

    now = timezone.now()
    booked = (
        Booking.objects.active()
        .overlapping(start, end)
        .exclude(status=Status.REQUESTED, expires_at__lte=now)
        .values("space_id")
    )
    return queryset.exclude(pk__in=booked)


register_window_filter(drop_booked)
