"""The home page's own parts, read from the apps that own the data: the spaces by type
and the portal's numbers (public pages only, counted as the directory counts them) and
the campaign open now. Each is plain data remembered for the data versions it shows
(core.versions), so a warm home page asks the database nothing for them."""

import datetime as dt

from django import template
from django.db.models import Count
from django.utils import timezone

from core import pagecache, versions
from core.i18n import active_language, page_language

register = template.Library()

CAMPAIGN_IMAGE = "fill-640x400"


def _space_counts():
    """{"types": {type id: spaces}, "spaces": n, "districts": n} of the public live
    spaces: the directory's own set (``spaces.directory.base_queryset``, private pages
    left out by ``core.privacy``) in one query grouped by type and district."""
    from spaces.directory import base_queryset

    def build():
        rows = (
            base_queryset()
            .order_by()
            .values("space_type_id", "district_id")
            .annotate(n=Count("pk"))
        )
        types, districts, total = {}, set(), 0
        for row in rows:
            types[row["space_type_id"]] = types.get(row["space_type_id"], 0) + row["n"]
            districts.add(row["district_id"])
            total += row["n"]
        return {"types": types, "spaces": total, "districts": len(districts)}

    return versions.remember("home-space-counts", build=build)


def _month(today):
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following


def _programs_this_month(today):
    """How many public programs have a date (not cancelled) in this calendar month."""
    from events.listing import public_dates
    from events.signals import DATES

    first, following = _month(today)

    def build():
        start, end = (
            timezone.make_aware(dt.datetime.combine(day, dt.time())) for day in (first, following)
        )
        return (
            public_dates()
            .filter(cancelled=False, start__gte=start, start__lt=end)
            .values("program_id")
            .distinct()
            .count()
        )

    return versions.remember("home-programs-month", first.isoformat(), build=build, tags=(DATES,))


def _until_midnight(request):
    """The month (and the week of the programs) turns at midnight, Seoul time."""
    now = timezone.localtime()
    midnight = timezone.make_aware(
        dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    )
    pagecache.expires_within(request, int((midnight - now).total_seconds()) + 1)


@register.simple_tag(takes_context=True)
def portal_numbers(context):
    """{"spaces", "districts", "programs"}: public live spaces, the districts they are
    in, and programs with a date this month."""
    from events.signals import DATES

    counts = _space_counts()
    if "request" in context:
        pagecache.depends_on(context["request"], DATES)
        _until_midnight(context["request"])
    return {
        "spaces": counts["spaces"],
        "districts": counts["districts"],
        "programs": _programs_this_month(timezone.localdate()),
    }


@register.simple_tag
def space_types(directory_url=""):
    """[{"term", "count", "url"}] of the space types that have public spaces, in the
    terms' order, each linking to the directory filtered by it."""
    from django.utils.http import urlencode

    from spaces.taxonomy_cache import Taxonomies

    counts = _space_counts()["types"]
    return [
        {
            "term": term,
            "count": counts[term.pk],
            "url": f"{directory_url}?{urlencode({'type': term.slug})}" if directory_url else "",
        }
        for term in Taxonomies().types
        if counts.get(term.pk)
    ]


def _campaigns():
    """The public live campaigns that have not closed yet, in the active language,
    soonest closing first, as plain data; which one is open is decided when shown."""
    from campaigns.models import CampaignPage
    from core.i18n import default_locale_id, localize_pages
    from core.privacy import restricted

    def build():
        now = timezone.now()
        pages = list(
            CampaignPage.objects.live()
            .filter(locale_id=default_locale_id(), closes_at__gt=now)
            .exclude(restricted())
            .order_by("closes_at", "pk")
        )
        shown = localize_pages(pages, queryset=CampaignPage.objects.select_related("image"))
        found = []
        for korean, page in zip(pages, shown, strict=True):
            image = None
            if page.image is not None:
                rendition = page.image.get_rendition(CAMPAIGN_IMAGE)
                image = {
                    "url": rendition.url,
                    "width": rendition.width,
                    "height": rendition.height,
                    "alt": page.image_alt,
                }
            found.append(
                {
                    # The period is the Korean page's (a translation may lag behind it).
                    "opens_at": korean.opens_at,
                    "closes_at": korean.closes_at,
                    "title": page.title,
                    "lead": page.lead,
                    "url": page.url,
                    "language": page_language(page),
                    "image": image,
                }
            )
        return found

    return versions.remember("home-campaigns", active_language(), build=build)


@register.simple_tag(takes_context=True)
def open_campaign(context):
    """The campaign open now (the one closing soonest), or None. The page showing it is
    kept only until the next campaign opens or this one closes."""
    now = timezone.now()
    campaigns = _campaigns()
    current = next((c for c in campaigns if c["opens_at"] <= now < c["closes_at"]), None)
    moments = [c["opens_at"] for c in campaigns if c["opens_at"] > now]
    if current:
        moments.append(current["closes_at"])
    if moments and "request" in context:
        seconds = (min(moments) - now).total_seconds()
        pagecache.expires_within(context["request"], max(1, int(seconds) + 1))
    return current
