"""The search backend the settings name: Wagtail's own (``INNER``, the database backend
by default), with the admin's page search reading Korean as the site search does.

Wagtail's admin finds pages — the page search, the explorer's search, the page
chooser's search — with ``autocomplete()``, which matches the beginnings of title words
only: "도서관" missed "작은도서관", and a space's English name (``name_en``, indexed for
the site search) was never looked at. For pages, this backend answers ``autocomplete()``
with the site search's query (``search.engine.Query``: Hangul words as two-syllable
grams without their particles, English words as stems, every term required) over the
indexed grams (``core.korean``). It searches the very queryset the admin passes in, so
Wagtail's narrowing to the pages a user may explore (and ``spaces.admin_guards``'s)
stays as it is. When that finds nothing — typically a Latin word still being typed,
"Libr" — Wagtail's prefix matching answers as before. Other models' autocomplete
(images, documents, snippets) and every ``search()`` are the inner backend's.

**Indexing in bulk.** Wagtail's PostgreSQL index refreshes every entry's title weight
after each batch it adds, reading the whole index table twice: a bulk import of N pages
in batches cost O(N²) (60,000 spaces and their English pages: the refreshes outgrew the
indexing itself). Inside ``indexing_in_bulk()`` the refresh runs once, at the end.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``
(optionally ``"INNER": "<dotted path of a Wagtail search backend>"``).
https://docs.wagtail.org/en/stable/topics/search/backends.html
"""

import threading
from contextlib import contextmanager

from modelsearch.backends import import_backend
from modelsearch.query import PlainText

DEFAULT_INNER = "wagtail.search.backends.database"


class SearchBackend:
    """Delegates everything to the inner backend but a page's ``autocomplete()``."""

    def __init__(self, params):
        params = dict(params)
        self.inner = import_backend(params.pop("INNER", DEFAULT_INNER))(params)
        self._bulk = threading.local()
        refresh = getattr(self.inner.index_class, "_refresh_title_norms", None)
        if refresh is not None:  # PostgreSQL: one refresh per bulk block, not per batch
            self.inner.index_class = type(
                self.inner.index_class.__name__,
                (self.inner.index_class,),
                {"_refresh_title_norms": self._refresh_title_norms(refresh)},
            )

    def _refresh_title_norms(self, refresh):
        bulk = self._bulk

        def deferred(index, full=False):
            if getattr(bulk, "pending", None) is None:
                return refresh(index, full)
            bulk.pending.append(index)

        return deferred

    @contextmanager
    def indexing_in_bulk(self):
        """Objects added in this block get their title weights once, when it ends."""
        if getattr(self._bulk, "pending", None) is not None:  # nested: the outer one
            yield
            return
        self._bulk.pending = []
        try:
            yield
        finally:  # after a failure the next refresh weighs what was added
            pending, self._bulk.pending = self._bulk.pending, None
        if pending:
            pending[-1]._refresh_title_norms()

    def __getattr__(self, name):
        if name == "inner":  # not set yet: no endless recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def autocomplete(
        self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True
    ):
        if fields is None and _is_page_model(model_or_queryset):
            results = self.korean_search(query, model_or_queryset, order_by_relevance)
            if results is not None and results.count():
                return results
        return self.inner.autocomplete(
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )

    def korean_search(self, query, model_or_queryset, order_by_relevance=True):
        """The site search's reading of ``query`` (a string, or the plain text the admin
        page search parsed), or None when it holds no term to search for."""
        from search.engine import Query

        if isinstance(query, PlainText):
            query = query.query_string
        if not isinstance(query, str):  # phrases, "match all": Wagtail's own handling
            return None
        terms = Query.read(query).backend_query
        if not terms:
            return None
        return self.inner.search(
            terms, model_or_queryset, operator="and", order_by_relevance=order_by_relevance
        )


def _is_page_model(model_or_queryset):
    from wagtail.models import Page

    model = getattr(model_or_queryset, "model", model_or_queryset)
    return isinstance(model, type) and issubclass(model, Page)
