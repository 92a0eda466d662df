"""Junk in an address cannot defeat the anonymous page cache (core.pagecache).

The cache keyed each answer by the full path with its query string, so
``/programs/calendar.ics?r=<random>`` (or any page with a made-up parameter) was a miss
every time, built the answer again and stored one more entry: a cheap way to load the
database and fill the cache. Now only the parameters some public view reads
(``PAGE_CACHE_QUERY_PARAMETERS``) reach the key and the view; the others are dropped,
so such addresses are hits, tracking links (``utm_source``) keep working, and the page
cannot show what the key left out. The last tests hold the list to what the views
read: a view reading a parameter missing from it would be served another address's
answer."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import QueryDict
from django.test import Client, override_settings
from django.utils import timezone, translation

import pytest
import recurrence
import time_machine

from core import pagecache

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # Tuesday 09:00 in Seoul
HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def url_of(page):
    with translation.override("ko"):
        return page.url


def junk():
    return uuid.uuid4().hex


def entries():
    """How many answers the page cache holds (the test cache is local memory)."""
    return sum(1 for key in caches["derived"]._cache if ":page:" in key)


@pytest.fixture
def library(make_space):
    return make_space(
        title="망원 작은도서관",
        bookable=True,
        opening_hours="Mo-Sa 09:00-21:00",
        capacity=12,
        district="mapo",
    )


@pytest.fixture
def kitchen(make_space):
    return make_space(title="성수 공유부엌", space_type="shared-kitchen", district="seongdong")


@pytest.fixture
def drop_in(library):
    """A program without registration, so its page has no form and is cached."""
    from events.models import ProgramPage

    program = library.add_child(
        instance=ProgramPage(
            title="그림책 읽어주기",
            slug="picture-books",
            summary="함께 읽어요.",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=None,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


# --- junk parameters are hits ---------------------------------------------------------


def test_a_calendar_asked_with_random_parameters_is_one_cached_answer(page_cache, drop_in):
    first = Client().get("/programs/calendar.ics")
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    stored = entries()

    for _visit in range(5):
        again = Client().get(f"/programs/calendar.ics?r={junk()}")
        assert again.status_code == 200
        assert again[HEADER] == "hit"
        assert again.content == first.content
    assert entries() == stored


@pytest.mark.parametrize(
    "address",
    [
        lambda s: "/",
        lambda s: "/spaces/",
        lambda s: url_of(s["library"]),
        lambda s: url_of(s["drop_in"]),
        lambda s: f"{url_of(s['drop_in'])}calendar.ics",
        lambda s: "/programs/",
        lambda s: "/search/?q=도서관",
        lambda s: "/api/spaces.geojson",
        lambda s: f"/api/v2/programs/{s['drop_in'].pk}/",
        lambda s: "/sitemap.xml",
    ],
    ids=[
        "home",
        "directory",
        "space",
        "program",
        "program calendar",
        "program listing",
        "search",
        "map data",
        "api detail",
        "sitemap",
    ],
)
def test_a_made_up_parameter_is_answered_from_the_cache(page_cache, library, drop_in, address):
    url = address({"library": library, "drop_in": drop_in})
    first = Client().get(url)
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    stored = entries()

    joiner = "&" if "?" in url else "?"
    again = Client().get(f"{url}{joiner}cachebuster={junk()}&{junk()}=1")

    assert again[HEADER] == "hit"
    assert again.content == first.content
    assert entries() == stored


def test_a_tracking_link_shows_the_filtered_page_and_shares_its_entry(page_cache, library, kitchen):
    plain = Client().get("/spaces/?district=mapo")
    assert "망원 작은도서관" in plain.content.decode()
    assert "성수 공유부엌" not in plain.content.decode()

    tracked = Client().get("/spaces/?utm_source=newsletter&district=mapo&utm_medium=email")

    assert tracked.status_code == 200
    assert tracked[HEADER] == "hit"
    assert tracked.content == plain.content


def test_the_page_never_shows_a_parameter_the_cache_key_left_out(page_cache, library):
    """The language switch repeats the query string: built from an address with junk,
    the page (stored for every visitor of the plain address) carries none of it."""
    marker = junk()
    first = Client().get(f"/spaces/?district=mapo&evil={marker}")

    assert first[HEADER] == "miss"
    page = first.content.decode()
    assert "/en/spaces/?district=mapo" in page
    assert marker not in page
    assert Client().get("/spaces/?district=mapo")[HEADER] == "hit"


def test_the_same_filters_in_another_order_share_one_entry(page_cache, library, kitchen):
    first = Client().get("/spaces/?type=small-library&district=mapo")
    assert first[HEADER] == "miss"

    second = Client().get("/spaces/?district=mapo&type=small-library")

    assert second[HEADER] == "hit"
    assert second.content == first.content


def test_the_parameters_a_page_reads_still_change_the_answer(page_cache, library, kitchen):
    everything = Client().get("/spaces/")
    mapo = Client().get("/spaces/?district=mapo")
    assert mapo[HEADER] == "miss"
    assert "성수 공유부엌" in everything.content.decode()
    assert "성수 공유부엌" not in mapo.content.decode()

    district = library.district_id  # the API filters by a term's id
    api = Client().get(f"/api/v2/spaces/?district={district}&fields=title&utm_source=x")
    assert api.status_code == 200
    titles = [item["title"] for item in api.json()["items"]]
    assert titles == ["망원 작은도서관"]


def test_logged_in_visitors_keep_their_whole_address(page_cache, library, django_user_model):
    """Nothing is cached for them, so nothing needs dropping: the open data API still
    tells them about a parameter it does not know."""
    member = Client()
    member.force_login(
        django_user_model.objects.create_user("resident1", "resident1@example.org", "x"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    assert member.get("/api/v2/spaces/?colour=red").status_code == 400
    assert Client().get("/api/v2/spaces/?colour=red").status_code == 200


# --- the list holds every parameter the public views read ---------------------------


class Recording(QueryDict):
    """A request's query that notes every parameter name a view asks for."""

    asked = None

    def _note(self, key):
        if Recording.asked is not None:
            Recording.asked.add(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


def recording_middleware(get_response):
    def middleware(request):
        request.GET = Recording(request.META.get("QUERY_STRING", ""))
        return get_response(request)

    return middleware


@pytest.fixture
def campaign(bilingual_site):
    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.demo import ensure_section, publish

    index = ensure_section(
        bilingual_site,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    page = CampaignPage(
        title="우리 동네 공간",
        slug="love-your-space",
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        opens_at=NOW - dt.timedelta(days=7),
        closes_at=NOW + dt.timedelta(days=30),
        winners_published=True,
    )
    index.add_child(instance=page)
    publish(page)
    return CampaignPage.objects.get(pk=page.pk)


def public_addresses(library, drop_in, story, campaign):
    """An address of every kind of public answer, in both languages."""
    pages = ["/", "/spaces/", url_of(library), url_of(drop_in), "/programs/", "/stories/"]
    pages += [url_of(story), "/campaigns/", url_of(campaign), "/search/?q=도서관"]
    addresses = pages + [f"/en{url}" for url in pages]
    addresses += [
        f"{url_of(library)}calendar.ics",
        f"{url_of(drop_in)}calendar.ics",
        "/programs/calendar.ics",
        "/stories/feed/",
        "/api/spaces.geojson",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for endpoint, page in (
        ("pages", drop_in),
        ("spaces", library),
        ("programs", drop_in),
        ("stories", story),
    ):
        addresses += [f"/api/v2/{endpoint}/", f"/api/v2/{endpoint}/{page.pk}/"]
    addresses += ["/api/v2/images/", f"/api/v2/pages/find/?html_path={url_of(library)}"]
    return addresses


def test_every_parameter_a_public_view_asks_for_is_in_the_list(library, drop_in, story, campaign):
    """Each public address is asked for as an anonymous visitor with the cache off;
    every parameter name its view (or a template, Wagtail, Django REST framework …)
    asks the query for must be one the page cache keeps for that address."""
    middleware = ["tests.security.test_cache_query.recording_middleware", *settings.MIDDLEWARE]
    missing = {}
    with override_settings(MIDDLEWARE=middleware):
        for url in public_addresses(library, drop_in, story, campaign):
            Recording.asked = set()
            try:
                response = Client().get(url)
            finally:
                asked, Recording.asked = Recording.asked, None
            assert response.status_code in (200, 302), (url, response.status_code)
            path = url.split("?")[0]
            unknown = asked - pagecache.known_parameters(path)
            if unknown:
                missing[url] = sorted(unknown)
            assert asked or "?" not in url, url  # the recording sees the views' reads
    assert missing == {}


def test_every_field_the_open_data_api_filters_by_is_in_the_list():
    """Wagtail's API filters a listing by any of its endpoint's fields (``?district=``)
    and reads a few operations; it reads field filters by going through the whole query,
    so the names come from the endpoints themselves."""
    from portal.api import api_router

    wanted = set()
    for endpoint in api_router._endpoints.values():
        model = endpoint.get_model() if hasattr(endpoint, "get_model") else endpoint.model
        wanted |= set(endpoint.get_available_fields(model, db_fields_only=True))
        wanted |= endpoint.known_query_parameters | endpoint.find_query_parameters
    wanted.discard("_")  # jQuery's cache-buster: no answer depends on it

    assert wanted - pagecache.known_parameters("/api/v2/pages/") == set()
