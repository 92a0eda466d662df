"""Large statements that bulk loads build themselves (thousands of rows in one INSERT).

psycopg binds Django's ``%s`` parameters on the client: before each statement it splits
the whole text at every placeholder, in Python. For a chunk of 500 search entries or
pages, that split cost more than a third of a city-sized load (60,000 spaces). Here the
placeholders are numbered (``$1``, ``$2`` …) as the statement is made, and PostgreSQL
receives the parameters apart from the text (server-side binding, psycopg's
``RawCursor``), which needs no split. Other databases run the statement as Django would.
The statement still goes through Django's cursor wrapper, so it is logged and counted
like any other query.
"""

from contextlib import contextmanager
from itertools import islice

from django.db import connections, router, transaction

from psycopg import RawCursor

MAX_PARAMETERS = 65_535  # PostgreSQL's limit for the parameters of one statement


def execute(connection, sql, params, fetch=False):
    """Run ``sql``, written with ``%s`` placeholders, with ``params``; return its rows
    when ``fetch`` (e.g. ``RETURNING id``)."""
    parts = sql.split("%s")
    if len(parts) - 1 != len(params):
        raise ValueError(f"{len(parts) - 1} placeholders for {len(params)} parameters")
    numbered = _numbered(sql, parts) if connection.vendor == "postgresql" else None
    if numbered is None:  # bound on the client, as Django does
        cursor = connection.cursor()
    else:
        connection.ensure_connection()
        cursor = connection._prepare_cursor(RawCursor(connection.connection))
    with cursor:
        cursor.execute(sql if numbered is None else numbered, params)
        return cursor.fetchall() if fetch else None


def _numbered(sql, parts):
    """``sql``, split at its ``%s`` into ``parts``, joined again with ``$1``, ``$2`` …
    between; None where server-side binding cannot take it (past PostgreSQL's limit of
    parameters, or a literal "%%")."""
    placeholders = len(parts) - 1
    if placeholders > MAX_PARAMETERS or sql.count("%") != placeholders:
        return None
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], 1)) + parts[-1]


INSERT_CHUNK = 1_000  # rows a statement, at most


def insert(objs, model=None, ignore_conflicts=False):
    """Insert ``objs`` as ``bulk_create()`` would, and give each its new primary key.

    ``model``: whose table the rows go to (default: the objects' own; a parent model
    such as Wagtail's ``Page`` writes the parent table's columns of child pages, whose
    key is then set too). On PostgreSQL, as statements of up to ``INSERT_CHUNK`` rows
    built here (see ``execute``); elsewhere, and for objects that have a key already,
    through ``bulk_create()`` (of copies, for a parent table). ``ignore_conflicts``:
    rows that would break a unique constraint are left out, and no key is given (as
    ``bulk_create(ignore_conflicts=True)``)."""
    objs = list(objs)
    if not objs:
        return
    model = model or type(objs[0])
    opts = model._meta
    connection = connections[router.db_for_write(model)]
    own = model is type(objs[0])
    if connection.vendor != "postgresql" or any(
        getattr(obj, opts.pk.attname) is not None for obj in objs
    ):
        rows = (
            objs
            if own
            else [
                model(**{f.attname: getattr(obj, f.attname) for f in opts.concrete_fields})
                for obj in objs
            ]
        )
        model._base_manager.using(connection.alias).bulk_create(
            rows, ignore_conflicts=ignore_conflicts
        )
        if not ignore_conflicts:
            for obj, row in zip(objs, rows, strict=True):
                setattr(obj, opts.pk.attname, row.pk)
        return
    if own:
        for obj in objs:  # as bulk_create(): keys of related objects saved meanwhile
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
    fields = [f for f in opts.local_concrete_fields if f is not opts.pk]
    rows = ([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs)
    keys = _insert(connection, opts, fields, rows, ignore_conflicts)
    for obj, pk in zip(objs, keys or [None] * len(objs), strict=True):
        setattr(obj, opts.pk.attname, pk)
        if own:
            obj._state.adding, obj._state.db = False, connection.alias


def insert_rows(model, names, rows):
    """Insert ``rows`` (tuples of values for the fields ``names``) into ``model``'s own
    table, with no model instance made for each: for hundreds of thousands of small
    rows (a week's opening periods of every space), or for the table of a model that
    inherits another (which ``bulk_create()`` refuses). On PostgreSQL as ``insert()``
    does; elsewhere one statement run for each row (no round trip to pay there)."""
    opts = model._meta
    fields = [opts.get_field(name) for name in names]
    connection = connections[router.db_for_write(model)]
    prepared = (
        [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
        for row in rows
    )
    if connection.vendor == "postgresql":
        _insert(connection, opts, fields, prepared, returning=False)
        return
    with connection.cursor() as cursor:
        cursor.executemany(_head(connection, opts, fields) + _row(fields), list(prepared))


def _head(connection, opts, fields):
    quote = connection.ops.quote_name
    return "INSERT INTO {} ({}) VALUES ".format(
        quote(opts.db_table), ", ".join(quote(f.column) for f in fields)
    )


def _row(fields):
    return "({})".format(", ".join(["%s"] * len(fields)))


def _insert(connection, opts, fields, rows, ignore_conflicts=False, returning=True):
    """Run the INSERTs of ``rows`` (lists of prepared values, one for each of ``fields``)
    a chunk at a time; return the new keys in order, or None if not ``returning`` or
    ``ignore_conflicts`` (rows that break a unique constraint left out)."""
    returning = returning and not ignore_conflicts
    head = _head(connection, opts, fields)
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    if returning:
        tail = f" RETURNING {connection.ops.quote_name(opts.pk.column)}"
    row = _row(fields)
    size = max(1, min(INSERT_CHUNK, MAX_PARAMETERS // len(fields)))
    keys = [] if returning else None
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        sql = f"{head}{', '.join([row] * len(chunk))}{tail}"
        params = [value for values in chunk for value in values]
        result = execute(connection, sql, params, fetch=returning)
        if returning:
            keys += [pk for (pk,) in result]
    return keys


@contextmanager
def gin_indexes_built_after(*models):
    """Drop the GIN indexes of the ``models``' tables for the block and build them again
    at its end, on PostgreSQL, all in one transaction (the caller's, or one made for
    the block).

    Building a GIN index over a table's rows at once is several times cheaper than
    adding each row to it: at 60,000 spaces the search entries took 36 s to insert with
    their indexes and 14 s to insert then index, the title weights written after them
    15 s against 1 s, the directory's bigram index 15 s against 9 s. A rebuild reads the
    whole table, so this pays only when the block writes about as many rows as the
    table had. The tables are locked against readers until the transaction ends; if it
    is rolled back, so is the drop."""
    connection = connections[router.db_for_write(models[0])]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=connection.alias):
        yield from _rebuilding(connection, models)


def _rebuilding(connection, models):
    tables = sorted({model._meta.db_table for model in models})
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() AND tablename = ANY(%s)"
            " AND indexdef LIKE %s ORDER BY indexname",
            [tables, "% USING gin %"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    # PostgreSQL builds no index on a table whose rows still wait for their deferred
    # foreign key checks: they are made now (as the commit would), as Django does.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table in tables if indexes else ():  # the planner's figures for indexed expressions
            cursor.execute(f"ANALYZE {quote(table)}")
