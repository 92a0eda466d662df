"""On PostgreSQL, a GIN index on the two-character grams of each space's ``match_text``
(the directory's words), so a word is looked up instead of every space being read: a
Korean word of two syllables ("공방") has no trigram, so ``pg_trgm`` cannot help, but
every word of two or more characters has grams. ``portal_grams`` is plain SQL (no
extension). SQLite compares the column as it is (``spaces.directory``)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION portal_grams(text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT substr($1, i, 2) FROM generate_series(1, length($1) - 1) AS i
    ))
$$;
CREATE INDEX IF NOT EXISTS portal_space_match_grams ON spaces_spacepage
    USING GIN (portal_grams(match_text));
ANALYZE spaces_spacepage;
"""
DROP = """
DROP INDEX IF EXISTS portal_space_match_grams;
DROP FUNCTION IF EXISTS portal_grams(text);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("spaces", "0009_match_text")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
