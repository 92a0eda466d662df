"""The page cache's front door (``core.pagecache.FrontDoor``, the WSGI application
gunicorn serves): a stored anonymous page is answered before Django handles the
request at all, and everything else reaches Django as before, looked up once."""

import io
import sys

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client, override_settings

import pytest

from core import pagecache, versions

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


class CountingApp:
    """Django's WSGI application, counting the requests that reach it."""

    def __init__(self):
        self.django, self.calls = get_wsgi_application(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def door():
    """The front door around Django's application. As Django's test client does, the
    test's database connection stays open across requests (it holds the test's data in
    a transaction)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield pagecache.FrontDoor(CountingApp())
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def get(application, path, query="", **headers):
    """One request as gunicorn hands it over: (status, headers, body). The path is
    given as WSGI gives it: its UTF-8 bytes read as Latin-1."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode().decode("iso-8859-1"),
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return answer["status"], answer["headers"], body


def test_gunicorn_serves_the_front_door():
    from portal.wsgi import application

    assert isinstance(application, pagecache.FrontDoor)


def test_a_stored_page_is_answered_before_django_handles_the_request(
    door, library, django_assert_max_num_queries
):
    started = []

    def count(**kwargs):
        started.append(1)

    status, headers, first = get(door, "/spaces/")
    assert (status, headers[HEADER], door.application.calls) == ("200 OK", "miss", 1)
    assert "망원 작은도서관" in first.decode()

    request_started.connect(count)
    try:
        with django_assert_max_num_queries(0):
            status, headers, second = get(door, "/spaces/", query="utm_source=mail")
    finally:
        request_started.disconnect(count)
    assert (status, headers[HEADER]) == ("200 OK", "hit")
    assert second == first and headers["Content-Length"] == str(len(second))
    assert door.application.calls == 1 and not started  # Django never saw it
    assert "Content-Security-Policy" in headers  # the headers the page was built with


def test_a_miss_is_looked_up_once(door, library, monkeypatch):
    reads = []
    real = versions.cache.get_many

    def get_many(keys):
        reads.append(keys)
        return real(keys)

    monkeypatch.setattr(versions.cache, "get_many", get_many)
    status, headers, _body = get(door, "/spaces/")
    assert (status, headers[HEADER]) == ("200 OK", "miss")
    page_reads = [keys for keys in reads if keys and str(keys[0]).startswith("page:")]
    assert len(page_reads) == 1


def test_a_browser_gets_it_compressed_and_a_client_holding_it_not_modified(door, library):
    get(door, "/spaces/")
    status, headers, _body = get(door, "/spaces/", accept_encoding="gzip, br")
    assert (status, headers["Content-Encoding"], headers[HEADER]) == ("200 OK", "gzip", "hit")

    get(door, "/api/spaces.geojson")
    status, headers, _body = get(door, "/api/spaces.geojson")
    status, headers, body = get(door, "/api/spaces.geojson", if_none_match=headers["ETag"])
    assert (status, body, headers[HEADER]) == ("304 Not Modified", b"", "hit")
    assert door.application.calls == 2  # each address built once


def test_a_logged_in_visitor_goes_past_the_door(door, library):
    from django.conf import settings

    get(door, "/spaces/")
    status, headers, _body = get(door, "/spaces/", cookie=f"{settings.SESSION_COOKIE_NAME}=x")
    assert status == "200 OK" and HEADER not in headers
    assert door.application.calls == 2


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_an_unknown_host_is_refused_by_django(door, library):
    get(door, "/spaces/")
    status, _headers, _body = get(door, "/spaces/", host="evil.example")
    assert status.startswith("400")
    assert door.application.calls == 2


def test_when_the_cache_cannot_be_read_django_answers(door, library, monkeypatch):
    assert Client().get("/spaces/")[HEADER] == "miss"

    def unreachable(environ):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache.FrontDoor, "_hit", staticmethod(unreachable))
    status, headers, body = get(door, "/spaces/")
    assert (status, headers[HEADER]) == ("200 OK", "hit")  # from the middleware's lookup
    assert door.application.calls == 1 and "망원 작은도서관" in body.decode()


def test_an_address_in_korean_is_built_then_served_from_the_cache(door, library):
    from urllib.parse import unquote

    from django.utils import translation

    with translation.override("ko"):
        path = unquote(library.url)  # /spaces/망원-작은도서관/
    assert not path.isascii()

    status, headers, first = get(door, path)
    assert (status, headers[HEADER]) == ("200 OK", "miss")
    status, headers, second = get(door, path)
    assert (status, headers[HEADER], second) == ("200 OK", "hit", first)
    assert "망원 작은도서관" in second.decode()


def test_the_query_the_cache_dropped_is_not_what_the_view_reads(door, library):
    status, headers, body = get(door, "/spaces/", query="utm_source=mail&district=mapo")
    assert (status, headers[HEADER]) == ("200 OK", "miss")
    status, headers, again = get(door, "/spaces/", query="district=mapo")
    assert (headers[HEADER], again) == ("hit", body)  # the same entry: junk was dropped
