"""The directory's results as a CSV file: ``<directory url>results.csv?<the page's
query>`` (``/spaces/results.csv?district=mapo&type=small-library``), linked from the
results header with ``{% results_csv_url %}``.

Every matching space, not just the page of results shown: the directory's own filters
and order (``spaces.directory``), in the columns of the bulk import
(``spaces.importer.COLUMNS``) plus ``url``, so a download edited in a spreadsheet can
be imported again (rows update their space by ``external_id``; a space registered on
the portal has none, and its row cannot be imported). UTF-8 with a byte order mark, so
Excel reads Korean; text a spreadsheet would run as a formula gets a leading quote
(``core.export.SafeWriter``); names of types, districts, amenities and accessibility
features in the download's language (the import takes either).

**Bounded.** The rows are streamed as they are read, ``CHUNK`` spaces a query (the
amenities and accessibility features of a chunk in one query each: the queries grow
with the rows a thousand at a time, never one a row). One file holds at most
``MAX_ROWS`` spaces, as many as one import file may hold; when more match, ``?page=2``
gives the next ones and the answer says so (``Link: <…>; rel="next"`` and
``X-Total-Count``). Each client address may download ``DOWNLOADS_PER_HOUR`` files an
hour (429 after that). A parameter the page would ignore with a notice answers 400:
a file must not silently hold more than was asked for."""

import csv
import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import links, opendata, ratelimit
from core.export import SafeWriter

from .directory import base_queryset, filter_spaces, parse_filters, sort_spaces
from .importer import COLUMNS, MAX_ROWS
from .models import SpaceIndexPage
from .taxonomy_cache import Taxonomies

CHUNK = 1000
DOWNLOADS_PER_HOUR = 30
HEADER = (*COLUMNS, "url")
BOM = "\ufeff"
_PARAGRAPH_END = re.compile(r"</p>\s*<p[^>]*>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def results_csv(request, path=""):
    """``results.csv`` of the directory page at ``path`` (found as Wagtail routes its
    address)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in path.split("/") if part]
    page = site.root_page.localized.specific.route(request, components).page.specific
    if not page.live or not isinstance(page, SpaceIndexPage):
        raise Http404
    if list(page.get_view_restrictions()):
        raise Http404
    filters = parse_filters(request.GET, Taxonomies())
    problems = list(filters.problems)
    number = request.GET.get("page", "1").strip() or "1"
    if not number.isdigit() or not 1 <= int(number) <= 1000:
        problems.append(("page", _("“%(value)s” is not a page number.") % {"value": number[:20]}))
    if problems:
        lines = [_("Some parameters are not valid.")] + [f"{p}: {m}" for p, m in problems]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    if not ratelimit.allow(
        "results-csv", ratelimit.client_address(request), DOWNLOADS_PER_HOUR, 3600
    ):
        response = HttpResponse(
            _("Too many downloads in a short time. Please try again later."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "3600"
        return response
    now = timezone.now()
    spaces = sort_spaces(filter_spaces(base_queryset(request), filters, now), filters)
    total = spaces.count()
    number = int(number)
    start = (number - 1) * MAX_ROWS
    if start and start >= total:
        raise Http404
    chosen = spaces.prefetch_related("amenities", "accessibility")
    rows = chosen[start : start + MAX_ROWS].iterator(chunk_size=CHUNK)
    response = StreamingHttpResponse(
        _lines(rows, Taxonomies(), translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    suffix = f"-{number}" if number > 1 else ""
    response["Content-Disposition"] = f'attachment; filename="spaces-{stamp}{suffix}.csv"'
    response["X-Total-Count"] = str(total)
    link = [f'<{opendata.licence_url()}>; rel="license"']
    if start + MAX_ROWS < total:
        pairs = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
        query = urlencode([*pairs, ("page", number + 1)])
        link.append(f'<{links.absolute(request.path)}?{query}>; rel="next"')
    response["Link"] = ", ".join(link)
    response["Cache-Control"] = "private, no-store"  # rate limited: never from a cache
    return response


class _Line:
    """A file-like object ``csv.writer`` writes one line into at a time."""

    def write(self, text):
        return text


def _lines(spaces, taxonomies, language):
    """The file's lines, written while the response is sent (in the request's language:
    names and links)."""
    writer = SafeWriter(csv.writer(_Line()))
    yield BOM + writer.writerow(HEADER)
    with translation.override(language):
        for space in spaces:
            yield writer.writerow(_row(space, taxonomies))


def _row(space, taxonomies):
    space_type = taxonomies.type(space.space_type_id)
    district = taxonomies.district(space.district_id)
    return [
        space.external_id or "",
        space.title,
        space.name_en,
        space_type.label if space_type else "",
        district.label if district else "",
        space.address,
        "" if space.latitude is None else space.latitude,
        "" if space.longitude is None else space.longitude,
        "" if space.capacity is None else space.capacity,
        space.operator_name,
        space.operator_kind,
        space.phone,
        space.email,
        space.website,
        space.opening_hours,
        "; ".join(term.label for term in space.amenities.all()),
        "; ".join(term.label for term in space.accessibility.all()),
        plain_text(space.description),
        "yes" if space.bookable else "no",
        links.page_url(space) or "",
    ]


def plain_text(html):
    """The description as the import reads it back (``importer.plain_text_to_html``):
    paragraphs apart by a blank line, line breaks kept."""
    from html import unescape

    text = _PARAGRAPH_END.sub("\n\n", html or "")
    text = _LINE_BREAK.sub("\n", text)
    return unescape(_TAG.sub("", text)).strip()
