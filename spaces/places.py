"""A gazetteer of Seoul: the 25 districts (자치구), the 법정동 and the 행정동, found by
their Korean or English names, as people type them.

    >>> places.lookup("망원동")[0].label()
    '마포구 망원동'
    >>> places.best("서울 마포구 망원동 123-4").name
    '망원동'
    >>> [p.name for p in places.suggest("망원", limit=3)]
    ['망원동', '망원1동', '망원2동']

Names are compared after normalising (NFC, case-folded, without spaces, hyphens or the
romanisation hints "(il)"), so "Mangwon-dong", "mangwon dong" and "MANGWONDONG" are one
name; a name may be given without its 구/동/가 ending ("마포", "망원", "Mapo"), and a
numbered 행정동 belongs to its family ("망원동" also finds 망원1동 and 망원2동).

The data (``spaces/data/seoul-places.tsv``, sources in its SOURCES.md) is read once per
process; district centres are the taxonomy's own (``spaces.seed.DISTRICTS``), so a
district found here is where the District model puts it."""

import csv
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from core.korean import has_hangul

from . import romanise, seed

DATA = Path(__file__).resolve().parent / "data" / "seoul-places.tsv"

DISTRICT, LEGAL, ADMIN = "district", "legal", "admin"
# Among equally good matches: a district before a 법정동 before a 행정동.
KIND_ORDER = {DISTRICT: 0, LEGAL: 1, ADMIN: 2}

# How well a name matched (lower is better).
EXACT, STEM, FAMILY = 0, 1, 2


@dataclass(frozen=True)
class Place:
    name: str  # 망원동 (a district: 마포구)
    district: str  # 마포구
    lat: float
    lon: float
    kind: str  # DISTRICT, LEGAL (법정동) or ADMIN (행정동)
    name_en: str = ""  # Mangwon-dong (a 행정동's is derived: the source has none)
    district_en: str = ""  # Mapo-gu
    code: str = ""  # 법정동/행정동 code; a district's slug

    def label(self, language="ko"):
        """The name as shown: 마포구 망원동, Mangwon-dong, Mapo-gu (a district: 마포구)."""
        english = (language or "").startswith("en")
        if self.kind == DISTRICT:
            return self.name_en if english else self.name
        if english:  # never the Korean name: a place always has an English one
            return f"{self.name_en or romanise.place_name(self.name)}, {self.district_en}"
        return f"{self.district} {self.name}"

    def as_dict(self, language="ko"):
        return {
            "label": self.label(language),
            "name": self.name,
            "name_en": self.name_en,
            "district": self.district,
            "district_en": self.district_en,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
        }


# --- names --------------------------------------------------------------------------

_HINT = re.compile(r"\([a-z]+\)")  # "Seongsu-dong 1(il)-ga": the numeral's reading
_NOT_NAME = re.compile(r"[^\w·]+")  # spaces, hyphens, dots, commas, apostrophes …
_KO_ENDINGS = (
    re.compile(r"동$"),  # 망원1동 → 망원1
    re.compile(r"[0-9·]+$"),  # 망원1 → 망원, 면목3·8 → 면목
    re.compile(r"[0-9·]+가$"),  # 성수동1가 → 성수동, 종로1·2·3·4가 → 종로
    re.compile(r"동$"),  # 성수동 → 성수
)
_EN_ENDINGS = (
    re.compile(r"dong$"),
    re.compile(r"[0-9]+$"),
    re.compile(r"[0-9]+ga$"),
    re.compile(r"dong$"),
)


def normalise(text):
    """The form names are compared in: NFC, case-folded, only letters and digits."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return _NOT_NAME.sub("", _HINT.sub("", text)).replace("_", "")


def jamo(key):
    """Hangul syllables spelled out as their letters (망원도 → ㅁㅏㅇㅇㅝㄴㄷㅗ), so that a
    name typed with one letter wrong (망원도 for 망원동, 마포고 for 마포구) is still close
    to the right one; other characters stay as they are."""
    letters = []
    for char in key:
        offset = ord(char) - 0xAC00
        if 0 <= offset < 11172:
            letters += [chr(0x1100 + offset // 588), chr(0x1161 + offset % 588 // 28)]
            if offset % 28:
                letters.append(chr(0x11A7 + offset % 28))
        else:
            letters.append(char)
    return "".join(letters)


def stem(key, district=False):
    """A normalised name without its ending: 마포구 → 마포, 망원1동 → 망원,
    성수동2가 → 성수, mangwondong → mangwon, mapogu → mapo."""
    if district:
        return key.removesuffix("구") if has_hangul(key) else key.removesuffix("gu")
    for ending in _KO_ENDINGS if has_hangul(key) else _EN_ENDINGS:
        key = ending.sub("", key)
    return key


# --- the data ------------------------------------------------------------------------


class Gazetteer:
    def __init__(self, places):
        self.places = list(places)
        self.by_name = {}  # normalised full name → places
        self.by_stem = {}  # stem → places
        for place in self.places:
            for name in (place.name, place.name_en):
                key = normalise(name)
                if not key:
                    continue
                self.by_name.setdefault(key, []).append(place)
                short = stem(key, district=place.kind == DISTRICT)
                if short:
                    self.by_stem.setdefault(short, []).append(place)

    @cached_property
    def spellings(self):
        """(letters, place) for every name and stem, for names typed wrong."""
        spelled = {}
        for key, places in (*self.by_name.items(), *self.by_stem.items()):
            if len(key) >= 2:
                for place in places:
                    spelled.setdefault((jamo(key), place), None)
        return list(spelled)

    def matches(self, key):
        """{place: level} for one normalised name."""
        found = {}

        def add(places, level):
            for place in places:
                found[place] = min(level, found.get(place, level))

        if not key:
            return found
        add(self.by_name.get(key, ()), EXACT)
        add(self.by_stem.get(key, ()), STEM)  # the ending left off: 망원, 마포, Mapo
        for district in (False, True):  # the family: 망원동 → 망원1동, 망원2동
            short = stem(key, district=district)
            if short and short != key:
                add(self.by_stem.get(short, ()), FAMILY)
        return found


def rows():
    with DATA.open(encoding="utf-8", newline="") as data:
        yield from csv.DictReader(data, delimiter="\t")


@cache
def gazetteer():
    """Loaded once per process (about 900 places)."""
    places = [
        Place(
            name=name,
            district=name,
            lat=lat,
            lon=lon,
            kind=DISTRICT,
            name_en=name_en,
            district_en=name_en,
            code=slug,
        )
        for slug, name, name_en, lat, lon in seed.DISTRICTS
    ]
    seen = set()
    for row in sorted(rows(), key=lambda row: row["kind"] != LEGAL):  # 법정동 first
        name = row["name_ko"].strip()
        if not name or name == "_" or (row["district_ko"], name) in seen:
            # "_": district-level rows of the source; a 행정동 named as its 법정동 is
            # the same place to a person (the 법정동 has the English name).
            continue
        seen.add((row["district_ko"], name))
        places.append(
            Place(
                name=name,
                district=row["district_ko"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                kind=row["kind"],
                name_en=row["name_en"],
                district_en=row["district_en"],
                code=row["code"],
            )
        )
    # 행정동 rows carry no English names: the district's from the districts, the
    # name's from its 법정동 family in the district (망원1동 → "Mangwon 1(il)-dong", as
    # the data writes 상도1동), else romanised (청룡동 → "Cheongnyong-dong").
    english = {place.name: place.name_en for place in places if place.kind == DISTRICT}
    family = {
        (place.district, stem(normalise(place.name))): _english_stem(place.name_en)
        for place in places
        if place.kind == LEGAL and place.name_en
    }
    places = [
        place
        if place.name_en and place.district_en
        else Place(
            **{
                **place.__dict__,
                "district_en": place.district_en or english.get(place.district, ""),
                "name_en": place.name_en
                or romanise.place_name(
                    place.name, family.get((place.district, stem(normalise(place.name))), "")
                ),
            }
        )
        for place in places
    ]
    return Gazetteer(places)


def _english_stem(name_en):
    """A 법정동's English name without its number and ending: "Sangdo 1(il)-dong" →
    "Sangdo", "Seongsu-dong 1(il)-ga" → "Seongsu", "Mangwon-dong" → "Mangwon"."""
    return re.sub(r"-(dong|ga)$", "", re.sub(r"\s+[0-9].*$", "", name_en))


# --- looking up -----------------------------------------------------------------------

_TOKENS = re.compile(r"[\s,/()]+")
_NUMBER = re.compile(r"[0-9]+")


def _order(place):
    return (KIND_ORDER[place.kind], len(place.name), place.name, place.district)


def _ranked(text):
    """[(rank, place)], best first (equal ranks: equally good). The whole text as a name; failing that, the words of
    an address ("서울 마포구 망원동 123-4"): its neighbourhoods (in its district if it
    names one) before the district itself."""
    index = gazetteer()
    key = normalise(text)
    found = index.matches(key)
    if found:
        # A number typed is part of the name wanted: "망원1" is 망원1동 before 망원동.
        numbers = _NUMBER.findall(key)
        ranked = [
            ((level, not _holds(p, numbers), KIND_ORDER[p.kind]), p) for p, level in found.items()
        ]
        return sorted(ranked, key=lambda pair: (pair[0], _order(pair[1])))

    # "Mangwon 1(il)-dong, Mapo-gu", an English label as offered: the reading hint is
    # not a word of its own.
    words = [normalise(word) for word in _TOKENS.split(_HINT.sub("", (text or "").casefold()))]
    words = [word for word in words if word]
    if len(words) < 2:
        return []
    # Two or three words may be one name ("mangwon dong", "Seongsu 1-ga 1-dong"); the
    # words of a name matched whole are not names of their own: in "Dangsan-dong 4-ga"
    # the place is 당산동4가, not also 당산동.
    runs = {
        "".join(words[i : i + n]): words[i : i + n]
        for n in (2, 3)
        for i in range(len(words) - n + 1)
    }
    covered = {
        word
        for run, parts in runs.items()
        if EXACT in index.matches(run).values()
        for word in parts
    }
    pieces = (set(words) - covered) | set(runs)
    hits = {}
    for piece in pieces:
        if len(piece) < 2:
            continue
        for place, level in index.matches(piece).items():
            if level <= STEM:
                hits[place] = min(level, hits.get(place, level))
    districts = {p.name for p in hits if p.kind == DISTRICT}
    neighbourhoods = [p for p in hits if p.kind != DISTRICT]
    if districts and any(p.district in districts for p in neighbourhoods):
        neighbourhoods = [p for p in neighbourhoods if p.district in districts]
    ranked = [((0, hits[p], KIND_ORDER[p.kind]), p) for p in neighbourhoods]
    ranked += [((1, hits[p], 0), p) for p in hits if p.kind == DISTRICT]
    return sorted(ranked, key=lambda pair: (pair[0], _order(pair[1])))


def lookup(text):
    """The places ``text`` names, best first (empty when none)."""
    return [place for _, place in _ranked(text)]


def best(text):
    """The one place ``text`` names, or None when it names none or several equally well
    (신사동 is in 강남구 and in 은평구)."""
    ranked = _ranked(text)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def resolve(text):
    """The one place a search near ``text`` is about: ``best``, or, when the best matches
    are the parts of one neighbourhood in one district (성수동 is 성수동1가 and 성수동2가
    in the data), the middle of those parts. None when nothing matches or when the name
    is shared by places in several districts (신사동): the person chooses then."""
    ranked = _ranked(text)
    if not ranked:
        return None
    top = [place for rank, place in ranked if rank == ranked[0][0]]
    if len(top) == 1:
        return top[0]
    if len({place.district for place in top}) > 1 or any(p.kind == DISTRICT for p in top):
        return None
    return _middle(top)


def _middle(parts):
    """One place standing for the parts of a neighbourhood: their shared name (성수동1가
    and 성수동2가 → 성수동, Seongsu-dong) at the mean of their points."""
    name = os.path.commonprefix([part.name for part in parts])
    if len(name) < 2:
        return None
    if not name.endswith("동"):
        name += "동"  # 망원1동, 망원2동 → 망원동
    name_en = os.path.commonprefix([part.name_en for part in parts]).rstrip(" -0123456789(")
    if name_en and not name_en.lower().endswith("dong"):
        name_en += "-dong"  # Mangwon 1(il)-dong, Mangwon 2(i)-dong → Mangwon-dong
    first = parts[0]
    return Place(
        name=name,
        district=first.district,
        lat=round(sum(part.lat for part in parts) / len(parts), 6),
        lon=round(sum(part.lon for part in parts) / len(parts), 6),
        kind=first.kind,
        name_en=name_en if name_en.lower().endswith("dong") else "",
        district_en=first.district_en,
    )


CLOSE_ENOUGH = 0.8  # difflib's ratio between the letters of what was typed and a name


def close(text, limit=5):
    """Places whose name is spelled almost like ``text`` (a letter wrong, missing or one
    too many: 망원도, 마포고, Mangwn-dong), closest first."""
    key = normalise(text)
    if not 2 <= len(key) <= 40:
        return []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(jamo(key))
    scores = {}
    for letters, place in gazetteer().spellings:
        matcher.set_seq1(letters)
        if (
            matcher.real_quick_ratio() >= CLOSE_ENOUGH
            and matcher.quick_ratio() >= CLOSE_ENOUGH
            and (ratio := matcher.ratio()) >= CLOSE_ENOUGH
        ):
            scores[place] = max(ratio, scores.get(place, 0))
    return sorted(scores, key=lambda place: (-scores[place], _order(place)))[:limit]


def suggest(prefix, limit=10):
    """Places for a name being typed: what ``lookup`` finds, then names starting with
    ``prefix`` (shortest first); failing both, names spelled almost like it. A number
    typed is part of the name wanted: "망원1" puts 망원1동 before 망원동."""
    found = lookup(prefix)
    key = normalise(prefix)
    if key:
        starting = [
            place
            for place in gazetteer().places
            if place not in found
            and any(normalise(name).startswith(key) for name in (place.name, place.name_en))
        ]
        found += sorted(starting, key=_order)
    if numbers := _NUMBER.findall(key):
        # A stable sort: among the names holding the numbers, the order above stays.
        found.sort(key=lambda place: not _holds(place, numbers))
    if not found:
        found = close(prefix, limit)
    return found[:limit]


def _holds(place, numbers):
    """Whether each of ``numbers`` is a number in one of the place's names (1 in 망원1동
    and in 종로1·2·3·4가, not in 신사12동)."""
    return any(
        set(numbers) <= set(_NUMBER.findall(normalise(name)))
        for name in (place.name, place.name_en)
        if name
    )


def named_in(text):
    """The place a search's words name, if any: (place, the words naming it as
    ``resolve`` reads them, the other words), or None. Each word is read as a name, a
    particle dropped (망원동에서 → 망원동), and two words as one (mangwon dong); a 행정동
    only by its full name, so that an everyday word that is also the stem of one (중앙,
    "central") is not taken for a place. Places named together (마포구 망원동) are read
    as one address."""
    from core.korean import stem as without_particle

    def place_of(word):
        """(place, the name as read) or None."""
        for candidate in dict.fromkeys((word, without_particle(word))):
            place = resolve(candidate)
            if place is not None and (
                place.kind != ADMIN or normalise(candidate) == normalise(place.name)
            ):
                return place, candidate
        return None

    words = (text or "").split()
    named, others, index = [], [], 0
    while index < len(words):
        pair = words[index : index + 2]
        if len(pair) == 2 and place_of("".join(pair)):  # mangwon dong
            named.append(" ".join(pair))
            index += 2
        elif found := place_of(words[index]):
            named.append(found[1])
            index += 1
        else:
            others.append(words[index])
            index += 1
    if not named:
        return None
    found = place_of(" ".join(named)) if len(named) > 1 else None
    if found is None:  # two places that are not one address: the first, the rest as words
        named, others = named[:1], [*named[1:], *others]
        found = place_of(named[0])
    return found[0], named, others
