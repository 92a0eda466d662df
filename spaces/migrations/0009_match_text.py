import unicodedata

from django.db import migrations, models

BATCH = 2000


def fill(apps, schema_editor):
    """Every space's folded text, as ``SpacePage.sync_match_text`` makes it."""
    SpacePage = apps.get_model("spaces", "SpacePage")
    names = ("address", "name_en", "operator_name", "summary", "title")
    pages = SpacePage.objects.only("pk", *names).order_by("pk")
    batch = []
    for page in pages.iterator(chunk_size=BATCH):
        text = " ".join(part for part in (getattr(page, name) for name in names) if part)
        page.match_text = unicodedata.normalize("NFC", text).casefold()
        batch.append(page)
        if len(batch) == BATCH:
            SpacePage.objects.bulk_update(batch, ["match_text"])
            batch = []
    SpacePage.objects.bulk_update(batch, ["match_text"])


class Migration(migrations.Migration):
    dependencies = [("spaces", "0008_getting_there")]

    operations = [
        migrations.AddField(
            model_name="spacepage",
            name="match_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
