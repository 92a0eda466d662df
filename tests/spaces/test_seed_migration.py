"""The data migration that seeds the taxonomies (``spaces.0003``) is a frozen copy: it
imports nothing of the portal's code, so a later change to ``spaces/seed.py`` cannot
change what migrating a new database does; and today both give the same terms."""

import ast
import importlib
import importlib.util
from pathlib import Path

from django.apps import apps

import pytest

from spaces import seed
from spaces.models import AccessibilityFeature, Amenity, District, SpaceType

MIGRATION = "spaces.migrations.0003_seed_taxonomies"


def test_the_seed_migration_imports_nothing_but_django():
    path = Path(importlib.util.find_spec(MIGRATION).origin)
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported == {"django"}


@pytest.mark.django_db
def test_the_seed_migration_creates_the_terms_seed_py_lists():
    """Run on empty tables (as on a new database), the migration writes every term of
    ``spaces.seed`` as it is now, in its order. When a later migration seeds more terms,
    this test applies that one too."""
    for model in (SpaceType, District, Amenity, AccessibilityFeature):
        model.objects.all().delete()

    importlib.import_module(MIGRATION).seed(apps, schema_editor=None)

    def rows(model, *fields):
        return list(model.objects.order_by("sort_order").values_list("slug", *fields))

    assert rows(SpaceType, "name", "name_en", "colour") == seed.SPACE_TYPES
    assert rows(District, "name", "name_en", "latitude", "longitude") == seed.DISTRICTS
    assert rows(Amenity, "name", "name_en") == seed.AMENITIES
    assert rows(AccessibilityFeature, "name", "name_en") == seed.ACCESSIBILITY_FEATURES
