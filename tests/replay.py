"""Record what a database-building function writes, once, and write the same rows again
later in a fraction of the time.

Building the bilingual site through Wagtail (page saves, revisions, translations, the
search index) takes most of a second; the rows it leaves are always the same. ``record``
runs the builder inside a transaction that is rolled back, and keeps the difference
(rows inserted, updated and deleted, table by table). ``Recording.replay`` writes that
difference in the current transaction, provided the tables it touches are exactly as they
were before the recording (otherwise it returns False and the caller builds for real).

Timestamps the builder took from the clock are the time of the replay, as if the builder
ran then (under a test's pinned clock, the pinned time), also inside revisions' JSON.
"""

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

FTS5_SHADOW_TABLES = ("config", "content", "data", "docsize", "idx")
ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def _models(using):
    tables = set(connections[using].introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if not opts.proxy and opts.db_table in tables:
            yield model


def _row(obj, fields):
    return tuple(getattr(obj, f.attname) for f in fields)


def _table(model, using):
    """The table's rows as model instances (its own columns): pk -> (instance, row)."""
    fields = model._meta.local_concrete_fields
    return {
        obj.pk: (obj, _row(obj, fields))
        for obj in model._base_manager.using(using).only(*(f.attname for f in fields))
    }


def _rows(model, using):
    """The table's rows (its own columns): pk -> row, as ``_table`` has them."""
    names = [f.attname for f in model._meta.local_concrete_fields]
    at = names.index(model._meta.pk.attname)
    return {row[at]: row for row in model._base_manager.using(using).order_by().values_list(*names)}


def _counts(using):
    """Rows in every table of the database (models or not), to catch writes elsewhere."""
    connection = connections[using]
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


@dataclass
class TableChange:
    model: type
    inserted: list = field(default_factory=list)  # model instances, as the builder left them
    updated: list = field(default_factory=list)
    deleted: list = field(default_factory=list)  # pks


@dataclass
class Recording:
    changes: list
    expected: dict  # model -> {pk: row}: the tables written and those they refer to, before
    started: dt.datetime | None  # the builder's run: clock readings in it move to the replay's
    finished: dt.datetime | None
    result: object = None
    using: str = DEFAULT_DB_ALIAS

    def matches(self):
        """Are the tables written, and the tables their rows refer to, exactly as they
        were when the recording began?"""
        return all(_rows(model, self.using) == rows for model, rows in self.expected.items())

    def replay(self):
        """Write the recorded rows; False (nothing written) if the tables differ."""
        if not self.matches():
            return False
        now = timezone.now()
        with transaction.atomic(using=self.using):
            for change in self.changes:
                manager = change.model._base_manager.db_manager(self.using)
                # Rows to insert may be there already when a trigger wrote them (SQLite's
                # full-text table follows the search index): the recorded ones replace them.
                pks = change.deleted + [obj.pk for obj in change.inserted]
                if pks:
                    manager.filter(pk__in=pks)._raw_delete(self.using)
                fields = change.model._meta.local_concrete_fields
                objs = [self._timed(obj, now) for obj in change.inserted]
                size = connections[self.using].ops.bulk_batch_size(fields, objs) or len(objs) or 1
                for start in range(0, len(objs), size):
                    manager._insert(
                        objs[start : start + size], fields=fields, raw=True, using=self.using
                    )
                for obj in change.updated:
                    self._timed(obj, now)._save_table(
                        raw=True, cls=change.model, force_update=True, using=self.using
                    )
        return True

    def _in_window(self, value):
        if self.started is None:
            return False
        return self.started - dt.timedelta(milliseconds=1) <= value <= self.finished

    def _timed(self, obj, now):
        """A copy of ``obj`` with the builder's clock readings moved to ``now``."""
        obj = copy.copy(obj)
        for f in obj._meta.local_concrete_fields:
            value = getattr(obj, f.attname)
            if isinstance(f, models.DateTimeField) and value and self._in_window(value):
                setattr(obj, f.attname, now)
            elif isinstance(f, models.JSONField) and value:
                setattr(obj, f.attname, self._timed_json(value, now))
        return obj

    def _timed_json(self, value, now):
        if isinstance(value, dict):
            return {key: self._timed_json(item, now) for key, item in value.items()}
        if isinstance(value, list):
            return [self._timed_json(item, now) for item in value]
        if isinstance(value, str) and ISO_DATETIME.match(value):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if timezone.is_aware(moment) and self._in_window(moment):
                return DjangoJSONEncoder().default(now)
        return value


class Unrecordable(Exception):
    pass


def record(build, using=DEFAULT_DB_ALIAS):
    """Run ``build()`` in a transaction rolled back afterwards; return its Recording."""
    with transaction.atomic(using=using):
        tables = list(_models(using))
        before = {model: _table(model, using) for model in tables}
        counts = _counts(using)
        started = timezone.now()
        result = build()
        finished = timezone.now()
        after = {model: _table(model, using) for model in tables}
        changed_counts = {table for table, n in _counts(using).items() if counts.get(table) != n}
        transaction.set_rollback(True, using=using)

    changes = []
    watched = set()
    for model in tables:
        old, new = before[model], after[model]
        inserted = [obj for pk, (obj, _row) in new.items() if pk not in old]
        updated = [obj for pk, (obj, row) in new.items() if pk in old and old[pk][1] != row]
        deleted = [pk for pk in old if pk not in new]
        if inserted or updated or deleted:
            changes.append(TableChange(model, inserted, updated, deleted))
            watched.add(model)
            for obj in inserted + updated:  # the rows they refer to must be the same too
                for f in model._meta.local_concrete_fields:
                    if f.is_relation and getattr(obj, f.attname) is not None:
                        target = f.related_model._meta.concrete_model
                        if target not in before:
                            raise Unrecordable(f"{f} refers to a table not recorded")
                        watched.add(target)
    written = {change.model._meta.db_table for change in changes}
    # SQLite's full-text tables keep their own shadow tables up to date.
    shadows = {f"{table}_{part}" for table in written for part in FTS5_SHADOW_TABLES}
    unmodelled = changed_counts - written - shadows
    if unmodelled:
        raise Unrecordable(f"rows changed outside the models: {sorted(unmodelled)}")
    return Recording(
        changes=changes,
        expected={model: _rows(model, using) for model in watched},  # rolled back: as before
        started=started,
        finished=finished,
        result=result,
        using=using,
    )


def snapshot(using=DEFAULT_DB_ALIAS):
    """A Recording that writes the database's rows as they are now into its emptied
    tables (timestamps kept)."""
    changes = []
    for model in _models(using):
        rows = [obj for obj, _row in _table(model, using).values()]
        if rows:
            changes.append(TableChange(model, inserted=rows))
    return Recording(
        changes=changes,
        expected={change.model: {} for change in changes},
        started=None,
        finished=None,
        using=using,
    )


def empty(using=DEFAULT_DB_ALIAS):
    """Delete the rows of every table of the models that has any, in one transaction
    (foreign keys are checked at its end). Much faster than ``manage.py flush``, which
    truncates every table."""
    connection = connections[using]
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables
            )
        )
        filled = [table for (table,) in cursor.fetchall()]
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in filled:
            cursor.execute(f"DELETE FROM {quote(table)}")
