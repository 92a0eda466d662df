"""One public address (``PORTAL_BASE_URL``): the default Site record — so the sitemap's
addresses — takes its host name and port from it, as every e-mail link does."""

from django.test import Client

from wagtail.models import Site

from core import links
from home import demo as home_demo
from home.site import ensure_site


def test_the_site_record_takes_its_host_from_the_base_url(home, settings):
    settings.PORTAL_BASE_URL = "https://example.seoul.kr"

    ensure_site()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("example.seoul.kr", 443)
    assert site.root_url == "https://example.seoul.kr"
    body = Client(HTTP_HOST="example.seoul.kr").get("/sitemap.xml").content.decode()
    assert "<loc>https://example.seoul.kr/</loc>" in body
    assert "localhost" not in body


def test_the_demos_site_is_at_the_laptop_address_not_localhost_80(demo_ctx, settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"

    home_demo.load_site(demo_ctx)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_url == settings.PORTAL_BASE_URL
    assert demo_ctx.home.full_url == "http://127.0.0.1:8000/"


def test_a_base_url_with_a_path_or_another_scheme_is_refused():
    assert links.problems("https://portal.seoul.kr") == []
    assert links.problems("http://127.0.0.1:8000") == []
    assert links.problems("https://portal.seoul.kr/portal/")
    assert links.problems("ftp://portal.seoul.kr")
    assert links.problems("https://portal.seoul.kr:8443")  # the Site record says http then
