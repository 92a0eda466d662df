from django import template

from core import pagecache

register = template.Library()


@register.inclusion_tag("bookings/includes/space_booking.html", takes_context=True)
def space_booking(context, space):
    """The space page's booking section: a link to the form and the chosen day's free
    and taken times (?date=YYYY-MM-DD)."""
    from ..services import closures_of
    from ..views import availability, canonical_space, chosen_day

    request = context["request"]
    space = canonical_space(space)
    if not space.bookable:
        return {"space": space, "bookable": False}
    # Cached for anonymous visitors only while no booking of this space changes, and
    # at most a minute (slots that have begun are no longer offered).
    pagecache.depends_on(request, pagecache.space_bookings(space.pk))
    pagecache.expires_within(request, 60)
    # A preview shows the closures being edited, not the published ones.
    closures_of(space, cached=not getattr(request, "is_preview", False))
    day = chosen_day(request, space)
    return {
        "space": space,
        "bookable": True,
        # This tag sits on the space's own page: its form is right below it.
        "booking_url": f"{request.path}{space.BOOKING_ROUTE}/",
        **availability(space, day),
    }
