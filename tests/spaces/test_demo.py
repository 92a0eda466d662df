"""The demo spaces of ``load_demo``: realistic, spread over Seoul, deterministic and
idempotent (``spaces.demo``)."""

import re

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

import pytest

from spaces import demo, geo, hours, illustrations
from spaces.demo_data import PHOTOS_PER_TYPE
from spaces.models import (
    District,
    OpeningPeriod,
    SpacePage,
    SpaceType,
)

HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def terms(db):
    return demo.terms()


def load(ctx, spaces, seed=1):
    ctx.spaces, ctx.seed, ctx.quiet = spaces, seed, True
    demo.load(ctx)


def demo_spaces():
    return SpacePage.objects.filter(external_id__startswith="demo-").order_by("external_id")


# --- space_data: the pure part -------------------------------------------------------


def test_space_data_is_pure_and_stable_for_a_seed_and_number(terms):
    first = demo.space_data(7, 42, *terms)
    for i in range(5):  # other spaces in between change nothing
        demo.space_data(7, i, *terms)
    assert demo.space_data(7, 42, *terms) == first
    assert first is not demo.space_data(7, 42, *terms)
    assert first["external_id"] == "demo-00042"


def test_different_seeds_give_different_spaces(terms):
    one = [demo.space_data(1, i, *terms) for i in range(30)]
    two = [demo.space_data(2, i, *terms) for i in range(30)]
    assert [s["title"] for s in one] != [s["title"] for s in two]
    assert [s["location"] for s in one] != [s["location"] for s in two]


def test_generated_spaces_are_realistic(terms):
    districts, types, *_ = terms
    spaces = [demo.space_data(1, i, *terms) for i in range(600)]

    assert {s["district"].slug for s in spaces[:25]} == {d.slug for d in districts}
    assert {s["space_type"].slug for s in spaces} == {t.slug for t in types}
    type_counts = {t.slug: sum(s["space_type"] == t for s in spaces) for t in types}
    assert type_counts["small-library"] > type_counts["maker-space"]
    assert type_counts["club-room"] > type_counts["gallery-practice-room"]
    assert 0.5 < sum(s["bookable"] for s in spaces) / len(spaces) < 0.7
    assert {s["operator_kind"] for s in spaces} == {"public", "private"}
    assert any(s["is_free"] for s in spaces) and any(not s["is_free"] for s in spaces)
    assert any(s["opening_hours"] == "24/7" for s in spaces)

    for space in spaces:
        point = geo.parse_point(space["location"])
        centre = (space["district"].latitude, space["district"].longitude)
        assert geo.in_seoul(*point)
        assert geo.distance_km(centre, point) <= 1.0
        assert HANGUL.search(space["title"])
        assert space["name_en"] and not HANGUL.search(space["name_en"])
        assert space["address"].startswith(f"서울특별시 {space['district'].name} ")
        assert 4 <= space["capacity"] <= 150
        assert space["floor_area"] > 0
        hours.parse(space["opening_hours"])
        assert not space["phone"] or re.fullmatch(r"02-\d{3,4}-\d{4}", space["phone"])
        assert not space["email"] or space["email"].endswith(".example.org")
        assert not space["website"] or ".example.org/" in space["website"]
        assert space["is_free"] or space["fee_note"]
        assert space["description"].startswith("<p>") and space["description"].endswith("</p>")
        assert len(space["summary"]) <= 250
        assert space["operator_name"]
        assert 2 <= len(space["photos"]) <= 4
        assert space["photos"][0][2].startswith(space["title"])  # the cover names the space
        assert "2025-11-01" < space["last_verified"].isoformat() <= "2026-11-01"


# --- load: saving through bulk.save_spaces -------------------------------------------


def test_load_creates_published_spaces_in_every_district(bilingual_site):
    load(bilingual_site, 50)

    spaces = list(demo_spaces().prefetch_related("gallery_images"))
    assert len(spaces) == 50
    assert {s.district_id for s in spaces} == set(District.objects.values_list("pk", flat=True))
    for space in spaces:
        assert space.live and not space.has_unpublished_changes
        assert space.locale.language_code == "ko"
        assert HANGUL.search(space.title) and space.name_en
        assert geo.in_seoul(space.latitude, space.longitude)
        centre = (space.district.latitude, space.district.longitude)
        assert geo.distance_km(centre, space.point) <= 1.0
        hours.parse(space.opening_hours)
        photos = list(space.gallery_images.all())
        assert 2 <= len(photos) <= 4 and photos[0].alt_text.startswith(space.title)
    assert OpeningPeriod.objects.filter(space__in=spaces).values("space").distinct().count() == 50
    # Photos come from a small shared pool.
    assert get_image_model().objects.count() <= PHOTOS_PER_TYPE * SpaceType.objects.count()


def test_load_saves_what_space_data_describes(bilingual_site, terms):
    load(bilingual_site, 5, seed=3)

    for i, space in enumerate(demo_spaces()):
        expected = demo.space_data(3, i, *terms)
        assert (space.title, space.name_en, space.address) == (
            expected["title"],
            expected["name_en"],
            expected["address"],
        )
        assert space.location == expected["location"]
        assert set(space.amenities.all()) == set(expected["amenities"])
        assert set(space.accessibility.all()) == set(expected["accessibility"])
        assert [g.alt_text for g in space.gallery_images.all()] == [
            alt for *__, alt in expected["photos"]
        ]


def test_load_is_deterministic(bilingual_site):
    load(bilingual_site, 8, seed=5)
    first = list(demo_spaces().values_list("external_id", "title", "latitude", "longitude"))
    for space in demo_spaces():
        space.delete()
    load(bilingual_site, 8, seed=5)
    assert list(demo_spaces().values_list("external_id", "title", "latitude", "longitude")) == first


def test_load_again_creates_no_pages_revisions_or_images(bilingual_site):
    load(bilingual_site, 30)
    counts = Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()

    load(bilingual_site, 30)

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
    ) == counts


def test_more_spaces_keep_the_first_ones(bilingual_site):
    load(bilingual_site, 10)
    first = list(demo_spaces().values_list("external_id", "title", "latest_revision_id"))

    load(bilingual_site, 13)

    assert demo_spaces().count() == 13
    assert (
        list(demo_spaces()[:10].values_list("external_id", "title", "latest_revision_id")) == first
    )


def test_loaded_spaces_are_searchable_and_have_a_history(bilingual_site):
    load(bilingual_site, 3)
    for space in demo_spaces():
        assert space.live and space.live_revision_id == space.latest_revision_id
        assert set(PageLogEntry.objects.filter(page=space).values_list("action", flat=True)) >= {
            "wagtail.create",
            "wagtail.publish",
        }
        assert space.pk in {hit.pk for hit in SpacePage.objects.search(space.title.split()[0])}


def test_no_spaces_asked_none_made(bilingual_site):
    load(bilingual_site, 0)
    assert not demo_spaces().exists()
    assert not get_image_model().objects.exists()


def test_progress_bar_on_stderr_unless_quiet(bilingual_site, capsys):
    bilingual_site.spaces = 1
    demo.load(bilingual_site)
    assert "spaces" in capsys.readouterr().err

    load(bilingual_site, 2)  # quiet
    assert capsys.readouterr().err == ""


def test_photos_are_deterministic_jpegs():
    draw = getattr(illustrations.draw, "__wrapped__", illustrations.draw)  # not the suite's memo
    data = draw("small-library", 1, "#1f6f50")
    assert data[:3] == b"\xff\xd8\xff"
    assert data == draw("small-library", 1, "#1f6f50")
    assert data != draw("small-library", 2, "#1f6f50")
