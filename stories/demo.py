"""Demo stories: the section (이야기 / Stories) and about thirty stories of community
spaces (text in ``demo_data``), dated over the two years before the demo's day, each
about a demo space of the kind it tells of (and the few others it names), which it
names and links with its district, with their photos, a quote, sometimes a video link
and a list of featured spaces; a handful are translated into English, with their
bylines and topics.

What a story becomes is a pure function of the seed, its number and the demo spaces
(``story_plan``), so the same seed gives the same stories. Stories are keyed by their
slug under the section: running the loader again adds nothing."""

import datetime as dt
import json
import random
import uuid
from collections import defaultdict

from django.utils.html import escape

from tqdm import tqdm

from core.demo import ensure_section
from spaces.demo_data import DEMO_TODAY
from spaces.models import District, SpacePage
from spaces.models.pages import SpaceGalleryImage
from spaces.services import bulk_saving

from . import demo_data
from .models import StoryIndexPage, StoryPage, StoryRelatedSpace

SPAN_DAYS = 730  # stories spread over the two years before DEMO_TODAY
CITY_AUTHOR = "서울시 지역공동체과"


def load(ctx):
    index = ensure_section(
        ctx,
        StoryIndexPage,
        "stories",
        ko={
            "title": "이야기",
            "summary": "작은도서관, 공유부엌, 동네책방 … 커뮤니티 공간에서 일어나는 이웃들의 이야기.",
            "intro": "<p>서울 곳곳의 커뮤니티 공간과 그곳을 채우는 사람들의 소식을 전합니다.</p>",
        },
        en={
            "title": "Stories",
            "summary": "Small libraries, shared kitchens, village bookstores … news of the people "
            "who bring community spaces to life.",
            "intro": "<p>News of community spaces across Seoul and the people who fill them.</p>",
        },
    )
    load_stories(ctx, index)


def demo_spaces(locale_id):
    """Live Korean demo spaces as plain rows: (pk, type slug, district id, title,
    English name, district name, English district name, operator kind)."""
    return list(
        SpacePage.objects.live()
        .filter(external_id__startswith="demo-", locale_id=locale_id)
        .order_by("pk")
        .values_list(
            "pk",
            "space_type__slug",
            "district_id",
            "title",
            "name_en",
            "district__name",
            "district__name_en",
            "operator_kind",
        )
    )


def story_kinds(spec):
    """The space types a story tells of, its own first."""
    return list(spec.get("kinds") or ([spec["kind"]] if spec["kind"] else []))


def choose_spaces(spec, spaces, rng):
    """The demo spaces a story is about: one of its kind (a public one when the story
    says a district runs it), as many more of that kind as it tells of, from the same
    district first, then one of each other kind it names, nearby when there is one.
    None when the demo has no space of its kind: a story is never tied to a space of
    another kind."""
    by_kind = defaultdict(list)
    for row in spaces:
        by_kind[row[1]].append(row)
    kinds = story_kinds(spec)
    if not kinds or not by_kind.get(kinds[0]):
        return []
    pool = by_kind[kinds[0]]
    if spec.get("public"):
        pool = [row for row in pool if row[7] == "public"] or pool
    main = rng.choice(pool)
    chosen = [main]
    others = [row for row in by_kind[kinds[0]] if row is not main]
    near = [row for row in others if row[2] == main[2]]
    far = [row for row in others if row[2] != main[2]]
    more = spec.get("spaces", 1) - 1
    chosen += rng.sample(near, min(more, len(near)))
    chosen += rng.sample(far, min(more - (len(chosen) - 1), len(far)))
    for kind in kinds[1:]:
        rows = by_kind.get(kind, [])
        if rows:
            chosen.append(rng.choice([row for row in rows if row[2] == main[2]] or rows))
    return chosen


def _link(row, name):
    return f'<a linktype="page" id="{row[0]}">{escape(name)}</a>'


def _spaces_text(chosen):
    """The spaces named and linked in each language, with their districts."""
    korean = ", ".join(f"{row[5]} {_link(row, row[3])}" for row in chosen)
    english = [f"{_link(row, row[4] or row[3])} in {row[6]}" for row in chosen]
    if len(english) > 1:
        english = [", ".join(english[:-1]) + " and " + english[-1]]
    return korean, english[0] if english else ""


def story_plan(seed, number, spaces, district_ids, photos=None):
    """What demo story ``number`` is for ``seed``, given the demo ``spaces`` (rows of
    ``demo_spaces()``), the district ids and the spaces' photos ({space id: [(image
    id, alt text)]}). Pure: same arguments, same plan (with an English body when the
    story has a translation)."""
    spec = demo_data.STORIES[number]
    rng = random.Random(f"{seed}-story-{number}")
    photos = photos or {}

    chosen = choose_spaces(spec, spaces, rng)
    names, names_en = _spaces_text(chosen)
    step = SPAN_DAYS // len(demo_data.STORIES)
    date = DEMO_TODAY - dt.timedelta(days=number * step + rng.randint(0, step - 1))
    district_id = chosen[0][2] if chosen else rng.choice(sorted(district_ids) or [None])
    author = CITY_AUTHOR if spec["kind"] is None else rng.choice(demo_data.AUTHORS)
    closing = rng.randrange(len(demo_data.CLOSINGS))
    pictures = [(image_id, alt, row) for row in chosen for image_id, alt in photos.get(row[0], [])]
    cover = pictures[0] if pictures else None
    inline = pictures[1] if len(pictures) > 1 else None  # not the cover a second time
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for __ in range(20)]

    def body(texts):
        """The body in one language; block ids are shared by both languages."""
        blocks = []

        def add(kind, value):
            blocks.append({"type": kind, "value": value, "id": ids[len(blocks)]})

        first, *rest = texts["paragraphs"]
        add("paragraph", first)
        if inline:
            image_id, alt, row = inline
            add("image", {"image": image_id, **texts["picture"](alt, row)})
        for text in rest:
            add("paragraph", text)
        add("quote", {"quote": texts["quote"][0], "attribution": texts["quote"][1]})
        if spec.get("video"):
            url = demo_data.VIDEO_URL.format(slug=spec["slug"])
            add("video", {"url": url, "title": texts["video"]})
        if chosen:
            add("paragraph", texts["spaces"])
            if number % 3 == 0:
                add(
                    "featured_spaces",
                    {
                        "heading": "",
                        "spaces": [
                            {"type": "item", "value": row[0], "id": ids[-1 - i]}
                            for i, row in enumerate(chosen)
                        ],
                    },
                )
        add("paragraph", texts["closing"])
        return blocks

    korean = body(
        {
            "paragraphs": spec["paragraphs"],
            "picture": lambda alt, row: {"alt_text": alt, "caption": row[3]},
            "quote": spec["quote"],
            "video": spec["title"].split(",")[0],
            "spaces": demo_data.SPACES_PARAGRAPH.format(spaces=names),
            "closing": demo_data.CLOSINGS[closing],
        }
    )
    english = None
    if spec.get("en"):
        en = spec["en"]
        english = {
            "title": en["title"],
            "author": demo_data.AUTHORS_EN.get(author, author),
            "tags": [demo_data.TAGS_EN.get(tag, tag) for tag in spec["tags"]],
            "lead": " ".join(en["lead"].split()),
            "image_alt": f"A photo of {cover[2][4] or cover[2][3]}" if cover else "",
            "body": body(
                {
                    "paragraphs": en["paragraphs"],
                    "picture": lambda alt, row: {
                        "alt_text": f"A photo of {row[4] or row[3]}",
                        "caption": row[4] or row[3],
                    },
                    "quote": en["quote"],
                    "video": en["title"],
                    "spaces": demo_data.SPACES_PARAGRAPH_EN[len(chosen) > 1].format(
                        spaces=names_en
                    ),
                    "closing": demo_data.CLOSINGS_EN[closing % len(demo_data.CLOSINGS_EN)],
                }
            ),
        }
    return {
        "slug": spec["slug"],
        "title": spec["title"],
        "lead": " ".join(spec["lead"].split()),
        "date": date,
        "author": author,
        "tags": list(spec["tags"]),
        "district_id": district_id,
        "space_ids": [row[0] for row in chosen],
        "image": (cover[0], cover[1]) if cover else None,
        "body": korean,
        "en": english,
    }


def space_photos(space_ids):
    """{space id: [(image id, alt text)]}, in gallery order."""
    photos = defaultdict(list)
    for page_id, image_id, alt in (
        SpaceGalleryImage.objects.filter(page_id__in=space_ids, image__isnull=False)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "image_id", "alt_text")
    ):
        photos[page_id].append((image_id, alt))
    return dict(photos)


def load_stories(ctx, index):
    have = set(index.get_children().values_list("slug", flat=True))
    todo = [n for n, spec in enumerate(demo_data.STORIES) if spec["slug"] not in have]
    if not todo:
        return
    spaces = demo_spaces(index.locale_id)
    district_ids = list(District.objects.values_list("pk", flat=True))
    # Photos of the chosen spaces only (which spaces a story picks does not depend on
    # their photos), so the cost does not grow with the size of the directory.
    chosen = {pk for n in todo for pk in story_plan(ctx.seed, n, spaces, district_ids)["space_ids"]}
    photos = space_photos(chosen)
    english = ctx.locales.get("en")
    with (
        bulk_saving(),
        tqdm(todo, desc="stories", unit="story", leave=False, disable=ctx.quiet) as progress,
    ):
        for number in progress:
            plan = story_plan(ctx.seed, number, spaces, district_ids, photos)
            story = StoryPage(
                title=plan["title"],
                slug=plan["slug"],
                date=plan["date"],
                author=plan["author"],
                lead=plan["lead"],
                district_id=plan["district_id"],
                image_id=plan["image"][0] if plan["image"] else None,
                image_alt=plan["image"][1] if plan["image"] else "",
                body=json.dumps(plan["body"]),
                search_description="",
            )
            story.tags.add(*plan["tags"])
            story.related_space_links = [
                StoryRelatedSpace(space_id=pk, sort_order=i)
                for i, pk in enumerate(plan["space_ids"])
            ]
            index.add_child(instance=story)
            story.save_revision().publish()
            if plan["en"] and english is not None:
                translate(StoryPage.objects.get(pk=story.pk), english, plan["en"])


def translate(story, locale, en):
    """The story's English translation, with its own byline and topics in English:
    made and published once, left as editors made it afterwards."""
    translation = story.get_translation_or_none(locale)
    if translation is not None:
        return translation
    translation = story.copy_for_translation(locale, copy_parents=True)
    translation.title = en["title"]
    translation.author = en["author"]
    translation.lead = en["lead"]
    translation.body = json.dumps(en["body"])
    translation.image_alt = en["image_alt"]
    translation.tags.set(en["tags"])
    translation.save_revision().publish()
    return translation
