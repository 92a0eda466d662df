"""core.bulksql runs the statements bulk loads build (thousands of rows in one INSERT)
with server-side parameters on PostgreSQL; what it returns is what Django's cursor
would return, on both databases, and what it cannot bind that way goes Django's way."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core import bulksql

pytestmark = pytest.mark.django_db


def test_rows_come_back_with_their_values_in_order():
    rows = bulksql.execute(
        connection, "SELECT %s, %s UNION ALL SELECT %s, %s", ["가", 1, "나", 2], fetch=True
    )
    assert [tuple(row) for row in rows] == [("가", 1), ("나", 2)]


def test_a_literal_percent_sign_is_kept():
    (row,) = bulksql.execute(connection, "SELECT '100%%' || %s", ["!"], fetch=True)
    assert row[0] == "100%!"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the limit is PostgreSQL's (and ARRAY too)"
)
def test_more_parameters_than_postgresql_takes_still_run():
    count = bulksql.MAX_PARAMETERS + 5
    sql = "SELECT array_length(ARRAY[{}]::int[], 1)".format(", ".join(["%s"] * count))
    (row,) = bulksql.execute(connection, sql, [1] * count, fetch=True)
    assert row[0] == count


def test_placeholders_and_parameters_must_agree():
    with pytest.raises(ValueError):
        bulksql.execute(connection, "SELECT %s, %s", [1])


def test_the_statement_is_logged_like_any_other():
    with CaptureQueriesContext(connection) as queries:
        bulksql.execute(connection, "SELECT %s", [7], fetch=True)
    assert len(queries) == 1


def test_rows_given_as_values_are_written_in_one_statement_a_chunk(make_space, monkeypatch):
    from spaces.models import OpeningPeriod

    space = make_space(title="망원 작은도서관")
    OpeningPeriod.objects.filter(space=space).delete()
    monkeypatch.setattr(bulksql, "INSERT_CHUNK", 3)
    rows = [(space.pk, day, dt.time(9), dt.time(18)) for day in range(7)]
    with CaptureQueriesContext(connection) as queries:
        bulksql.insert_rows(OpeningPeriod, ("space", "weekday", "opens", "closes"), rows)
    written = OpeningPeriod.objects.filter(space=space).order_by("weekday")
    assert [(p.weekday, p.opens, p.closes) for p in written] == [
        (day, dt.time(9), dt.time(18)) for day in range(7)
    ]
    if connection.vendor == "postgresql":  # 3 + 3 + 1 rows
        assert len(queries) == 3


def test_a_row_that_breaks_a_unique_constraint_is_an_error_not_a_silent_drop(make_space):
    from django.db import IntegrityError, transaction

    from spaces.models import SpacePage

    space = make_space(title="망원 작은도서관")
    fields = SpacePage._meta.local_concrete_fields
    again = [[f.pre_save(space, False) for f in fields]]
    with pytest.raises(IntegrityError), transaction.atomic():
        bulksql.insert_rows(SpacePage, [f.name for f in fields], again)


def test_ignoring_conflicts_leaves_out_only_the_rows_already_there(make_space):
    from wagtail.models import ReferenceIndex

    space = make_space(title="망원 작은도서관")
    there = list(ReferenceIndex.objects.filter(object_id=str(space.pk)))
    assert there  # its type and district at least
    copies = [
        ReferenceIndex(
            **{
                f.attname: getattr(r, f.attname)
                for f in r._meta.concrete_fields
                if not f.primary_key
            }
        )
        for r in there
    ]
    new = ReferenceIndex(
        **{
            f.attname: getattr(there[0], f.attname)
            for f in there[0]._meta.concrete_fields
            if not f.primary_key
        }
    )
    new.content_path = new.model_path = "elsewhere"
    new.content_path_hash = ReferenceIndex._get_content_path_hash("elsewhere")
    bulksql.insert([*copies, new], ignore_conflicts=True)
    assert ReferenceIndex.objects.filter(object_id=str(space.pk)).count() == len(there) + 1


def _gin_indexes(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s"
            " AND indexdef LIKE %s ORDER BY indexname",
            [table, "% USING gin %"],
        )
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no GIN indexes")
def test_gin_indexes_are_built_again_after_a_bulk_block_and_find_what_it_wrote(make_space):
    from wagtail.search.models import IndexEntry

    from spaces.models import SpacePage

    table = SpacePage._meta.db_table
    before = _gin_indexes(table) + _gin_indexes(IndexEntry._meta.db_table)
    assert any("portal_grams" in definition for _name, definition in before)
    with bulksql.gin_indexes_built_after(SpacePage, IndexEntry):
        assert _gin_indexes(table) == []
        make_space(title="솥단지 공유부엌")
    assert _gin_indexes(table) + _gin_indexes(IndexEntry._meta.db_table) == before
    with connection.cursor() as cursor:  # built, not half-made
        cursor.execute(
            "SELECT bool_and(indisvalid AND indisready) FROM pg_index"
            " WHERE indexrelid = 'portal_space_match_grams'::regclass"
        )
        assert cursor.fetchone()[0] is True
        # and the planner has figures for the indexed expression (it estimates a
        # directory query's matches from them)
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'portal_space_match_grams'")
        assert cursor.fetchone()[0] > 0
    assert SpacePage.objects.filter(match_text__contains="솥단지").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no GIN indexes")
def test_a_failed_bulk_block_leaves_the_gin_indexes_as_they_were():
    from spaces.models import SpacePage

    table = SpacePage._meta.db_table
    before = _gin_indexes(table)
    with pytest.raises(ZeroDivisionError), bulksql.gin_indexes_built_after(SpacePage):
        raise ZeroDivisionError
    assert _gin_indexes(table) == before
