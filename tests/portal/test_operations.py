"""Endpoints for machines: health check, robots.txt, sitemap."""

from unittest import mock

from django.db import OperationalError


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_pages_in_both_languages(client, bilingual_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ["/", "/spaces/", "/programs/", "/en/", "/en/spaces/", "/en/programs/"]:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_sitemap_leaves_out_drafts(client, bilingual_site):
    from spaces.models import SpaceIndexPage

    SpaceIndexPage.objects.filter(locale__language_code="en").update(live=False)
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/en/spaces/</loc>" not in body
    assert "<loc>http://testserver/spaces/</loc>" in body


def test_admin_is_at_admin(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
