from django.db import migrations


def seed(apps, schema_editor):
    from spaces.seed import seed_taxonomies

    seed_taxonomies(
        apps.get_model("spaces", "SpaceType"),
        apps.get_model("spaces", "District"),
        apps.get_model("spaces", "Amenity"),
        apps.get_model("spaces", "AccessibilityFeature"),
    )


class Migration(migrations.Migration):
    dependencies = [("spaces", "0002_accessibilityfeature_amenity_district_spacetype_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
