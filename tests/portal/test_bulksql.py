"""core.bulksql runs the statements bulk loads build (thousands of rows in one INSERT)
with server-side parameters on PostgreSQL; what it returns is what Django's cursor
would return, on both databases, and what it cannot bind that way goes Django's way."""

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
