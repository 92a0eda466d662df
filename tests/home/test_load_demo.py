from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Page

import pytest

from home.models import HomePage


def test_load_demo_refuses_when_debug_is_off(db):
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()


@override_settings(DEBUG=True)
def test_load_demo_creates_the_demo_users_with_the_given_password(db):
    call_command("load_demo", "--password", "s3cret-demo", "--spaces", "0", verbosity=0)
    users = {u.username: u for u in get_user_model().objects.all()}
    assert set(users) == {"admin", "operator1", "operator2", "resident1", "resident2"}
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["resident1"].is_staff
    # Without spaces the operators run nothing yet, so they have no admin access.
    assert not users["operator1"].has_perm("wagtailadmin.access_admin")
    assert all(u.check_password("s3cret-demo") for u in users.values())


def test_load_demo_with_force_builds_both_languages_and_prints_passwords(db, capsys):
    call_command("load_demo", "--force", "--spaces", "0", verbosity=1)
    out, err = capsys.readouterr()
    assert "password: changeme" in out
    assert "resident2" in out
    assert "load_demo" in err and "100%" in err  # progress bar on stderr
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    titles = set(Page.objects.filter(depth=3).values_list("title", flat=True))
    assert {"공간 찾기", "Find a space", "프로그램", "Programs"} <= titles


def test_load_demo_is_idempotent(db):
    call_command("load_demo", "--force", "--spaces", "0", verbosity=0)
    pages = Page.objects.count()
    users = get_user_model().objects.count()
    call_command("load_demo", "--force", "--spaces", "0", verbosity=0)
    assert Page.objects.count() == pages
    assert get_user_model().objects.count() == users


def test_load_demo_leaves_editors_changes_alone(db):
    call_command("load_demo", "--force", "--spaces", "0", verbosity=0)
    home = HomePage.objects.get(locale__language_code="ko")
    home.lead = "편집자가 바꾼 문장"
    home.save_revision().publish()
    call_command("load_demo", "--force", "--spaces", "0", verbosity=0)
    assert HomePage.objects.get(pk=home.pk).lead == "편집자가 바꾼 문장"


def test_load_demo_rejects_nonsense_arguments(db):
    with pytest.raises(CommandError, match="--spaces"):
        call_command("load_demo", "--force", "--spaces", "-1", verbosity=0)
