"""A space page's photos open larger (issue 20): each thumbnail links to a large
rendition that is made only when someone opens it; the gallery is laid out by the number
of photos; the key facts come before the long description."""

import re

from wagtail.images import get_image_model

import pytest

from spaces.templatetags.photo_tags import LARGE_SPEC
from tests.spaces.test_space_page import make_image

Rendition = get_image_model().get_rendition_model()


@pytest.fixture
def gallery_space(make_space):
    return make_space(
        title="망원 작은도서관 책마루",
        name_en="Mangwon Small Library Chaekmaru",
        description="<p>아이와 어른이 함께 책을 읽는 공간입니다.</p>",
        capacity=25,
        phone="02-123-4567",
        gallery=[
            (make_image("열람실"), "햇빛이 드는 열람실과 낮은 책장"),
            (make_image("입구"), "골목에서 본 입구"),
            (make_image("마당"), "나무 그늘이 있는 마당"),
        ],
    )


def gallery_links(html):
    return re.findall(r'<a class="gallery__link" href="([^"]+)"(?: data-webp="([^"]+)")?>', html)


def large_renditions():
    return Rendition.objects.filter(filter_spec__startswith=LARGE_SPEC)


def test_the_large_photo_is_made_when_someone_opens_it_not_when_the_page_is_drawn(
    client, gallery_space
):
    html = client.get(gallery_space.url).content.decode()
    links = gallery_links(html)
    assert len(links) == 3 and all(href.startswith("/images/") and webp for href, webp in links)
    assert html.count("(크게 보기)") == 3
    assert not large_renditions().exists()  # drawing the page made none

    jpeg, webp = links[0]
    response = client.get(jpeg)
    assert response.status_code == 302
    rendition = large_renditions().get()
    assert response["Location"] == rendition.url and rendition.url.endswith(".jpg")
    assert client.get(webp)["Location"].endswith(".webp")
    assert max(rendition.width, rendition.height) <= 1600  # never enlarged beyond
    assert client.get(jpeg.replace("/images/", "/images/x", 1)).status_code == 403


@pytest.mark.parametrize(("count", "layout"), [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (6, "many")])
def test_the_gallery_is_laid_out_for_its_number_of_photos(client, make_space, count, layout):
    space = make_space(
        title="사진 공간",
        gallery=[(make_image(f"사진{n}"), f"사진 {n}") for n in range(count)],
    )
    html = client.get(space.url).content.decode()
    assert f'class="space-gallery space-gallery--{layout}"' in html
    assert len(gallery_links(html)) == count


def test_the_key_facts_come_right_after_the_photos_and_before_the_description(
    client, gallery_space
):
    for prefix in ("", "/en"):
        html = client.get(prefix + gallery_space.url).content.decode()
        gallery = html.index('class="space-gallery')
        facts = html.index('id="facts-title"')
        assert gallery < facts < html.index('id="about-title"') < html.index('id="hours-title"')
        # One block: the phone number is given once, as a link.
        assert html.count('href="tel:02-123-4567"') == 1
        assert html.count('id="facts-title"') == 1
