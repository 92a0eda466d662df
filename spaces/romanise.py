"""Korean place names and road addresses in the Latin alphabet, as Seoul writes them on
its signs: the Revised Romanization of Korean (문화체육관광부 고시 제2000-8호,
https://www.korean.go.kr/front_eng/roman/roman_01.do), with the sound changes that
happen inside a name (종로 → Jongno, 신림 → Sillim, 왕십리 → Wangsimni) and none
across the hyphen before an ending (종로구 → Jongno-gu, but the road 종로 → Jong-ro).

    >>> romanise("망원")
    'Mangwon'
    >>> english_address("서울특별시 마포구 망원로3길 12, 2층")
    '2F, 12 Mangwon-ro 3-gil, Mapo-gu, Seoul'

Used where an English page would otherwise show Hangul that has no English twin: the
gazetteer's 행정동 (the source gives none), the English address of a space."""

import re

# ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ (no sound before a vowel) ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "")
_INITIALS += ("j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo")
_VOWELS += ("u", "wo", "we", "wi", "yu", "eu", "ui", "i")
# Each final (jongseong) as the sound it makes at the end of a syllable: ㄱ-like "k",
# ㄷ-like "t", ㅂ-like "p", or n, l, m, ng; "h" is ㅎ (silent or aspirating).
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "h",
]
# What a final carries over to a following syllable that starts with a vowel (목원 →
# Mogwon, 길음 → Gireum); ㅇ stays where it is (망원 → Mangwon).
_CARRIED = {
    1: "g",
    2: "kk",
    3: "ks",
    4: "n",
    5: "nj",
    6: "n",
    7: "d",
    8: "r",
    9: "lg",
    10: "lm",
    11: "lb",
    12: "ls",
    13: "lt",
    14: "lp",
    15: "r",
    16: "m",
    17: "b",
    18: "ps",
    19: "s",
    20: "ss",
    22: "j",
    23: "ch",
    24: "k",
    25: "t",
    26: "p",
    27: "",
}
_NASAL = {"k": "ng", "t": "n", "p": "m"}


def _parts(char):
    offset = ord(char) - 0xAC00
    if not 0 <= offset < 11172:
        return None
    return offset // 588, offset % 588 // 28, offset % 28


def hangul(text):
    """Whether ``text`` holds a Hangul syllable."""
    return any(_parts(char) for char in text or "")


def _word(syllables):
    """One run of Hangul syllables, (initial, vowel, final) each, in lower case."""
    out = []
    for index, (initial, vowel, final) in enumerate(syllables):
        onset = _INITIALS[initial]
        if index:
            __, __, before = syllables[index - 1]
            sound = _FINALS[before]
            if initial == 11 and before in _CARRIED:  # liaison: 목원 → mogwon
                onset = _CARRIED[before]
            elif initial == 5 and before:  # ㄹ after a consonant
                onset = "l" if sound in ("n", "l") else "n"  # 신림 sillim, 종로 jongno
            elif sound == "h" and initial in (0, 3, 12):  # 좋고: the ㅎ aspirates
                onset = {0: "k", 3: "t", 12: "ch"}[initial]
            elif sound == "h" and initial == 2:
                onset = "n"
            elif sound == "l" and initial == 2:  # 칼날 kallal
                onset = "l"
        coda = ""
        if index + 1 < len(syllables):
            following, __, __ = syllables[index + 1]
            sound = _FINALS[final]
            if following == 11 and final in _CARRIED:
                coda = ""  # carried to the next syllable
            elif sound in _NASAL and following in (2, 5, 6):  # 국민 gungmin, 독립 dongnip
                coda = _NASAL[sound]
            elif sound == "n" and following == 5:  # 신라 silla
                coda = "l"
            elif sound == "h":
                coda = "n" if following == 2 else ""
            else:
                coda = sound
        else:
            coda = _FINALS[final] if _FINALS[final] != "h" else "t"
        out.append(onset + _VOWELS[vowel] + coda)
    return "".join(out)


def romanise(text, capitalise=True):
    """``text`` with every run of Hangul romanised (other characters kept), each run
    capitalised unless ``capitalise`` is false."""
    result, run = [], []

    def flush():
        if run:
            word = _word(run)
            result.append(word[:1].upper() + word[1:] if capitalise else word)
            run.clear()

    for char in text or "":
        parts = _parts(char)
        if parts:
            run.append(parts)
        else:
            flush()
            result.append(char)
    flush()
    return "".join(result)


# --- place names and addresses --------------------------------------------------------

# Endings written after a hyphen, each romanised alone (no sound change across it).
_ENDINGS = {
    "특별시": "-si",
    "시": "-si",
    "구": "-gu",
    "동": "-dong",
    "가": "-ga",
    "대로": "-daero",
    "로": "-ro",
    "길": "-gil",
    "리": "-ri",
    "역": " Station",
}
_NUMERALS = ("영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")


def number_reading(number):
    """A Sino-Korean reading of ``number`` (1 → il, 12 → sibi, 25 → isibo), as the
    place data hints it: "Sangdo 1(il)-dong"."""
    number = int(number)
    if number == 0:
        return "yeong"
    words = []
    tens, ones = divmod(number % 100, 10)
    hundreds = number // 100
    if hundreds:
        words.append(("" if hundreds == 1 else _NUMERALS[hundreds]) + "백")
    if tens:
        words.append(("" if tens == 1 else _NUMERALS[tens]) + "십")
    if ones:
        words.append(_NUMERALS[ones])
    return romanise("".join(words), capitalise=False)


_PLACE = re.compile(r"^(?P<stem>[^0-9]+?)(?P<rest>[0-9·]+[0-9·가동]*|동|가|구)?$")
_PLACE_PART = re.compile(r"([0-9]+)|(가|동|구)")


def place_name(name, stem_en=""):
    """The English name of a 동 or 구 as the place data writes them: 망원1동 →
    "Mangwon 1(il)-dong", 청룡동 → "Cheongnyong-dong", 종로5·6가동 → "Jongno
    5(o)·6(yuk)-ga-dong". ``stem_en`` is the English of the name's stem when it is
    known (e.g. from the 법정동 of the same family); otherwise the stem is romanised."""
    match = _PLACE.match((name or "").strip())
    if not match:
        return romanise(name)
    english = stem_en or romanise(match["stem"])
    rest = match["rest"] or ""
    if rest[:1].isdigit():
        english += " "

    def part(found):
        number, ending = found.groups()
        if number:
            return f"{number}({number_reading(number)})"
        return {"가": "-ga", "동": "-dong", "구": "-gu"}[ending]

    return (
        english
        + _PLACE_PART.sub(part, rest)
        .replace("-ga", "-ga ")
        .replace("- ", "-")
        .replace("ga -", "ga-")
        .strip()
    )


# Roads named after a word from another language keep its English spelling.
ROADS_EN = {"월드컵": "World Cup", "디지털": "Digital"}
_ROAD = re.compile(r"^(?P<name>.+?)(?P<kind>대로|로|길)(?:(?P<number>[0-9]+)(?P<sub>번길|길))?$")


def road_name(road):
    """망원로3길 → "Mangwon-ro 3-gil", 강남대로 → "Gangnam-daero", 종로 → "Jong-ro"."""
    match = _ROAD.match(road)
    if not match:
        return romanise(road)
    name = ROADS_EN.get(match["name"]) or romanise(match["name"])
    english = f"{name}{_ENDINGS[match['kind']]}"
    if match["number"]:
        english += f" {match['number']}{'-beon-gil' if match['sub'] == '번길' else '-gil'}"
    return english


_FLOOR = re.compile(r"^(?P<under>지하\s*)?(?P<floor>[0-9]+)층(?:\s*(?P<room>[0-9]+)호)?$")
_NUMBER = re.compile(r"^[0-9]+(?:-[0-9]+)?$")
_CITY = ("서울특별시", "서울시", "서울")


def english_address(address, district_en=""):
    """A Korean road address in the English order (floor, number, road, district,
    city): "서울특별시 마포구 망원로3길 12-1, 지하 1층" → "B1, 12-1 Mangwon-ro 3-gil,
    Mapo-gu, Seoul". ``district_en`` is the district's own English name when known.
    None when the address is not of that form (a lot number, a building's name …):
    the page then shows it as written."""
    main, __, rest = (address or "").partition(",")
    words = main.split()
    if words and words[0] in _CITY:
        words = words[1:]
    if len(words) != 3 or not words[0].endswith("구") or not _NUMBER.match(words[2]):
        return None
    district, road, number = words
    if not _ROAD.match(road):
        return None
    parts = []
    for detail in (part.strip() for part in rest.split(",") if part.strip()):
        floor = _FLOOR.match(detail)
        if not floor:
            return None
        label = f"B{floor['floor']}" if floor["under"] else f"{floor['floor']}F"
        parts.append(f"{label} {floor['room']}" if floor["room"] else label)
    district_name = district_en or place_name(district)
    parts.append(f"{number} {road_name(road)}")
    return ", ".join([*parts, district_name, "Seoul"])
