import datetime as dt
import json
import re
import uuid
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
import time_machine
from PIL import Image as PILImage

from stories.models import StoryPage, StoryRelatedSpace

TODAY = dt.date(2026, 11, 30)


def make_image(title="사진", size=(1600, 1000)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (30, 120, 90)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def item(value):
    """A ListBlock item as Wagtail stores it."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def text(response):
    return response.content.decode()


def json_ld(response):
    """The page's own schema.org item (the breadcrumbs' BreadcrumbList left aside)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text(response), re.S)
    items = [json.loads(block) for block in blocks]
    items = [item for item in items if item["@type"] != "BreadcrumbList"]
    assert len(items) == 1, items
    return items[0]


def card_titles(response):
    """Story titles of the listing's cards, in order."""
    return re.findall(
        r'<h3 class="story-card__title"[^>]*><a href="[^"]+">([^<]+)</a>', text(response)
    )


def notices(response):
    return re.findall(r'<li class="message message--warning">([^<]*)</li>', text(response))


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def make_story(story_index):
    """A story as an editor makes it: created under the listing, then published (unless
    ``publish=False``)."""
    counter = {"n": 0}

    def make(publish=True, tags=(), spaces=(), body=None, **fields):
        counter["n"] += 1
        n = counter["n"]
        values = {
            "title": f"이야기 {n}",
            "slug": f"story-{n}",
            "date": TODAY - dt.timedelta(days=n),
            "author": "마을기자단 박서연",
            "lead": f"{n}번째 이야기의 요약",
        }
        values.update(fields)
        story = StoryPage(live=publish, **values)  # a draft is never live, as in the admin
        story.body = json.dumps(body if body is not None else [paragraph("동네 소식입니다.")])
        if tags:
            story.tags.add(*tags)
        story.related_space_links = [
            StoryRelatedSpace(space=space, sort_order=i) for i, space in enumerate(spaces)
        ]
        story_index.add_child(instance=story)
        revision = story.save_revision()
        if publish:
            revision.publish()
        return StoryPage.objects.get(pk=story.pk)

    return make
