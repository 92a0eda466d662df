"""The demo's drawn pictures (spaces.illustrations), the galleries made of them
(spaces.demo.gallery) and the way pages serve photos: <picture> with modern formats,
srcset/sizes and their size set."""

import hashlib
import re
from collections import Counter
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from spaces import demo, illustrations
from spaces.demo_data import PHOTOS_PER_TYPE
from spaces.seed import SPACE_TYPES
from tests.pictures import modern_img, pictures

HANGUL = re.compile(r"[가-힣]")
SLUGS = [slug for slug, *__ in SPACE_TYPES]


@pytest.fixture
def terms(db):
    return demo.terms()


# --- the drawings --------------------------------------------------------------------


def test_every_type_and_variant_is_a_different_drawing_of_the_full_size():
    assert PHOTOS_PER_TYPE == illustrations.VARIANTS
    digests = {
        hashlib.sha256(illustrations.draw(slug, variant)).digest()
        for slug in [*SLUGS, "added-by-an-editor"]
        for variant in range(illustrations.VARIANTS)
    }
    assert len(digests) == (len(SLUGS) + 1) * illustrations.VARIANTS
    image = PILImage.open(BytesIO(illustrations.draw("workshop", 5)))
    assert (image.format, image.size) == ("JPEG", (1600, 1067))


def test_each_scene_is_described_in_korean_and_english():
    for slug in [*SLUGS, "added-by-an-editor"]:
        scenes = {illustrations.describe(slug, v) for v in range(illustrations.VARIANTS)}
        # four scenes, each the same in both colour moods
        assert len(scenes) == illustrations.COMPOSITIONS, slug
        for ko, en in scenes:
            assert HANGUL.search(ko) and not HANGUL.search(en), (slug, ko, en)
    assert illustrations.describe("small-library", 0)[0] == "책장과 낮은 열람 테이블이 있는 열람실"


def test_a_drawing_is_known_again_by_its_title():
    for slug in (*SLUGS, "added-by-an-editor"):
        for variant in (0, illustrations.VARIANTS - 1):
            assert illustrations.from_title(illustrations.title(slug, variant)) == (slug, variant)
    assert illustrations.title("small-library", 0) == "데모 그림 · 작은도서관 1"
    for other in ("사진", "데모 그림 · 작은도서관 99", "데모 사진 · 작은도서관 1", ""):
        assert illustrations.from_title(other) is None


def test_the_pool_draws_each_type_and_variant_once_however_many_spaces(bilingual_site, monkeypatch):
    drawn = Counter()
    draw = illustrations.draw

    def counting(slug, variant, colour=None):
        drawn[slug, variant] += 1
        return draw(slug, variant, colour)

    monkeypatch.setattr(illustrations, "draw", counting)
    bilingual_site.quiet, bilingual_site.seed = True, 1
    for count in (40, 60):  # the second run finds the first run's drawings by title
        bilingual_site.spaces = count
        demo.load(bilingual_site)
    assert drawn and set(drawn.values()) == {1}
    assert get_image_model().objects.count() == len(drawn)
    assert len(drawn) <= len(SLUGS) * PHOTOS_PER_TYPE


# --- galleries -----------------------------------------------------------------------


def test_galleries_hold_two_to_four_scenes_of_the_type_in_one_mood_cover_first(terms):
    spaces = [demo.space_data(1, i, *terms) for i in range(600)]
    assert Counter(len(s["photos"]) for s in spaces).keys() == {2, 3, 4}
    for space in spaces:
        slugs, variants, alts = zip(*space["photos"], strict=True)
        assert set(slugs) == {space["space_type"].slug}
        assert len({illustrations.composition_of(v) for v in variants}) == len(variants)
        assert len({illustrations.palette_of(v) for v in variants}) == 1
        described = [illustrations.describe(slugs[0], v)[0] for v in variants]
        assert alts == (f"{space['title']}의 {described[0]}", *described[1:])


def test_neighbouring_spaces_seldom_open_on_the_same_picture(terms):
    spaces = [demo.space_data(1, i, *terms) for i in range(600)]
    covers = [s["photos"][0][:2] for s in spaces]
    pairs = list(zip(covers, covers[1:], strict=False))
    same_type = [(a, b) for a, b in pairs if a[0] == b[0]]
    # At most 2 % of neighbours share their cover; of neighbours of one type, at most a
    # quarter (each cover is one of the type's eight pictures).
    assert sum(a == b for a, b in pairs) <= 0.02 * len(pairs)
    assert sum(a == b for a, b in same_type) <= 0.25 * len(same_type)
    # and the covers use every picture of the common types
    library = {v for slug, v in covers if slug == "small-library"}
    assert library == set(range(PHOTOS_PER_TYPE))


# --- pages: <picture>, srcset, sizes, width and height ---------------------------------


def drawing(slug, variant):
    """A pool image as the demo makes it, but small (renditions are quicker to make)."""
    buffer = BytesIO()
    PILImage.open(BytesIO(illustrations.draw(slug, variant))).resize((480, 320)).save(
        buffer, "JPEG"
    )
    return get_image_model().objects.create(
        title=illustrations.title(slug, variant),
        file=ImageFile(buffer, name=f"demo-{slug}-{variant + 1}.jpg"),
    )


@pytest.fixture
def pictured(make_space):
    gallery = demo.gallery(1, 0, "small-library", "망원 작은도서관 책마루")
    return make_space(
        title="망원 작은도서관 책마루",
        name_en="Mangwon Small Library Chaekmaru",
        gallery=[(drawing(slug, variant), alt) for slug, variant, alt in gallery],
    )


def test_the_space_page_serves_its_gallery_as_pictures_with_alt_text(client, pictured):
    html = client.get(pictured.url).content.decode()
    found = [modern_img(p) for p in pictures(html.split('class="gallery"')[1])]
    alts = [g.alt_text for g in pictured.gallery_images.all()]
    assert len(found) == len(alts) >= 2
    for n, (img, alt) in enumerate(zip(found, alts, strict=True)):
        assert f'alt="{alt}"' in img
        assert (' loading="lazy"' in img) == (n > 0)  # the first is in view at once
        assert " lang=" not in img  # the figure says the language


def test_the_english_page_describes_the_drawings_in_english(client, pictured):
    html = client.get("/en" + pictured.url).content.decode()
    found = [modern_img(p) for p in pictures(html.split('class="gallery"')[1])]
    slug_variants = [illustrations.from_title(g.image.title) for g in pictured.gallery_images.all()]
    english = [illustrations.describe(*sv)[1] for sv in slug_variants]
    assert f'alt="{english[0]} at Mangwon Small Library Chaekmaru"' in found[0]
    for img, en in zip(found[1:], english[1:], strict=True):
        assert f'alt="{en}"' in img
    assert all(' lang="en"' in img for img in found)


def test_an_operators_own_alt_text_is_kept_on_the_english_page(client, pictured):
    photo = pictured.gallery_images.first()
    photo.alt_text = "창가 자리에서 책을 읽는 주민들"
    photo.save()
    html = client.get("/en" + pictured.url).content.decode()
    img = modern_img(pictures(html.split('class="gallery"')[1])[0])
    assert 'alt="창가 자리에서 책을 읽는 주민들"' in img and " lang=" not in img


def test_directory_cards_serve_pictures_the_first_ones_eagerly(client, pictured, make_space):
    for n in range(4):
        make_space(title=f"공간 {n}", gallery=[(pictured.gallery_images.first().image, "")])
    html = client.get("/spaces/").content.decode()
    found = [modern_img(p) for p in pictures(html)]
    assert len(found) == 5
    assert all('class="space-card__image"' in img and 'alt=""' in img for img in found)
    assert ' fetchpriority="high"' in found[0] and " loading=" not in found[0]
    assert ' loading="lazy"' in found[3]
