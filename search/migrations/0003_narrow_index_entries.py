"""Narrow rows for Wagtail's PostgreSQL search index: every text of an entry but its
title vector is kept out of the table's own pages (``toast_tuple_target``), so
finding which entries match reads a table of 18 MB instead of 233 MB (60,000 spaces).

A search counts its matches by kind, then ranks them; both visit every matching entry
(a common word: 20,000–40,000 at 60,000 spaces). The rank reads each entry's text
vectors, kept aside (TOAST) already; the count reads only the entry's kind and page,
but had to read the rows those sit in, full of the plain texts Wagtail keeps for its
fuzzy search (about 1.4 KB each). Measured on a copy of the 60,000-space index: the
count of "room" 65 → 34 ms, of "호점" 74 → 37 ms, the ranking unchanged.

Rows written before this migration keep their layout until they are written again
(``manage.py update_index`` rewrites them all). SQLite (FTS5) and Elasticsearch keep
their entries otherwise: nothing to do there."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_page_id_text_index"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(narrow, widen)]
