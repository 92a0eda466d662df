"""What the bulk save does for many pages at once after saving them — Wagtail's reference
index, the announcements of what went live — gives what Wagtail's own one-page-at-a-time
path gives, in a number of queries that does not grow with the number of pages."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published

import pytest
from modelcluster.models import get_all_child_relations

from spaces import services
from spaces.bulk import save_spaces
from spaces.models import SpaceOperator, SpacePage

from . import test_bulk
from .test_bulk import items, make_image, saved

directory, space = test_bulk.directory, test_bulk.space  # the fixtures


def references(pages):
    return sorted(
        ReferenceIndex.objects.filter(object_id__in=[str(p.pk) for p in pages]).values_list(
            "content_type_id",
            "base_content_type_id",
            "object_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        )
    )


def with_children(pages):
    """The pages as the end of a bulk block reads them: their inline rows prefetched."""
    children = [r.get_accessor_name() for r in get_all_child_relations(SpacePage)]
    return list(SpacePage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(*children))


def test_references_of_many_pages_are_those_wagtail_writes_one_page_at_a_time(directory, space):
    photo = make_image()
    pages = saved(
        save_spaces(items(space(1), space(2), gallery=[(photo, "사진")]), parent=directory)
    )
    image_type = ContentType.objects.get_for_model(get_image_model())
    page_type = ContentType.objects.get_for_model(Page)

    def start_again():
        """Page 1 without its references, page 2 with them and two more rows: one its
        content no longer holds, one recorded against a more specific model (kept)."""
        ReferenceIndex.objects.filter(object_id=str(pages[0].pk)).delete()
        for content_type, to_object_id in [
            (ContentType.objects.get_for_model(SpacePage), "999999"),
            (image_type, "888888"),
        ]:
            ReferenceIndex.objects.create(
                content_type=content_type,
                base_content_type=page_type,
                object_id=str(pages[1].pk),
                to_content_type=image_type,
                to_object_id=to_object_id,
                model_path="gallery_images.item.image",
                content_path=f"gallery_images.{to_object_id}.image",
                content_path_hash=ReferenceIndex._get_content_path_hash(
                    f"gallery_images.{to_object_id}.image"
                ),
            )

    start_again()
    for page in with_children(pages):
        ReferenceIndex.create_or_update_for_object(page)
    by_wagtail = references(pages)
    ReferenceIndex.objects.filter(object_id__in=[str(p.pk) for p in pages]).delete()
    start_again()

    services._index_references(with_children(pages))

    assert references(pages) == by_wagtail
    to_objects = {row[4] for row in by_wagtail}
    assert str(photo.pk) in to_objects and "888888" in to_objects
    assert "999999" not in to_objects


def test_references_take_the_same_statements_for_two_pages_or_eight(directory, space):
    photo = make_image()
    pages = saved(
        save_spaces(
            items(*[space(n) for n in range(8)], gallery=[(photo, "사진")]), parent=directory
        )
    )
    counts = []
    for some in (pages[:2], pages):
        objects = with_children(some)
        ReferenceIndex.objects.filter(object_id__in=[str(p.pk) for p in some]).delete()
        with CaptureQueriesContext(connection) as queries:
            services._index_references(objects)
        counts.append(len(queries))
        assert len(references(some)) > len(some)
    assert counts[0] == counts[1] <= 3


# --- announcements ------------------------------------------------------------------------


@pytest.fixture
def announced():
    """(page pk, the ``created`` flag) of each page_published sent."""
    sent = []

    def receiver(sender, instance, created=False, **kwargs):
        sent.append((instance.pk, created))

    page_published.connect(receiver, dispatch_uid="test-bulk-announced")
    yield sent
    page_published.disconnect(dispatch_uid="test-bulk-announced")


def test_pages_the_batch_created_are_announced_as_created(
    directory, space, announced, django_capture_on_commit_callbacks
):
    (old,) = saved(save_spaces(items(space(1)), parent=directory))
    announced.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = save_spaces(items(space(1, title="새 이름"), space(2)), parent=directory)

    updated, created = saved(outcomes)
    assert updated.pk == old.pk
    assert announced == [(updated.pk, False), (created.pk, True)]


def test_announcing_created_pages_runs_no_query_per_page(
    directory, space, django_capture_on_commit_callbacks
):
    counts = []
    for prefix, count in (("a", 2), ("b", 8)):
        with django_capture_on_commit_callbacks() as callbacks:
            save_spaces(items(*[space(f"{prefix}{n}") for n in range(count)]), parent=directory)
        with CaptureQueriesContext(connection) as queries:
            for callback in callbacks:
                callback()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_bulk_update_still_makes_a_proposed_operator_active(
    directory, space, django_user_model, django_capture_on_commit_callbacks
):
    """Only pages the batch created skip the operators' check: a space updated by an
    import is published as an editor would, proposals included."""
    (page,) = saved(save_spaces(items(space(1)), parent=directory))
    proposer = django_user_model.objects.create_user("proposer", "p@example.org", "pw")
    role = SpaceOperator.objects.create(
        space=page, user=proposer, status=SpaceOperator.Status.PROPOSED
    )

    with django_capture_on_commit_callbacks(execute=True):
        saved(save_spaces(items(space(1, title="고친 이름")), parent=directory))

    role.refresh_from_db()
    assert role.status == SpaceOperator.Status.ACTIVE
