"""Programs shown on other pages: a space's coming programs, the home page's "what's
on soon", public programs only (``events.listing.public_dates``). Both are cached
under the programs' data version (any publish, unpublish, date refresh or
registration starts a new one) and the site's (privacy), so those pages keep their
query budgets."""

from django import template
from django.core.cache import cache
from django.utils import translation

from core import pagecache

register = template.Library()

TIMEOUT = 60 * 10


@register.inclusion_tag("events/includes/space_programs.html", takes_context=True)
def space_programs(context, space, limit=5):
    if "request" in context:
        pagecache.depends_on(context["request"], pagecache.PLACES)
    from ..listing import public_dates

    key = f"events:space:{space.pk}:{_versions()}:{translation.get_language()}:{limit}"
    dates = cache.get(key)
    if dates is None:
        dates = list(
            public_dates()
            .filter(space=space, end__gt=_now())
            .select_related("program")
            .order_by("start")[:limit]
        )
        cache.set(key, dates, TIMEOUT)
    return {"dates": dates, "space": space}


@register.inclusion_tag("events/includes/whats_on.html", takes_context=True)
def whats_on(context, limit=6):
    if "request" in context:
        pagecache.depends_on(context["request"], pagecache.PLACES)
    from ..views import whats_on as coming

    key = f"events:whats-on:{_versions()}:{limit}"
    dates = cache.get(key)
    if dates is None:
        dates = coming(limit)
        cache.set(key, dates, TIMEOUT)
    return {"dates": dates}


def _versions():
    """The programs' data version and the site's: the site's follows what the programs'
    does not, a page made private or public (``core.privacy``)."""
    from core import versions

    from ..signals import data_version

    return f"{data_version()}:{versions.current(pagecache.SITE)}"


def _now():
    from django.utils import timezone

    return timezone.now()


@register.simple_tag
def program_schedule(program):
    """The program page's schedule in words, in the active language: ``sentence``
    ("매주 화·목요일 19:00–21:00, 2027년 3월 31일까지"; "" without a repeating rule)
    and ``left_out``, the coming dates the schedule leaves out ("12월 24일(목)"), so
    the page can say there is no session then. A translation shows its Korean
    page's schedule, whose dates it lists."""
    from django.utils import timezone

    from ..schedule import day_text, describe, join_words, left_out_dates, seoul

    source = program.source
    today = timezone.localdate(timezone=seoul())
    left_out = [day_text(day, weekday=True) for day in left_out_dates(source, today)]
    return {"sentence": describe(source), "left_out": join_words(left_out)}
