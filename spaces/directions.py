"""Links that open a space in the map apps people in Seoul use, with the way there:
Kakao Map, Naver Map and OpenStreetMap. Plain addresses, no API key and no script of
theirs on our pages; the visitor's browser (or the app registered for the address)
opens them.

- Kakao Map's documented link ``https://map.kakao.com/link/to/<name>,<lat>,<lng>``
  opens directions to the point.
- Naver Map's web directions take the destination in Web Mercator metres (EPSG:3857,
  what its own links carry) with a name: ``/p/directions/-/<x>,<y>,<name>,,ADDRESS_POI
  /-/transit`` (start left for the visitor, public transport).
- OpenStreetMap's directions take ``to=<lat>,<lng>``."""

import math
import re
from urllib.parse import quote

from django.conf import settings
from django.utils import translation

from . import romanise

MERCATOR_HALF_WORLD = 20037508.342789244  # metres from the meridian to 180°


def _name(name):
    # Commas separate the parts of Kakao's and Naver's addresses.
    return quote(" ".join(name.replace(",", " ").split()), safe="")


def kakao(name, lat, lng):
    return f"https://map.kakao.com/link/to/{_name(name)},{lat:.6f},{lng:.6f}"


def web_mercator(lat, lng):
    x = lng * MERCATOR_HALF_WORLD / 180
    y = math.log(math.tan((90 + lat) * math.pi / 360)) * MERCATOR_HALF_WORLD / math.pi
    return x, y


def naver(name, lat, lng):
    x, y = web_mercator(lat, lng)
    return (
        f"https://map.naver.com/p/directions/-/{x:.7f},{y:.7f},{_name(name)},,ADDRESS_POI/-/transit"
    )


def openstreetmap(lat, lng):
    return f"https://www.openstreetmap.org/directions?to={lat:.6f},{lng:.6f}"


# --- the way there in English ---------------------------------------------------------
#
# The address and the operator's notes are written in Korean. On the English site they
# are given in English where they follow the forms people write them in (a road
# address; "망원역 2번 출구 도보 5분"; "마을버스 마포08 ‘망원시장’ 정류장 하차"; the usual
# parking sentences), romanising the names as Seoul's signs do (``spaces.romanise``);
# anything else is shown as written, marked as Korean.

_STATION = re.compile(
    r"^(?P<station>[가-힣0-9·]+?)역\s*(?P<exit>[0-9]+)번\s*출구"
    r"(?:\s*(?:에서\s*)?(?:도보\s*(?P<walk>[0-9]+)\s*분|(?P<metres>[0-9]+)\s*m))?$"
)
# Stations whose English name on Seoul's subway maps is not the romanised Korean.
STATIONS_EN = {
    "을지로입구": "Euljiro 1(il)-ga",
    "동대입구": "Dongguk Univ.",
    "숙대입구": "Sookmyung Women's Univ.",
    "효창공원앞": "Hyochang Park",
    "건대입구": "Konkuk Univ.",
    "어린이대공원": "Children's Grand Park",
    "성신여대입구": "Sungshin Women's Univ.",
    "한성대입구": "Hansung Univ.",
    "홍대입구": "Hongik Univ.",
    "서울대입구": "Seoul Nat'l Univ.",
    "교대": "Seoul Nat'l Univ. of Education",
    "고속터미널": "Express Bus Terminal",
    "남부터미널": "Nambu Bus Terminal",
    "구로디지털단지": "Guro Digital Complex",
    "가산디지털단지": "Gasan Digital Complex",
    "마포구청": "Mapo-gu Office",
    "양천구청": "Yangcheon-gu Office",
    "금천구청": "Geumcheon-gu Office",
    "영등포구청": "Yeongdeungpo-gu Office",
    "가락시장": "Garak Market",
}
_BUS_KINDS = {
    "마을버스": "village bus",
    "지선버스": "bus",
    "간선버스": "bus",
    "광역버스": "express bus",
    "버스": "bus",
}
_BUS = re.compile(r"^(?P<kind>마을버스|지선버스|간선버스|광역버스|버스)\s*(?P<lines>.+?)$")
_LINE = re.compile(r"^(?P<area>[가-힣]*)(?P<number>[0-9-]+)번?$")
_STOP = re.compile(r"^(?P<lines>.*?)\s*[‘'\"“](?P<stop>[^’'\"”]+)[’'\"”]\s*정류장\s*하차$")
# Words of stop and building names; other words are place names, romanised.
_WORDS = {
    "주민센터": "Community Service Center",
    "행정복지센터": "Community Service Center",
    "구청": "District Office",
    "시장": "Market",
    "입구": "Entrance",
    "사거리": "Intersection",
    "삼거리": "Junction",
    "우체국": "Post Office",
    "도서관": "Library",
    "공원": "Park",
    "초등학교": "Elementary School",
    "중학교": "Middle School",
    "고등학교": "High School",
    "아파트": "Apartments",
    "역": "Station",
    "앞": "",
}
_PARKING = [
    (re.compile(r"^주차\s*(?:공간이 없습니다|불가|공간 없음)"), "No parking{rest}"),
    (
        re.compile(r"^건물 주차장 (?P<count>[0-9]+)대(?: \(사전 문의\))?$"),
        "{count} spaces in the building's car park (ask first)",
    ),
    (
        re.compile(r"^장애인 전용 주차 (?P<count>[0-9]+)면, 일반 차량은 인근 공영주차장 이용$"),
        "{count} accessible parking space(s); other cars use the public car park nearby",
    ),
    (
        re.compile(r"^지하주차장 (?P<hours>[0-9]+)시간 무료(?: \(안내데스크에서 확인\))?$"),
        "Underground car park, {hours} hour(s) free (have it stamped at the front desk)",
    ),
]
_PLURAL = re.compile(r"\b([0-9]+ [a-z ]+?)\(s\)")  # "1 hour(s)" → "1 hour", "2 hours"
_PARKING_REST = {
    ". 인근 공영주차장을 이용해 주세요.": ": please use the public car park nearby.",
    " — 대중교통을 이용해 주세요.": ": please come by public transport.",
    "": "",
}


def _place_words(text):
    """A stop's or station's name in English: known words translated, the rest
    romanised as place names (망원동 주민센터 → Mangwon-dong Community Service Center)."""
    words = []
    for word in text.split():
        if word in _WORDS:
            words.append(_WORDS[word])
        elif word.endswith("역") and word[:-1]:
            words.append(f"{romanise.romanise(word[:-1])} Station")
        elif word.endswith(("동", "구")) and len(word) > 1:
            words.append(romanise.place_name(word))
        else:
            words.append(romanise.romanise(word))
    return " ".join(word for word in words if word)


def _station(text):
    match = _STATION.match(text)
    if not match:
        return None
    station = STATIONS_EN.get(match["station"]) or romanise.romanise(match["station"])
    english = f"{station} Station, exit {match['exit']}"
    if match["walk"]:
        english += f", {match['walk']} min on foot"
    elif match["metres"]:
        english += f", {match['metres']} m"
    return english


def _buses(text):
    match = _STOP.match(text)
    if not match:
        return None
    lines = []
    for part in filter(None, (p.strip() for p in match["lines"].split(","))):
        bus = _BUS.match(part)
        if not bus:
            return None
        numbers = []
        for line in bus["lines"].split():
            found = _LINE.match(line.strip(","))
            if not found:
                return None
            area = romanise.romanise(found["area"])
            numbers.append(f"{area} {found['number']}" if area else found["number"])
        lines.append(f"{_BUS_KINDS[bus['kind']]} {' '.join(numbers)}")
    stop = f"get off at ‘{_place_words(match['stop'])}’"
    if not lines:
        return stop[:1].upper() + stop[1:]
    said = ", ".join(lines)
    return f"{said[:1].upper()}{said[1:]}, {stop}"


def _parking(text):
    for pattern, english in _PARKING:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        if rest not in _PARKING_REST:
            return None
        english = english.format(**match.groupdict(), rest=_PARKING_REST[rest])
        return _PLURAL.sub(lambda m: m[1] if m[1].startswith("1 ") else f"{m[1]}s", english)
    return None


_ENGLISH_NOTES = {"station": _station, "transit": _buses, "parking": _parking}


def english_note(kind, text):
    """The operator's note of ``kind`` ("station", "transit" or "parking") in English,
    or None when it is not written in a form we know."""
    text = " ".join((text or "").split())
    if not text or not romanise.hangul(text):
        return text or None
    return _ENGLISH_NOTES[kind](text)


def in_language(text, english, language):
    """(what to show, its language) of a Korean ``text`` with the derived
    ``english`` for the visitor's ``language``: the English when there is one on the
    English site, else the text as written, in Korean."""
    if language != settings.LANGUAGE_CODE and english:
        return english, language
    return text, settings.LANGUAGE_CODE if romanise.hangul(text) else language


def address(space, language=None):
    """(the space's address, its language) for the visitor: in English on the English
    site where the address is a road address (``romanise.english_address``)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    english = None
    if language != settings.LANGUAGE_CODE:
        district = getattr(space, "district_term", None) or space.district
        english = romanise.english_address(space.address, getattr(district, "name_en", ""))
    return in_language(space.address, english, language)


def notes(space, language=None):
    """The "Getting there" notes as (label, text, its language), those filled in: in
    English on the English site where ``english_note`` reads them."""
    from django.utils.translation import gettext as _

    language = language or translation.get_language() or settings.LANGUAGE_CODE
    english = language != settings.LANGUAGE_CODE
    found = []
    for label, kind, value in (
        (_("Subway"), "station", space.nearest_station),
        (_("Bus"), "transit", space.transit_notes),
        (_("Parking"), "parking", space.parking),
    ):
        if value.strip():
            text, lang = in_language(
                value, english_note(kind, value) if english else None, language
            )
            found.append((label, text, lang))
    return found
