"""Stories serve their pictures as <picture>: WebP
sources over a JPEG, in the widths the layout asks for, with their size set."""

from tests.pictures import modern_img, pictures

from .conftest import make_image, paragraph


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
    cover, figure = (modern_img(p) for p in pictures(client.get(story.url).content.decode()))
    assert 'alt="조리대 앞에서 반찬을 담는 주민들"' in cover and " loading=" not in cover
    assert 'alt="반찬통에 담긴 나물"' in figure and ' loading="lazy"' in figure

    (card,) = (modern_img(p) for p in pictures(client.get("/stories/").content.decode()))
    assert 'class="story-card__image"' in card and 'alt=""' in card
