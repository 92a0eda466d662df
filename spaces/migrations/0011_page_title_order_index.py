"""An index on pages' titles as the directory sorts them (``lower(title)``, then id), so
the first page of a long list of results is read in order instead of every result
being sorted: the time-first directory at 60,000 spaces (40,000 matches) sorted them
all for each page of 20. The table is Wagtail's; the index is plain SQL that PostgreSQL
and SQLite both read."""

from django.db import migrations

INDEX = "portal_page_title_order"


class Migration(migrations.Migration):
    dependencies = [("spaces", "0010_match_grams_index"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (lower(title), id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
