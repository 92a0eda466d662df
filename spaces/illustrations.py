"""Drawn pictures of the kinds of space, for the demo: flat illustrations made by code.

``draw(slug, variant)`` gives the JPEG bytes of one picture of a space type and
``describe(slug, variant)`` says what it shows, in Korean and English, for alt text.
Each type has ``COMPOSITIONS`` scenes (its main room, a corner, the entrance …) in
``PALETTES`` colour moods: a variant is one scene in one mood, so a space's gallery
can keep one mood across different scenes and two spaces of a type rarely open on the
same picture. Pure: the same arguments give the same bytes. No words in the pictures
(they would only be read in one language).

Drawn at ``SIZE`` (1600×1067), so the renditions the pages ask for (up to 1200 wide)
are made from a larger picture."""

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw

from .seed import SPACE_TYPES

SIZE = (1600, 1067)
COMPOSITIONS = 4
PALETTES = 2
VARIANTS = COMPOSITIONS * PALETTES

W, H = SIZE
FLOOR = int(H * 0.70)  # where the back wall meets the floor

# Colour moods; each type uses two of them (see ``palette``) with its own colour.
MOODS = [
    {
        "wall": (241, 232, 216),
        "wall2": (226, 208, 182),
        "floor": (201, 160, 118),
        "wood": (176, 126, 82),
        "wood_dark": (116, 80, 52),
        "fabric": (84, 126, 112),
        "fabric2": (228, 142, 98),
        "sky": ((170, 210, 236), (226, 240, 246)),
    },
    {
        "wall": (222, 233, 222),
        "wall2": (192, 212, 196),
        "floor": (178, 154, 128),
        "wood": (152, 112, 80),
        "wood_dark": (94, 70, 52),
        "fabric": (232, 176, 92),
        "fabric2": (116, 146, 196),
        "sky": ((186, 220, 234), (232, 244, 240)),
    },
    {
        "wall": (216, 224, 238),
        "wall2": (188, 200, 224),
        "floor": (138, 118, 108),
        "wood": (190, 144, 98),
        "wood_dark": (98, 76, 64),
        "fabric": (228, 116, 98),
        "fabric2": (248, 200, 108),
        "sky": ((246, 180, 140), (252, 226, 186)),  # evening
    },
    {
        "wall": (246, 228, 212),
        "wall2": (228, 180, 154),
        "floor": (158, 118, 94),
        "wood": (198, 152, 106),
        "wood_dark": (112, 76, 58),
        "fabric": (70, 110, 142),
        "fabric2": (236, 196, 120),
        "sky": ((164, 204, 232), (222, 238, 248)),
    },
    {
        "wall": (228, 240, 236),
        "wall2": (182, 214, 206),
        "floor": (206, 194, 176),
        "wood": (214, 176, 130),
        "wood_dark": (138, 104, 72),
        "fabric": (234, 118, 110),
        "fabric2": (88, 120, 170),
        "sky": ((178, 216, 240), (236, 246, 250)),
    },
    {
        "wall": (236, 230, 242),
        "wall2": (208, 196, 226),
        "floor": (186, 156, 126),
        "wood": (160, 118, 86),
        "wood_dark": (102, 78, 60),
        "fabric": (94, 160, 140),
        "fabric2": (236, 168, 120),
        "sky": ((196, 210, 244), (240, 232, 246)),
    },
]

# Each type gets its own pair of moods (by its place in the seed list) and its colour.
TYPE_ORDER = [slug for slug, *__ in SPACE_TYPES]
TYPE_COLOURS = {slug: colour for slug, __, __, colour in SPACE_TYPES}
TYPE_NAMES = {slug: name for slug, name, *__ in SPACE_TYPES}


# The title of a drawing in the image library: how the demo finds its pool again and
# how a page knows a picture is one of these (to describe it in the visitor's language).
TITLE = "데모 그림 · {name} {number}"


def title(slug, variant):
    return TITLE.format(name=TYPE_NAMES.get(slug, slug), number=variant + 1)


def from_title(text):
    """(slug, variant) of the drawing titled ``text``, or None."""
    prefix = TITLE.split("{", 1)[0]
    if not text.startswith(prefix):
        return None
    name, __, number = text[len(prefix) :].rpartition(" ")
    if not number.isdigit() or not 1 <= int(number) <= VARIANTS:
        return None
    slugs = {name: slug for slug, name in TYPE_NAMES.items()}
    return slugs.get(name, name), int(number) - 1


def composition_of(variant):
    return variant % COMPOSITIONS


def palette_of(variant):
    return variant // COMPOSITIONS % PALETTES


def variant(composition, palette):
    return palette * COMPOSITIONS + composition


def draw(slug, variant, colour=None):
    """The JPEG bytes of picture ``variant`` (0 … VARIANTS - 1) of space type ``slug``;
    an unknown type gets the general scenes, in ``colour`` when given."""
    image = render(slug, variant, colour)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def render(slug, variant, colour=None):
    """The picture as a PIL image (``draw`` without the encoding)."""
    scenes = SCENES.get(slug, SCENES[None])
    scene = Scene(palette(slug, variant, colour), random.Random(f"illustration-{slug}-{variant}"))
    scenes[composition_of(variant)][2](scene)
    return scene.image


def describe(slug, variant):
    """(Korean, English) noun phrases for what picture ``variant`` of ``slug`` shows:
    "책장과 낮은 열람 테이블이 있는 열람실", "Reading room with bookshelves and low tables"."""
    ko, en, __ = SCENES.get(slug, SCENES[None])[composition_of(variant)]
    return ko, en


def palette(slug, variant, colour=None):
    index = TYPE_ORDER.index(slug) if slug in TYPE_ORDER else len(TYPE_ORDER)
    mood = MOODS[(index + 3 * palette_of(variant)) % len(MOODS)]
    accent = _rgb(colour or TYPE_COLOURS.get(slug, "#0b5c46"))
    books = [accent, mood["fabric"], mood["fabric2"], mood["wood_dark"], (236, 226, 204)]
    books += [_mix(accent, (255, 255, 255), 0.45), (64, 84, 112), (188, 92, 72)]
    return {**mood, "accent": accent, "books": books}


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def tint(c, t):
    return _mix(c, (255, 255, 255), t)


def shade(c, t):
    return _mix(c, (0, 0, 0), t)


class Scene:
    """A canvas with the palette and a random stream, and the pieces scenes are made
    of. Coordinates are pixels of SIZE; things standing on the floor give their base."""

    def __init__(self, colours, rng):
        self.c = colours
        self.rng = rng
        self.image = Image.new("RGB", SIZE, colours["wall"])
        self.d = ImageDraw.Draw(self.image)

    # --- basics ------------------------------------------------------------------

    def rect(self, box, fill, radius=0):
        box = [round(v) for v in box]
        if radius:
            self.d.rounded_rectangle(box, radius=radius, fill=fill)
        else:
            self.d.rectangle(box, fill=fill)

    def poly(self, points, fill):
        self.d.polygon([(round(x), round(y)) for x, y in points], fill=fill)

    def ellipse(self, box, fill):
        self.d.ellipse([round(v) for v in box], fill=fill)

    def line(self, points, fill, width):
        self.d.line([(round(x), round(y)) for x, y in points], fill=fill, width=width)

    def gradient(self, box, top, bottom):
        x0, y0, x1, y1 = (round(v) for v in box)
        span = max(1, y1 - y0)
        for y in range(y0, y1):
            self.d.line([(x0, y), (x1, y)], fill=_mix(top, bottom, (y - y0) / span))

    def shadow(self, cx, y, w, h=22):
        self.ellipse([cx - w / 2, y - h / 2, cx + w / 2, y + h / 2], shade(self.c["floor"], 0.18))

    def pick(self, options):
        return self.rng.choice(options)

    # --- rooms -------------------------------------------------------------------

    def room(self, wainscot=True, floor=None, floor_y=FLOOR):
        c = self.c
        self.gradient((0, 0, W, floor_y), tint(c["wall"], 0.25), c["wall"])
        if wainscot:
            self.rect([0, floor_y - 150, W, floor_y], c["wall2"])
            self.rect([0, floor_y - 156, W, floor_y - 150], tint(c["wall2"], 0.4))
        floor = floor or c["floor"]
        self.rect([0, floor_y, W, H], floor)
        # boards converging on a point above the middle: a little depth, still flat
        line = shade(floor, 0.08)
        for k in range(-14, 15):
            self.line([(W / 2 + k * 70, floor_y), (W / 2 + k * 190, H)], line, 3)
        for y in (floor_y + 60, floor_y + 140, floor_y + 250):
            self.line([(0, y), (W, y)], tint(floor, 0.06), 2)
        self.rect([0, floor_y - 10, W, floor_y + 4], shade(c["wall2"], 0.15))

    def window(self, x, y, w, h, panes=2):
        c = self.c
        frame = (250, 250, 246)
        self.rect([x - 14, y - 14, x + w + 14, y + h + 14], frame, radius=6)
        self.gradient((x, y, x + w, y + h), *c["sky"])
        # a tree and roofs outside
        tree = _mix(c["sky"][0], (90, 140, 100), 0.55)
        self.rect([x + w * 0.74, y + h * 0.7, x + w * 0.78, y + h], shade(tree, 0.3))
        self.ellipse([x + w * 0.6, y + h * 0.3, x + w * 0.92, y + h * 0.78], tree)
        self.rect([x, y + h * 0.78, x + w * 0.45, y + h], _mix(c["sky"][1], (150, 150, 160), 0.4))
        for k in range(1, panes):
            self.rect([x + w * k / panes - 6, y, x + w * k / panes + 6, y + h], frame)
        self.rect([x, y + h * 0.5 - 5, x + w, y + h * 0.5 + 5], frame)
        self.rect([x - 28, y + h + 10, x + w + 28, y + h + 28], tint(c["wood"], 0.3), radius=4)

    def light_patch(self, x, w, floor_y=FLOOR):
        """Sunlight from a window on the floor."""
        floor = self.c["floor"]
        self.poly(
            [(x, floor_y + 8), (x + w, floor_y + 8), (x + w * 1.5, H), (x + w * 0.2, H)],
            tint(floor, 0.12),
        )

    def pendant(self, x, drop, colour=None, top=0):
        colour = colour or self.c["accent"]
        self.line([(x, top), (x, drop)], (70, 70, 70), 3)
        self.poly(
            [(x - 18, drop), (x + 18, drop), (x + 52, drop + 50), (x - 52, drop + 50)], colour
        )
        self.ellipse([x - 14, drop + 40, x + 14, drop + 62], (255, 236, 170))

    def frame_art(self, x, y, w, h):
        c = self.c
        self.rect([x, y, x + w, y + h], c["wood_dark"])
        self.rect([x + 10, y + 10, x + w - 10, y + h - 10], (248, 246, 240))
        inner = [x + 26, y + 26, x + w - 26, y + h - 26]
        self.rect(inner, tint(self.pick([c["fabric"], c["fabric2"], c["accent"]]), 0.55))
        r = min(w, h) * 0.18
        cx, cy = x + w * self.rng.uniform(0.35, 0.65), y + h * self.rng.uniform(0.35, 0.6)
        self.ellipse([cx - r, cy - r, cx + r, cy + r], self.pick([c["fabric2"], c["accent"]]))
        self.poly(
            [(inner[0], inner[3]), (x + w * 0.5, y + h * 0.55), (inner[2], inner[3])], c["fabric"]
        )

    def plant(self, x, base, size=1.0, pot=None):
        c = self.c
        pot = pot or c["fabric2"]
        green, dark = (88, 146, 96), (60, 112, 76)
        for k in range(7):
            angle = -math.pi / 2 + (k - 3) * 0.38 + self.rng.uniform(-0.1, 0.1)
            self.leaf(
                x,
                base - 70 * size,
                angle,
                (110 + 40 * (k % 2)) * size,
                34 * size,
                green if k % 2 else dark,
            )
        self.poly(
            [
                (x - 44 * size, base - 80 * size),
                (x + 44 * size, base - 80 * size),
                (x + 32 * size, base),
                (x - 32 * size, base),
            ],
            pot,
        )
        self.rect(
            [x - 48 * size, base - 92 * size, x + 48 * size, base - 76 * size], shade(pot, 0.12)
        )

    def leaf(self, x, y, angle, length, width, colour):
        ca, sa = math.cos(angle), math.sin(angle)
        points = []
        for t, s in ((0, 0), (0.3, 0.5), (0.65, 0.45), (1, 0), (0.65, -0.45), (0.3, -0.5)):
            along, across = t * length, s * width
            points.append((x + along * ca - across * sa, y + along * sa + across * ca))
        self.poly(points, colour)

    def clock(self, x, y, r):
        self.ellipse([x - r - 6, y - r - 6, x + r + 6, y + r + 6], self.c["wood_dark"])
        self.ellipse([x - r, y - r, x + r, y + r], (252, 250, 244))
        self.line([(x, y), (x, y - r * 0.7)], (60, 60, 60), 6)
        self.line([(x, y), (x + r * 0.5, y + r * 0.1)], (60, 60, 60), 6)

    def rug(self, cx, y, w, h, colour=None):
        colour = colour or self.c["fabric"]
        self.ellipse([cx - w / 2, y - h / 2, cx + w / 2, y + h / 2], colour)
        self.ellipse(
            [cx - w / 2 + 24, y - h / 2 + 10, cx + w / 2 - 24, y + h / 2 - 10], tint(colour, 0.2)
        )
        self.ellipse([cx - w / 2 + 48, y - h / 2 + 20, cx + w / 2 - 48, y + h / 2 - 20], colour)

    # --- furniture ---------------------------------------------------------------

    def books(self, x0, x1, base, max_h, gaps=True):
        x = x0 + 6
        while x < x1 - 24:
            if gaps and self.rng.random() < 0.06:
                x += self.rng.randint(30, 70)
                continue
            w = self.rng.randint(16, 30)
            h = max_h * self.rng.uniform(0.62, 0.95)
            colour = self.pick(self.c["books"])
            if self.rng.random() < 0.05 and x + w + 30 < x1:  # a leaning book
                self.poly(
                    [(x, base), (x + w, base), (x + w + 28, base - h), (x + 28, base - h)], colour
                )
                x += w + 32
                continue
            self.rect([x, base - h, x + w, base], colour)
            self.rect([x + 3, base - h * 0.8, x + w - 3, base - h * 0.74], tint(colour, 0.35))
            x += w + 2

    def bookshelf(self, x, top, w, base, shelves=4, books=True):
        c = self.c
        self.rect([x, top, x + w, base], c["wood"])
        self.rect([x + 14, top + 14, x + w - 14, base - 20], shade(c["wood"], 0.35))
        gap = (base - 20 - top - 14) / shelves
        for s in range(shelves):
            floor = top + 14 + (s + 1) * gap
            if books:
                self.books(x + 14, x + w - 14, floor - 10, gap - 26)
            self.rect([x + 14, floor - 10, x + w - 14, floor], c["wood"])

    def face_out_shelf(self, x, top, w, base, rows=2):
        """A low shelf with picture books turned to show their covers."""
        c = self.c
        self.rect([x, top, x + w, base], c["wood"])
        gap = (base - top) / rows
        for r in range(rows):
            ledge = top + (r + 1) * gap - 12
            bx = x + 20
            while bx < x + w - 110:
                bw = self.rng.randint(80, 110)
                bh = gap * 0.7
                colour = self.pick(c["books"])
                self.rect([bx, ledge - bh, bx + bw, ledge], colour, radius=4)
                self.ellipse(
                    [bx + bw * 0.25, ledge - bh * 0.7, bx + bw * 0.75, ledge - bh * 0.25],
                    tint(colour, 0.5),
                )
                bx += bw + 16
            self.rect([x, ledge, x + w, ledge + 14], shade(c["wood"], 0.15))

    def table(self, x, w, top, base, colour=None, legs=None):
        colour = colour or self.c["wood"]
        legs = legs or shade(colour, 0.3)
        self.shadow(x + w / 2, base, w * 1.05)
        self.rect([x + 18, top, x + 36, base], legs)
        self.rect([x + w - 36, top, x + w - 18, base], legs)
        self.rect([x, top - 20, x + w, top + 4], colour, radius=4)
        self.rect([x, top, x + w, top + 6], shade(colour, 0.15))

    def chair(self, x, base, facing=1, colour=None, seat_h=110, scale=1.0):
        """A chair seen from the side; ``facing`` 1 looks right."""
        colour = colour or self.c["fabric"]
        leg = shade(self.c["wood"], 0.2)
        s = scale
        seat_y = base - seat_h * s
        w = 80 * s
        self.rect([x, seat_y + 10, x + 8 * s, base], leg)
        self.rect([x + w - 8 * s, seat_y + 10, x + w, base], leg)
        self.rect([x - 4, seat_y, x + w + 4, seat_y + 16 * s], colour, radius=5)
        back_x = x - 4 if facing > 0 else x + w - 8 * s
        self.rect([back_x, seat_y - 95 * s, back_x + 14 * s, seat_y + 10], colour, radius=5)

    def chair_back(self, x, base, colour=None, scale=1.0):
        """A chair seen from the front or behind: its back shows above the table."""
        colour = colour or self.c["fabric"]
        w = 90 * scale
        self.rect([x, base - 190 * scale, x + w, base - 110 * scale], colour, radius=12)
        self.rect([x + 8, base - 110 * scale, x + 18, base], shade(colour, 0.3))
        self.rect([x + w - 18, base - 110 * scale, x + w - 8, base], shade(colour, 0.3))

    def stool(self, x, base, h=150, colour=None):
        colour = colour or self.c["fabric2"]
        leg = shade(self.c["wood"], 0.25)
        self.line([(x + 10, base - h + 20), (x - 6, base)], leg, 8)
        self.line([(x + 60, base - h + 20), (x + 76, base)], leg, 8)
        self.rect([x - 4, base - h, x + 74, base - h + 20], colour, radius=9)

    def sofa(self, x, base, w, colour=None):
        colour = colour or self.c["fabric"]
        dark = shade(colour, 0.18)
        self.shadow(x + w / 2, base, w * 1.05)
        self.rect([x + 10, base - 200, x + w - 10, base - 70], dark, radius=28)
        self.rect([x, base - 110, x + w, base - 16], colour, radius=20)
        self.rect([x - 10, base - 150, x + 50, base - 16], dark, radius=20)
        self.rect([x + w - 50, base - 150, x + w + 10, base - 16], dark, radius=20)
        for k, cushion in enumerate((self.c["fabric2"], tint(self.c["accent"], 0.3))):
            cx = x + 80 + k * (w - 240)
            self.rect([cx, base - 190, cx + 80, base - 110], cushion, radius=14)
        self.rect([x + 20, base - 16, x + 34, base], shade(self.c["wood"], 0.3))
        self.rect([x + w - 34, base - 16, x + w - 20, base], shade(self.c["wood"], 0.3))

    def cushion(self, cx, y, w, colour):
        self.ellipse([cx - w / 2, y - w * 0.2, cx + w / 2, y + w * 0.2], shade(colour, 0.15))
        self.ellipse([cx - w / 2, y - w * 0.28, cx + w / 2, y + w * 0.12], colour)

    def low_table(self, x, w, base, h=80, colour=None):
        colour = colour or self.c["wood"]
        self.table(x, w, base - h, base, colour)

    def board(self, x, y, w, h, cork=False):
        """A whiteboard with marks, or a noticeboard with pinned papers."""
        c = self.c
        self.rect(
            [x - 12, y - 12, x + w + 12, y + h + 12],
            (140, 140, 146) if not cork else c["wood_dark"],
            radius=6,
        )
        self.rect([x, y, x + w, y + h], (250, 251, 252) if not cork else (206, 164, 112))
        if cork:
            for k in range(7):
                px = x + 30 + (k % 4) * (w - 60) / 4 + self.rng.randint(-10, 10)
                py = y + 30 + (k // 4) * h / 2 + self.rng.randint(-10, 10)
                colour = self.pick(
                    [(250, 246, 220), (255, 214, 120), tint(c["accent"], 0.6), (200, 230, 250)]
                )
                self.rect([px, py, px + w / 5.5, py + h / 2.8], colour)
                self.ellipse([px + w / 11 - 7, py + 4, px + w / 11 + 7, py + 18], c["fabric2"])
            return
        ink = [c["accent"], (40, 90, 160), (200, 70, 60)]
        for k in range(4):
            ly = y + 40 + k * (h - 80) / 4
            lw = w * self.rng.uniform(0.3, 0.6)
            points = [(x + 40 + t * lw / 8, ly + self.rng.uniform(-6, 6)) for t in range(9)]
            self.line(points, ink[k % 3], 6)
        bx = x + w * 0.68
        self.d.ellipse(
            [round(bx), round(y + 40), round(bx + w * 0.22), round(y + 40 + w * 0.22)],
            outline=ink[0],
            width=6,
        )
        for k in range(3):
            self.rect(
                [x + w * 0.62 + k * 62, y + h - 90, x + w * 0.62 + k * 62 + 50, y + h - 40],
                (255, 226, 120),
            )
        self.rect([x + 20, y + h + 12, x + w - 20, y + h + 24], (160, 160, 168))

    def lockers(self, x, base, columns, w=110, h=300):
        c = self.c
        colour = tint(c["accent"], 0.35)
        for k in range(columns):
            lx = x + k * w
            for r in range(2):
                ty = base - h + r * h / 2
                self.rect([lx + 3, ty + 3, lx + w - 3, ty + h / 2 - 3], colour)
                self.rect(
                    [lx + w - 30, ty + h / 4 - 16, lx + w - 20, ty + h / 4 + 16],
                    shade(colour, 0.35),
                )
                for v in range(3):
                    self.rect(
                        [lx + 20, ty + 18 + v * 12, lx + 60, ty + 22 + v * 12], shade(colour, 0.15)
                    )

    def counter(self, x0, x1, top, base, colour=None):
        c = self.c
        colour = colour or tint(c["accent"], 0.55)
        self.rect([x0, top, x1, base], colour)
        doors = max(1, round((x1 - x0) / 150))
        dw = (x1 - x0) / doors
        for k in range(doors):
            dx = x0 + k * dw
            self.rect([dx + 6, top + 30, dx + dw - 6, base - 14], tint(colour, 0.12))
            self.rect([dx + dw / 2 - 30, top + 50, dx + dw / 2 + 30, top + 58], shade(colour, 0.4))
        self.rect([x0 - 12, top - 18, x1 + 12, top + 6], (236, 234, 228))
        self.rect([x0, base - 14, x1, base], shade(colour, 0.3))

    def upper_cabinets(self, x0, x1, top, h=170):
        colour = tint(self.c["accent"], 0.6)
        doors = max(1, round((x1 - x0) / 140))
        dw = (x1 - x0) / doors
        for k in range(doors):
            dx = x0 + k * dw
            self.rect([dx + 4, top, dx + dw - 4, top + h], colour)
            self.rect(
                [dx + dw / 2 - 4, top + h - 50, dx + dw / 2 + 4, top + h - 14], shade(colour, 0.4)
            )

    def stove(self, x, top):
        metal = (70, 72, 78)
        self.rect([x, top - 24, x + 300, top - 12], metal)
        self.pot(x + 30, top - 24, 110, 90, self.c["fabric"])
        self.pan(x + 170, top - 24)
        self.rect([x + 20, top + 30, x + 280, top + 220], (210, 212, 214))
        self.rect([x + 40, top + 60, x + 260, top + 150], (60, 62, 68))

    def pot(self, x, base, w, h, colour):
        self.rect([x, base - h, x + w, base], colour, radius=10)
        self.rect([x - 12, base - h + 14, x + w + 12, base - h + 26], shade(colour, 0.2), radius=5)
        self.rect(
            [x + w / 2 - 16, base - h - 14, x + w / 2 + 16, base - h], shade(colour, 0.25), radius=6
        )

    def pan(self, x, base):
        self.rect([x, base - 30, x + 110, base], (52, 54, 60), radius=8)
        self.rect([x + 110, base - 26, x + 200, base - 16], (90, 70, 50), radius=5)

    def hood(self, x, w, base):
        metal = (196, 198, 204)
        self.poly(
            [(x, base), (x + w, base), (x + w * 0.7, base - 150), (x + w * 0.3, base - 150)], metal
        )
        self.rect([x + w * 0.34, 0, x + w * 0.66, base - 150], shade(metal, 0.06))
        self.rect([x - 10, base - 6, x + w + 10, base + 14], shade(metal, 0.15))

    def utensils(self, x0, x1, y):
        metal = (120, 124, 132)
        self.rect([x0, y - 6, x1, y + 6], metal, radius=6)
        step = (x1 - x0) / 6
        wood = self.c["wood"]
        for k in range(6):
            ux = x0 + step * (k + 0.5)
            self.line([(ux, y), (ux, y + 24)], metal, 4)
            kind = k % 4
            if kind == 0:  # ladle
                self.line([(ux, y + 20), (ux, y + 150)], metal, 10)
                self.ellipse([ux - 30, y + 140, ux + 30, y + 190], metal)
            elif kind == 1:  # spatula
                self.line([(ux, y + 20), (ux, y + 120)], wood, 12)
                self.rect([ux - 26, y + 118, ux + 26, y + 190], shade(wood, 0.1), radius=8)
            elif kind == 2:  # whisk
                self.line([(ux, y + 20), (ux, y + 90)], wood, 12)
                self.d.ellipse(
                    [round(ux - 24), round(y + 88), round(ux + 24), round(y + 190)],
                    outline=metal,
                    width=6,
                )
            else:  # a small pan hanging
                self.line([(ux, y + 20), (ux, y + 80)], (60, 60, 60), 10)
                self.ellipse([ux - 60, y + 76, ux + 60, y + 196], (64, 66, 72))

    def jars(self, x0, x1, base):
        x = x0 + 10
        while x < x1 - 70:
            kind = self.rng.random()
            if kind < 0.45:  # a jar
                w, h = self.rng.randint(50, 70), self.rng.randint(70, 110)
                self.rect([x, base - h, x + w, base], (232, 238, 236), radius=10)
                self.rect(
                    [x + 4, base - h * 0.7, x + w - 4, base - 6],
                    self.pick([self.c["fabric2"], (200, 150, 80), (120, 160, 90), (190, 90, 60)]),
                    radius=8,
                )
                self.rect([x - 2, base - h - 14, x + w + 2, base - h + 4], self.c["wood"], radius=4)
            elif kind < 0.75:  # a stack of bowls
                w = self.rng.randint(90, 120)
                for k in range(3):
                    self.ellipse(
                        [x, base - 34 - k * 26, x + w, base - k * 26],
                        tint(self.c["accent"], 0.3 + 0.2 * k),
                    )
            else:  # plates standing
                w = 26
                for k in range(4):
                    self.rect(
                        [x + k * 16, base - 110, x + k * 16 + w, base], (246, 244, 238), radius=12
                    )
            x += w + 24

    def floating_shelf(self, x0, x1, y):
        self.rect([x0, y, x1, y + 16], self.c["wood"])

    def workbench(self, x0, x1, top, base):
        c = self.c
        wood, dark = c["wood"], c["wood_dark"]
        self.shadow((x0 + x1) / 2, base, (x1 - x0) * 1.04)
        self.rect([x0 + 20, top, x0 + 60, base], dark)
        self.rect([x1 - 60, top, x1 - 20, base], dark)
        self.rect([x0 + 20, base - 90, x1 - 20, base - 70], dark)
        for k in range(3):  # boxes on the low shelf
            bx = x0 + 90 + k * 160
            if bx + 130 < x1 - 60:
                self.rect([bx, base - 190, bx + 130, base - 90], self.pick(c["books"]))
        self.rect([x0, top - 44, x1, top], wood)
        for k in range(1, 5):
            self.line(
                [(x0 + (x1 - x0) * k / 5, top - 44), (x0 + (x1 - x0) * k / 5, top)],
                shade(wood, 0.12),
                3,
            )

    def pegboard(self, x, y, w, h):
        c = self.c
        board = tint(c["wood"], 0.45)
        self.rect([x, y, x + w, y + h], board)
        dot = shade(board, 0.2)
        for gx in range(int(x + 24), int(x + w - 10), 40):
            for gy in range(int(y + 24), int(y + h - 10), 40):
                self.ellipse([gx - 3, gy - 3, gx + 3, gy + 3], dot)
        metal, handle = (96, 100, 110), c["accent"]
        tools = [self.hammer, self.saw, self.wrench, self.screwdriver, self.ruler, self.scissors]
        self.rng.shuffle(tools)
        step = w / len(tools)
        for k, tool in enumerate(tools):
            tool(x + step * (k + 0.5), y + h * 0.15, h * 0.7, metal, handle)

    def hammer(self, x, y, h, metal, handle):
        self.rect([x - 8, y + 30, x + 8, y + h], handle, radius=6)
        self.rect([x - 46, y, x + 40, y + 36], metal, radius=6)

    def saw(self, x, y, h, metal, handle):
        self.poly(
            [(x - 30, y + 60), (x + 30, y + 60), (x + 14, y + h), (x - 14, y + h)], (176, 180, 188)
        )
        self.rect([x - 40, y, x + 40, y + 66], handle, radius=16)
        self.rect([x - 20, y + 18, x + 20, y + 44], tint(self.c["wood"], 0.45), radius=10)

    def wrench(self, x, y, h, metal, handle):
        self.rect([x - 10, y + 30, x + 10, y + h - 20], metal, radius=8)
        self.ellipse([x - 30, y, x + 30, y + 56], metal)
        self.rect([x - 10, y - 2, x + 10, y + 24], tint(self.c["wood"], 0.45))
        self.ellipse([x - 24, y + h - 48, x + 24, y + h], metal)

    def screwdriver(self, x, y, h, metal, handle):
        self.rect([x - 18, y, x + 18, y + h * 0.4], handle, radius=12)
        self.rect([x - 5, y + h * 0.4, x + 5, y + h], metal)

    def ruler(self, x, y, h, metal, handle):
        self.rect([x - 16, y, x + 16, y + h], (232, 200, 90))
        for k in range(int(h // 24)):
            self.line(
                [(x - 16, y + 10 + k * 24), (x - 4 - (k % 2) * 6, y + 10 + k * 24)], (90, 70, 40), 3
            )

    def scissors(self, x, y, h, metal, handle):
        self.line([(x - 20, y + h * 0.35), (x + 14, y + h)], metal, 10)
        self.line([(x + 20, y + h * 0.35), (x - 14, y + h)], metal, 10)
        for dx in (-26, 26):
            self.d.ellipse(
                [round(x + dx - 22), round(y), round(x + dx + 22), round(y + h * 0.35)],
                outline=handle,
                width=10,
            )

    def bins(self, x0, x1, top, base, rows=4):
        c = self.c
        self.rect([x0, top, x1, base], (150, 156, 166))
        gap = (base - top) / rows
        columns = max(2, round((x1 - x0) / 120))
        bw = (x1 - x0 - 20) / columns
        for r in range(rows):
            y = top + r * gap
            for k in range(columns):
                colour = self.pick(
                    [c["accent"], c["fabric"], c["fabric2"], (240, 200, 80), (90, 140, 200)]
                )
                bx = x0 + 10 + k * bw
                self.rect([bx + 4, y + gap * 0.3, bx + bw - 4, y + gap - 8], colour, radius=6)
                self.rect(
                    [bx + bw * 0.3, y + gap * 0.45, bx + bw * 0.7, y + gap * 0.55],
                    tint(colour, 0.5),
                )
            self.rect([x0, y + gap - 8, x1, y + gap], (120, 126, 136))

    def laptop(self, x, top, colour=(70, 74, 84)):
        self.poly([(x, top), (x + 150, top), (x + 170, top - 110), (x + 20, top - 110)], colour)
        self.poly(
            [(x + 14, top - 10), (x + 140, top - 10), (x + 158, top - 100), (x + 30, top - 100)],
            (150, 190, 220),
        )
        self.rect([x - 20, top - 8, x + 180, top + 4], shade(colour, 0.2), radius=3)

    def desk_lamp(self, x, top, colour=None):
        colour = colour or self.c["accent"]
        self.rect([x - 30, top - 12, x + 30, top], shade(colour, 0.2), radius=4)
        self.line([(x, top - 10), (x + 30, top - 110), (x + 80, top - 140)], shade(colour, 0.2), 8)
        self.poly(
            [(x + 60, top - 160), (x + 120, top - 140), (x + 110, top - 100), (x + 60, top - 120)],
            colour,
        )

    def cup(self, x, base, colour=(250, 250, 246)):
        self.rect([x, base - 40, x + 36, base], colour, radius=6)
        self.d.ellipse(
            [round(x + 28), round(base - 34), round(x + 52), round(base - 10)],
            outline=colour,
            width=6,
        )

    # --- instruments, stage, gallery ---------------------------------------------

    def piano(self, x, base):
        body = (40, 38, 44)
        self.shadow(x + 200, base, 430)
        self.rect([x, base - 380, x + 400, base - 20], body, radius=8)
        self.rect([x - 10, base - 200, x + 410, base - 180], shade(body, 0.2))
        self.rect([x + 10, base - 180, x + 390, base - 150], (250, 250, 246))
        for k in range(26):
            if k % 7 not in (2, 6):
                self.rect([x + 20 + k * 14.5, base - 180, x + 28 + k * 14.5, base - 162], body)
        self.rect([x + 30, base - 20, x + 50, base], body)
        self.rect([x + 350, base - 20, x + 370, base], body)
        self.rect([x + 120, base - 330, x + 280, base - 230], (236, 230, 214))  # music on the stand

    def music_stand(self, x, base):
        metal = (60, 62, 70)
        self.line([(x, base), (x, base - 300)], metal, 8)
        self.line([(x - 50, base), (x, base - 60), (x + 50, base)], metal, 6)
        self.poly(
            [
                (x - 80, base - 400),
                (x + 80, base - 400),
                (x + 90, base - 290),
                (x - 90, base - 290),
            ],
            metal,
        )
        self.rect([x - 60, base - 390, x + 50, base - 300], (244, 240, 228))

    def guitar(self, x, base, colour=None):
        colour = colour or self.c["fabric2"]
        self.rect([x - 10, base - 400, x + 10, base - 160], self.c["wood_dark"])
        self.rect(
            [x - 18, base - 440, x + 18, base - 390], shade(self.c["wood_dark"], 0.2), radius=6
        )
        self.ellipse([x - 70, base - 150, x + 70, base], colour)
        self.ellipse([x - 56, base - 230, x + 56, base - 110], colour)
        self.ellipse([x - 22, base - 120, x + 22, base - 76], shade(colour, 0.5))

    def drums(self, x, base):
        c = self.c
        shell = c["accent"]
        self.shadow(x + 180, base, 420)
        self.ellipse([x + 90, base - 200, x + 290, base], shell)
        self.ellipse([x + 120, base - 170, x + 260, base - 30], (240, 238, 232))
        for dx, dy, w in ((0, 260, 130), (300, 250, 140), (150, 300, 110)):
            self.rect([x + dx, base - dy, x + dx + w, base - dy + 80], shell, radius=10)
            self.rect([x + dx, base - dy, x + dx + w, base - dy + 14], (240, 238, 232), radius=6)
            self.line([(x + dx + w / 2, base - dy + 80), (x + dx + w / 2, base)], (90, 92, 98), 6)
        for dx in (-40, 420):
            self.line([(x + dx, base), (x + dx, base - 400)], (90, 92, 98), 6)
            self.ellipse([x + dx - 70, base - 410, x + dx + 70, base - 390], (222, 182, 80))

    def amp(self, x, base):
        self.rect([x, base - 220, x + 200, base], (46, 46, 50), radius=10)
        self.rect([x + 16, base - 180, x + 184, base - 20], (84, 80, 76), radius=6)
        self.rect([x + 16, base - 210, x + 184, base - 190], (200, 190, 160))

    def mirror(self, x0, x1, top, base):
        self.rect([x0 - 10, top - 10, x1 + 10, base + 10], (200, 204, 210))
        self.gradient((x0, top, x1, base), (214, 228, 236), (190, 206, 218))
        for k in range(5):
            sx = x0 + (x1 - x0) * (0.1 + k * 0.2)
            self.poly(
                [(sx, top), (sx + 60, top), (sx - 90, base), (sx - 150, base)], (226, 238, 244)
            )
        for k in range(1, 4):
            self.rect(
                [x0 + (x1 - x0) * k / 4 - 3, top, x0 + (x1 - x0) * k / 4 + 3, base], (200, 204, 210)
            )

    def barre(self, x0, x1, y):
        self.rect([x0, y - 10, x1, y + 10], self.c["wood"], radius=10)
        for bx in (x0 + 80, (x0 + x1) / 2, x1 - 80):
            self.rect([bx - 6, y, bx + 6, y + 40], (150, 150, 156))

    def easel(self, x, base, h=520):
        wood = self.c["wood"]
        self.line([(x, base - h), (x - 110, base)], wood, 14)
        self.line([(x, base - h), (x + 110, base)], wood, 14)
        self.line([(x, base - h), (x, base)], shade(wood, 0.2), 10)
        self.rect([x - 130, base - 200, x + 130, base - 186], shade(wood, 0.2))
        cw, ch = 240, 200
        self.rect([x - cw / 2, base - 200 - ch, x + cw / 2, base - 200], (248, 246, 240))
        self.ellipse([x - 60, base - 360, x + 20, base - 280], self.c["fabric2"])
        self.poly(
            [(x - cw / 2, base - 200), (x, base - 330), (x + cw / 2, base - 200)], self.c["fabric"]
        )

    def spotlight(self, x, y, target_x, target_y, behind=None):
        behind = behind or self.c["wall"]
        beam = _mix(behind, (255, 244, 200), 0.25)
        self.poly(
            [
                (x - 10, y + 20),
                (x + 10, y + 20),
                (target_x + 120, target_y),
                (target_x - 120, target_y),
            ],
            beam,
        )
        self.rect([x - 20, y - 10, x + 20, y + 30], (60, 62, 68), radius=6)

    def curtains(self, x0, x1, top, base, colour=None):
        colour = colour or shade(self.c["accent"], 0.15)
        folds = 6
        for side in (0, 1):
            start = x0 if side == 0 else x1 - (x1 - x0) * 0.18
            fw = (x1 - x0) * 0.18 / folds
            for k in range(folds):
                fx = start + k * fw
                self.rect([fx, top, fx + fw, base], colour if k % 2 else shade(colour, 0.15))
        self.rect([x0, top, x1, top + 70], shade(colour, 0.1))
        for k in range(12):
            sx = x0 + (x1 - x0) * k / 12
            self.ellipse([sx, top + 40, sx + (x1 - x0) / 12, top + 100], shade(colour, 0.1))

    # --- toys --------------------------------------------------------------------

    def blocks(self, x, base):
        colours = [(232, 92, 80), (250, 196, 70), (80, 150, 220), (110, 190, 120)]
        for k in range(3):
            self.rect([x + k * 64, base - 60, x + k * 64 + 60, base], colours[k % 4], radius=6)
        for k in range(2):
            self.rect(
                [x + 32 + k * 64, base - 122, x + 32 + k * 64 + 60, base - 62],
                colours[(k + 2) % 4],
                radius=6,
            )
        self.poly([(x + 64, base - 124), (x + 124, base - 124), (x + 94, base - 180)], colours[0])

    def ball(self, x, base, r=46):
        self.ellipse([x - r, base - 2 * r, x + r, base], (232, 92, 80))
        self.poly(
            [
                (x - r * 0.9, base - r * 1.3),
                (x + r * 0.9, base - r * 1.3),
                (x + r, base - r),
                (x - r, base - r),
            ],
            (250, 240, 230),
        )

    def rings(self, x, base):
        self.rect([x + 40, base - 230, x + 56, base - 20], self.c["wood"])
        for k, colour in enumerate(
            ((232, 92, 80), (250, 160, 60), (250, 210, 80), (110, 190, 120), (80, 150, 220))
        ):
            w = 120 - k * 16
            self.rect(
                [x + 48 - w / 2, base - 40 - k * 38, x + 48 + w / 2, base - 4 - k * 38],
                colour,
                radius=18,
            )

    def play_mat(self, cx, y, w, h):
        colours = [(250, 210, 90), (130, 200, 180), (240, 150, 130), (150, 180, 230)]
        tiles = 6
        for k in range(tiles):
            top_l = cx - w / 2 + k * w / tiles
            self.poly(
                [
                    (top_l + k * 0 + w * 0.08 * (1 - k / tiles), y - h / 2),
                    (top_l + w / tiles + w * 0.08 * (1 - (k + 1) / tiles), y - h / 2),
                    (top_l + w / tiles - w * 0.04 * (1 - (k + 1) / tiles), y + h / 2),
                    (top_l - w * 0.04 * (1 - k / tiles), y + h / 2),
                ],
                colours[k % 4],
            )

    # --- outside -----------------------------------------------------------------

    def street(self, shop, upper_floors=True, awning=True, outdoor_table=False):
        """A building seen from the pavement; ``shop`` draws what is behind the big
        window (a box is given)."""
        c = self.c
        ground = int(H * 0.82)
        self.gradient((0, 0, W, ground), *c["sky"])
        for __ in range(3):  # clouds
            cx, cy = self.rng.randint(100, W - 100), self.rng.randint(40, 160)
            self.ellipse([cx - 90, cy - 26, cx + 90, cy + 26], tint(c["sky"][1], 0.5))
        # neighbours
        self.rect([0, 260, 170, ground], _mix(c["wall2"], (150, 150, 156), 0.4))
        self.rect([W - 170, 200, W, ground], _mix(c["wall"], (160, 160, 168), 0.35))
        left, right = 200, W - 200
        top = 90 if upper_floors else 330
        body = tint(c["wall2"], 0.1)
        self.rect([left, top, right, ground], body)
        self.rect([left - 14, top - 20, right + 14, top + 8], shade(body, 0.2))
        if upper_floors:
            for row in range(2):
                for col in range(4):
                    wx = left + 60 + col * (right - left - 120) / 4
                    wy = top + 50 + row * 130
                    self.rect([wx, wy, wx + 200, wy + 90], tint(c["sky"][0], 0.2))
                    self.rect([wx + 97, wy, wx + 103, wy + 90], body)
                    self.rect([wx - 6, wy + 90, wx + 206, wy + 100], shade(body, 0.12))
        sign_y = 380
        self.rect([left + 30, sign_y, right - 30, sign_y + 60], c["accent"])
        self.ellipse([left + 60, sign_y + 10, left + 100, sign_y + 50], tint(c["accent"], 0.6))
        self.rect(
            [left + 120, sign_y + 24, left + 420, sign_y + 36], tint(c["accent"], 0.45), radius=6
        )
        glass = (left + 60, sign_y + 120, right - 360, ground - 20)
        self.rect([glass[0] - 14, glass[1] - 14, glass[2] + 14, glass[3] + 14], c["wood_dark"])
        self.rect(glass, (236, 222, 196))
        shop(glass)
        self.poly(
            [
                (glass[0], glass[1]),
                (glass[0] + 160, glass[1]),
                (glass[0] + 20, glass[3]),
                (glass[0], glass[3]),
            ],
            (252, 250, 244),
        )
        door = (right - 280, sign_y + 110, right - 120, ground)
        self.rect([door[0] - 12, door[1] - 12, door[2] + 12, door[3]], c["wood_dark"])
        self.rect(door, tint(c["sky"][0], 0.3))
        self.rect([door[0] + 20, door[1] + 20, door[2] - 20, door[3] - 20], tint(c["sky"][0], 0.5))
        self.rect(
            [
                door[2] - 40,
                (door[1] + door[3]) / 2 - 30,
                door[2] - 30,
                (door[1] + door[3]) / 2 + 30,
            ],
            (220, 190, 90),
        )
        if awning:
            stripes = 12
            sw = (right - left - 40) / stripes
            for s in range(stripes):
                x = left + 20 + s * sw
                self.poly(
                    [
                        (x, sign_y + 64),
                        (x + sw, sign_y + 64),
                        (x + sw + 6, sign_y + 130),
                        (x + 6, sign_y + 130),
                    ],
                    c["accent"] if s % 2 == 0 else (250, 248, 240),
                )
        self.rect([0, ground, W, H], (196, 194, 188))
        for k in range(9):
            self.line([(k * 200, ground), (k * 200 - 60, H)], (176, 174, 168), 3)
        self.rect([0, ground, W, ground + 12], (214, 212, 206))
        self.plant(right + 70, ground + 10, 1.3)
        self.plant(left - 50, ground + 10, 1.1, pot=c["wood_dark"])
        if outdoor_table:
            self.table(
                left + 120, 200, ground + 20 - 130, ground + 60, (248, 248, 244), (90, 92, 98)
            )
            self.chair(left + 20, ground + 60, 1, c["fabric2"])
            self.chair(left + 330, ground + 60, -1, c["fabric2"])
        # a street tree
        self.rect([W - 110, ground - 200, W - 90, ground + 40], c["wood_dark"])
        self.ellipse([W - 220, ground - 480, W + 20, ground - 160], (96, 150, 100))


# --- the scenes of each type -----------------------------------------------------------
# Each: (Korean, English, drawing). Korean and English say what the drawing shows.


def library_reading(s):
    s.room()
    s.window(640, 120, 320, 300)
    s.light_patch(640, 320)
    s.bookshelf(60, 80, 480, FLOOR + 6, 5)
    s.bookshelf(1060, 80, 480, FLOOR + 6, 5)
    for x in (260, 900):
        s.chair(x - 120, 1000, 1, s.c["fabric"], 90)
        s.table(x, 420, 900, 1010, tint(s.c["wood"], 0.2))
        s.chair(x + 440, 1000, -1, s.c["fabric2"], 90)
        s.books(x + 60, x + 160, 880, 40, gaps=False)


def library_picture_books(s):
    s.room(wainscot=False)
    s.frame_art(640, 90, 320, 220)
    s.face_out_shelf(80, 360, 560, FLOOR + 6)
    s.face_out_shelf(960, 360, 560, FLOOR + 6)
    s.rug(800, 900, 1100, 200)
    for k, x in enumerate((420, 620, 980, 1180)):
        s.cushion(
            x, 880 + (k % 2) * 30, 150, s.pick([s.c["fabric2"], s.c["accent"], (250, 210, 90)])
        )
    s.plant(800, FLOOR + 20, 0.9)


def library_desk(s):
    s.room()
    s.bookshelf(980, 60, 560, FLOOR + 6, 5)
    s.board(120, 120, 360, 220, cork=True)
    s.counter(160, 820, 560, 920, tint(s.c["wood"], 0.3))
    s.laptop(260, 540)
    s.books(540, 760, 540, 60, gaps=False)
    s.pendant(330, 120)
    s.pendant(650, 140)
    # the book-return cart
    cart = s.c["accent"]
    s.rect([1080, 760, 1380, 960], cart, radius=8)
    s.books(1096, 1364, 850, 80, gaps=False)
    s.rect([1080, 850, 1380, 866], shade(cart, 0.2))
    for wx in (1110, 1350):
        s.ellipse([wx - 22, 956, wx + 22, 1000], (50, 50, 54))


def library_window_desks(s):
    s.room(wainscot=False)
    for k in range(3):
        s.window(120 + k * 480, 110, 400, 330, panes=3)
        s.light_patch(120 + k * 480, 400)
    s.table(80, 1440, 800, FLOOR + 190, tint(s.c["wood"], 0.15))
    for k in range(5):
        x = 180 + k * 290
        s.desk_lamp(x, 780)
        s.chair_back(x + 80, FLOOR + 300, s.pick([s.c["fabric"], s.c["fabric2"]]))
        if k % 2:
            s.books(x + 120, x + 200, 780, 50, gaps=False)


def club_meeting(s):
    s.room()
    s.board(520, 110, 560, 320)
    s.window(100, 130, 300, 280)
    s.frame_art(1260, 140, 220, 260)
    s.plant(1450, FLOOR + 10)
    s.table(300, 1000, 830, 1000, s.c["wood"])
    for k in range(4):
        s.chair_back(360 + k * 240, 850, s.pick([s.c["fabric"], s.c["fabric2"], s.c["accent"]]))
    s.cup(500, 810)
    s.laptop(880, 810)
    s.rect([640, 790, 780, 810], (250, 250, 246))


def club_noticeboard(s):
    s.room()
    s.board(140, 100, 620, 380, cork=True)
    s.lockers(900, FLOOR + 6, 5, 120, 460)
    s.plant(800, FLOOR + 30, 1.1)
    s.chair(300, 980, 1)
    s.table(400, 360, 880, 990)
    s.cup(480, 860, s.c["fabric2"])


def club_lounge(s):
    s.room(wainscot=False)
    s.window(1000, 110, 460, 340, panes=3)
    s.light_patch(1000, 460)
    s.frame_art(140, 120, 260, 200)
    s.frame_art(440, 180, 180, 140)
    s.rug(620, 930, 900, 180)
    s.sofa(180, 860, 620)
    s.guitar(900, 870)
    s.low_table(480, 280, 970, 70)
    s.cup(560, 900)
    s.plant(1480, FLOOR + 40, 1.2)


def club_games(s, painted=False):
    s.room(wainscot=not painted)
    if painted:  # the youth space's wall in its own colour, with a poster
        s.rect([0, 0, W, FLOOR - 10], tint(s.c["accent"], 0.6))
        s.frame_art(600, 120, 300, 220)
    s.bookshelf(1100, 160, 380, FLOOR + 6, 4, books=False)
    for r in range(4):  # game boxes on the shelves
        y = 160 + 14 + (r + 1) * ((FLOOR + 6 - 20 - 174) / 4) - 10
        x = 1116
        while x < 1420:
            w = s.rng.randint(60, 110)
            h = s.rng.randint(40, 90)
            s.rect([x, y - h, x + w, y], s.pick(s.c["books"]), radius=3)
            x += w + 8
    s.pendant(560, 180)
    s.window(160, 130, 300, 260)
    s.table(260, 620, 840, 1010, s.c["wood"])
    s.rect([380, 802, 760, 820], tint(s.c["fabric"], 0.4), radius=4)  # the board
    for k in range(6):
        s.ellipse([420 + k * 50, 788, 444 + k * 50, 806], s.pick(s.c["books"]))
    s.chair(140, 1010, 1, s.c["fabric2"], 100)
    s.chair(900, 1010, -1, s.c["fabric"], 100)


def bookstore_front(s):
    def window(box):
        x0, y0, x1, y1 = box
        for k in range(3):
            y = y0 + (k + 1) * (y1 - y0) / 3
            s.books(x0 + 10, x1 - 10, y - 14, (y1 - y0) / 3 - 40)
            s.rect([x0, y - 14, x1, y], s.c["wood"])

    s.street(window)


def bookstore_inside(s):
    s.room()
    s.bookshelf(40, 60, 500, FLOOR + 6, 5)
    s.bookshelf(560, 60, 480, FLOOR + 6, 5)
    s.bookshelf(1060, 60, 500, FLOOR + 6, 5)
    s.pendant(420, 40)
    s.pendant(1180, 40)
    for x in (220, 900):  # display tables with books lying face up
        s.table(x, 480, 860, 1020, s.c["wood_dark"])
        bx = x + 20
        while bx < x + 420:
            w = s.rng.randint(70, 100)
            colour = s.pick(s.c["books"])
            s.rect([bx, 826, bx + w, 842], colour, radius=3)
            s.rect([bx + 4, 812, bx + w - 4, 828], tint(colour, 0.25), radius=3)
            bx += w + 12


def bookstore_nook(s):
    s.room(wainscot=False)
    s.window(560, 100, 520, 400, panes=3)
    s.light_patch(560, 520)
    s.bookshelf(80, 200, 360, FLOOR + 6, 3)
    s.bookshelf(1200, 200, 340, FLOOR + 6, 3)
    s.rug(820, 930, 760, 170, s.c["fabric2"])
    # an armchair
    a = s.c["fabric"]
    s.shadow(820, 960, 420)
    s.rect([640, 660, 1000, 880], shade(a, 0.15), radius=40)
    s.rect([610, 780, 1030, 940], a, radius=30)
    s.rect([600, 730, 690, 940], shade(a, 0.1), radius=30)
    s.rect([950, 730, 1040, 940], shade(a, 0.1), radius=30)
    s.rect([740, 710, 860, 790], tint(s.c["fabric2"], 0.2), radius=16)
    # a floor lamp
    s.line([(1140, 980), (1140, 520)], (70, 70, 70), 8)
    s.ellipse([1090, 972, 1190, 992], (70, 70, 70))
    s.poly([(1090, 520), (1190, 520), (1170, 440), (1110, 440)], tint(s.c["fabric2"], 0.3))
    s.low_table(380, 160, 980, 120)
    s.books(400, 520, 860, 50, gaps=False)


def bookstore_counter(s):
    s.room()
    s.bookshelf(100, 60, 1400, 600, 3)
    s.counter(360, 1240, 760, 960, s.c["wood_dark"])
    s.laptop(1000, 740)
    s.books(420, 620, 740, 70, gaps=False)
    s.plant(760, 760, 0.7)
    s.pendant(560, 40)
    s.pendant(1040, 40)
    s.cup(900, 740)


def workshop_bench(s):
    s.room(floor=(170, 166, 160))
    s.pegboard(220, 80, 1160, 480)
    s.workbench(160, 1440, 830, 1010)
    s.rect([360, 740, 760, 786], tint(s.c["wood"], 0.3))  # a plank being worked
    s.rect([900, 760, 1000, 786], (90, 94, 104))  # a vice
    s.rect([930, 726, 970, 760], (90, 94, 104))
    s.pendant(500, 20, (60, 62, 68))
    s.pendant(1100, 20, (60, 62, 68))


def workshop_materials(s):
    s.room(floor=(170, 166, 160))
    s.bins(120, 620, 120, FLOOR + 6, 4)
    # planks leaning on the wall
    for k in range(6):
        x = 720 + k * 50
        s.poly(
            [(x, FLOOR + 6), (x + 40, FLOOR + 6), (x + 120, 120), (x + 80, 120)],
            tint(s.c["wood"], 0.1 * (k % 3)),
        )
    s.bookshelf(1100, 160, 400, FLOOR + 6, 3, books=False)
    for r in range(3):
        y = 160 + 14 + (r + 1) * ((FLOOR + 6 - 20 - 174) / 3) - 10
        s.jars(1116, 1484, y)
    s.workbench(300, 1300, 900, 1030)


def workshop_pottery(s):
    s.room(floor=(180, 170, 160))
    s.window(100, 110, 380, 300)
    s.bookshelf(620, 110, 900, FLOOR + 6, 3, books=False)
    for r in range(3):  # pots drying on the shelves
        y = 110 + 14 + (r + 1) * ((FLOOR + 6 - 20 - 124) / 3) - 10
        x = 650
        while x < 1460:
            w, h = s.rng.randint(60, 110), s.rng.randint(60, 120)
            clay = s.pick(
                [(214, 170, 130), (196, 140, 108), (236, 220, 200), tint(s.c["accent"], 0.3)]
            )
            s.rect([x, y - h, x + w, y], clay, radius=int(w / 3))
            s.rect([x + w * 0.2, y - h - 10, x + w * 0.8, y - h + 6], shade(clay, 0.1), radius=4)
            x += w + 30
    # the wheel
    s.shadow(520, 1000, 420)
    s.rect([340, 860, 700, 1000], (120, 126, 136), radius=20)
    s.ellipse([380, 820, 660, 880], (150, 156, 166))
    s.rect([470, 730, 570, 846], (196, 140, 108), radius=40)
    s.stool(180, 1010, 160)


def workshop_front(s):
    def window(box):
        x0, y0, x1, y1 = box
        s.rect([x0, y1 - 160, x1, y1 - 130], s.c["wood"])
        s.pegboard(x0 + 40, y0 + 30, x1 - x0 - 80, y1 - y0 - 220)
        for k in range(4):
            cx = x0 + 80 + k * (x1 - x0 - 160) / 3
            s.rect([cx - 30, y1 - 240, cx + 30, y1 - 160], (196, 140, 108), radius=20)

    s.street(window, upper_floors=False, awning=False)


def kitchen_counters(s):
    s.room(wainscot=False, floor=(196, 192, 184))
    s.rect([0, 300, W, FLOOR - 120], (244, 244, 240))  # tiles
    for y in range(300, FLOOR - 120, 40):
        s.line([(0, y), (W, y)], (226, 226, 222), 2)
    for x in range(0, W, 80):
        s.line([(x, 300), (x, FLOOR - 120)], (226, 226, 222), 2)
    s.upper_cabinets(60, 560, 60)
    s.upper_cabinets(1040, 1540, 60)
    s.hood(620, 360, 360)
    s.utensils(80, 540, 300)
    s.counter(40, 1560, FLOOR - 80, FLOOR + 170)
    s.stove(650, FLOOR - 80)
    s.jars(1080, 1520, FLOOR - 98)
    s.rect([220, FLOOR - 106, 480, FLOOR - 90], (190, 194, 200), radius=6)  # the sink
    s.plant(1160, FLOOR - 96, 0.5)


def kitchen_island(s):
    s.room(wainscot=False, floor=(196, 192, 184))
    s.upper_cabinets(60, 1540, 60, 200)
    s.counter(40, 1560, 470, FLOOR + 6, tint(s.c["wood"], 0.35))
    s.utensils(200, 800, 290)
    for x in (420, 800, 1180):
        s.pendant(x, 300, s.c["accent"])
    s.counter(260, 1340, 780, 1010)
    # vegetables and bowls on the island
    s.ellipse([340, 720, 480, 770], tint(s.c["accent"], 0.3))
    for x, colour in ((400, (232, 92, 60)), (440, (240, 150, 60)), (370, (110, 170, 90))):
        s.ellipse([x - 26, 700, x + 26, 752], colour)
    s.rect([620, 740, 940, 770], s.c["wood"], radius=8)  # a cutting board
    for k in range(5):
        s.ellipse([660 + k * 50, 726, 700 + k * 50, 752], (120, 180, 90))
    s.pot(1060, 770, 150, 110, s.c["fabric"])


def kitchen_dining(s):
    s.room()
    s.window(180, 110, 360, 300)
    s.window(1060, 110, 360, 300)
    s.frame_art(680, 130, 240, 260)
    for x in (420, 800, 1180):
        s.pendant(x, 420)
    s.table(160, 1280, 840, 1010)
    for k in range(5):
        s.chair_back(220 + k * 250, 860, s.pick([s.c["fabric"], s.c["fabric2"]]))
    for k in range(6):
        x = 240 + k * 200
        s.ellipse([x, 804, x + 110, 826], (250, 250, 246))
        s.ellipse(
            [x + 24, 796, x + 86, 816], s.pick([(232, 120, 80), (120, 170, 90), (240, 200, 90)])
        )
    s.plant(1500, FLOOR + 40, 1.1)


def kitchen_shelves(s):
    s.room(wainscot=False, floor=(196, 192, 184))
    for y in (200, 380, 560):
        s.jars(100, 1000, y)
        s.floating_shelf(80, 1020, y)
    s.counter(60, 1060, FLOOR - 40, FLOOR + 160)
    s.utensils(140, 900, FLOOR + 0 - 230)  # under the lowest shelf
    # a fridge
    s.shadow(1300, FLOOR + 160, 400)
    s.rect([1120, 120, 1480, FLOOR + 160], (234, 236, 238), radius=24)
    s.rect([1120, 420, 1480, 430], (206, 208, 212))
    s.rect([1150, 300, 1166, 400], (180, 182, 188), radius=6)
    s.rect([1150, 460, 1166, 560], (180, 182, 188), radius=6)
    s.rect([1300, 160, 1400, 240], tint(s.c["accent"], 0.5))  # a drawing stuck on it


def study_seminar(s):
    s.room()
    s.rect([520, 60, 1080, 400], (250, 251, 252))  # screen
    s.rect([500, 40, 1100, 64], (120, 124, 132), radius=8)
    s.gradient((560, 100, 1040, 360), tint(s.c["accent"], 0.75), tint(s.c["accent"], 0.5))
    for k in range(3):
        s.rect([600, 140 + k * 70, 600 + 300 - k * 60, 170 + k * 70], (250, 251, 252), radius=6)
    s.window(1200, 130, 300, 280)
    s.table(140, 1320, 840, 1010, (236, 234, 228), (110, 112, 120))
    for k in range(6):
        s.chair_back(200 + k * 210, 860, s.c["fabric"] if k % 2 else s.c["accent"])
    for k in range(3):
        s.laptop(260 + k * 400, 818)


def study_carrels(s):
    s.room(wainscot=False)
    s.clock(800, 150, 60)
    for k in range(4):
        x = 80 + k * 370
        s.rect([x, 420, x + 20, FLOOR + 200], tint(s.c["wall2"], 0.2))
        s.rect([x, 420, x + 350, 440], tint(s.c["wall2"], 0.1))
        s.rect([x + 20, 440, x + 350, 700], shade(s.c["wall2"], 0.05))
        s.table(x + 20, 330, 760, FLOOR + 200, tint(s.c["wood"], 0.25))
        s.desk_lamp(x + 80, 740)
        s.books(x + 210, x + 320, 740, 60, gaps=False)
        s.chair_back(x + 130, FLOOR + 320, s.c["fabric"])
    s.rect([80 + 4 * 370, 420, 80 + 4 * 370 + 20, FLOOR + 200], tint(s.c["wall2"], 0.2))


def study_group(s):
    s.room()
    s.board(200, 100, 760, 360)
    s.window(1120, 120, 340, 300)
    for x in (180, 880):
        s.table(x, 480, 860, 1010, (240, 238, 230), (110, 112, 120))
        s.chair(x - 110, 1010, 1, s.c["fabric"], 100)
        s.chair(x + 510, 1010, -1, s.c["fabric2"], 100)
        s.books(x + 60, x + 180, 820, 40, gaps=False)
        s.cup(x + 330, 820)


def study_entrance(s):
    s.room()
    s.lockers(120, FLOOR + 6, 6, 110, 420)
    s.board(960, 140, 420, 260, cork=True)
    s.plant(860, FLOOR + 40, 1.2)
    s.rect([920, FLOOR - 80, 1460, FLOOR + 20], tint(s.c["wood"], 0.2), radius=10)  # a bench
    s.rect([950, FLOOR + 20, 980, FLOOR + 90], shade(s.c["wood"], 0.3))
    s.rect([1400, FLOOR + 20, 1430, FLOOR + 90], shade(s.c["wood"], 0.3))
    s.rug(800, 960, 900, 120, s.c["fabric2"])


def maker_printers(s):
    s.room(floor=(176, 178, 182))
    s.bins(120, 1480, 80, 380, 2)
    s.workbench(100, 1500, 760, 980)
    for k in range(3):
        x = 220 + k * 420
        frame = (60, 62, 70)
        s.rect([x, 420, x + 300, 716], frame, radius=10)
        s.rect([x + 20, 440, x + 280, 700], (222, 228, 234))
        s.rect([x + 40, 520, x + 260, 540], (120, 124, 132))
        s.rect([x + 120 + k * 20, 540, x + 160 + k * 20, 580], s.c["accent"])
        s.rect(
            [x + 80, 620, x + 220, 680],
            s.pick([s.c["fabric"], s.c["fabric2"], s.c["accent"]]),
            radius=10,
        )
        s.rect([x + 40, 680, x + 260, 690], (90, 92, 100))


def maker_electronics(s):
    s.room(floor=(176, 178, 182))
    s.pegboard(140, 90, 600, 420)
    s.bins(820, 1480, 90, 520, 3)
    s.workbench(100, 1500, 820, 1000)
    s.laptop(220, 776)
    s.rect([520, 740, 760, 776], (40, 110, 70), radius=4)  # a circuit board
    for k in range(6):
        s.rect([540 + k * 36, 748, 560 + k * 36, 764], (220, 200, 90))
    s.rect([900, 720, 1040, 776], (200, 60, 50), radius=8)  # soldering station
    s.line([(1040, 730), (1120, 640), (1190, 700)], (60, 60, 60), 6)
    s.desk_lamp(1300, 776)


def maker_laser(s):
    s.room(floor=(176, 178, 182))
    s.window(1060, 120, 420, 300, panes=3)
    # the laser cutter
    s.shadow(450, 1000, 600)
    s.rect([160, 560, 740, 1000], (236, 236, 232), radius=12)
    s.rect([160, 520, 740, 600], (60, 62, 70), radius=12)
    s.rect([200, 540, 700, 580], tint(s.c["accent"], 0.3))
    s.rect([620, 640, 700, 700], (60, 62, 70), radius=6)
    s.workbench(820, 1500, 830, 1010)
    for k in range(3):
        x = 880 + k * 190
        s.rect([x, 760, x + 160, 786], tint(s.c["wood"], 0.3))
        s.ellipse([x + 40, 744, x + 120, 770], tint(s.c["wood"], 0.1))
    s.pendant(1160, 20, (60, 62, 70))


def maker_storage(s):
    s.room(floor=(176, 178, 182))
    s.bins(80, 760, 80, FLOOR + 6, 5)
    s.bins(840, 1520, 80, FLOOR + 6, 5)
    s.rect([300, FLOOR + 120, 1300, FLOOR + 140], (120, 126, 136), radius=8)  # a trolley
    for k in range(4):
        s.rect(
            [340 + k * 240, FLOOR + 40, 520 + k * 240, FLOOR + 120], s.pick(s.c["books"]), radius=8
        )
    for wx in (340, 1260):
        s.ellipse([wx - 24, FLOOR + 136, wx + 24, FLOOR + 184], (50, 50, 54))


def youth_lounge(s):
    s.room(wainscot=False)
    s.rect([0, 0, 520, FLOOR], tint(s.c["accent"], 0.45))  # a painted wall
    s.frame_art(120, 140, 280, 200)
    s.window(760, 110, 560, 360, panes=3)
    s.light_patch(760, 560)
    s.sofa(620, 880, 700, s.c["fabric"])
    for x, colour in ((240, s.c["fabric2"]), (440, s.c["accent"]), (1440, (250, 200, 80))):
        s.shadow(x, 980, 220)
        s.ellipse([x - 110, 800, x + 110, 990], colour)
        s.ellipse([x - 80, 760, x + 60, 880], tint(colour, 0.15))
    s.rug(940, 990, 800, 110, s.c["fabric2"])


def youth_games(s):
    club_games(s, painted=True)


def youth_music(s):
    s.room(wainscot=False)
    for k in range(8):  # sound panels
        x = 80 + k * 180
        s.rect([x, 100, x + 150, 400], shade(s.c["wall2"], 0.05 * (k % 3)), radius=10)
    s.rug(800, 940, 1200, 180, s.c["fabric"])
    s.drums(560, 960)
    s.amp(120, FLOOR + 150)
    s.guitar(1180, FLOOR + 170, s.c["accent"])
    s.guitar(1380, FLOOR + 160)


def youth_study(s):
    s.room()
    s.board(140, 120, 360, 220, cork=True)
    s.window(1060, 110, 380, 280)
    for x in (420, 800, 1180):
        s.pendant(x, 420)
    s.table(160, 1280, 840, 1010, tint(s.c["wood"], 0.2))
    for k in range(4):
        s.chair_back(260 + k * 300, 860, s.pick([s.c["fabric"], s.c["fabric2"], s.c["accent"]]))
    s.laptop(300, 818)
    s.laptop(900, 818, s.c["accent"])
    s.books(620, 780, 818, 50, gaps=False)


def senior_floor(s):
    s.room(floor=(210, 176, 128))  # a heated floor's yellow paper
    s.window(560, 110, 480, 340, panes=3)
    s.light_patch(560, 480)
    s.frame_art(140, 150, 280, 200)
    s.clock(1320, 200, 70)
    s.low_table(480, 640, 960, 70)
    for x in (420, 1180):
        s.cushion(x, 960, 200, s.c["fabric"])
    for x in (620, 980):
        s.cushion(x, 1040, 220, s.c["fabric2"])
    # a tea set
    s.rect([720, 860, 800, 892], (236, 232, 222), radius=14)
    s.line([(800, 870), (830, 850)], (236, 232, 222), 8)
    for x in (580, 900, 1180):
        s.rect([x, 872, x + 36, 892], (236, 232, 222), radius=6)


def senior_program(s):
    s.room()
    s.board(480, 100, 640, 320)
    s.window(120, 120, 260, 280)
    s.plant(1440, FLOOR + 20)
    for x in (180, 880):
        s.table(x, 520, 860, 1010)
        s.chair(x - 110, 1010, 1, s.c["fabric"], 100)
        s.chair(x + 550, 1010, -1, s.c["fabric2"], 100)
        for k in range(3):  # paper and paint cups for a drawing class
            s.rect([x + 60 + k * 140, 822, x + 160 + k * 140, 836], (250, 250, 246))
            s.cup(x + 80 + k * 140, 822, s.pick([(232, 120, 80), (110, 160, 220), (120, 180, 100)]))


def senior_lounge(s):
    s.room()
    s.window(1000, 110, 440, 330)
    s.light_patch(1000, 440)
    s.clock(640, 200, 70)
    s.sofa(120, 900, 620, s.c["fabric"])
    s.sofa(900, 960, 520, s.c["fabric2"])
    s.plant(800, FLOOR + 40, 1.2)
    s.plant(1520, FLOOR + 40, 0.9)


def senior_entrance(s):
    s.room()
    # the shoe cabinet
    s.rect([100, 300, 620, FLOOR + 6], s.c["wood"])
    for r in range(3):
        for k in range(3):
            s.rect(
                [116 + k * 168, 316 + r * 146, 268 + k * 168, 446 + r * 146],
                tint(s.c["wood"], 0.15),
            )
    s.plant(360, 300, 0.8)
    # a handrail along the wall
    s.rect([700, 560, W, 578], s.c["wood_dark"], radius=9)
    for x in (780, 1140, 1500):
        s.rect([x - 6, 578, x + 6, 610], (150, 150, 156))
    s.frame_art(820, 160, 300, 220)
    s.rect([100, FLOOR + 60, 700, FLOOR + 240], shade(s.c["floor"], 0.1))  # the step down
    for k in range(3):
        x = 160 + k * 170
        s.ellipse(
            [x, FLOOR + 170, x + 110, FLOOR + 210],
            s.pick([(60, 60, 66), s.c["fabric"], (140, 100, 80)]),
        )


def kids_play(s):
    s.room(wainscot=False, floor=(214, 192, 160))
    s.window(640, 100, 400, 300)
    s.frame_art(160, 140, 240, 180)
    s.face_out_shelf(1140, 420, 360, FLOOR + 6, 2)
    s.play_mat(760, 920, 1100, 220)
    s.blocks(420, 930)
    s.ball(940, 960)
    s.rings(1080, 980)
    s.rect([200, 880, 340, 960], s.c["accent"], radius=14)  # a toy box
    s.rect([190, 860, 350, 890], shade(s.c["accent"], 0.15), radius=10)


def kids_tables(s):
    s.room(floor=(214, 192, 160))
    s.window(160, 110, 340, 280)
    s.board(620, 120, 420, 240, cork=True)
    s.plant(1420, FLOOR + 20)
    for x in (260, 900):
        s.table(x, 420, 880, 1000, tint(s.c["accent"], 0.55))
        for dx, facing in ((-80, 1), (430, -1)):
            s.chair(
                x + dx,
                1000,
                facing,
                s.pick([(250, 200, 80), (120, 190, 170), (240, 140, 120)]),
                70,
                0.8,
            )
        s.rect([x + 80, 848, x + 200, 862], (250, 250, 246))
        s.ellipse([x + 260, 836, x + 310, 862], (240, 150, 60))


def kids_books(s):
    library_picture_books(s)
    s.ball(1480, 1040, 36)


def kids_entrance(s):
    s.room(floor=(214, 192, 160))
    # cubbies with coat hooks
    for k in range(6):
        x = 100 + k * 150
        s.rect([x, 220, x + 140, FLOOR + 6], tint(s.c["accent"], 0.5))
        s.rect([x + 10, 240, x + 130, 420], tint(s.c["accent"], 0.7))
        s.ellipse([x + 55, 250, x + 85, 280], s.c["wood_dark"])
        s.rect(
            [x + 30, 280, x + 110, 400],
            s.pick([(240, 140, 120), (120, 170, 220), (250, 200, 90)]),
            radius=20,
        )
        s.rect([x + 10, 440, x + 130, FLOOR - 10], tint(s.c["accent"], 0.7))
        s.ellipse(
            [x + 30, FLOOR - 60, x + 110, FLOOR - 20], s.pick([(240, 100, 90), (90, 140, 210)])
        )
    s.window(1120, 120, 360, 300)
    s.plant(1300, FLOOR + 40)
    s.rug(800, 980, 700, 100, s.c["fabric2"])


def cafe_counter(s):
    s.room()
    s.rect([200, 80, 1400, 320], (60, 64, 68), radius=10)  # a drawn menu board: shapes, no words
    for k in range(4):
        s.rect(
            [240, 120 + k * 50, 240 + s.rng.randint(240, 420), 140 + k * 50],
            (230, 230, 224),
            radius=6,
        )
        s.rect(
            [860, 120 + k * 50, 860 + s.rng.randint(200, 380), 140 + k * 50],
            (230, 230, 224),
            radius=6,
        )
    for x in (420, 800, 1180):
        s.pendant(x, 360, s.c["accent"])
    s.counter(160, 1440, 680, FLOOR + 200, s.c["wood_dark"])
    # espresso machine
    s.rect([300, 520, 560, 664], (196, 198, 204), radius=12)
    s.rect([330, 600, 370, 640], (60, 62, 68))
    s.rect([450, 600, 490, 640], (60, 62, 68))
    s.cup(340, 664)
    for k in range(5):
        s.cup(
            700 + k * 60, 664, s.pick([(250, 250, 246), s.c["fabric2"], tint(s.c["accent"], 0.4)])
        )
    s.rect([1080, 610, 1300, 664], (246, 240, 226), radius=10)  # a cake stand
    s.ellipse([1110, 580, 1270, 630], (232, 200, 160))
    s.plant(1380, 664, 0.6)


def cafe_tables(s):
    s.room()
    s.window(120, 110, 360, 320)
    s.window(1120, 110, 360, 320)
    s.frame_art(660, 150, 280, 200)
    for x in (180, 700, 1200):
        s.table(x, 240, 860, 1010, (250, 248, 244), (80, 82, 90))
        s.chair(x - 100, 1010, 1, s.c["fabric"])
        s.chair(x + 260, 1010, -1, s.c["fabric2"])
        s.cup(x + 80, 840)
        s.cup(x + 140, 840, s.c["fabric2"])
    s.plant(1020, FLOOR + 30, 0.9)
    s.plant(560, FLOOR + 30, 0.9)


def cafe_window_bar(s):
    s.room(wainscot=False)
    for k in range(3):
        s.window(100 + k * 480, 140, 440, 420, panes=2)
        s.light_patch(100 + k * 480, 440)
    s.rect([60, 620, 1540, 650], s.c["wood"], radius=6)
    for k in range(6):
        x = 170 + k * 240
        s.stool(x, 1010, 260, s.pick([s.c["fabric"], s.c["fabric2"]]))
        if k % 2 == 0:
            s.cup(x + 40, 620)
    s.plant(1500, 620, 0.6)


def cafe_front(s):
    def window(box):
        x0, y0, x1, y1 = box
        for k in range(3):
            s.pendant(x0 + (k + 0.5) * (x1 - x0) / 3, y0 + 60, top=y0)
        for k in range(2):
            tx = x0 + 40 + k * (x1 - x0) / 2
            s.table(tx, 200, y1 - 100, y1 - 10, (250, 248, 244), (80, 82, 90))

    s.street(window, outdoor_table=True)


def hall_stage(s):
    s.room(wainscot=False, floor=(188, 150, 104))
    s.rect([100, 80, 1500, 560], shade(s.c["wall"], 0.25))
    s.curtains(100, 1500, 60, 560)
    s.rect([80, 560, 1520, 640], s.c["wood_dark"])  # the stage front
    s.rect([80, 540, 1520, 566], s.c["wood"])
    backdrop = shade(s.c["wall"], 0.25)
    s.spotlight(560, 0, 700, 540, backdrop)
    s.spotlight(1040, 0, 900, 540, backdrop)
    for row in range(3):  # chairs seen from behind
        y = 780 + row * 100
        n = 9 - row
        for k in range(n):
            x = 800 - (n * 150) / 2 + k * 150 + (row % 2) * 20
            s.chair_back(x, y + 130, s.c["accent"] if row % 2 else s.c["fabric"], 0.9 + row * 0.1)


def hall_open(s):
    s.room(floor=(196, 154, 106))
    for k in range(3):
        s.window(160 + k * 480, 100, 360, 360, panes=2)
        s.light_patch(160 + k * 480, 360)
    for k in range(2):  # stacked chairs
        x = 160 + k * 180
        for level in range(5):
            s.chair_back(x, FLOOR + 180 - level * 28, s.c["fabric"], 0.9)
    for k in range(4):  # folded tables leaning
        x = 1100 + k * 40
        s.poly(
            [(x, FLOOR + 160), (x + 24, FLOOR + 160), (x + 84, FLOOR - 200), (x + 60, FLOOR - 200)],
            tint(s.c["wood"], 0.2),
        )
    s.rect([500, 980, 1100, 990], tint(s.c["floor"], 0.2))  # a court line


def hall_lobby(s):
    s.room()
    s.board(140, 110, 520, 320, cork=True)
    s.frame_art(800, 130, 260, 200)
    s.frame_art(1120, 130, 260, 200)
    for x in (200, 900):
        s.rect([x, FLOOR + 40, x + 480, FLOOR + 90], s.c["wood"], radius=10)  # a bench
        s.rect([x + 30, FLOOR + 90, x + 60, FLOOR + 170], shade(s.c["wood"], 0.3))
        s.rect([x + 420, FLOOR + 90, x + 450, FLOOR + 170], shade(s.c["wood"], 0.3))
    s.plant(780, FLOOR + 80, 1.3)
    s.plant(1480, FLOOR + 80, 1.3)
    s.rug(800, 1000, 1200, 90, s.c["fabric2"])


def hall_front(s):
    def window(box):
        x0, y0, x1, y1 = box
        s.rect([x0, y0, x1, y1], tint(s.c["sky"][0], 0.45))
        for k in range(1, 4):
            x = x0 + (x1 - x0) * k / 4
            s.rect([x - 5, y0, x + 5, y1], (220, 222, 226))
        s.board(x0 + 60, y0 + 60, 260, 160, cork=True)

    s.street(window, awning=False)


def gallery_show(s):
    s.room(wainscot=False, floor=(200, 196, 190))
    s.rect([0, 0, W, 40], (230, 230, 228))
    for x, w, h in ((120, 360, 300), (600, 400, 380), (1120, 340, 260)):
        y = 340 - h / 2 + 60
        s.spotlight(x + w / 2, 40, x + w / 2, y + h)
        s.frame_art(x, y, w, h)
    s.rect([560, 860, 1040, 910], s.c["wood_dark"], radius=8)  # a bench
    s.rect([590, 910, 620, 990], shade(s.c["wood_dark"], 0.3))
    s.rect([980, 910, 1010, 990], shade(s.c["wood_dark"], 0.3))
    s.rect([1300, 640, 1460, 900], (244, 244, 240))  # a plinth with a sculpture
    s.ellipse([1330, 520, 1430, 640], s.c["accent"])


def practice_mirror(s):
    s.room(wainscot=False, floor=(196, 160, 120))
    s.mirror(80, 1520, 80, FLOOR - 20)
    s.barre(80, 1520, 460)
    s.light_patch(300, 300)
    s.rect([1200, 820, 1480, 860], s.c["fabric"], radius=20)  # a rolled mat
    s.ellipse([1180, 800, 1240, 880], shade(s.c["fabric"], 0.2))
    s.amp(160, 980)


def practice_piano(s):
    s.room()
    s.frame_art(1000, 130, 300, 220)
    s.window(80, 120, 280, 300)
    s.piano(420, FLOOR + 120)
    s.stool(500, FLOOR + 220, 120, s.c["wood_dark"])
    s.music_stand(1100, 1000)
    s.chair(1200, 1010, -1, s.c["fabric"], 110)
    s.guitar(1460, FLOOR + 140, s.c["fabric2"])


def gallery_easels(s):
    s.room(wainscot=False, floor=(200, 190, 178))
    s.window(520, 90, 560, 380, panes=3)
    s.light_patch(520, 560)
    for x in (300, 800, 1300):
        s.easel(x, 1010 - (x == 800) * 40)
    s.stool(120, 1030, 140)
    s.rect([1420, 560, 1560, FLOOR + 20], s.c["wood"])  # a paint trolley
    for k in range(3):
        s.cup(1440 + k * 40, 560, s.pick([(232, 120, 80), (110, 160, 220), (250, 200, 80)]))


GENERAL = [
    ("테이블과 의자가 놓인 모임 공간", "Meeting space with tables and chairs", club_meeting),
    ("게시판과 사물함", "Noticeboard and lockers", club_noticeboard),
    ("소파가 있는 휴게 공간", "Lounge corner with a sofa", senior_lounge),
    ("입구", "Entrance", study_entrance),
]

SCENES = {
    None: GENERAL,
    "small-library": [
        (
            "책장과 낮은 열람 테이블이 있는 열람실",
            "Reading room with bookshelves and low reading tables",
            library_reading,
        ),
        (
            "낮은 서가와 방석이 놓인 어린이 그림책 코너",
            "Children's picture-book corner with low shelves and floor cushions",
            library_picture_books,
        ),
        (
            "안내 데스크와 반납 카트가 있는 입구",
            "Entrance with a front desk and a book-return cart",
            library_desk,
        ),
        (
            "창가를 따라 놓인 열람석과 스탠드",
            "Reading desks along the windows with desk lamps",
            library_window_desks,
        ),
    ],
    "club-room": [
        (
            "회의 테이블과 화이트보드가 있는 동아리방",
            "Club room with a meeting table and a whiteboard",
            club_meeting,
        ),
        ("게시판과 사물함", "Noticeboard and lockers", club_noticeboard),
        ("소파와 기타가 있는 휴게 공간", "Lounge corner with a sofa and a guitar", club_lounge),
        ("보드게임 선반과 게임 테이블", "Shelves of board games and a games table", club_games),
    ],
    "village-bookstore": [
        (
            "책이 진열된 쇼윈도가 있는 책방 가게 앞",
            "Bookshop front with books in the window",
            bookstore_front,
        ),
        (
            "평대와 서가에 책이 놓인 책방 내부",
            "Shop floor with display tables and bookshelves",
            bookstore_inside,
        ),
        (
            "안락의자와 스탠드가 있는 창가 독서 자리",
            "Window reading nook with an armchair and a lamp",
            bookstore_nook,
        ),
        ("계산대와 그 뒤의 서가", "Counter with bookshelves behind it", bookstore_counter),
    ],
    "workshop": [
        ("공구가 걸린 타공판과 작업대", "Workbench under a pegboard of tools", workshop_bench),
        (
            "재료 상자와 목재가 놓인 선반",
            "Shelves of materials and boxes, with timber against the wall",
            workshop_materials,
        ),
        (
            "물레와 말리는 도자기가 놓인 선반",
            "Potter's wheel and shelves of drying pots",
            workshop_pottery,
        ),
        (
            "큰 창으로 작업실이 보이는 공방 입구",
            "Workshop front with a large window onto the studio",
            workshop_front,
        ),
    ],
    "shared-kitchen": [
        (
            "조리대와 가스레인지, 걸려 있는 조리도구",
            "Kitchen counters with a stove and hanging utensils",
            kitchen_counters,
        ),
        (
            "채소와 도마가 놓인 아일랜드 조리대",
            "Kitchen island with vegetables and a chopping board",
            kitchen_island,
        ),
        ("함께 식사하는 긴 식탁", "Long dining table set for a shared meal", kitchen_dining),
        (
            "양념통과 그릇이 놓인 선반과 냉장고",
            "Open shelves of jars and dishes beside a fridge",
            kitchen_shelves,
        ),
    ],
    "study-room": [
        (
            "스크린과 긴 테이블이 있는 세미나실",
            "Seminar room with a screen and a long table",
            study_seminar,
        ),
        (
            "칸막이와 스탠드가 있는 개인 학습 좌석",
            "Study carrels with partitions and desk lamps",
            study_carrels,
        ),
        ("화이트보드 앞 소그룹 테이블", "Small group tables in front of a whiteboard", study_group),
        ("사물함과 벤치가 있는 입구", "Entrance with lockers and a bench", study_entrance),
    ],
    "maker-space": [
        ("3D 프린터가 놓인 작업대", "Workbench with 3D printers", maker_printers),
        (
            "부품함과 납땜 장비가 있는 전자 작업대",
            "Electronics bench with parts bins and a soldering station",
            maker_electronics,
        ),
        ("레이저 커터와 작업대", "Laser cutter beside a workbench", maker_laser),
        ("부품 상자가 빼곡한 선반", "Shelves full of parts boxes", maker_storage),
    ],
    "youth-space": [
        ("빈백과 소파가 있는 라운지", "Lounge with beanbags and a sofa", youth_lounge),
        ("보드게임 선반과 게임 테이블", "Shelves of board games and a games table", youth_games),
        ("드럼과 기타가 놓인 음악 공간", "Music corner with drums and guitars", youth_music),
        ("노트북이 놓인 공부 테이블", "Study table with laptops under pendant lamps", youth_study),
    ],
    "senior-space": [
        (
            "방석과 좌식 탁자가 있는 사랑방",
            "Room with floor cushions, a low table and a tea set",
            senior_floor,
        ),
        (
            "그림 그리기 수업이 준비된 프로그램실",
            "Programme room set for a drawing class",
            senior_program,
        ),
        ("소파와 화분이 있는 휴게실", "Lounge with sofas and plants", senior_lounge),
        (
            "신발장과 손잡이가 있는 입구",
            "Entrance with a shoe cabinet and a handrail",
            senior_entrance,
        ),
    ],
    "childcare-room": [
        ("놀이매트와 장난감이 있는 놀이 공간", "Play area with a play mat and toys", kids_play),
        ("낮은 테이블과 작은 의자", "Low tables with small chairs", kids_tables),
        (
            "낮은 서가와 방석이 놓인 그림책 코너",
            "Picture-book corner with low shelves and floor cushions",
            kids_books,
        ),
        (
            "아이들 사물함과 옷걸이가 있는 입구",
            "Entrance with children's cubbies and coat hooks",
            kids_entrance,
        ),
    ],
    "community-cafe": [
        ("커피 머신이 있는 카페 카운터", "Café counter with a coffee machine", cafe_counter),
        (
            "작은 테이블과 화분이 있는 카페 내부",
            "Café room with small tables and plants",
            cafe_tables,
        ),
        ("창가 바 좌석", "Window bar with stools", cafe_window_bar),
        (
            "차양과 바깥 테이블이 있는 카페 앞",
            "Café front with an awning and a table outside",
            cafe_front,
        ),
    ],
    "multipurpose-hall": [
        ("무대와 줄지어 놓인 의자가 있는 홀", "Hall with a stage and rows of chairs", hall_stage),
        (
            "의자를 쌓아 둔 넓은 마룻바닥 홀",
            "Open hall with a wooden floor and stacked chairs",
            hall_open,
        ),
        ("벤치와 게시판이 있는 로비", "Lobby with benches and a noticeboard", hall_lobby),
        ("큰 유리창이 있는 건물 입구", "Building entrance with large glass windows", hall_front),
    ],
    "gallery-practice-room": [
        ("조명 아래 작품이 걸린 전시 공간", "Gallery with artworks under spotlights", gallery_show),
        (
            "거울과 발레 바가 있는 연습실",
            "Practice room with a mirror wall and a barre",
            practice_mirror,
        ),
        (
            "피아노와 보면대가 있는 연습실",
            "Practice room with an upright piano and a music stand",
            practice_piano,
        ),
        ("이젤과 캔버스가 놓인 작업실", "Studio with easels and canvases", gallery_easels),
    ],
}
