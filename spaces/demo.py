"""Demo content of the space directory: the directory page and ``ctx.spaces`` realistic
spaces spread over Seoul's 25 districts, with generated photos.

Generating a space (``space_data``) is a pure function of (seed, number) and the
taxonomies, kept apart from saving, so that the same seed always gives the same spaces,
``--spaces 600`` and ``--spaces 6000`` share their first 600. Saving goes through
``bulk.save_spaces`` in batches, like the import does;
spaces are keyed by ``external_id`` ("demo-00042") and ones that exist are skipped, so
running the loader again adds nothing and writes nothing."""

import datetime as dt
import math
import random
import re
import sys
from decimal import Decimal
from functools import partial
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.html import escape

from wagtail.images import get_image_model

from PIL import Image as PILImage
from PIL import ImageColor, ImageDraw
from tqdm import tqdm

from core.demo import ensure_section

from . import bulk, demo_data, geo, services
from .models import AccessibilityFeature, Amenity, District, SpaceIndexPage, SpacePage, SpaceType
from .seed import SPACE_TYPES

EXTERNAL_ID_PREFIX = "demo-"
BATCH_SIZE = 200  # spaces saved per transaction


def load(ctx):
    directory = ensure_section(
        ctx,
        SpaceIndexPage,
        "spaces",
        ko={
            "title": "공간 찾기",
            "summary": "유형, 자치구, 인원, 편의시설과 빈 시간으로 우리 동네 커뮤니티 공간을 찾아보세요.",
        },
        en={
            "title": "Find a space",
            "summary": "Find community spaces near you by type, district, size, amenities and free time.",
        },
    )
    load_spaces(ctx, directory)


def external_id(i):
    return f"{EXTERNAL_ID_PREFIX}{i:05d}"


def load_spaces(ctx, parent):
    """Create the demo spaces 0 … ctx.spaces - 1 that do not exist yet."""
    if ctx.spaces <= 0:
        return
    existing = set(
        SpacePage.objects.filter(external_id__startswith=EXTERNAL_ID_PREFIX).values_list(
            "external_id", flat=True
        )
    )
    todo = [i for i in range(ctx.spaces) if external_id(i) not in existing]
    if not todo:
        return
    districts = list(District.objects.order_by("sort_order", "slug"))
    types = list(SpaceType.objects.order_by("sort_order", "slug"))
    amenities = list(Amenity.objects.order_by("sort_order", "slug"))
    features = list(AccessibilityFeature.objects.order_by("sort_order", "slug"))
    photos = PhotoPool({t.slug: t for t in types})
    show = partial(tqdm, file=sys.stderr, leave=False, disable=getattr(ctx, "quiet", False))
    with (
        services.bulk_saving(progress=show),
        tqdm(
            total=len(todo),
            desc="spaces",
            unit="space",
            file=sys.stderr,
            leave=False,
            disable=getattr(ctx, "quiet", False),
        ) as progress,
    ):
        for start in range(0, len(todo), BATCH_SIZE):
            items = []
            for i in todo[start : start + BATCH_SIZE]:
                data = space_data(ctx.seed, i, districts, types, amenities, features)
                gallery = [
                    (photos.get(slug, variant), alt) for slug, variant, alt in data.pop("photos")
                ]
                items.append(bulk.SpaceItem(data=data, gallery=gallery, key=i))
            bulk.save_spaces(items, parent=parent)
            progress.update(len(items))


# --- one space -----------------------------------------------------------------------


def space_data(seed, i, districts, types, amenities, features):
    """The demo space number ``i`` for ``seed``, as ``services.save_space`` data.

    Pure: depends only on its arguments (sequences of District, SpaceType, Amenity and
    AccessibilityFeature, or anything with the same attributes) and returns a new dict.
    Term values are items of those sequences. The extra key ``photos`` lists the
    gallery as (space type slug, photo variant, Korean alt text); pop it before saving.
    """
    rng = random.Random(f"{seed}-{i}")
    district = _pick_district(seed, i, districts, rng)
    space_type = _weighted(rng, types, [_type_spec(t)["weight"] for t in types])
    spec = _type_spec(space_type)
    __, neighbourhoods, roads = demo_data.DISTRICTS.get(district.slug, demo_data.FALLBACK_DISTRICT)

    # Name: neighbourhood × kind of space × the space's own name.
    dong, stem = rng.choice(neighbourhoods)
    word, word_en = rng.choice(spec["words"])
    nick, nick_en = rng.choice(spec["nicks"])
    pattern, pattern_en = _weighted(
        rng,
        [(ko, en) for ko, en, __ in demo_data.NAME_PATTERNS],
        [w for *__, w in demo_data.NAME_PATTERNS],
    )
    short = dong[:-1] if dong.endswith("동") and len(dong) > 2 else dong
    short_en = stem if len(short) < len(dong) else f"{stem}-dong"
    names = {
        "dong": dong,
        "dong_en": f"{stem}-dong",
        "short": short,
        "short_en": short_en,
        "word": word,
        "word_en": word_en,
        "nick": nick,
        "nick_en": nick_en,
    }
    title = pattern.format(**names)
    name_en = pattern_en.format(**names)

    latitude, longitude = _point_near(district.latitude, district.longitude, rng)
    floor, ground = _weighted(
        rng,
        [(label, ground) for label, __, ground in demo_data.FLOORS],
        [w for __, w, __ in demo_data.FLOORS],
    )
    address = _address(district, roads, floor, ground, rng)

    capacity = rng.randint(*spec["capacity"])
    if capacity >= 40:
        capacity = round(capacity, -1)
    area = capacity * rng.uniform(*spec["area_per_person"]) + rng.uniform(4, 15)
    floor_area = Decimal(f"{area:.1f}")

    public = rng.random() < spec["public"]
    operator_name = _operator(spec, public, rng).format(
        district=district.name, dong=dong, short=short, nick=nick
    )
    is_free = rng.random() >= spec["paid"] * (0.5 if public else 1)
    if is_free:
        fee_note = rng.choice(demo_data.FREE_NOTES) if rng.random() < 0.15 else ""
    else:
        fee_note = rng.choice(spec["fees"])
    bookable = rng.random() < spec["bookable"]
    opening_hours = _weighted(rng, *zip(*spec["hours"], strict=True))

    phone = _phone(rng)
    host = _host_name(nick_en, stem)
    website = email = ""
    if rng.random() < 0.5:
        website = (
            f"https://www.{district.slug}.example.org/community/{host}"
            if public
            else f"https://{host}.example.org/"
        )
    if rng.random() < 0.4:
        email = f"{host}@{district.slug}.example.org" if public else f"hello@{host}.example.org"

    amenity_odds = {**demo_data.BASE_AMENITIES, **spec["amenities"]}
    chosen_amenities = [a for a in amenities if rng.random() < amenity_odds.get(a.slug, 0.2)]
    chosen_features = _accessibility(features, space_type, public, ground, rng)

    last_verified = demo_data.DEMO_TODAY - dt.timedelta(days=rng.randint(0, 364))
    summary = rng.choice(spec["summaries"]).format(
        dong=dong, district=district.name, capacity=capacity
    )
    description = _description(
        summary, spec["activities"], capacity, floor_area, chosen_amenities, bookable, rng
    )

    count = _weighted(rng, [1, 2, 3], [3, 4, 3])
    variants = rng.sample(range(demo_data.PHOTOS_PER_TYPE), count)
    variants.sort(key=lambda v: (v != 1, v))  # the main room first
    photos = [(space_type.slug, v, f"{title}의 {spec['rooms'][v]}") for v in variants]

    return {
        "external_id": external_id(i),
        "title": title,
        "name_en": name_en,
        "summary": summary,
        "description": description,
        "space_type": space_type,
        "district": district,
        "address": address,
        "location": geo.point_string(latitude, longitude),
        "capacity": capacity,
        "floor_area": floor_area,
        "amenities": chosen_amenities,
        "accessibility": chosen_features,
        "opening_hours": opening_hours,
        "is_free": is_free,
        "fee_note": fee_note,
        "operator_name": operator_name,
        "operator_kind": "public" if public else "private",
        "phone": phone,
        "email": email,
        "website": website,
        "bookable": bookable,
        "last_verified": last_verified,
        "photos": photos,
        **_getting_there(seed, i, district, dong),
    }


def _type_spec(space_type):
    spec = demo_data.TYPES.get(space_type.slug)
    if spec is None:
        spec = dict(demo_data.FALLBACK_TYPE)
        spec["words"] = [(space_type.name, space_type.name_en or space_type.name)]
    return spec


def _weighted(rng, items, weights):
    return rng.choices(list(items), weights=list(weights))[0]


def _pick_district(seed, i, districts, rng):
    """The first len(districts) spaces visit every district once (in an order that
    depends on the seed); after that, larger districts get more spaces."""
    if i < len(districts):
        order = list(range(len(districts)))
        random.Random(f"{seed}-districts").shuffle(order)
        return districts[order[i]]
    weights = [demo_data.DISTRICTS.get(d.slug, demo_data.FALLBACK_DISTRICT)[0] for d in districts]
    return _weighted(rng, districts, weights)


def _point_near(latitude, longitude, rng):
    """A random point within MAX_OFFSET_KM of (latitude, longitude), uniform over the
    disc, kept inside Seoul's bounds."""
    distance = demo_data.MAX_OFFSET_KM * 0.98 * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    angle = distance / geo.EARTH_RADIUS_KM
    lat = latitude + math.degrees(angle * math.cos(bearing))
    lng = longitude + math.degrees(angle * math.sin(bearing) / math.cos(math.radians(latitude)))
    south, west, north, east = geo.SEOUL_BOUNDS
    return round(min(max(lat, south), north), 6), round(min(max(lng, west), east), 6)


def _address(district, roads, floor, ground, rng):
    road = rng.choice(roads)
    if road.endswith("로") and rng.random() < 0.35:
        road, number = f"{road}{rng.randint(1, 30)}길", rng.randint(1, 60)
    else:
        number = rng.randint(1, 250)
    address = f"서울특별시 {district.name} {road} {number}"
    if rng.random() < 0.1:
        address += f"-{rng.randint(1, 9)}"
    if not ground or rng.random() < 0.5:
        address += f", {floor}"
    return address


def _getting_there(seed, i, district, dong):
    """The way there for most spaces: a station of the district (its exit and the walk
    made up), often a bus, sometimes parking. A random stream of its own, so the rest
    of a space stays what it was before these fields existed."""
    rng = random.Random(f"{seed}-{i}-getting-there")
    stations = demo_data.STATIONS.get(district.slug)
    data = {"nearest_station": "", "transit_notes": "", "parking": ""}
    if stations and rng.random() < 0.8:
        data["nearest_station"] = (
            f"{rng.choice(stations)} {rng.randint(1, 8)}번 출구 도보 {rng.randint(2, 12)}분"
        )
    if rng.random() < 0.6:
        prefix = district.name if district.name == "중구" else district.name.removesuffix("구")
        stop = rng.choice(demo_data.BUS_STOPS).format(dong=dong)
        data["transit_notes"] = (
            f"마을버스 {prefix}{rng.randint(1, 12):02d}, 지선버스 {rng.randint(6000, 7799)}번 "
            f"‘{stop}’ 정류장 하차"
        )
    if rng.random() < 0.4:
        data["parking"] = rng.choice(demo_data.PARKING_NOTES)
    return data


def _operator(spec, public, rng):
    own = spec["public_operators"] if public else spec["private_operators"]
    general = demo_data.PUBLIC_OPERATORS if public else demo_data.PRIVATE_OPERATORS
    return rng.choice(own if own and rng.random() < 0.7 else general)


def _phone(rng):
    if rng.random() < 0.08:
        return ""
    exchange = rng.randint(200, 999) if rng.random() < 0.3 else rng.randint(2000, 9999)
    return f"02-{exchange}-{rng.randint(0, 9999):04d}"


def _host_name(*parts):
    text = "-".join(re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts)
    return text.strip("-") or "space"


def _accessibility(features, space_type, public, ground, rng):
    lift = not ground and rng.random() < (0.6 if public else 0.3)
    step_free = rng.random() < (0.7 if ground or lift else 0.1)
    wheelchair = step_free and (ground or lift) and rng.random() < 0.85
    toilet = rng.random() < (0.6 if wheelchair else 0.03)
    loop = rng.random() < (0.3 if public and space_type.slug == "multipurpose-hall" else 0.04)
    braille = rng.random() < (0.3 if public else 0.05)
    parking = rng.random() < (0.35 if public else 0.1)
    present = {
        "wheelchair-access": wheelchair,
        "step-free-entrance": step_free,
        "lift": lift,
        "accessible-toilet": toilet,
        "hearing-loop": loop,
        "braille": braille,
        "accessible-parking": parking,
    }
    return [f for f in features if present.get(f.slug, False)]


def _description(summary, activities, capacity, floor_area, amenities, bookable, rng):
    if amenities:
        names = ", ".join(a.name for a in amenities[:4])
        facilities = f"최대 {capacity}명이 이용할 수 있는 {floor_area}㎡ 규모의 공간으로, {names} 등을 갖추고 있습니다."
    else:
        facilities = f"최대 {capacity}명이 이용할 수 있는 {floor_area}㎡ 규모의 공간입니다."
    booking = rng.choice(demo_data.BOOKING_SENTENCES[bookable])
    return "".join(
        f"<p>{escape(text)}</p>" for text in (summary, activities, facilities + " " + booking)
    )


# --- generated photos ----------------------------------------------------------------

SEED_TYPE_NAMES = {slug: name for slug, name, *__ in SPACE_TYPES}


def photo_title(slug, variant):
    return f"데모 사진 · {SEED_TYPE_NAMES.get(slug, slug)} {variant + 1}"


class PhotoPool:
    """Wagtail images shared by the demo spaces: PHOTOS_PER_TYPE per space type, made on
    first use and found again by title on later runs."""

    def __init__(self, types):
        self.types = types  # slug -> SpaceType
        self.images = {}

    def get(self, slug, variant):
        key = (slug, variant)
        if key not in self.images:
            self.images[key] = self._ensure(slug, variant)
        return self.images[key]

    def _ensure(self, slug, variant):
        Image = get_image_model()
        title = photo_title(slug, variant)
        image = Image.objects.filter(title=title).order_by("pk").first()
        if image is None:
            colour = getattr(self.types.get(slug), "colour", "#0b5c46")
            content = photo_jpeg(colour, variant, slug)
            image = Image(
                title=title,
                file=ImageFile(BytesIO(content), name=f"demo-{slug}-{variant + 1}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
        return image


def photo_jpeg(colour, variant, key):
    """A simple drawn picture (JPEG bytes) in the type's colour: 0 the entrance, 1 the
    main room, 2 a detail (shelves). The same arguments give the same bytes."""
    rng = random.Random(f"photo-{key}-{variant}")
    base = ImageColor.getrgb(colour)
    image = PILImage.new("RGB", demo_data.PHOTO_SIZE, "white")
    draw = ImageDraw.Draw(image)
    (_draw_facade, _draw_room, _draw_shelves)[variant % 3](draw, base, rng, *demo_data.PHOTO_SIZE)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _tint(colour, amount):
    return tuple(round(c + (255 - c) * amount) for c in colour)


def _shade(colour, amount):
    return tuple(round(c * (1 - amount)) for c in colour)


def _gradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    for y in range(y0, y1):
        t = (y - y0) / height
        draw.line(
            [(x0, y), (x1, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _draw_facade(draw, base, rng, width, height):
    ground_y = int(height * 0.8)
    _gradient(draw, (0, 0, width, ground_y), (176, 206, 230), (236, 242, 247))
    draw.rectangle([0, ground_y, width, height], fill=(168, 168, 164))
    draw.rectangle([0, ground_y, width, ground_y + 14], fill=(205, 203, 198))
    left, right, top = rng.randint(90, 150), width - rng.randint(90, 150), rng.randint(40, 90)
    draw.rectangle(
        [left, top, right, ground_y], fill=_tint(base, 0.6), outline=_shade(base, 0.4), width=3
    )
    # upper floors: a grid of windows
    shop_top = ground_y - 170
    rows, cols = 2, rng.randint(3, 5)
    cell_w, cell_h = (right - left) / cols, (shop_top - top - 20) / rows
    for row in range(rows):
        for col in range(cols):
            x, y = left + col * cell_w, top + 15 + row * cell_h
            draw.rectangle(
                [x + 18, y + 12, x + cell_w - 18, y + cell_h - 12],
                fill=(214, 230, 240),
                outline=_shade(base, 0.5),
                width=2,
            )
    # ground floor: sign, awning, shop window, door, plants
    draw.rectangle([left + 20, shop_top - 8, right - 20, shop_top + 32], fill=base)
    stripes = 10
    stripe_w = (right - left) / stripes
    for s in range(stripes):
        fill = base if s % 2 == 0 else _tint(base, 0.75)
        x = left + s * stripe_w
        draw.polygon(
            [
                (x, shop_top + 40),
                (x + stripe_w, shop_top + 40),
                (x + stripe_w + 8, shop_top + 80),
                (x + 8, shop_top + 80),
            ],
            fill=fill,
        )
    door_w = 80
    door_x = (
        rng.randint(left + 300, right - door_w - 30) if right - left > 420 else right - door_w - 30
    )
    draw.rectangle(
        [left + 30, shop_top + 95, door_x - 30, ground_y - 10],
        fill=(200, 222, 236),
        outline=_shade(base, 0.5),
        width=3,
    )
    draw.rectangle([door_x, shop_top + 90, door_x + door_w, ground_y], fill=_shade(base, 0.35))
    draw.ellipse(
        [door_x + door_w - 20, shop_top + 160, door_x + door_w - 10, shop_top + 170],
        fill=(230, 200, 90),
    )
    for x in (left - 40, right + 10):
        draw.rectangle([x, ground_y - 30, x + 30, ground_y], fill=(150, 95, 60))
        draw.ellipse([x - 12, ground_y - 78, x + 42, ground_y - 24], fill=(70, 130, 70))


def _draw_room(draw, base, rng, width, height):
    horizon = int(height * 0.6)
    inset = int(width * 0.18)
    _gradient(draw, (0, 0, width, horizon), _tint(base, 0.82), _tint(base, 0.68))
    draw.polygon([(0, 0), (inset, 40), (inset, horizon), (0, height)], fill=_tint(base, 0.55))
    draw.polygon(
        [(width, 0), (width - inset, 40), (width - inset, horizon), (width, height)],
        fill=_tint(base, 0.5),
    )
    floor = tuple(round((w * 2 + c) / 3) for w, c in zip((196, 160, 118), base, strict=True))
    draw.polygon(
        [(0, height), (width, height), (width - inset, horizon), (inset, horizon)], fill=floor
    )
    # windows on the back wall, lights on the ceiling
    for k in range(rng.randint(2, 3)):
        x = inset + 60 + k * 170
        draw.rectangle(
            [x, 90, x + 120, 230], fill=(232, 242, 250), outline=(255, 255, 255), width=6
        )
    for k in range(3):
        x = inset + 80 + k * 170
        draw.ellipse([x, 18, x + 60, 38], fill=(255, 236, 180))
    # tables with chairs, nearer ones larger
    for row, (y, scale) in enumerate(((horizon + 40, 0.7), (horizon + 120, 1.0))):
        count = 2 if row else 3
        span = (width - 2 * inset) if not row else width - 160
        start = (width - span) / 2
        for k in range(count):
            w = 150 * scale
            x = start + (k + 0.5) * span / count - w / 2 + rng.randint(-10, 10)
            top_colour = _shade(base, 0.15) if rng.random() < 0.5 else (235, 235, 230)
            draw.rectangle(
                [x - 18 * scale, y - 34 * scale, x + 8 * scale, y + 24 * scale], fill=base
            )
            draw.rectangle(
                [x + w - 8 * scale, y - 34 * scale, x + w + 18 * scale, y + 24 * scale], fill=base
            )
            draw.polygon(
                [
                    (x + 12 * scale, y - 16 * scale),
                    (x + w - 12 * scale, y - 16 * scale),
                    (x + w, y),
                    (x, y),
                ],
                fill=top_colour,
            )
            draw.rectangle([x + 6, y, x + 12, y + 40 * scale], fill=_shade(base, 0.5))
            draw.rectangle([x + w - 12, y, x + w - 6, y + 40 * scale], fill=_shade(base, 0.5))


def _draw_shelves(draw, base, rng, width, height):
    _gradient(draw, (0, 0, width, height), _tint(base, 0.85), _tint(base, 0.7))
    frame = _shade(base, 0.45)
    left, right, top, bottom = 60, width - 60, 40, height - 30
    draw.rectangle([left, top, right, bottom], fill=_tint(base, 0.35), outline=frame, width=10)
    shelves = 4
    gap = (bottom - top) / shelves
    palette = [
        base,
        _tint(base, 0.35),
        _shade(base, 0.3),
        (232, 220, 196),
        (70, 90, 120),
        (200, 120, 60),
    ]
    for s in range(shelves):
        floor_y = top + (s + 1) * gap
        draw.rectangle([left, floor_y - 8, right, floor_y + 2], fill=frame)
        x = left + 14
        while x < right - 40:
            if rng.random() < 0.08:
                x += rng.randint(30, 60)  # a gap on the shelf
                continue
            w = rng.randint(12, 28)
            h = rng.uniform(0.5, 0.85) * gap
            draw.rectangle(
                [x, floor_y - 8 - h, x + w, floor_y - 8],
                fill=rng.choice(palette),
                outline=(40, 40, 40),
            )
            x += w + 2
