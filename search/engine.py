"""Site search over spaces, programs, stories and campaigns, on whatever search
backend the settings name (Wagtail's database backend on SQLite/PostgreSQL by default,
OpenSearch/Elasticsearch at scale — docs/search.md).

Queries go through ``core.korean.query_terms`` (Hangul words → two-syllable grams
without their particles), so they match the grams every portal page indexes; words in
other scripts go to the backend unchanged (with its English stemming)."""

import difflib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core import korean
from core.privacy import restricted_page_ids, restricted_pages, without_private
from core.text import one_line

MAX_QUERY_LENGTH = 200

# (key, model label, label) — the result types, in the order of their facets.
TYPES = [
    ("space", "spaces.SpacePage", _("Spaces")),
    ("program", "events.ProgramPage", _("Programs")),
    ("story", "stories.StoryPage", _("Stories")),
    ("campaign", "campaigns.CampaignPage", _("Campaigns")),
]


def models():
    found = {}
    for key, label, __ in TYPES:
        try:
            found[key] = apps.get_model(label)
        except LookupError:  # an app left out of INSTALLED_APPS
            continue
    return found


@dataclass
class Query:
    text: str = ""
    terms: list = field(default_factory=list)
    shortened: bool = False

    @classmethod
    def read(cls, raw):
        # No control characters or runs of spaces.
        text = one_line(raw or "")
        shortened = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        return cls(text=text, terms=korean.query_terms(text), shortened=shortened)

    @property
    def backend_query(self):
        return " ".join(self.terms)


def section_models():
    """The listings (sections) and the city's statements (the privacy policy …): found
    when no kind is chosen, never a facet of their own."""
    from core.models import SectionPage
    from home.models import InfoPage

    return [model for model in apps.get_models() if issubclass(model, SectionPage)] + [InfoPage]


def public(queryset, private=None):
    """``queryset`` without the pages a view restriction covers, in either language
    (``core.privacy``; Wagtail's ``public()`` misses translations). Left out by id, a
    lookup every search backend accepts: ``private``, the ids as read for a search
    (``restricted_page_ids``), else a subquery."""
    if private is None:
        return queryset.exclude(pk__in=restricted_pages())
    return without_private(queryset, private)


def base_queryset(locale_id, kinds=None, private=None, translations=None):
    """Live public pages of the chosen kinds; with no kind, the sections too (a search
    for "프로그램" may well mean the program listing). The Korean pages, or with
    ``translations`` (see ``translated``) each page in the visitor's language where it
    has one and in Korean where it has none."""
    chosen = list(models().values())
    if kinds:
        chosen = [model for key, model in models().items() if key in kinds]
    else:
        chosen += section_models()
    pages = Page.objects.live()
    if translations is None:
        pages = pages.filter(locale_id=locale_id)
    else:
        other, replaced = translations
        pages = pages.filter(locale_id__in=[locale_id, other]).exclude(pk__in=replaced)
    return public(pages.type(*chosen), private)


def translated(query, locale_id, language):
    """What a search in ``language`` reads besides the Korean pages: None on Korean
    pages and for words typed in Hangul (they are searched in the Korean text, which
    indexes the spaces' and programs' English names too), else (the language's locale,
    the ids of the Korean pages it has a live translation of), so that an English story
    is found by its English words, once. By id, a lookup every backend accepts."""
    from django.conf import settings

    from core.i18n import locale_id_of

    if not language or language == settings.LANGUAGE_CODE or korean.has_hangul(query.text):
        return None
    other = locale_id_of(language)
    if other is None or other == locale_id:
        return None
    replaced = Page.objects.live().filter(
        locale_id=locale_id,
        translation_key__in=Page.objects.live().filter(locale_id=other).values("translation_key"),
    )
    return other, list(replaced.values_list("pk", flat=True))


def run(query, locale_id, kind=None, language=None, counts=None):
    """(results queryset, {type key: count}) for ``query``; results of one type when
    ``kind`` is given. ``language``: the page's, whose translations are searched
    (``translated``). ``counts``: the counts a search of all kinds already gave for
    the same query and language (the overview's search of each kind need not count
    every kind again: a query over the whole index at 60,000 spaces)."""
    if not query.terms:
        return Page.objects.none(), {}
    private = restricted_page_ids()
    translations = translated(query, locale_id, language)
    if counts is not None and kind:
        queryset = base_queryset(locale_id, [kind], private, translations)
        results = queryset.specific().search(query.backend_query, operator="and")
        return Ranked(results, query, counts.get(kind, 0)), dict(counts)
    counts = {}
    # The facets' counts and the total in one query, grouped by page type (every
    # backend can), over pages rather than each type's own table: the database joins
    # entries to pages by the page's id as text, which is indexed (search/migrations/
    # 0002). Sections count towards the total only, as they are listed only then.
    by_type = (
        base_queryset(locale_id, None, private, translations)
        .search(query.backend_query, operator="and")
        .facet("content_type_id")
    )
    types = {type_id: ContentType.objects.get_for_id(type_id).model_class() for type_id in by_type}
    for key, model in models().items():
        counts[key] = sum(
            count
            for type_id, count in by_type.items()
            if types[type_id] and issubclass(types[type_id], model)
        )
    total = counts.get(kind, 0) if kind else sum(by_type.values())
    queryset = base_queryset(locale_id, [kind] if kind else None, private, translations)
    results = queryset.specific().search(query.backend_query, operator="and")
    return Ranked(results, query, total), counts


RERANK = 100


class Ranked:
    """The backend's results with the first ``RERANK`` re-ordered so that pages whose
    title holds more of the query come first (backends rank titles differently: SQLite's
    index weighs only the ``title`` column, not the title's grams). Sliceable and
    countable, as a paginator needs."""

    def __init__(self, results, query, total=None):
        self.results = results
        self.terms = set(query.terms)
        self.total = total  # when already counted
        self._head = None

    def count(self):
        if self.total is None:
            self.total = self.results.count()
        return self.total

    def __len__(self):
        return self.count()

    def score(self, page):
        title_terms = set(korean.index_terms(page.title).split()) | {
            word.lower() for word in _WORD.findall(page.title)
        }
        return len(self.terms & title_terms)

    def head(self):
        if self._head is None:
            self._found = list(self.results[:RERANK])  # the backend's order
            self._head = sorted(self._found, key=self.score, reverse=True)  # stable
        return self._head

    def best(self, model, count, number):
        """The ids of the first ``number`` pages of ``model`` (``count`` of them found) as
        a search of that kind alone shows them, read from this search's head — or None
        when the head does not tell. The same ranking narrowed to one kind keeps its
        order, so this head holds the first pages of that kind's ranking. They are its
        own head's best when they are its first ``RERANK`` (or all of it), or when
        ``number`` of them have every word of the query in their title: no page after
        them can come before them. Either spares a second ranking of every match (a
        common word ranks tens of thousands at 60,000 spaces)."""
        self.head()
        of_kind = [page for page in self._found if isinstance(page, model)]
        best = sorted(of_kind, key=self.score, reverse=True)[:number]
        whole = len(of_kind) >= min(RERANK, count)
        if not whole and sum(1 for page in best if self.score(page) == len(self.terms)) < number:
            return None
        return [page.pk for page in best]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        head = self.head()
        if len(head) < RERANK or (stop is not None and stop <= RERANK):
            return head[start:stop]
        tail_stop = None if stop is None else stop
        return head[start:] + list(self.results[max(start, RERANK) : tail_stop])


# --- "did you mean" ----------------------------------------------------------------

_WORD = re.compile(r"\w{2,}", re.UNICODE)


def vocabulary(locale_id):
    """Words of public live page titles and the place and type names (remembered for
    the site's data version: a page published, renamed or made private changes them)."""
    from core import versions

    def build():
        found = set()
        for title in base_queryset(locale_id).values_list("title", flat=True).iterator():
            found.update(word.lower() for word in _WORD.findall(title))
        District = apps.get_model("spaces.District")
        SpaceType = apps.get_model("spaces.SpaceType")
        for name, name_en in list(District.objects.values_list("name", "name_en")) + list(
            SpaceType.objects.values_list("name", "name_en")
        ):
            found.update(word.lower() for word in _WORD.findall(f"{name} {name_en}"))
            if name.endswith("구"):
                found.add(name[:-1])
        return sorted(found)

    return versions.remember("search-vocabulary", locale_id, build=build)


def suggestion(query, locale_id):
    """A corrected query when some word is close to a known one, else None."""
    known = vocabulary(locale_id)
    known_set = set(known)
    changed = False
    out = []
    for word in korean.words(query.text):
        lowered = word.lower()
        if lowered in known_set or len(lowered) < 2:
            out.append(word)
            continue
        match = difflib.get_close_matches(lowered, known, n=1, cutoff=0.75)
        if match and match[0] != lowered:
            out.append(match[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None
