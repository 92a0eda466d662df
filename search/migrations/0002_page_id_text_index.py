"""An index on each page's id as text, the way Wagtail's database search backend joins
a page to its index entry (``object_id = page.id::varchar(50)``). The planner expects
few entries to match a query of several Korean grams (it multiplies their chances
as if they were unrelated, and "뜨개", "개공" and "공방" are anything but), so it joins
in a nested loop, entry by entry; without this index each entry read every page: one
word took 21 seconds at 60,000 spaces. With it, each entry finds its page at once.
SQLite (FTS5) and Elasticsearch join otherwise: nothing to do there."""

from django.db import migrations

INDEX = "portal_page_id_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page ((id::varchar(50)))"
        )
        schema_editor.execute("ANALYZE wagtailcore_page")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_vector_index"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
