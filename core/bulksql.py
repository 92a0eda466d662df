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

from django.db import connections, router

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


def insert(objs, model=None):
    """Insert ``objs`` as ``bulk_create()`` would, and give each its new primary key.

    ``model``: whose table the rows go to (default: the objects' own; a parent model
    such as Wagtail's ``Page`` writes the parent table's columns of child pages, whose
    key is then set too). On PostgreSQL, as statements of up to ``INSERT_CHUNK`` rows
    built here (see ``execute``); elsewhere, and for objects that have a key already,
    through ``bulk_create()`` (of copies, for a parent table)."""
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
        model._base_manager.using(connection.alias).bulk_create(rows)
        for obj, row in zip(objs, rows, strict=True):
            setattr(obj, opts.pk.attname, row.pk)
        return
    if own:
        for obj in objs:  # as bulk_create(): keys of related objects saved meanwhile
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
    quote = connection.ops.quote_name
    fields = [f for f in opts.local_concrete_fields if f is not opts.pk]
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(opts.db_table), ", ".join(quote(f.column) for f in fields)
    )
    row = "({})".format(", ".join(["%s"] * len(fields)))
    size = max(1, min(INSERT_CHUNK, MAX_PARAMETERS // len(fields)))
    for start in range(0, len(objs), size):
        chunk = objs[start : start + size]
        params = [
            f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in chunk for f in fields
        ]
        sql = f"{head}{', '.join([row] * len(chunk))} RETURNING {quote(opts.pk.column)}"
        for obj, (pk,) in zip(chunk, execute(connection, sql, params, fetch=True), strict=True):
            setattr(obj, opts.pk.attname, pk)
            if own:
                obj._state.adding, obj._state.db = False, connection.alias
