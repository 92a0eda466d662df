"""The bulk save path (``spaces.bulk.save_spaces``): many spaces in a few statements, with
the same result an editor sees after ``services.save_space()`` for each item — a sound
page tree, working URLs, revisions and history, the admin editor, opening hours, search
— and a number of queries that does not grow with the number of spaces."""

import datetime as dt
import re
from collections import Counter
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published
from wagtail.test.utils.form_data import querydict_from_html

import pytest
import time_machine
from PIL import Image as PILImage

from spaces import services
from spaces.bulk import Outcome, SpaceItem, save_spaces
from spaces.models import (
    AccessibilityFeature,
    Amenity,
    District,
    OpeningPeriod,
    SpacePage,
    SpaceType,
)

# --- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture
def directory(korean_only_site, taxonomies):
    """The Korean space directory page the spaces go under."""
    return services.directory()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def space(taxonomies):
    """``space(n, **changes)``: the data of a complete space, as ``save_space()`` takes it.
    Taxonomy terms are loaded once, so building items runs no queries; space_type and
    district may be given as slugs, amenities and accessibility as lists of slugs."""
    types = {term.slug: term for term in SpaceType.objects.all()}
    districts = {term.slug: term for term in District.objects.all()}
    amenities = {term.slug: term for term in Amenity.objects.all()}
    features = {term.slug: term for term in AccessibilityFeature.objects.all()}

    def make(n=1, **changes):
        data = {
            "external_id": f"BULK-{n}",
            "title": f"벌크 공간 {n}",
            "name_en": f"Bulk space {n}",
            "space_type": "small-library",
            "district": "mapo",
            "address": "서울특별시 마포구 망원로 1",
            "location": "SRID=4326;POINT(126.910000 37.556000)",
            "capacity": 20,
            "opening_hours": "Mo-Fr 09:00-18:00",
            "amenities": ["wifi", "projector"],
            "accessibility": ["lift"],
        }
        data.update(changes)
        if isinstance(data.get("space_type"), str):
            data["space_type"] = types[data["space_type"]]
        if isinstance(data.get("district"), str):
            data["district"] = districts[data["district"]]
        if "amenities" in data:
            data["amenities"] = [amenities[slug] for slug in data["amenities"]]
        if "accessibility" in data:
            data["accessibility"] = [features[slug] for slug in data["accessibility"]]
        return data

    return make


def items(*datas, gallery=None):
    return [SpaceItem(data=data, key=data.get("external_id"), gallery=gallery) for data in datas]


def saved(outcomes):
    """The pages of the outcomes, failing loudly on any error."""
    for outcome in outcomes:
        assert outcome.error is None, outcome.error
    return [SpacePage.objects.get(pk=outcome.page.pk) for outcome in outcomes]


def make_image(title="사진"):
    buffer = BytesIO()
    PILImage.new("RGB", (80, 60), (30, 120, 90)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def tree_problems():
    return [problem for problem in Page.find_problems() if problem]


def actions(page):
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "id")
        .values_list("action", "user__username")
    )


def slugs(values):
    return list(values.values_list("slug", flat=True).order_by("slug"))


def directory_titles(client, **params):
    response = client.get("/spaces/", params)
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="space-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


# --- new pages: the tree, URLs, locale ----------------------------------------------------


def test_created_pages_form_a_valid_tree_under_the_directory(directory, space):
    existing, _created = services.save_space(space(0))

    pages = saved(save_spaces(items(*[space(n) for n in range(1, 6)]), parent=directory))

    assert tree_problems() == []
    directory.refresh_from_db()
    assert directory.numchild == directory.get_children().count() == 6
    for page in pages:
        assert page.get_parent().pk == directory.pk
        assert page.depth == directory.depth + 1
        assert page.url_path == f"{directory.url_path}{page.slug}/"
        assert page.locale_id == directory.locale_id
        assert page.locale.language_code == "ko"
        assert page.owner is None
    assert [p.pk for p in directory.get_children()] == [existing.pk, *[p.pk for p in pages]]


def test_wagtail_adds_pages_after_a_bulk_batch_without_breaking_the_tree(directory, space):
    first = saved(save_spaces(items(space(1), space(2)), parent=directory))

    later, _created = services.save_space(space(3))
    last = saved(save_spaces(items(space(4)), parent=directory))

    assert tree_problems() == []
    directory.refresh_from_db()
    assert directory.numchild == 4
    assert [p.pk for p in directory.get_children()] == [p.pk for p in [*first, later, *last]]


def test_parent_defaults_to_the_korean_directory(directory, space):
    (page,) = saved(save_spaces(items(space(1))))
    assert page.get_parent().pk == directory.pk


def test_created_pages_are_live_at_their_url_in_both_languages(client, directory, space):
    pages = saved(save_spaces(items(space(1), space(2, title="연남 공유부엌")), parent=directory))

    urls = [page.url for page in pages]  # Korean: the English requests switch language
    for page, url in zip(pages, urls, strict=True):
        assert page.live and not page.has_unpublished_changes
        assert page.first_published_at is not None
        response = client.get(url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
        assert client.get("/en" + url).status_code == 200
    assert sorted(directory_titles(client)) == sorted(p.title for p in pages)


def test_repeated_titles_get_distinct_slugs_like_wagtail(client, directory, space):
    sibling, _created = services.save_space(space(0, title="망원 작은도서관"))
    assert sibling.slug == "망원-작은도서관"

    pages = saved(
        save_spaces(
            items(
                space(1, title="망원 작은도서관"),
                space(2, title="망원 작은도서관"),
                space(3, title="연남 공방"),
                space(4, title="연남 공방"),
            ),
            parent=directory,
        )
    )

    assert [p.slug for p in pages] == [
        "망원-작은도서관-2",
        "망원-작은도서관-3",
        "연남-공방",
        "연남-공방-2",
    ]
    # A later page made by Wagtail itself continues the sequence.
    after, _created = services.save_space(space(5, title="망원 작은도서관"))
    assert after.slug == "망원-작은도서관-4"
    every = [sibling, *pages, after]
    assert len({page.url for page in every}) == len(every)
    for page in every:
        response = client.get(page.url)
        assert response.status_code == 200
        assert response.context["page"].pk == page.pk


def test_slugs_are_those_of_saving_the_items_one_by_one(directory, space):
    """A title whose slug looks like another's suffixed slug ("… 2") must not take that
    slug ahead of an earlier item in the batch: save_space() one by one gives the first
    repeat "-2" and the "… 2" title "-2-2"."""
    services.save_space(space(0, title="망원 작은도서관"))

    pages = saved(
        save_spaces(
            items(
                space(1, title="망원 작은도서관"),
                space(2, title="망원 작은도서관"),
                space(3, title="망원 작은도서관 2"),
            ),
            parent=directory,
        )
    )

    assert [p.slug for p in pages] == [
        "망원-작은도서관-2",
        "망원-작은도서관-3",
        "망원-작은도서관-2-2",
    ]


def test_outcomes_follow_the_items_order_with_their_keys(directory, space):
    services.save_space(space(2))
    batch = [
        SpaceItem(data=space(1), key="row 2"),
        SpaceItem(data=space(2, title="바뀐 이름"), key="row 3"),
        SpaceItem(data=space(3, district=None), key="row 4"),
    ]

    outcomes = save_spaces(batch, parent=directory)

    assert [type(o) for o in outcomes] == [Outcome] * 3
    assert [o.key for o in outcomes] == ["row 2", "row 3", "row 4"]
    assert [o.created for o in outcomes] == [True, False, False]
    assert [o.page.external_id for o in outcomes[:2]] == ["BULK-1", "BULK-2"]
    assert outcomes[2].page is None and isinstance(outcomes[2].error, ValidationError)


def test_nothing_to_save_returns_nothing(directory):
    assert save_spaces([], parent=directory) == []


# --- revisions, history, the admin --------------------------------------------------------


def test_each_created_page_has_one_revision_and_a_create_and_publish_entry(
    directory, space, editor
):
    pages = saved(save_spaces(items(space(1), space(2)), parent=directory, user=editor))

    for page in pages:
        assert page.revisions.count() == 1
        assert page.latest_revision_id == page.live_revision_id is not None
        assert page.latest_revision.user == editor
        assert page.draft_title == page.title
        assert actions(page) == [("wagtail.create", "editor"), ("wagtail.publish", "editor")]
        assert set(PageLogEntry.objects.filter(page=page).values_list("revision", flat=True)) == {
            page.latest_revision_id
        }


def test_revision_content_round_trips(directory, space):
    photo, plan = make_image("열람실"), make_image("평면도")
    data = space(
        1,
        title="망원 작은도서관 책마루",
        opening_hours="Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off",
        amenities=["wifi", "bookshelves"],
        accessibility=["lift", "step-free-entrance"],
    )
    gallery = [(photo, "햇빛이 드는 열람실"), (plan, "1층 평면도")]

    (page,) = saved(save_spaces(items(data, gallery=gallery), parent=directory))

    restored = page.latest_revision.as_object()
    assert restored.pk == page.pk
    assert restored.title == "망원 작은도서관 책마루"
    assert restored.opening_hours == "Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off"
    assert (restored.space_type_id, restored.district_id) == (page.space_type_id, page.district_id)
    assert (restored.latitude, restored.longitude) == (37.556, 126.91)
    assert sorted(a.slug for a in restored.amenities.all()) == ["bookshelves", "wifi"]
    assert sorted(a.slug for a in restored.accessibility.all()) == ["lift", "step-free-entrance"]
    assert [(g.pk, g.image_id, g.alt_text) for g in restored.gallery_images.all()] == [
        (g.pk, g.image_id, g.alt_text) for g in page.gallery_images.order_by("sort_order")
    ]
    assert [(g.image, g.alt_text) for g in page.gallery_images.order_by("sort_order")] == gallery
    # What is live is what the revision holds.
    assert sorted(page.amenities.values_list("slug", flat=True)) == ["bookshelves", "wifi"]


def test_created_page_opens_in_the_admin_and_republishes_from_it(client, directory, space, editor):
    photo = make_image("열람실")
    (page,) = saved(
        save_spaces(items(space(1), gallery=[(photo, "열람실")]), parent=directory, user=editor)
    )
    client.force_login(editor)

    explorer = client.get(f"/admin/pages/{directory.pk}/")
    assert explorer.status_code == 200 and page.title in explorer.content.decode()
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk

    form = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    form["title"] = "망원 열린도서관"
    form["action-publish"] = "action-publish"
    response = client.post(edit_url, dict(form.lists()))  # every checked term, not the last

    assert response.status_code == 302, response.context["form"].errors
    page = SpacePage.objects.get(pk=page.pk)
    assert page.title == "망원 열린도서관" and page.live and not page.has_unpublished_changes
    assert page.revisions.count() == 2
    assert page.external_id == "BULK-1"
    assert [(g.image, g.alt_text) for g in page.gallery_images.all()] == [(photo, "열람실")]
    assert sorted(page.amenities.values_list("slug", flat=True)) == ["projector", "wifi"]
    assert tree_problems() == []
    assert client.get(f"/admin/pages/{page.pk}/history/").status_code == 200


def test_created_page_is_updated_by_save_space(client, directory, space):
    (page,) = saved(save_spaces(items(space(1)), parent=directory))

    updated, created = services.save_space(space(1, title="망원 열린도서관", amenities=["piano"]))

    assert not created and updated.pk == page.pk
    page = SpacePage.objects.get(pk=page.pk)
    assert page.title == "망원 열린도서관"
    assert list(page.amenities.values_list("slug", flat=True)) == ["piano"]
    assert page.revisions.count() == 2
    assert client.get(page.url).status_code == 200


# --- updates -------------------------------------------------------------------------------


def test_resaving_updates_fields_terms_and_keeps_the_url(client, directory, space, editor):
    (page,) = saved(save_spaces(items(space(1)), parent=directory, user=editor))
    url, first_published = page.url, page.first_published_at
    changed = space(
        1,
        title="망원 열린도서관",
        capacity=None,
        location="SRID=4326;POINT(126.920000 37.560000)",
        amenities=["piano"],
        accessibility=["wheelchair-access", "accessible-toilet"],
        bookable=True,
    )

    (outcome,) = save_spaces(items(changed), parent=directory, user=editor)

    assert not outcome.created and outcome.error is None
    page = SpacePage.objects.get(pk=page.pk)
    assert SpacePage.objects.filter(external_id="BULK-1").count() == 1
    assert page.title == page.draft_title == "망원 열린도서관"
    assert page.capacity is None and page.bookable is True
    assert (page.latitude, page.longitude) == (37.56, 126.92)
    assert list(page.amenities.values_list("slug", flat=True)) == ["piano"]
    assert slugs(page.accessibility) == ["accessible-toilet", "wheelchair-access"]
    assert (page.slug, page.url) == ("벌크-공간-1", url)
    assert page.live and not page.has_unpublished_changes
    assert page.first_published_at == first_published
    assert page.last_published_at > first_published
    restored = page.latest_revision.as_object()
    assert (restored.title, restored.capacity) == ("망원 열린도서관", None)
    assert [a.slug for a in restored.amenities.all()] == ["piano"]
    response = client.get(url)
    assert response.status_code == 200 and "망원 열린도서관" in response.content.decode()
    assert tree_problems() == []


def test_an_updated_page_opens_in_the_admin(client, directory, space, editor):
    save_spaces(items(space(1)), parent=directory, user=editor)
    save_spaces(items(space(1, title="망원 열린도서관")), parent=directory, user=editor)
    page = SpacePage.objects.get(external_id="BULK-1")
    client.force_login(editor)

    for view in ("edit", "history"):
        response = client.get(f"/admin/pages/{page.pk}/{view}/")
        assert response.status_code == 200
        assert "망원 열린도서관" in response.content.decode()


def test_an_update_adds_a_revision_and_logs_edit_rename_and_publish(directory, space, editor):
    (page,) = saved(save_spaces(items(space(1)), parent=directory, user=editor))

    save_spaces(items(space(1, title="망원 열린도서관")), parent=directory, user=editor)

    page = SpacePage.objects.get(pk=page.pk)
    assert page.revisions.count() == 2
    assert page.latest_revision_id == page.live_revision_id
    assert page.latest_revision.as_object().title == "망원 열린도서관"
    assert actions(page) == [
        ("wagtail.create", "editor"),
        ("wagtail.publish", "editor"),
        ("wagtail.edit", "editor"),
        ("wagtail.rename", "editor"),
        ("wagtail.publish", "editor"),
    ]
    rename = PageLogEntry.objects.get(page=page, action="wagtail.rename")
    assert rename.data["title"] == {"old": "벌크 공간 1", "new": "망원 열린도서관"}


def test_an_update_that_keeps_the_title_logs_no_rename(directory, space):
    services.save_space(space(1))  # made by Wagtail's own path

    save_spaces(items(space(1, capacity=99)), parent=directory)

    page = SpacePage.objects.get(external_id="BULK-1")
    assert page.capacity == 99
    assert [action for action, _user in actions(page)][-2:] == ["wagtail.edit", "wagtail.publish"]
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.rename").exists()


def test_an_update_replaces_the_opening_periods_and_open_now(client, directory, space):
    (page,) = saved(
        save_spaces(items(space(1, opening_hours="Mo-Fr 09:00-18:00")), parent=directory)
    )
    assert sorted(page.opening_periods.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]

    save_spaces(items(space(1, opening_hours="Sa-Su 10:00-16:00")), parent=directory)

    page = SpacePage.objects.get(pk=page.pk)
    periods = OpeningPeriod.objects.filter(space=page).order_by("weekday")
    assert [(p.weekday, p.opens, p.closes) for p in periods] == [
        (5, dt.time(10), dt.time(16)),
        (6, dt.time(10), dt.time(16)),
    ]
    monday_morning = timezone.make_aware(dt.datetime(2026, 11, 23, 10, 0))
    with time_machine.travel(monday_morning, tick=False):
        assert directory_titles(client, open_now="1") == []
        assert SpacePage.objects.get(pk=page.pk).open_now is False
    saturday_noon = timezone.make_aware(dt.datetime(2026, 11, 28, 12, 0))
    with time_machine.travel(saturday_noon, tick=False):
        assert directory_titles(client, open_now="1") == [page.title]
        assert SpacePage.objects.get(pk=page.pk).open_now is True


def test_new_spaces_are_open_now_in_the_directory(client, directory, space):
    save_spaces(
        items(
            space(1, title="평일 공간", opening_hours="Mo-Fr 09:00-18:00"),
            space(2, title="주말 공간", opening_hours="Sa-Su 10:00-16:00"),
            space(3, title="시간 미정", opening_hours=""),
        ),
        parent=directory,
    )
    assert not OpeningPeriod.objects.filter(space__external_id="BULK-3").exists()
    saturday_noon = timezone.make_aware(dt.datetime(2026, 11, 28, 12, 0))
    with time_machine.travel(saturday_noon, tick=False):
        assert directory_titles(client, open_now="1") == ["주말 공간"]


def test_an_update_without_terms_or_photos_leaves_them_alone(directory, space):
    photo = make_image()
    save_spaces(items(space(1), gallery=[(photo, "사진")]), parent=directory)
    data = space(1, capacity=5)
    del data["amenities"], data["accessibility"]

    save_spaces(items(data), parent=directory)

    page = SpacePage.objects.get(external_id="BULK-1")
    assert page.capacity == 5
    assert slugs(page.amenities) == ["projector", "wifi"]
    assert slugs(page.accessibility) == ["lift"]
    assert [(g.image, g.alt_text) for g in page.gallery_images.all()] == [(photo, "사진")]
    restored = page.latest_revision.as_object()
    assert sorted(a.slug for a in restored.amenities.all()) == ["projector", "wifi"]
    assert [g.alt_text for g in restored.gallery_images.all()] == ["사진"]


def test_an_update_with_photos_replaces_them(directory, space):
    old, new = make_image("옛 사진"), make_image("새 사진")
    save_spaces(items(space(1), gallery=[(old, "옛 사진")]), parent=directory)

    save_spaces(items(space(1), gallery=[(new, "새 사진")]), parent=directory)

    page = SpacePage.objects.get(external_id="BULK-1")
    assert [(g.image, g.alt_text) for g in page.gallery_images.all()] == [(new, "새 사진")]
    restored = page.latest_revision.as_object()
    assert [g.image_id for g in restored.gallery_images.all()] == [new.pk]


def test_a_batch_can_mix_new_and_updated_spaces(directory, space):
    services.save_space(space(1))
    outcomes = save_spaces(items(space(1, title="바뀐 공간"), space(2), space(3)), parent=directory)

    assert [o.created for o in outcomes] == [False, True, True]
    assert SpacePage.objects.get(external_id="BULK-1").title == "바뀐 공간"
    assert SpacePage.objects.count() == 3
    assert tree_problems() == []
    directory.refresh_from_db()
    assert directory.numchild == 3


# --- drafts ------------------------------------------------------------------------------


def test_publish_false_creates_drafts(client, directory, space, editor):
    pages = saved(
        save_spaces(items(space(1), space(2)), parent=directory, publish=False, user=editor)
    )

    for page in pages:
        assert not page.live and page.has_unpublished_changes
        assert page.live_revision is None and page.latest_revision is not None
        assert page.first_published_at is None
        assert page.latest_revision.as_object().title == page.title
        assert actions(page) == [("wagtail.create", "editor")]
        assert client.get(page.url).status_code == 404
    assert directory_titles(client) == []
    assert tree_problems() == []


def test_a_draft_created_in_bulk_can_be_published_later(client, directory, space):
    save_spaces(items(space(1)), parent=directory, publish=False)

    (outcome,) = save_spaces(items(space(1, title="이제 공개")), parent=directory)

    page = SpacePage.objects.get(external_id="BULK-1")
    assert outcome.error is None and not outcome.created
    assert page.live and not page.has_unpublished_changes and page.title == "이제 공개"
    assert page.live_revision_id == page.latest_revision_id
    assert client.get(page.url).status_code == 200


def test_publish_false_on_a_live_space_leaves_the_live_content(client, directory, space):
    (page,) = saved(save_spaces(items(space(1)), parent=directory))

    (outcome,) = save_spaces(
        items(space(1, title="새 이름", amenities=["piano"])), parent=directory, publish=False
    )

    assert outcome.error is None and not outcome.created
    page = SpacePage.objects.get(pk=page.pk)
    assert page.live and page.title == "벌크 공간 1"
    assert page.has_unpublished_changes
    assert slugs(page.amenities) == ["projector", "wifi"]
    assert page.revisions.count() == 2
    draft = page.get_latest_revision_as_object()
    assert draft.title == "새 이름"
    assert [a.slug for a in draft.amenities.all()] == ["piano"]
    assert "벌크 공간 1" in client.get(page.url).content.decode()

    # Publishing again (the draft pending) makes the new content live.
    save_spaces(items(space(1, title="새 이름", amenities=["piano"])), parent=directory)
    page = SpacePage.objects.get(pk=page.pk)
    assert page.title == "새 이름" and not page.has_unpublished_changes
    assert slugs(page.amenities) == ["piano"]


# --- data that does not validate --------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "가" * 256}, "title"),
        ({"title": ""}, "title"),
        ({"location": "SRID=4326;POINT(129.075600 35.179600)"}, "location"),  # Busan
        ({"location": "", "latitude": 35.1796, "longitude": 129.0756}, "location"),
        ({"district": None}, "district"),
        ({"space_type": None}, "space_type"),
        ({"opening_hours": "Mo-Fr 9h to 6pm"}, "opening_hours"),
        ({"email": "library@"}, "email"),
    ],
)
def test_an_invalid_new_item_gets_an_error_and_the_others_are_saved(
    client, directory, space, changes, field
):
    outcomes = save_spaces(items(space(1), space(2, **changes), space(3)), parent=directory)

    assert [o.error is None for o in outcomes] == [True, False, True]
    error = outcomes[1].error
    assert isinstance(error, ValidationError)
    assert field in error.message_dict
    assert outcomes[1].page is None
    assert sorted(SpacePage.objects.values_list("external_id", flat=True)) == ["BULK-1", "BULK-3"]
    assert tree_problems() == []
    directory.refresh_from_db()
    assert directory.numchild == 2
    for outcome in (outcomes[0], outcomes[2]):
        assert client.get(outcome.page.url).status_code == 200


def test_an_invalid_update_leaves_the_live_page_as_it_was(directory, space):
    (page,) = saved(save_spaces(items(space(1)), parent=directory))

    outcomes = save_spaces(
        items(space(1, title="가" * 256, capacity=1), space(2)), parent=directory
    )

    assert "title" in outcomes[0].error.message_dict
    assert outcomes[1].error is None
    page = SpacePage.objects.get(pk=page.pk)
    assert (page.title, page.capacity) == ("벌크 공간 1", 20)
    assert page.revisions.count() == 1


@pytest.mark.parametrize(
    "case",
    ["draft of a live space", "scheduled space"],
)
def test_an_invalid_item_on_wagtails_own_path_gets_an_error_too(directory, space, case):
    """Items that go through save_space() (a draft of a live page, a scheduled page)
    must report invalid data on their outcome like the others, not fail the batch."""
    save_spaces(items(space(1)), parent=directory)
    go_live = {"go_live_at": timezone.now() + dt.timedelta(days=1)}
    if case == "draft of a live space":
        bad, publish = space(1, title="가" * 256), False
    else:
        bad, publish = space(5, title="가" * 256, **go_live), True

    outcomes = save_spaces(items(bad, space(2)), parent=directory, publish=publish)

    assert isinstance(outcomes[0].error, ValidationError)
    assert "title" in outcomes[0].error.message_dict
    assert outcomes[1].error is None
    assert SpacePage.objects.filter(external_id="BULK-2").exists()


# --- search, references, signals --------------------------------------------------------


def test_created_and_updated_pages_are_found_by_search(directory, space):
    services.save_space(space(1, title="해오름 공방"))

    save_spaces(
        items(space(1, title="달빛 공방"), space(2, title="별빛 작은도서관")), parent=directory
    )

    def found(word):
        return sorted(page.external_id for page in SpacePage.objects.search(word))

    assert found("달빛") == ["BULK-1"]
    assert found("해오름") == []
    assert found("별빛") == ["BULK-2"]


def test_reference_index_matches_an_ordinary_publish(directory, space):
    photo = make_image()
    (page,) = saved(save_spaces(items(space(1), gallery=[(photo, "사진")]), parent=directory))

    def references():
        return set(
            ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
                "to_content_type", "to_object_id", "model_path"
            )
        )

    in_bulk = references()
    assert str(photo.pk) in {to_object_id for _type, to_object_id, _path in in_bulk}
    page.save_revision().publish()  # outside bulk_saving: indexed by the signal handlers
    assert in_bulk == references()


def test_page_published_is_sent_for_each_published_page_once_committed(
    directory, space, django_capture_on_commit_callbacks
):
    published = []

    def receiver(sender, instance, revision, **kwargs):
        published.append((instance.pk, revision.pk))

    page_published.connect(receiver, dispatch_uid="test-bulk-published")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            outcomes = save_spaces(items(space(1), space(2)), parent=directory)
            assert published == []  # not before the batch is committed
        with django_capture_on_commit_callbacks(execute=True):
            save_spaces(items(space(3)), parent=directory, publish=False)
    finally:
        page_published.disconnect(dispatch_uid="test-bulk-published")

    pages = saved(outcomes)
    assert published == [(p.pk, p.live_revision_id) for p in pages]


# --- query budget -------------------------------------------------------------------------


def growing_statements(small, large):
    """The statements run more often for the large batch: (small count, large count, SQL)."""
    small_counts = Counter(query["sql"][:70] for query in small)
    large_counts = Counter(query["sql"][:70] for query in large)
    return sorted(
        (small_counts[sql], count, sql)
        for sql, count in large_counts.items()
        if count > small_counts[sql] + 1
    )


@pytest.mark.parametrize("complete", [True, False], ids=["complete data", "minimal data"])
def test_the_number_of_queries_does_not_grow_with_the_batch(directory, space, complete):
    def batch(prefix, count):
        datas = [space(f"{prefix}-{n}", title=f"{prefix} 공간 {n}") for n in range(count)]
        if not complete:  # what make_space and a short CSV give: no terms, hours or photos
            for data in datas:
                del data["amenities"], data["accessibility"], data["opening_hours"]
        return items(*datas)

    save_spaces(batch("warm", 1), parent=directory)  # content types and other caches
    captured = {}
    indexing = {}
    for count in (5, 50):
        work = batch(f"n{count}", count)
        # Saving proper, then the search and reference indexing deferred to the end of
        # the outer bulk_saving() block (as the importer and demo loader run it).
        with (
            CaptureQueriesContext(connection) as indexed,
            services.bulk_saving(),
            CaptureQueriesContext(connection) as queries,
        ):
            save_spaces(work, parent=directory)
        captured[count] = queries.captured_queries
        indexing[count] = len(indexed.captured_queries) - len(queries.captured_queries)

    assert SpacePage.objects.count() == 56
    small, large = captured[5], captured[50]
    assert len(large) - len(small) <= 3, (len(small), len(large), growing_statements(small, large))
    # Wagtail's reference index is written a page at a time (read what is there, add
    # what is new): about two statements a page, never the page's relations one by one.
    assert indexing[50] - indexing[5] <= 2 * 45 + 3, indexing


class RecordingBar:
    """A progress bar that keeps each step it was moved by."""

    def __init__(self, total, desc):
        self.total, self.desc, self.steps = total, desc, []
        RecordingBar.made.append(self)

    def update(self, n):
        self.steps.append(n)

    def close(self):
        pass


def test_the_indexing_progress_bar_moves_with_each_chunk(directory, space, monkeypatch):
    """A city-sized import indexes for minutes: the bar must move all along, not jump
    from 0 to the end once every space is indexed."""
    monkeypatch.setattr(services, "INDEX_CHUNK", 2)
    RecordingBar.made = []
    work = items(*(space(f"chunk-{n}", title=f"청크 공간 {n}") for n in range(5)))

    with services.bulk_saving(progress=RecordingBar):
        save_spaces(work, parent=directory)

    (bar,) = RecordingBar.made
    assert bar.total == 10  # the search index, then the reference index, of 5 pages
    assert bar.steps[:3] == [2, 2, 1]  # the search index, a chunk at a time
    assert sum(bar.steps) == bar.total


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's index alone weighs titles"
)
def test_titles_are_weighed_once_per_bulk_block_not_per_chunk(directory, space, monkeypatch):
    """PostgreSQL's search index weighs each title against the average title, reading the
    whole index table: once per chunk made a city-sized import quadratic. Once, at the
    end, and every new entry is weighed (a title's weight decides the ranking)."""
    from wagtail.search.models import IndexEntry

    monkeypatch.setattr(services, "INDEX_CHUNK", 2)
    work = items(*(space(f"weigh-{n}", title=f"무게 공간 {n}") for n in range(5)))

    with CaptureQueriesContext(connection) as queries, services.bulk_saving():
        save_spaces(work, parent=directory)

    weighings = [q for q in queries if "title_norm" in q["sql"] and q["sql"].startswith("UPDATE")]
    assert len(weighings) == 1
    ids = [
        str(pk)
        for pk in SpacePage.objects.filter(external_id__startswith="BULK-weigh-").values_list(
            "pk", flat=True
        )
    ]
    assert len(ids) == 5
    assert not IndexEntry.objects.filter(object_id__in=ids, title_norm=1.0).exists()
    assert sorted(p.external_id for p in SpacePage.objects.search("무게")) == sorted(
        f"BULK-weigh-{n}" for n in range(5)
    )


def test_a_long_bulk_block_refreshes_the_planners_statistics_and_still_indexes(
    directory, space, monkeypatch
):
    """A city-sized load writes tens of thousands of pages in one transaction; on
    PostgreSQL the tables written are analysed as the block grows and before indexing
    (the planner otherwise scanned every page for each chunk it read back). Inside the
    test's transaction too, and what was saved is found."""
    monkeypatch.setattr(services, "ANALYZE_AFTER", 2)
    work = items(*(space(f"stats-{n}", title=f"통계 공간 {n}") for n in range(5)))

    with CaptureQueriesContext(connection) as queries, services.bulk_saving():
        save_spaces(work, parent=directory)

    analysed = [q["sql"] for q in queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        # At the 2nd save (not the 8th: there are 5) and before indexing, both tables.
        assert analysed == ['ANALYZE "spaces_spacepage"', 'ANALYZE "wagtailcore_page"'] * 2
    else:
        assert analysed == []
    assert sorted(page.external_id for page in SpacePage.objects.search("통계")) == [
        f"BULK-stats-{n}" for n in range(5)
    ]
