"""Programs shown on other pages: a space's coming programs, the home page's "this
week's programs", public programs only (``events.listing.public_dates``). Each is kept as HTML
for the site's data version and the programs' dates (``events.signals.DATES``: dates
added, removed or cancelled; they show no places left, so registrations leave them
cached), so those pages keep their query budgets."""

from django import template
from django.utils import translation

from core import pagecache, versions

from ..signals import DATES

register = template.Library()


def _kept_html(context, kind, parts, template_name, values, **keyed):
    """``template_name`` rendered with ``values()``, remembered for ``parts``, the
    language, the site's version (or ``keyed``: ``base`` and ``tags``, core.versions)
    and the programs' dates."""
    if "request" in context:
        pagecache.depends_on(context["request"], DATES)

    def build():
        found = context.template.engine.get_template(template_name)
        return found.render(context.new(values()))

    tags = (DATES, *keyed.pop("tags", ()))
    return versions.remember(
        kind, translation.get_language(), *parts, build=build, tags=tags, **keyed
    )


@register.simple_tag(takes_context=True)
def space_programs(context, space, limit=5):
    from ..listing import public_dates

    def values():
        dates = (
            public_dates()
            # The dates belong to the Korean page: its translation shows them too.
            .filter(space__translation_key=space.translation_key, end__gt=_now())
            .select_related("program")
            .order_by("start")[:limit]
        )
        return {"dates": list(dates), "space": space}

    from ..models import ProgramPage

    # Not renewed by other spaces' publications: only by programs' (core.versions).
    if "request" in context:
        pagecache.depends_on(context["request"], versions.kind(ProgramPage))
    return _kept_html(
        context,
        "space-programs",
        (space.pk, limit),
        "events/includes/space_programs.html",
        values,
        base=versions.STRUCTURE,
        tags=(versions.kind(ProgramPage),),
    )


@register.simple_tag(takes_context=True)
def whats_on(context, limit=6, listing_url=""):
    """This week's programs: the dates from now to the end of the sixth day after
    today (Seoul), and a link to the same days in the listing (``listing_url``). The
    week moves at midnight: the page that shows it is kept until then at most."""
    import datetime as dt

    from django.utils import timezone

    from ..views import whats_on as coming

    today = timezone.localdate()
    last = today + dt.timedelta(days=6)
    until = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
    if "request" in context:
        midnight = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
        pagecache.expires_within(context["request"], int((midnight - _now()).total_seconds()) + 1)
    return _kept_html(
        context,
        "whats-on",
        (limit, today.isoformat(), listing_url),
        "events/includes/whats_on.html",
        lambda: {
            "dates": coming(limit, until),
            "first_day": today,
            "last_day": last,
            "listing_url": listing_url,
        },
    )


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
