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
from urllib.parse import quote

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
