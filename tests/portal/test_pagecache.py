"""The anonymous page cache (core.pagecache): a second anonymous visit to a public page
is answered from the cache (``X-Page-Cache: hit``, no SQL), while nothing personal is
ever stored or served (logged-in visitors, pages with a CSRF token or a cookie,
private answers, the admin and account pages, POST) and nothing stale is shown:
publishing, unpublishing, bookings and registrations purge exactly the pages that showed
the old data.

``PAGE_CACHE_SECONDS`` is 0 in the test settings, so every test here turns the cache on.
Purges run once the change commits; ``committing()`` runs them as a real commit would."""

import datetime as dt
import gzip
import json
import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control, never_cache

import pytest
import recurrence
import time_machine

from core import pagecache
from core.pagecache import PageCacheMiddleware

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))  # Tuesday 09:00 in Seoul
DAY = dt.date(2026, 12, 2)  # Wednesday
HEADER = "X-Page-Cache"

FREE, TAKEN = "비어 있음", "예약됨"  # a slot's state as the Korean page shows it


# --- the site ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clock():
    """Time stands still at NOW (cache entries never expire by themselves unless a test
    moves the clock)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def kitchen(make_space):
    """Another bookable space, in another district."""
    return make_space(
        title="성수 공유부엌",
        space_type="shared-kitchen",
        district="seongdong",
        bookable=True,
        opening_hours="Mo-Sa 09:00-21:00",
        capacity=8,
    )


def add_program(space, *, title, slug, capacity):
    """A program on Tuesdays and Thursdays at 19:00, published as an editor does."""
    from events.models import ProgramPage

    program = space.add_child(
        instance=ProgramPage(
            title=title,
            slug=slug,
            summary="함께 해요.",
            start_date=NOW.date(),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=capacity,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


@pytest.fixture
def knitting(library):
    """Three places a date: anyone may register, so its page holds a form."""
    return add_program(library, title="뜨개질 모임", slug="knitting", capacity=3)


@pytest.fixture
def drop_in(library):
    """No registration (drop in): its page has no form."""
    return add_program(library, title="그림책 읽어주기", slug="picture-books", capacity=None)


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user(
        "resident1", email="resident1@example.org", password="changeme"
    )


# --- reading answers --------------------------------------------------------------------


def text(response):
    return response.content.decode()


def heading(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", text(response), re.S)[1].strip()


def slots(response):
    """The availability table as shown: {"14:00–14:30": "비어 있음" | "예약됨", …}."""
    return dict(
        re.findall(
            r'<li class="slot [^"]*"><span>([^<]+)</span> <span class="slot__state">([^<]+)</span>',
            text(response),
        )
    )


def places(response):
    """The "places left" badges shown, in order."""
    return re.findall(r'<span class="badge[^"]*">(\d+자리 남음)</span>', text(response))


def book(space, user, start, end, day=DAY):
    from bookings import services

    return services.request_booking(
        user,
        space,
        {
            "date": day.isoformat(),
            "start": start,
            "end": end,
            "headcount": "4",
            "purpose": "독서 모임",
        },
    )


def url_of(page):
    """A page's Korean address (``page.url`` follows the language last activated)."""
    with translation.override("ko"):
        return page.url


def space_day_url(space, day=DAY):
    return f"{url_of(space)}?date={day.isoformat()}"


# --- hits -------------------------------------------------------------------------------


PAGES = {
    "home": (lambda s: "/", "커뮤니티 공간"),
    "directory": (lambda s: "/spaces/", "망원 작은도서관"),
    "space": (lambda s: url_of(s["library"]), "망원 작은도서관"),
    "program": (lambda s: url_of(s["drop_in"]), "그림책 읽어주기"),
    "program listing": (lambda s: "/programs/", "그림책 읽어주기"),
    "story": (lambda s: url_of(s["story"]), "골목 도서관의 겨울"),
    "search": (lambda s: "/search/?q=도서관", "망원 작은<mark>도서관</mark>"),
    "map data": (lambda s: "/api/spaces.geojson", "망원 작은도서관"),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_second_anonymous_visit_is_a_hit_with_the_same_page_and_no_query(
    name, library, drop_in, story, django_assert_max_num_queries
):
    address_of, shown = PAGES[name]
    url = address_of({"library": library, "drop_in": drop_in, "story": story})

    first = Client().get(url)
    assert first.status_code == 200
    assert first[HEADER] == "miss"
    assert shown in text(first)

    with django_assert_max_num_queries(0):
        second = Client().get(url)  # another anonymous visitor
    assert second.status_code == 200
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_korean_and_english_pages_are_cached_apart(library):
    korean, english = Client().get(url_of(library)), Client().get(f"/en{url_of(library)}")
    assert (korean[HEADER], english[HEADER]) == ("miss", "miss")

    korean, english = Client().get(url_of(library)), Client().get(f"/en{url_of(library)}")
    assert (korean[HEADER], english[HEADER]) == ("hit", "hit")
    assert '<html lang="ko"' in text(korean)
    assert '<html lang="en"' in text(english)
    assert "Mangwon Small Library" in heading(english)
    assert heading(korean) == "망원 작은도서관"


def test_another_query_string_is_another_page(library, kitchen):
    everything = Client().get("/spaces/")
    assert everything[HEADER] == "miss"
    assert "성수 공유부엌" in text(everything)

    mapo = Client().get("/spaces/?district=mapo")
    assert mapo[HEADER] == "miss"
    assert "망원 작은도서관" in text(mapo)
    assert "성수 공유부엌" not in text(mapo)

    assert Client().get("/spaces/?district=mapo")[HEADER] == "hit"
    assert Client().get("/spaces/")[HEADER] == "hit"


def test_http_and_https_answers_are_cached_apart_and_link_the_public_address(library, settings):
    """Answers hold absolute links, always to the configured public address, however
    the request came; http and https answers are still kept apart."""
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    plain = Client().get("/api/spaces.geojson")
    secure = Client().get("/api/spaces.geojson", secure=True)

    assert plain[HEADER] == "miss"
    assert secure[HEADER] == "miss"
    for answer in (plain, secure):
        assert "https://portal.example.org/spaces/" in text(answer)
        assert "testserver" not in text(answer)
    assert Client().get("/api/spaces.geojson", secure=True)[HEADER] == "hit"


# --- how a hit is sent -----------------------------------------------------------------

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}  # what Chromium sends


def test_a_browser_gets_the_cached_page_compressed_and_other_clients_get_it_plain(library):
    url = url_of(library)
    first = Client().get(url, **BROWSER)
    assert first[HEADER] == "miss"
    assert "Accept-Encoding" in first["Vary"]

    packed = Client().get(url, **BROWSER)
    assert packed[HEADER] == "hit"
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(first.content) / 2
    assert gzip.decompress(packed.content) == first.content
    assert "Accept-Encoding" in packed["Vary"]

    plain = Client().get(url)  # a client that takes no compression
    assert plain[HEADER] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert plain.content == first.content
    assert int(plain["Content-Length"]) == len(first.content)


def test_a_short_answer_is_kept_and_sent_as_it_is(db):
    middleware = PageCacheMiddleware(lambda request: HttpResponse("작은도서관"))
    middleware(RequestFactory().get("/some-page/", **BROWSER))
    hit = middleware(RequestFactory().get("/some-page/", **BROWSER))
    assert hit[HEADER] == "hit"
    assert not hit.has_header("Content-Encoding")
    assert hit.content == "작은도서관".encode()


def test_compressed_map_data_has_a_weak_etag_and_the_same_features(library, make_space):
    for n in range(3):
        make_space(title=f"연남 공유공간 {n}", slug=f"yeonnam-{n}", district="mapo")
    first = Client().get("/api/spaces.geojson", **BROWSER)
    strong = first["ETag"]
    assert not strong.startswith("W/")
    assert len(first.content) > pagecache.COMPRESS_FROM

    packed = Client().get("/api/spaces.geojson", **BROWSER)
    assert packed["Content-Encoding"] == "gzip"
    assert packed["ETag"] == f"W/{strong}"  # the bytes sent are not the plain answer's
    assert json.loads(gzip.decompress(packed.content)) == json.loads(first.content)
    assert Client().get("/api/spaces.geojson")["ETag"] == strong


def test_a_client_holding_the_cached_map_data_is_told_not_modified_from_the_cache(
    library, make_space, django_assert_num_queries
):
    make_space(title="연남 공유공간", slug="yeonnam", district="mapo")
    first = Client().get("/api/spaces.geojson", **BROWSER)
    assert first[HEADER] == "miss"

    held = Client().get("/api/spaces.geojson", **BROWSER)
    assert held[HEADER] == "hit" and held.status_code == 200 and held.content

    with django_assert_num_queries(0):
        again = Client().get(
            "/api/spaces.geojson", headers={"If-None-Match": held["ETag"]}, **BROWSER
        )
    assert again.status_code == 304
    assert again.content == b""
    assert again[HEADER] == "hit"  # so a browser's tools do not keep showing its old "miss"
    changed = Client().get("/api/spaces.geojson", headers={"If-None-Match": 'W/"old"'}, **BROWSER)
    assert changed.status_code == 200 and changed.content == held.content


class CountingCache:
    """The versions' cache, counting the reads the page cache makes."""

    def __init__(self, cache):
        self.cache, self.reads = cache, 0

    def get_many(self, keys):
        self.reads += 1
        return self.cache.get_many(keys)


def test_a_hit_on_a_page_with_free_times_costs_one_cache_read(library, monkeypatch):
    from core import versions

    url = space_day_url(library)
    assert Client().get(url)[HEADER] == "miss"
    reads = CountingCache(versions.cache)
    monkeypatch.setattr(versions, "cache", reads)

    assert Client().get(url)[HEADER] == "hit"
    assert reads.reads == 1  # the entry, the shared versions and the space's bookings


def test_a_process_that_never_saw_the_page_still_notices_a_booking(library, resident, committing):
    """Which versions an entry needs besides the shared ones is only a guess kept by
    each process; another app server without it still checks them all."""
    url = space_day_url(library)
    Client().get(url)
    pagecache._extra_tags.clear()  # as in another process
    assert slots(Client().get(url))["14:00–14:30"] == FREE

    pagecache._extra_tags.clear()
    with committing():
        book(library, resident, "14:00", "15:00")
    pagecache._extra_tags.clear()

    after = Client().get(url)
    assert after[HEADER] == "miss"
    assert slots(after)["14:00–14:30"] == TAKEN


# --- nothing personal -----------------------------------------------------------------


def test_a_logged_in_visitor_never_gets_nor_leaves_a_cached_page(library, resident):
    Client().get("/")  # an anonymous visitor's page is in the cache
    member = Client()
    member.force_login(resident)

    for url in ("/", url_of(library), "/programs/"):
        page = member.get(url)
        assert page.status_code == 200
        assert HEADER not in page  # neither from the cache nor stored
        assert "로그아웃" in text(page) and "마이페이지" in text(page)

    for url in (url_of(library), "/programs/"):  # the member was there first
        anonymous = Client().get(url)
        assert anonymous[HEADER] == "miss"
        assert "로그아웃" not in text(anonymous)
        assert "마이페이지" not in text(anonymous)
        assert "로그인" in text(anonymous)
    home = Client().get("/")
    assert home[HEADER] == "hit"
    assert "로그아웃" not in text(home)


def test_a_page_with_a_csrf_token_is_never_stored(knitting):
    """The program page's register forms hold a CSRF token: each visitor gets a page
    with their own token, never another visitor's."""
    first, second = Client(), Client()
    page_one, page_two = first.get(url_of(knitting)), second.get(url_of(knitting))

    assert HEADER not in page_one and HEADER not in page_two
    assert 'name="csrfmiddlewaretoken"' in text(page_one)
    cookie_one, cookie_two = first.cookies["csrftoken"].value, second.cookies["csrftoken"].value
    assert cookie_one != cookie_two
    token_one = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(page_one))[1]
    assert token_one not in text(page_two)
    assert HEADER not in Client().get(url_of(knitting))


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/en/accounts/login/", "/accounts/signup/", "/admin/login/"]
)
def test_account_and_admin_pages_are_never_cached(url, bilingual_site):
    for _visit in range(2):
        page = Client().get(url)
        assert page.status_code == 200
        assert HEADER not in page


def test_the_admin_and_account_areas_are_never_cached_even_when_redirecting(bilingual_site):
    for url in ("/admin/", "/accounts/bookings/", "/operators/register/", "/healthz/"):
        for _visit in range(2):
            assert HEADER not in Client().get(url)


def test_a_post_is_never_answered_from_nor_stored_in_the_cache(library):
    assert Client().get(url_of(library))[HEADER] == "miss"
    posted = Client().post(url_of(library), {"anything": "1"})
    assert HEADER not in posted
    assert Client().get(url_of(library))[HEADER] == "hit"

    Client().post("/programs/", {"anything": "1"})
    assert Client().get("/programs/")[HEADER] == "miss"  # the POST stored nothing


def with_cookie(request):
    response = HttpResponse("작은도서관")
    response.set_cookie("seen", "1")
    return response


@never_cache
def never_cached(request):
    return HttpResponse("작은도서관")


@cache_control(private=True)
def private(request):
    return HttpResponse("작은도서관")


@cache_control(no_store=True)
def no_store(request):
    return HttpResponse("작은도서관")


def with_csrf_token(request):
    return HttpResponse(f"작은도서관 {get_token(request)}")


def streaming(request):
    return StreamingHttpResponse(iter(["작은도서관"]))


def not_found(request):
    return HttpResponse("작은도서관", status=404)


@pytest.mark.parametrize(
    "view", [with_cookie, never_cached, private, no_store, with_csrf_token, streaming, not_found]
)
def test_answers_that_are_personal_or_not_plain_pages_are_not_stored(view, db):
    calls = []

    def counting_view(request):
        calls.append(request)
        return view(request)

    middleware = PageCacheMiddleware(counting_view)
    for _visit in range(2):
        response = middleware(RequestFactory().get("/some-page/"))
        assert HEADER not in response
    assert len(calls) == 2  # the view answered both visits itself


def test_a_plain_page_is_stored_by_the_same_middleware(db):
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("작은도서관")

    middleware = PageCacheMiddleware(view)
    first = middleware(RequestFactory().get("/some-page/"))
    second = middleware(RequestFactory().get("/some-page/"))
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == "작은도서관".encode()
    assert len(calls) == 1


# --- purges -----------------------------------------------------------------------------


def test_publishing_a_new_title_shows_it_at_once_everywhere(library, story, committing):
    pages = [url_of(library), "/spaces/", "/", f"/en{url_of(library)}", url_of(story)]
    for url in pages:
        Client().get(url)
    assert all(Client().get(url)[HEADER] == "hit" for url in pages)

    with committing():
        library.title = "망원 마을도서관"
        library.save_revision().publish()

    space_page = Client().get(url_of(library))
    assert space_page[HEADER] == "miss"
    assert "망원 마을도서관" in text(space_page)
    assert "망원 작은도서관" not in text(space_page)
    directory = Client().get("/spaces/")
    assert directory[HEADER] == "miss"
    assert "망원 마을도서관" in text(directory)
    # Every other page that may show the title somewhere is built again; a story that
    # does not link to the space stays cached (tests/portal/test_own_fragments.py).
    for url in ("/", f"/en{url_of(library)}"):
        assert Client().get(url)[HEADER] == "miss", url
    assert Client().get(url_of(story))[HEADER] == "hit"


def test_publishing_a_story_shows_its_new_title(story, committing):
    Client().get(url_of(story))
    Client().get("/stories/")
    with committing():
        story.title = "골목 도서관의 봄"
        story.save_revision().publish()

    for url in (url_of(story), "/stories/"):
        page = Client().get(url)
        assert page[HEADER] == "miss"
        assert "골목 도서관의 봄" in text(page)
        assert "골목 도서관의 겨울" not in text(page)


def test_an_unpublished_page_is_gone_not_served_from_the_cache(library, committing):
    assert Client().get(url_of(library)).status_code == 200
    assert Client().get(url_of(library))[HEADER] == "hit"

    with committing():
        library.unpublish()

    gone = Client().get(url_of(library))
    assert gone.status_code == 404
    assert HEADER not in gone
    assert "망원 작은도서관" not in text(Client().get("/spaces/"))


def test_a_page_made_private_is_not_served_from_the_cache(story, committing):
    """Privacy set in the admin ("private, logged-in users only") takes effect at once."""
    from wagtail.models import PageViewRestriction

    url = url_of(story)
    assert Client().get(url)[HEADER] == "miss"
    assert Client().get(url)[HEADER] == "hit"

    with committing():
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    response = Client().get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]  # asked to log in, not shown the story
    assert "골목 도서관의 겨울" not in text(response)


def test_a_publication_rolled_back_leaves_the_page_as_it_was(library, committing):
    """A publication that fails and is rolled back leaves visitors the page they had:
    the versions it bumped when it was made only cost a fresh build of the same page."""
    Client().get(url_of(library))
    with committing(), transaction.atomic():
        library.title = "바뀌지 않은 이름"
        library.save_revision().publish()
        transaction.set_rollback(True)

    page = Client().get(url_of(library))
    assert heading(page) == "망원 작은도서관"
    assert Client().get(url_of(library))[HEADER] == "hit"


def test_a_page_built_while_a_booking_commits_is_never_served_after_it(
    library, resident, committing
):
    """Another visitor's request may build the page between the booking's write and its
    commit, when its database connection still sees the slot free, and store it; once
    the commit returns, that entry is never served: the versions are bumped again."""
    url = space_day_url(library)
    assert Client().get(url)[HEADER] == "miss"
    with committing():
        book(library, resident, "14:00", "15:00")
        # Stands for that visitor (in a test one connection sees the row already).
        assert Client().get(url)[HEADER] == "miss"
    after = Client().get(url)
    assert after[HEADER] == "miss"  # the commit bumped the versions again
    assert slots(after)["14:00–14:30"] == TAKEN


# --- free times and places are never stale ---------------------------------------------


def test_a_booking_shows_its_slots_taken_on_the_next_visit(library, resident, committing):
    url = space_day_url(library)
    before = Client().get(url)
    assert before[HEADER] == "miss"
    assert slots(before)["14:00–14:30"] == FREE
    assert Client().get(url)[HEADER] == "hit"

    with committing():
        booking = book(library, resident, "14:00", "15:00")

    after = Client().get(url)
    assert after[HEADER] == "miss"
    shown = slots(after)
    assert shown["14:00–14:30"] == TAKEN and shown["14:30–15:00"] == TAKEN
    assert shown["15:00–15:30"] == FREE
    english = Client().get(f"/en{url}")
    assert "taken" in text(english)

    with committing():
        from bookings import services

        services.decide(booking, "cancel", by=resident)

    freed = Client().get(url)
    assert freed[HEADER] == "miss"
    assert slots(freed)["14:00–14:30"] == FREE


def test_a_declined_request_frees_its_slots_on_the_next_visit(library, resident, committing):
    from bookings import services

    with committing():
        booking = book(library, resident, "10:00", "11:00")
    url = space_day_url(library)
    assert slots(Client().get(url))["10:00–10:30"] == TAKEN
    assert Client().get(url)[HEADER] == "hit"

    with committing():
        services.decide(booking, "decline", reason="공사 중입니다.")

    page = Client().get(url)
    assert page[HEADER] == "miss"
    assert slots(page)["10:00–10:30"] == FREE


def test_booking_another_space_leaves_this_space_cached(library, kitchen, resident, committing):
    url = space_day_url(library)
    Client().get(url)

    with committing():
        book(kitchen, resident, "14:00", "15:00")

    page = Client().get(url)
    assert page[HEADER] == "hit"
    assert slots(page)["14:00–14:30"] == FREE
    assert slots(Client().get(space_day_url(kitchen)))["14:00–14:30"] == TAKEN


def test_the_directory_by_free_time_is_purged_by_any_booking(
    library, kitchen, resident, committing
):
    url = f"/spaces/?date={DAY.isoformat()}&start=14:00&end=16:00"
    before = Client().get(url)
    assert before[HEADER] == "miss"
    assert "망원 작은도서관" in text(before) and "성수 공유부엌" in text(before)
    assert Client().get(url)[HEADER] == "hit"
    plain = "/spaces/"
    Client().get(plain)

    with committing():
        book(library, resident, "14:00", "15:00")

    after = Client().get(url)
    assert after[HEADER] == "miss"
    assert "망원 작은도서관" not in text(after)
    assert "성수 공유부엌" in text(after)
    assert Client().get(url)[HEADER] == "hit"
    assert Client().get(plain)[HEADER] == "hit"  # no free time shown there: kept

    with committing():  # a booking outside the window still starts a new version
        book(kitchen, resident, "18:00", "19:00")
    assert Client().get(url)[HEADER] == "miss"


def test_the_map_data_by_free_time_is_purged_by_a_booking(library, resident, committing):
    url = f"/api/spaces.geojson?date={DAY.isoformat()}&start=14:00&end=16:00"
    assert "망원 작은도서관" in text(Client().get(url))
    assert Client().get(url)[HEADER] == "hit"

    with committing():
        book(library, resident, "14:00", "15:00")

    after = Client().get(url)
    assert after[HEADER] == "miss"
    assert "망원 작은도서관" not in text(after)


def test_pages_showing_the_time_of_day_are_kept_a_minute_only(library, clock):
    day_page, free_now, plain = space_day_url(library), "/spaces/?free_now=1", "/spaces/"
    for url in (day_page, free_now, plain):
        Client().get(url)
    clock.shift(dt.timedelta(seconds=59))
    assert all(Client().get(url)[HEADER] == "hit" for url in (day_page, free_now, plain))

    clock.shift(dt.timedelta(seconds=2))
    assert Client().get(day_page)[HEADER] == "miss"
    assert Client().get(free_now)[HEADER] == "miss"
    assert Client().get(plain)[HEADER] == "hit"  # kept for PAGE_CACHE_SECONDS


def test_open_now_on_a_space_page_follows_the_clock(make_space, clock):
    """ "Open now" / "Closed now" changes when the space opens, not minutes later."""
    hall = make_space(title="연남 마을회관", opening_hours="Mo-Sa 09:00-21:00")
    url = url_of(hall)
    clock.move_to(NOW - dt.timedelta(seconds=30))  # 08:59:30
    assert "지금은 운영하지 않음" in text(Client().get(url))

    clock.move_to(NOW + dt.timedelta(minutes=1))  # 09:01
    page = Client().get(url)
    assert "지금 운영 중" in text(page)
    assert "지금은 운영하지 않음" not in text(page)


def test_an_unanswered_request_that_expires_frees_the_window_in_the_directory(
    library, resident, committing, clock
):
    """A request nobody answered in time no longer holds its slot, although nothing is
    saved at that moment: the directory filtered by that time shows the space again."""
    saturday = DAY + dt.timedelta(days=3)
    with committing():
        booking = book(library, resident, "14:00", "15:00", day=saturday)
    url = f"/spaces/?date={saturday.isoformat()}&start=14:00&end=16:00"
    clock.move_to(booking.expires_at - dt.timedelta(seconds=30))
    assert "망원 작은도서관" not in text(Client().get(url))
    assert Client().get(url)[HEADER] == "hit"

    clock.move_to(booking.expires_at + dt.timedelta(minutes=1))
    page = Client().get(url)
    assert page[HEADER] == "miss"
    assert "망원 작은도서관" in text(page)


def test_a_registration_changes_the_places_left_on_the_next_visit(knitting, resident, committing):
    from events import services
    from events.models import Occurrence

    listing = Client().get("/programs/")
    assert listing[HEADER] == "miss"
    assert places(listing)[0] == "3자리 남음"
    assert Client().get("/programs/")[HEADER] == "hit"
    assert places(Client().get(url_of(knitting)))[0] == "3자리 남음"
    first = Occurrence.objects.filter(program=knitting).order_by("start").first()

    with committing():
        services.register(resident, first.pk)

    listing = Client().get("/programs/")
    assert listing[HEADER] == "miss"
    assert places(listing)[0] == "2자리 남음"
    assert places(Client().get(url_of(knitting)))[0] == "2자리 남음"
    assert "2 places left" in text(Client().get("/en/programs/"))


def test_a_registration_leaves_pages_that_show_no_places_left_in_the_cache(
    knitting, library, resident, committing
):
    """A space page lists its programs' dates, not places left: a registration renews
    the program pages and listings, not every space page."""
    from events import services
    from events.models import Occurrence

    space_url = url_of(library)
    assert Client().get(space_url)[HEADER] == "miss"
    assert Client().get(space_url)[HEADER] == "hit"
    first = Occurrence.objects.filter(program=knitting).order_by("start").first()

    with committing():
        services.register(resident, first.pk)

    assert Client().get(space_url)[HEADER] == "hit"
    assert places(Client().get(url_of(knitting)))[0] == "2자리 남음"


def test_a_date_that_fills_up_leaves_the_places_left_filter(knitting, committing):
    from events import services
    from events.models import Occurrence

    url = "/programs/?available=1"
    first = Occurrence.objects.filter(program=knitting).order_by("start").first()
    when = timezone.localtime(first.start).isoformat()
    assert when in text(Client().get(url))
    assert Client().get(url)[HEADER] == "hit"

    users = get_user_model().objects
    with committing():
        for n in range(3):
            services.register(users.create_user(f"member{n}", f"m{n}@example.org"), first.pk)

    after = Client().get(url)
    assert after[HEADER] == "miss"
    assert when not in text(after)
