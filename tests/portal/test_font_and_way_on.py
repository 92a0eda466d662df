"""The portal's own font and the ways on from a dead end (issue 20): every page links
Pretendard GOV's subset style sheet, served by the portal (its every file found, as the
manifest storage needs, shown with ``font-display: swap``, allowed by a ``font-src
'self'`` policy); the missing page offers a search and the portal's sections; the
log-in page says what an account is for. Both languages."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

import pytest

FONT_CSS = "vendor/pretendard-gov/pretendardvariable-gov-dynamic-subset.css"
PORTAL_CSS = Path(settings.BASE_DIR) / "static" / "css" / "portal.css"


def font_css():
    path = finders.find(FONT_CSS)
    assert path, f"{FONT_CSS} is not among the static files (npm install?)"
    return Path(path).read_text()


@pytest.mark.parametrize("address", ["/", "/en/", "/accounts/login/", "/no-such-page/"])
def test_every_page_links_the_font_before_the_portal_style_sheet(client, bilingual_site, address):
    html = client.get(address).content.decode()
    font = html.index(f'<link rel="stylesheet" href="/static/{FONT_CSS}">')
    assert font < html.index('<link rel="stylesheet" href="/static/css/portal.css">')


def test_the_font_style_sheet_names_only_files_the_portal_serves():
    css = font_css()
    faces = css.count("@font-face")
    assert faces > 50  # unicode-range subsets: a page fetches only those it shows
    assert css.count("font-display: swap") == faces
    urls = re.findall(r"url\(([^)]+)\)", css)
    assert len(urls) == faces
    folder = FONT_CSS.rsplit("/", 1)[0]
    for url in urls:
        assert url.startswith("./woff2-dynamic-subset/") and url.endswith(".woff2"), url
        # The manifest storage rewrites each url() to the hashed name; a missing file
        # would fail collectstatic.
        assert finders.find(f"{folder}/{url.removeprefix('./')}"), url


def test_the_font_comes_first_and_only_from_the_site():
    tokens = PORTAL_CSS.read_text()
    assert re.search(r'--font: "Pretendard GOV Variable",', tokens)
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["font-src"] == ["'self'"]


@pytest.mark.parametrize(
    "prefix, heading, sections",
    [
        ("", "포털 둘러보기", ["공간 찾기", "프로그램"]),
        ("/en", "Browse the portal", ["Find a space", "Programs"]),
    ],
)
def test_a_missing_page_offers_a_search_and_the_sections(
    client, bilingual_site, prefix, heading, sections
):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    form = re.search(r'<form class="error-page__search[^>]*>', html).group(0)
    assert f'action="{prefix}/search/"' in form and 'method="get"' in form
    assert '<input type="search" id="error-search-q" name="q"' in html
    nav = html.split('class="error-page__sections"')[1].split("</nav>")[0]
    assert f">{heading}</h2>" in nav
    for title in sections:
        assert re.search(rf'<a href="{prefix}/[^"]+/">{title}<', nav), title


@pytest.mark.parametrize(
    "prefix, purpose",
    [
        (
            "",
            "계정이 있으면 공간을 예약하고, 프로그램에 신청하고, 마음에 드는 공간을 저장해 둘 수 있습니다.",
        ),
        (
            "/en",
            "With an account you can book spaces, register for programs and save the spaces you like.",
        ),
    ],
)
def test_the_log_in_page_says_what_an_account_is_for(client, bilingual_site, prefix, purpose):
    html = client.get(f"{prefix}/accounts/login/").content.decode()
    line = html.index(f'<p class="account-purpose">{purpose}</p>')
    assert html.index("<h1>") < line < html.index('<form method="post"')
