from django import template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core import pagecache, versions
from spaces.tags import availability as availability_tag

register = template.Library()

TEMPLATE = "bookings/includes/space_booking.html"


@register.simple_tag(takes_context=True)
def space_booking(context, space):
    """The space page's booking section: a link to the form and the chosen day's free
    and taken times (?date=YYYY-MM-DD).

    Kept (core.versions) for the space's free times (``spaces.tags.availability``), the
    page's own data (its version, language, address), the day shown and the minute: opening
    hours, steps and lead times are whole minutes, so within a minute the same slots
    have begun. A request that expires unanswered frees its slots within the minute,
    as the page cache allows (``expires_within``)."""
    from ..services import closures_of
    from ..views import availability, canonical_space, chosen_day, prefill

    request = context["request"]
    space = canonical_space(space)
    if not space.bookable:
        return ""
    # Cached for anonymous visitors only while no booking of this space changes, and
    # at most a minute (slots that have begun are no longer offered).
    free_times = availability_tag(space.pk)
    pagecache.depends_on(request, free_times)
    pagecache.expires_within(request, 60)
    now = timezone.now()
    day = chosen_day(request, space, now)
    # The time chosen in the directory (?date=&start=&end=) goes on to the booking form.
    times = prefill(request.GET, space)
    times = times if times.get("date") == day.isoformat() and "start" in times else {}
    preview = getattr(request, "is_preview", False)

    def render(_items):
        # A preview shows the closures being edited, not the published ones.
        closures_of(space, cached=not preview)
        section = {
            "space": space,
            "bookable": True,
            # This tag sits on the space's own page: its form is right below it.
            "booking_url": f"{request.path}{space.BOOKING_ROUTE}/",
            "chosen_times": times,
            **availability(space, day, now),
        }
        return [render_to_string(TEMPLATE, section)]

    if preview:
        return mark_safe(render(None)[0])  # noqa: S308 (rendered by our template)
    minute = timezone.localtime(now).strftime("%Y-%m-%dT%H:%M")
    parts = (space.pk, translation.get_language(), request.path, day.isoformat(), times, minute)
    html = versions.remember(
        "booking-section",
        *parts,
        build=lambda: render(None)[0],
        base=versions.STRUCTURE,  # the space's own settings, not the whole site's
        tags=(versions.page(space), free_times),
        timeout=60,
    )
    return mark_safe(html)  # noqa: S308 (rendered by our template)
