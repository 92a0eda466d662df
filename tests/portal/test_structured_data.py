"""schema.org structured data (JSON-LD) as search engines read it: extracted from the
served HTML by an independent parser (extruct), then checked against the properties
schema.org and Google's rich results require for each type: Place, Event (a series, a
single date, a program with no date to come), Article, BreadcrumbList and WebSite; in
Korean and in English; every link from the configured public address; no private page
anywhere."""

import datetime as dt
import json
from io import BytesIO
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction

import extruct
import pytest
import time_machine
from PIL import Image as PILImage

from events.models import Occurrence
from stories.models import StoryPage, StoryRelatedSpace
from tests.residents.notice_support import publish_program

BASE = "https://portal.example.org"
NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 9, 0))  # a Monday morning in Seoul
SCHEMA = "https://schema.org/"
EVENT_STATUSES = {SCHEMA + s for s in ("EventScheduled", "EventCancelled", "EventPostponed")}
AVAILABILITIES = {SCHEMA + s for s in ("InStock", "SoldOut", "PreOrder")}
SHAPES = {(16, 9), (4, 3), (1, 1)}


# --- reading the page as a search engine does ------------------------------------------


def structured_data(client, url):
    """Every JSON-LD item of the page at ``url``, by extruct."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    return extruct.extract(html, base_url=BASE + url, syntaxes=["json-ld"])["json-ld"]


def of_type(items, wanted):
    found = [item for item in items if wanted in types(item)]
    assert len(found) == 1, [types(item) for item in items]
    return found[0]


def types(item):
    kind = item.get("@type")
    return kind if isinstance(kind, list) else [kind]


def strings(value):
    """Every string anywhere in ``value``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def moment(text):
    """An ISO 8601 date-time with its offset (Google wants the zone)."""
    value = dt.datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


def assert_own_link(url):
    assert url.startswith(BASE + "/"), url


def assert_images(urls):
    """Absolute URLs of real renditions, in the three shapes, each ≥ 50,000 pixels."""
    from wagtail.images import get_image_model

    renditions = get_image_model().get_rendition_model().objects.all()
    by_path = {urlsplit(r.url).path: r for r in renditions}
    shapes = set()
    for url in urls:
        assert_own_link(url)
        rendition = by_path[urlsplit(url).path]
        assert rendition.width * rendition.height >= 50_000
        ratio = rendition.width / rendition.height
        shapes |= {shape for shape in SHAPES if abs(ratio - shape[0] / shape[1]) < 0.01}
    assert shapes == SHAPES, urls


# The properties each type must have (schema.org's meaning, Google's rich result rules).


def check_address(address):
    assert address["@type"] == "PostalAddress"
    for name in ("streetAddress", "addressLocality", "addressRegion", "addressCountry"):
        assert address[name], name
    assert address["addressCountry"] == "KR"


def check_place(item):
    assert "Place" in types(item)
    assert item["name"]
    check_address(item["address"])
    assert_own_link(item["url"])
    geo = item["geo"]
    assert geo["@type"] == "GeoCoordinates"
    assert 37 < geo["latitude"] < 38 and 126 < geo["longitude"] < 128


def check_event(item):
    assert types(item) == ["Event"]
    assert item["name"]
    start = moment(item["startDate"])
    if "endDate" in item:
        assert moment(item["endDate"]) > start
    assert item["eventStatus"] in EVENT_STATUSES
    assert item["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert_own_link(item["url"])
    check_place(item["location"])
    assert item["organizer"]["@type"] in ("Organization", "Person")
    assert item["organizer"]["name"]
    offer = item["offers"]
    assert offer["@type"] == "Offer"
    assert offer["priceCurrency"] == "KRW"
    assert_own_link(offer["url"])
    if "price" in offer:
        assert isinstance(offer["price"], int | float) and offer["price"] >= 0
    if "availability" in offer:
        assert offer["availability"] in AVAILABILITIES
    if "eventSchedule" in item:
        schedule = item["eventSchedule"]
        assert schedule["@type"] == "Schedule"
        dt.date.fromisoformat(schedule["startDate"])
        assert schedule["repeatFrequency"].startswith("P")
        assert schedule["scheduleTimezone"] == "Asia/Seoul"


def check_article(item):
    assert types(item)[0] in ("Article", "NewsArticle")
    assert 0 < len(item["headline"]) <= 110
    dt.date.fromisoformat(item["datePublished"][:10])
    moment(item["dateModified"])
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    publisher = item["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"]
    assert_own_link(publisher["logo"]["url"])
    assert_own_link(item["url"])
    assert item["mainEntityOfPage"]["@id"] == item["url"]


def check_breadcrumbs(item):
    assert types(item) == ["BreadcrumbList"]
    elements = item["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
    for element in elements:
        assert element["@type"] == "ListItem" and element["name"]
        assert_own_link(element["item"])


def check_website(item):
    assert types(item) == ["WebSite"]
    assert item["name"]
    assert_own_link(item["url"])
    action = item["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert "{search_term_string}" in action["target"]["urlTemplate"]
    assert action["query-input"] == "required name=search_term_string"


def trail(item):
    return [(e["name"], e["item"]) for e in item["itemListElement"]]


# --- the pages ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def public_address(settings):
    """Requests come to the test host; every absolute link must still start with the
    configured public address."""
    settings.PORTAL_BASE_URL = BASE


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_image(title, size=(1600, 1000)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (30, 120, 90)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


@pytest.fixture
def library(clock, make_space):
    from spaces.models import AccessibilityFeature, Amenity

    return make_space(
        title="망원 작은도서관 책마루",
        name_en="Mangwon Small Library Chaekmaru",
        summary="동네 주민이 함께 운영하는 작은도서관",
        operator_name="망원동 주민모임",
        operator_kind="public",
        opening_hours="Mo-Fr 10:00-19:00; Sa 10:00-15:00",
        capacity=25,
        phone="02-123-4567",
        amenities=list(Amenity.objects.filter(slug__in=["wifi", "bookshelves"])),
        accessibility=list(AccessibilityFeature.objects.filter(slug__in=["lift"])),
        gallery=[(make_image("열람실"), "햇빛이 드는 열람실")],
    )


@pytest.fixture
def private_space(clock, make_space):
    space = make_space(title="비밀 동아리방", name_en="Secret Club Room")
    PageViewRestriction.objects.create(page=space, restriction_type=PageViewRestriction.LOGIN)
    return space


def make_program(space, slug, schedule="", **fields):
    """A program published as an editor does (``publish_program``), from this clock's day."""
    return publish_program(
        space, slug=slug, schedule=schedule, **{"start_date": NOW.date(), **fields}
    )


@pytest.fixture
def series(library):
    """Tuesdays and Thursdays at 19:00, free, with a photo."""
    return make_program(
        library,
        "knitting",
        "RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
        organiser_name="망원 뜨개 동아리",
        image=make_image("뜨개질"),
    )


def translate(page, **fields):
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english


# --- spaces ------------------------------------------------------------------------------


def test_a_space_is_a_place_with_its_address_hours_features_and_photo(client, library):
    items = structured_data(client, library.url)
    place = of_type(items, "Place")
    check_place(place)
    assert types(place) == ["CivicStructure", "Place"]
    assert place["name"] == "망원 작은도서관 책마루"
    assert place["alternateName"] == "Mangwon Small Library Chaekmaru"
    assert place["url"] == BASE + library.url
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "서울특별시 마포구 망원로 1",
        "addressLocality": "마포구",
        "addressRegion": "서울특별시",
        "addressCountry": "KR",
    }
    assert place["telephone"] == "02-123-4567"
    assert place["maximumAttendeeCapacity"] == 25
    assert place["isAccessibleForFree"] is True
    assert {f["name"] for f in place["amenityFeature"]} == {"와이파이", "서가", "엘리베이터"}
    assert all(f["@type"] == "LocationFeatureSpecification" for f in place["amenityFeature"])
    hours = {
        (s["dayOfWeek"].removeprefix(SCHEMA), s["opens"], s["closes"])
        for s in place["openingHoursSpecification"]
    }
    assert ("Monday", "10:00", "19:00") in hours and ("Saturday", "10:00", "15:00") in hours
    assert not any(day == "Sunday" for day, *_ in hours)
    assert_images(place["image"])


def test_the_english_space_page_speaks_english_and_keeps_the_korean_address(client, library):
    path = library.url
    place = of_type(structured_data(client, "/en" + path), "Place")
    check_place(place)
    assert place["name"] == "Mangwon Small Library Chaekmaru"
    assert place["alternateName"] == "망원 작은도서관 책마루"
    assert place["url"] == BASE + "/en" + path
    assert place["address"]["streetAddress"] == "서울특별시 마포구 망원로 1"
    assert {f["name"] for f in place["amenityFeature"]} == {"Wi-Fi", "Bookshelves", "Lift"}


# --- programs ----------------------------------------------------------------------------


def test_a_series_is_an_event_with_its_next_date_and_schedule(client, library, series):
    event = of_type(structured_data(client, series.url), "Event")
    check_event(event)
    assert event["url"] == BASE + series.url
    assert event["startDate"] == "2026-12-01T19:00:00+09:00"
    assert event["endDate"] == "2026-12-01T20:30:00+09:00"
    assert event["eventStatus"] == SCHEMA + "EventScheduled"
    assert event["eventSchedule"]["repeatFrequency"] == "P1W"
    assert event["eventSchedule"]["byDay"] == [SCHEMA + "Tuesday", SCHEMA + "Thursday"]
    assert event["location"]["name"] == "망원 작은도서관 책마루"
    assert event["location"]["url"] == BASE + library.url
    assert event["organizer"] == {"@type": "Organization", "name": "망원 뜨개 동아리"}
    assert event["offers"]["price"] == 0
    assert event["offers"]["availability"] == SCHEMA + "InStock"
    assert (event["maximumAttendeeCapacity"], event["remainingAttendeeCapacity"]) == (3, 3)
    assert_images(event["image"])


def test_a_full_next_date_is_sold_out(client, series, django_user_model):
    from events import services

    tuesday = Occurrence.objects.filter(program=series).order_by("start").first()
    for n in range(3):
        user = django_user_model.objects.create_user(f"r{n}", f"r{n}@example.org", "pw")
        services.register(user, tuesday.pk)
    event = of_type(structured_data(client, series.url), "Event")
    assert event["remainingAttendeeCapacity"] == 0
    assert event["offers"]["availability"] == SCHEMA + "SoldOut"


def test_a_single_paid_date_is_an_event_with_its_fee(client, library):
    program = make_program(
        library, "talk", title="동네 강연", is_free=False, fee_note="재료비 5,000원", capacity=None
    )
    event = of_type(structured_data(client, program.url), "Event")
    check_event(event)
    assert event["startDate"] == "2026-11-30T19:00:00+09:00"
    assert "eventSchedule" not in event
    assert "remainingAttendeeCapacity" not in event
    assert event["isAccessibleForFree"] is False
    assert event["offers"]["price"] == 5000
    assert event["offers"]["description"] == "재료비 5,000원"
    # No organiser named: whoever runs the space.
    assert event["organizer"]["name"] == "망원동 주민모임"


def test_a_program_with_no_date_to_come_is_still_a_valid_event(client, clock, library):
    program = make_program(library, "once", title="지난 모임")
    clock.move_to(NOW + dt.timedelta(days=7))
    event = of_type(structured_data(client, program.url), "Event")
    check_event(event)
    assert event["startDate"] == "2026-11-30T19:00:00+09:00"  # the last date it had
    assert "availability" not in event["offers"]
    assert "remainingAttendeeCapacity" not in event


def test_a_program_whose_schedule_gave_no_date_uses_its_first_day(client, library):
    program = make_program(library, "none", title="일정 미정")
    Occurrence.objects.filter(program=program).delete()
    event = of_type(structured_data(client, program.url), "Event")
    check_event(event)
    assert event["startDate"] == "2026-11-30T19:00:00+09:00"
    assert event["endDate"] == "2026-11-30T20:30:00+09:00"


def test_the_english_program_page_links_to_english_addresses(client, library, series):
    space_path, program_path = library.url, series.url
    translate(library, title="Chaekmaru Library")
    translate(series, title="Knitting circle")
    event = of_type(structured_data(client, "/en" + program_path), "Event")
    check_event(event)
    assert event["name"] == "Knitting circle"
    assert event["url"] == BASE + "/en" + program_path
    assert event["location"]["url"] == BASE + "/en" + space_path
    assert event["location"]["name"] == "Mangwon Small Library Chaekmaru"  # its English name


def test_an_untranslated_program_on_the_english_site_stays_at_english_addresses(
    client, library, series
):
    space_path, program_path = library.url, series.url
    event = of_type(structured_data(client, "/en" + program_path), "Event")
    check_event(event)
    assert event["url"] == BASE + "/en" + program_path
    assert event["location"]["name"] == "Mangwon Small Library Chaekmaru"
    assert event["location"]["url"] == BASE + "/en" + space_path


# --- stories -----------------------------------------------------------------------------


@pytest.fixture
def story(story_index, library, private_space):
    page = StoryPage(
        title="골목 도서관의 겨울",
        slug="winter",
        date=dt.date(2026, 11, 28),
        author="마을기자단 박서연",
        lead="작은도서관 이야기",
        image=make_image("겨울"),
        image_alt="눈 덮인 도서관",
    )
    page.body = json.dumps([{"type": "paragraph", "value": "<p>동네 소식입니다.</p>"}])
    page.related_space_links = [
        StoryRelatedSpace(space=library, sort_order=0),
        StoryRelatedSpace(space=private_space, sort_order=1),
    ]
    story_index.add_child(instance=page)
    page.save_revision().publish()
    return StoryPage.objects.get(pk=page.pk)


def test_a_story_is_an_article_with_image_dates_author_and_publisher(client, story, library):
    items = structured_data(client, story.url)
    article = of_type(items, "Article")
    check_article(article)
    assert article["headline"] == "골목 도서관의 겨울"
    assert article["datePublished"] == "2026-11-28"
    assert article["author"] == {"@type": "Person", "name": "마을기자단 박서연"}
    assert article["publisher"]["url"] == BASE + "/"
    assert_images(article["image"])
    assert article["about"] == [
        {"@type": "Place", "name": "망원 작은도서관 책마루", "url": BASE + library.url}
    ]


def test_the_english_story_page_is_an_english_article(client, story, library):
    story_path, space_path = story.url, library.url
    translate(story, title="Winter at the alley library", lead="A small library's story")
    article = of_type(structured_data(client, "/en" + story_path), "Article")
    check_article(article)
    assert article["headline"] == "Winter at the alley library"
    assert article["inLanguage"] == "en"
    assert article["url"] == BASE + "/en" + story_path
    assert article["publisher"]["name"] == "Community Space"
    assert article["publisher"]["url"] == BASE + "/en/"
    assert article["about"] == [
        {
            "@type": "Place",
            "name": "Mangwon Small Library Chaekmaru",
            "url": BASE + "/en" + space_path,
        }
    ]


# --- breadcrumbs and the site ------------------------------------------------------------


def test_breadcrumbs_are_a_breadcrumb_list_in_the_pages_language(client, library, series):
    space_path, program_path = library.url, series.url
    crumbs = of_type(structured_data(client, program_path), "BreadcrumbList")
    check_breadcrumbs(crumbs)
    assert trail(crumbs) == [
        ("홈", BASE + "/"),
        ("공간 찾기", BASE + "/spaces/"),
        ("망원 작은도서관 책마루", BASE + space_path),
        ("뜨개질 모임", BASE + program_path),
    ]
    # As the visible trail: English where a translation exists, at English addresses.
    crumbs = of_type(structured_data(client, "/en" + program_path), "BreadcrumbList")
    check_breadcrumbs(crumbs)
    assert trail(crumbs) == [
        ("Home", BASE + "/en/"),
        ("Find a space", BASE + "/en/spaces/"),
        ("Mangwon Small Library Chaekmaru", BASE + "/en" + space_path),
        ("뜨개질 모임", BASE + "/en" + program_path),
    ]


@pytest.mark.parametrize(
    "prefix, name, search",
    [("", "커뮤니티 공간", "/search/"), ("/en", "Community Space", "/en/search/")],
)
def test_the_home_page_is_a_website_with_the_site_search(
    client, bilingual_site, prefix, name, search
):
    items = structured_data(client, prefix + "/")
    website = of_type(items, "WebSite")
    check_website(website)
    assert website["url"] == BASE + prefix + "/"
    assert website["name"] == name
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{BASE}{search}?q={{search_term_string}}"
    # The template works: the search it names answers.
    search_url = target.removeprefix(BASE).replace("{search_term_string}", "도서관")
    assert client.get(search_url).status_code == 200
    assert not [item for item in items if "BreadcrumbList" in types(item)]


# --- private pages -----------------------------------------------------------------------


def test_no_private_page_appears_in_any_structured_data(client, story, series, private_space):
    make_program(private_space, "hidden", title="비밀 모임")
    private_path, story_path, program_path = private_space.url, story.url, series.url
    secret = ("비밀", "Secret", private_path)
    pages = ("/", story_path, program_path, series.get_parent().url)  # "/en/" too
    for url in [*pages, *("/en" + path for path in pages)]:
        for item in structured_data(client, url):
            for text in strings(item):
                assert not any(word in text for word in secret), (url, text)
    # The private pages themselves answer with the log-in, not their data.
    for url in (private_path, f"{private_path}hidden/", "/en" + private_path):
        response = client.get(url)
        assert response.status_code == 302
        assert b"application/ld+json" not in response.content
