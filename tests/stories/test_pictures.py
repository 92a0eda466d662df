"""Stories serve their pictures as <picture>: AVIF (where Pillow writes it) and WebP
sources over a JPEG, in the widths the layout asks for, with their size set."""

import re

from .conftest import make_image, paragraph

FORMATS = ["image/webp"]  # AVIF took 10-30 times the CPU of WebP to make, for ~20 % smaller files


def pictures(html):
    return re.findall(r"<picture>(.*?)</picture>", html, re.S)


def fallback(picture):
    for mime in FORMATS:
        assert re.search(rf'<source [^>]*srcset="[^"]+ \d+w, [^"]+"[^>]* type="{mime}"', picture)
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert re.search(r' width="\d+"', img) and re.search(r' height="\d+"', img)
    assert ' sizes="' in img and re.search(r'srcset="[^"]+\.jpg \d+w', img)
    return img


def test_the_cover_the_pictures_in_the_text_and_the_cards_are_pictures(client, make_story):
    photo = make_image("부엌 사진", size=(900, 600))
    story = make_story(
        image=photo,
        image_alt="조리대 앞에서 반찬을 담는 주민들",
        body=[
            paragraph("목요일 아침 10시, 공유부엌의 조리대가 바쁘다."),
            {"type": "image", "value": {"image": photo.pk, "alt_text": "반찬통에 담긴 나물"}},
        ],
    )
    cover, figure = (fallback(p) for p in pictures(client.get(story.url).content.decode()))
    assert 'alt="조리대 앞에서 반찬을 담는 주민들"' in cover and " loading=" not in cover
    assert 'alt="반찬통에 담긴 나물"' in figure and ' loading="lazy"' in figure

    (card,) = (fallback(p) for p in pictures(client.get("/stories/").content.decode()))
    assert 'class="story-card__image"' in card and 'alt=""' in card
