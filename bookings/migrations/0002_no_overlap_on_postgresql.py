"""PostgreSQL proves that two active bookings of one space never overlap: an exclusion
constraint over (space, [start, end)) for requested and confirmed bookings. SQLite has
no exclusion constraints; there ``bookings.services`` checks and inserts in one
IMMEDIATE transaction (writers take turns)."""

from django.db import migrations

EXTENSION = "CREATE EXTENSION IF NOT EXISTS btree_gist"
CREATE = """
ALTER TABLE bookings_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    space_id WITH =,
    tstzrange("start", "end", '[)') WITH &&
) WHERE (status IN ('requested', 'confirmed'))
"""
DROP = "ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(EXTENSION)
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
