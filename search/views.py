"""``/search/?q=…[&type=space|program|story|campaign][&page=N]``: one box over spaces,
programs, stories and campaigns — Korean partial words and particles understood, type
facets with counts, highlighted matches, "did you mean", and the search promotions
staff set in the admin. Any input gets a page, never an error."""

from urllib.parse import urlencode

from django.db.models import Q
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from core import paging, ratelimit
from core.i18n import default_locale_id, localize_pages

from . import engine

RESULTS_PER_PAGE = 10
# With no kind chosen, each kind shows its best few, with a link to all of that kind.
PER_KIND = 4


# New search terms one account may add to the query log a day (see ``logged_query``).
NEW_TERMS_PER_ACCOUNT_PER_DAY = 50


def logged_query(request, query):
    """The query's row in Wagtail's query log, with this search counted, or None.

    The log (``Query`` and one ``QueryDailyHits`` row per query and day) feeds staff's
    "Search terms" report and the popular terms offered when they add a promotion.
    Written for every distinct search, a crawler could grow it without end, so a new
    term enters it only from a signed-in account (at most
    ``NEW_TERMS_PER_ACCOUNT_PER_DAY`` a day); once known — searched by a resident or
    given promotions by staff — every search of it counts, anonymous ones too, so
    popularity reflects all visitors while anonymous traffic adds at most a row per
    known term and day (Wagtail's ``searchpromotions_garbage_collect`` drops old days)."""
    from wagtail.contrib.search_promotions.models import Query as LoggedQuery
    from wagtail.search.utils import normalise_query_string

    logged = LoggedQuery.objects.filter(query_string=normalise_query_string(query.text)).first()
    if logged is None:
        user = request.user
        if not user.is_authenticated or not ratelimit.allow(
            "search-terms", user.pk, NEW_TERMS_PER_ACCOUNT_PER_DAY, 24 * 60 * 60
        ):
            return None
        logged = LoggedQuery.get(query.text)
    logged.add_hit()
    return logged


def _promotions(logged):
    """Staff's picks for this query (none for a query not in the log)."""
    if logged is None:
        return []
    from core.privacy import restricted

    # A link, or a live page no view restriction covers (core.privacy).
    picks = logged.editors_picks.filter(
        Q(page__isnull=True) | (Q(page__live=True) & ~restricted("page__"))
    )
    return list(picks.select_related("page").order_by("sort_order"))


def answer(query, locale_id, kind, number, counts=None):
    """The page of results shown (its ``object_list`` the pages' ids) and what else
    the search answers: the count of each kind and the notices of a page number
    replaced. Remembered for the site's data version (core.versions): results change only
    when pages are published, unpublished or made private. ``counts``: each kind's
    count, when the search of all kinds has just given them."""

    def find():
        language = translation.get_language()
        results, found = engine.run(query, locale_id, kind or None, language, counts)
        extra = {"counts": found}
        if not kind and query.terms:  # each kind's best, where this search already holds it
            extra["best"] = {}
            for key, model in engine.models().items():
                if found.get(key):
                    best = results.best(model, found[key], PER_KIND)
                    if best is not None:
                        extra["best"][key] = best
        return results, extra

    return paging.remembered_page(
        "search",
        (translation.get_language(), locale_id, query.text, kind),
        RESULTS_PER_PAGE,
        number,
        find,
        keep=lambda page: page.pk,
    )


def directory_url(request):
    """The space directory's address in the visitor's language: the header's own
    section entry (core.navigation, already kept per site and language), or None when
    the directory is not in the menu."""
    from core.navigation import navigation

    for section in navigation(request)["sections"]:
        if section["model"] == "spaces.spaceindexpage":
            return section["url"]
    return None


def place_link(request, query):
    """{"name", "url"} of the directory near the place the search names ("망원동
    공유부엌": the spaces near 망원동, with the other words as the directory's words), or
    None when it names none (``spaces.places.named_in``: the gazetteer, in memory)."""
    from spaces import places

    found = places.named_in(query.text)
    if found is None:
        return None
    url = directory_url(request)
    if not url:
        return None
    place, named, others = found
    params = {"near": " ".join(named)}
    if others:
        params["q"] = " ".join(others)
    english = translation.get_language().startswith("en")
    name = (place.name_en or place.label("en")) if english else place.name
    return {"name": name, "url": f"{url}?{urlencode(params)}"}


def pages_in_order(ids):
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [pages[pk] for pk in ids if pk in pages]


def pictures_of(pages):
    """{page id: image} of the results that have a picture: a program's, story's or
    campaign's own image, a space's first gallery photo; at most three queries for the
    page of results, the images' renditions loaded with them."""
    from wagtail.images import get_image_model

    from spaces.models import SpaceGalleryImage

    chosen = {page.pk: page.image_id for page in pages if getattr(page, "image_id", None)}
    galleried = [page.pk for page in pages if hasattr(page, "gallery_images")]
    if galleried:
        photos = (
            SpaceGalleryImage.objects.filter(page_id__in=galleried, image__isnull=False)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "image_id")
        )
        for page_id, image_id in photos:
            chosen.setdefault(page_id, image_id)
    if not chosen:
        return {}
    images = (
        get_image_model()
        .objects.filter(pk__in=set(chosen.values()))
        .prefetch_related("renditions")
        .in_bulk()
    )
    return {page_id: images[image_id] for page_id, image_id in chosen.items() if image_id in images}


def places_of(pages):
    """{page id: [(text, language)]}: where a space or program result is, so results of
    the same name can be told apart ("Language exchange" at three spaces). A space: its
    type and district; a program: its space and that space's district. The taxonomy
    names are remembered (``spaces.taxonomy_cache``); the programs' spaces are one
    query."""
    from spaces.models import SpacePage
    from spaces.taxonomy_cache import Taxonomies

    program_model = engine.models().get("program")
    spaces = [page for page in pages if isinstance(page, SpacePage)]
    programs = [page for page in pages if program_model and isinstance(page, program_model)]
    if not spaces and not programs:
        return {}
    terms = Taxonomies()
    parents = {}
    if programs:
        parents = {
            space.path: space
            for space in SpacePage.objects.filter(
                path__in={page.path[: -Page.steplen] for page in programs}
            ).only("path", "title", "name_en", "district_id", "locale_id")
        }

    def district(space):
        found = terms.district(space.district_id)
        return [(found.label, "")] if found else []

    places = {}
    for space in spaces:
        kind = terms.type(space.space_type_id)
        places[space.pk] = ([(kind.label, "")] if kind else []) + district(space)
    for program in programs:
        space = parents.get(program.path[: -Page.steplen])
        if space is not None:
            places[program.pk] = [(space.display_title, space.display_language)] + district(space)
    return places


def grouped(results, sources, kinds, counts, total, wanted=None):
    """The results by kind — spaces, programs, stories, campaigns, the portal's other
    pages — with how many of that kind the whole search found, each kind where its first
    result stands (so the best match stays on top). ``wanted`` ({kind: ids}) keeps only
    those of a kind. Each result gets its ``search_kind``, ``search_picture`` (taken
    from its Korean page, which holds the photos) and ``search_place``."""
    models = engine.models()
    groups = {}
    for result, source in zip(results, sources, strict=True):
        key = next(
            (k for k, model in models.items() if issubclass(result.specific_class, model)),
            "page",
        )
        if wanted is None or source.pk in wanted.get(key, ()):
            result.search_kind, result.search_source = key, source
            groups.setdefault(key, []).append(result)
    shown = [r.search_source for found in groups.values() for r in found]
    pictures, places = pictures_of(shown), places_of(shown)
    for found in groups.values():
        for result in found:
            result.search_picture = pictures.get(result.search_source.pk)
            result.search_place = places.get(result.search_source.pk, [])
    other = max(total - sum(counts.values()), 0)
    return [
        {
            "key": key,
            "label": kinds.get(key, _("Other pages")),
            "count": counts.get(key, other),
            "results": found,
        }
        for key, found in groups.items()
    ]


def overview(query, locale_id, kinds, counts, everything, known=None):
    """What the search shows with no kind chosen: the ids of the best of all kinds
    (``everything``, its first page) then of each kind's own first page, and which of
    them each kind keeps — its best ``PER_KIND``; the portal's other pages (sections,
    listed only here) are those on the first page of all kinds. ``known``: the best of
    the kinds the search of all kinds already held (``engine.Ranked.best``); each other
    kind's page is the one its link opens, remembered as that is (``answer``)."""
    known = known or {}
    ids = list(everything)
    wanted = {"page": set(everything)}
    for key in kinds:
        if counts.get(key):
            best = known.get(key)
            if best is None:
                best = answer(query, locale_id, key, "1", counts)[0].object_list[:PER_KIND]
            wanted[key] = set(best)
            ids += [pk for pk in best if pk not in ids]
    return ids, wanted


def search(request):
    query = engine.Query.read(request.GET.get("q", ""))
    notices = []
    if query.shortened:
        notices.append(
            _("Your search was shortened to its first %(count)d characters.")
            % {"count": engine.MAX_QUERY_LENGTH}
        )
    kind = request.GET.get("type", "")
    kinds = {key: label for key, __, label in engine.TYPES if key in engine.models()}
    if kind and kind not in kinds:
        notices.append(
            _("“%(value)s” is not a kind of result; showing all.") % {"value": kind[:30]}
        )
        kind = ""
    locale_id = default_locale_id(request)

    results_page, found = answer(query, locale_id, kind, request.GET.get("page", "1"))
    notices += found["notices"]
    counts = found["counts"]
    # With no kind chosen the listing is "all" (sections too): the paginator counted it.
    total = results_page.paginator.count if query.terms and not kind else sum(counts.values())
    wanted = None
    shown = results_page.object_list
    # Several kinds found: the best of each. One kind alone: its results, paged.
    several = sum(1 for count in counts.values() if count) > 1 or sum(counts.values()) < total
    if query.terms and not kind and total and several:
        shown, wanted = overview(query, locale_id, kinds, counts, shown, found.get("best"))
    sources = pages_in_order(shown)
    results = localize_pages(sources)
    context = {
        "search_query": query.text,
        "query_words": engine.korean.words(query.text),
        "kind": kind,
        "facets": [
            {"key": key, "label": label, "count": counts.get(key, 0)}
            for key, label in kinds.items()
        ],
        "total": total,
        "results_page": results_page,
        "results": results,
        "groups": grouped(results, sources, kinds, counts, total, wanted) if results else [],
        "overview": wanted is not None,
        "result_count": results_page.paginator.count if query.terms else 0,
        "notices": notices,
        "suggestion": None,
        "promotions": [],
        "no_words": bool(query.text) and not query.terms,
        "place": place_link(request, query) if query.terms else None,
    }
    if query.terms:
        if results_page.number == 1:
            context["promotions"] = _promotions(logged_query(request, query))
        if total == 0:
            context["suggestion"] = engine.suggestion(query, locale_id)
    return render(request, "search/search.html", context)
