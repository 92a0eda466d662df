"""E-mail addresses and usernames of accounts unique ignoring case, in the database.

allauth checks ``ACCOUNT_UNIQUE_EMAIL`` and taken usernames on its form only, so
simultaneous sign-ups slipped through: one username gave 500s, one address made several
accounts. Two unique indexes on Django's ``auth_user`` close that: ``lower(email)``
where the address is not empty (accounts without one may be many), and
``lower(username)``. (SQLite's ``lower()`` folds ASCII letters only.)

``auth.User`` is Django's model, not ours: the indexes are made with Django's schema
editor from ``UniqueConstraint`` objects (the same SQL a constraint in the model's Meta
would give, on PostgreSQL and SQLite alike) but are not added to the model's migration
state, which belongs to ``django.contrib.auth``.

A database that already holds accounts sharing an address or a username (in any case)
is not changed: the migration stops and lists them, to be merged or renamed by a person
(which account to keep is not a migration's decision), then ``migrate`` is run again."""

from django.core.management.base import CommandError
from django.db import migrations, models
from django.db.models.functions import Lower

CONSTRAINTS = {
    "email": models.UniqueConstraint(
        Lower("email"), condition=~models.Q(email=""), name="core_user_email_ci_unique"
    ),
    "username": models.UniqueConstraint(Lower("username"), name="core_user_username_ci_unique"),
}


def duplicates(User, field):
    """{lower-cased value: [(pk, username, value), …]} for values shared by accounts."""
    users = User.objects.exclude(**{field: ""}).annotate(folded=Lower(field))
    shared = users.values("folded").annotate(n=models.Count("pk")).filter(n__gt=1).values("folded")
    found = {}
    for pk, username, value, folded in users.filter(folded__in=shared).values_list(
        "pk", "username", field, "folded"
    ):
        found.setdefault(folded, []).append((pk, username, value))
    return found


def add_indexes(apps, schema_editor):
    User = apps.get_model("auth", "User")
    problems = []
    for field in CONSTRAINTS:
        for folded, accounts in sorted(duplicates(User, field).items()):
            listed = ", ".join(f"#{pk} {username!r} ({value})" for pk, username, value in accounts)
            problems.append(f"  {field} {folded!r}: {listed}")
    if problems:
        # CommandError: `migrate` prints the message alone, without a traceback.
        raise CommandError(
            "core.0001: accounts share an e-mail address or a username (ignoring case), "
            "which must be unique. Merge or rename these accounts, then run migrate "
            "again:\n" + "\n".join(problems)
        )
    for constraint in CONSTRAINTS.values():
        schema_editor.add_constraint(User, constraint)


def remove_indexes(apps, schema_editor):
    User = apps.get_model("auth", "User")
    for constraint in CONSTRAINTS.values():
        schema_editor.remove_constraint(User, constraint)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
