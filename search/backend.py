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

**Adding entries.** Wagtail's PostgreSQL index reads every search field of an object five
times (once for each of the title, body and autocomplete vectors and the two plain
texts: a page's Korean grams were computed five times) and builds and compiles a
Django expression for every text of every object. ``_PostgresEntries`` reads each field
once and fills the SQL compiled once for each shape of vector (the weights of its
texts) — the same statement, the same rows.

**Ordering ties.** Wagtail's PostgreSQL search orders by rank, then by the page's id.
A common word ("도서", "room") gives thousands of entries the same rank, and a
tie-breaker on the page table made the database join every matching entry to its page
before it could keep the first hundred (41,000 joins, 650 ms of a 960 ms search at
60,000 spaces). Ties are broken here by the entry's own id (the order pages were first
indexed), so the entries are sorted first and only the hundred kept are joined.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``
(optionally ``"INNER": "<dotted path of a Wagtail search backend>"``).
https://docs.wagtail.org/en/stable/topics/search/backends.html
"""

import threading
from contextlib import contextmanager

from django.db.models import F
from django.db.models.sql.subqueries import InsertQuery

from modelsearch.backends import import_backend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import Fuzzy, PlainText

from core import bulksql

DEFAULT_INNER = "wagtail.search.backends.database"


class SearchBackend:
    """Delegates everything to the inner backend but a page's ``autocomplete()``."""

    def __init__(self, params):
        params = dict(params)
        self.inner = import_backend(params.pop("INNER", DEFAULT_INNER))(params)
        self._bulk = threading.local()
        refresh = getattr(self.inner.index_class, "_refresh_title_norms", None)
        if refresh is not None:  # one refresh per bulk block, not per batch
            overrides = {"_refresh_title_norms": self._refresh_title_norms(refresh)}
            if _is_postgres_index(self.inner.index_class):
                entries = _PostgresEntries()

                def add_items(index, model, objs):
                    entries.add_items(index, model, objs)

                overrides["add_items"] = add_items
            self.inner.index_class = type(
                self.inner.index_class.__name__, (self.inner.index_class,), overrides
            )
        compiler = _ties_by_entry(self.inner.query_compiler_class)
        if compiler is not None:
            self.inner.query_compiler_class = compiler

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


def _ties_by_entry(compiler_class):
    """``compiler_class`` (Wagtail's PostgreSQL search compiler) with ties in rank broken
    by the index entry's id rather than the page's (see "Ordering ties" above); None
    for other backends."""
    try:
        from modelsearch.backends.database.postgres.postgres import (
            PostgresSearchQueryCompiler,
        )
    except ImportError:  # no PostgreSQL driver
        return None
    if not issubclass(compiler_class, PostgresSearchQueryCompiler):
        return None

    class TiesByEntry(compiler_class):
        def _apply_ordering_and_scoring(
            self, queryset, rank_expression, start, stop, score_field=None
        ):
            if (
                not self.order_by_relevance
                or self.fields is not None
                or isinstance(self.query, Fuzzy)
            ):
                return super()._apply_ordering_and_scoring(
                    queryset, rank_expression, start, stop, score_field
                )
            queryset = queryset.order_by(rank_expression.desc(), F("index_entries__id").desc())
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: rank_expression})
            return queryset[start:stop]

    return TiesByEntry


def _is_postgres_index(index_class):
    try:
        from modelsearch.backends.database.postgres.postgres import PostgresIndex
    except ImportError:  # no PostgreSQL driver
        return False
    return issubclass(index_class, PostgresIndex)


class _PostgresEntries:
    """``add_items()`` of Wagtail's PostgreSQL index (modelsearch ``PostgresIndex``),
    writing the same rows with one reading of each search field and no expression built
    per object: the SQL of a vector depends only on the weights of its texts, so it is
    compiled once per shape (with stand-in texts) and reused with the real texts."""

    def __init__(self):
        self.shapes = {}  # (autocomplete?, weights) -> (sql, params, slots of the texts)

    def add_items(self, index, model, objs):
        from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer
        from modelsearch.utils import get_content_type_pk

        search_fields = model.get_search_fields()
        objs = list(objs)
        if not search_fields or not objs:
            return
        indexer = ObjectIndexer(objs[0], index.backend)
        connection = index.write_connection
        compiler = InsertQuery(IndexEntry).get_compiler(connection=connection)
        content_type_pk = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            title, body, autocomplete = [], [], []
            for search_field in search_fields:
                for current, weight, value in indexer.prepare_field(obj, search_field):
                    if isinstance(current, SearchField):
                        texts = title if current.field_name == "title" else body
                    elif isinstance(current, AutocompleteField):
                        texts = autocomplete
                    else:
                        continue
                    value = value.strip()
                    if value:
                        texts.append((value, weight))
            params += [content_type_pk, str(obj.pk)]
            vectors = []
            for kind, texts in (("title", title), ("autocomplete", autocomplete), ("body", body)):
                sql, vector_params = self.vector(indexer, compiler, kind, texts)
                vectors.append(sql)
                params += vector_params
            params += [" ".join(t for t, __ in title), " ".join(t for t, __ in body)]
            rows.append("(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*vectors))
        bulksql.execute(
            connection,
            f"""
            INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                autocomplete, body, title_norm, title_text, body_text)
            (VALUES {", ".join(rows)})
            ON CONFLICT (content_type_id, object_id)
            DO UPDATE SET title = EXCLUDED.title,
                          title_norm = 1.0,
                          autocomplete = EXCLUDED.autocomplete,
                          body = EXCLUDED.body,
                          title_text = EXCLUDED.title_text,
                          body_text = EXCLUDED.body_text
            """,
            params,
        )
        index._refresh_title_norms()

    def vector(self, indexer, compiler, kind, texts):
        """(SQL, parameters) of the vector of ``texts`` ((text, weight) pairs) for the
        ``kind`` column, as Wagtail's own indexer would compile it."""
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        key = (kind == "autocomplete", tuple(w for __, w in texts))
        shape = self.shapes.get(key)
        if shape is None:
            stand_ins = {f"\x00text {n}\x00": n for n in range(len(texts))}
            expression = indexer.as_vector(
                [(s, w) for s, (__, w) in zip(stand_ins, texts, strict=True)],
                for_autocomplete=kind == "autocomplete",
            )
            value = compiler.prepare_value(IndexEntry._meta.get_field(kind), expression)
            sql, params = value.as_sql(compiler, compiler.connection)
            slots = [stand_ins.get(p) if isinstance(p, str) else None for p in params]
            if sorted(s for s in slots if s is not None) != list(range(len(texts))):
                raise ValueError(f"Unexpected SQL for a search vector: {sql}")
            shape = self.shapes[key] = (sql, list(params), slots)
        sql, params, slots = shape
        return sql, [
            p if slot is None else texts[slot][0] for p, slot in zip(params, slots, strict=True)
        ]
