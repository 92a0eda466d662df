"""A policy page made by a migration becomes an ordinary page after ``migrate``: staff
see when it last changed, and searches find it."""

from django.apps import apps

from wagtail.models import Page

import pytest

from home.models import InfoPage
from home.signals import _after_migrate
from home.site import ensure_site

pytestmark = pytest.mark.django_db


def test_a_policy_without_a_revision_gets_one_published_and_is_found_by_search():
    home = ensure_site()
    page = home.add_child(
        instance=InfoPage(title="공간 이용 수칙", slug="house-rules", intro="<p>포털 이용 조건</p>")
    )
    assert page.latest_revision_id is None  # as a migration leaves it

    _after_migrate(sender=apps.get_app_config("home"))

    page.refresh_from_db()
    assert page.latest_revision_id is not None
    assert page.live and not page.has_unpublished_changes
    assert page.latest_revision_created_at is not None  # the admin's "updated" column
    assert page.pk in {p.pk for p in Page.objects.live().search("수칙")}


def test_other_apps_migrating_leave_pages_alone():
    home = ensure_site()
    page = home.add_child(instance=InfoPage(title="공간 이용 수칙", slug="house-rules"))
    _after_migrate(sender=apps.get_app_config("spaces"))
    page.refresh_from_db()
    assert page.latest_revision_id is None


def test_migrating_home_back_before_its_policies_leaves_the_missing_table_alone(
    django_assert_num_queries,
):
    """``migrate home 0001`` sends post_migrate too, when no policy table exists: the
    handler must not ask for one (it would fail with "relation does not exist")."""

    class Before:  # the migration state of home.0001: no InfoPage
        def get_model(self, app_label, model_name):
            raise LookupError(model_name)

    with django_assert_num_queries(0):
        _after_migrate(sender=apps.get_app_config("home"), apps=Before())
