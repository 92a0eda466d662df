"""Spreadsheets the portal writes open as data, never as formulas (CSV injection).

Residents, operators and people proposing a space type the text that staff later export
and open in Excel, LibreOffice or Google Sheets: a booking's purpose, a username, a
campaign entry, a program's or a space's title. Those programs read a CSV cell that
starts with ``=``, ``+``, ``-`` or ``@`` (also after a tab, a carriage return or a line
feed) as a formula: ``=HYPERLINK(…)`` sends a click to any site, DDE formulas start
programs. As OWASP advises, such a text cell is written with a leading single quote,
which makes it text; numbers, dates and times are not text and are written as they are.
XLSX exports need nothing: Wagtail already stores formula-looking cells as strings.

Every CSV the portal writes comes from Wagtail's ``SpreadsheetExportMixin``: the snippet
listings' exports (bookings, registrations, campaign entries, space operators) and
Wagtail's own reports (site history, aging and locked pages, workflows), whose page
titles anyone proposing a space can choose. ``install()``, run once by ``core``'s app
config, makes that mixin's ``write_csv_row`` hand every row through ``neutralise``, so
no listing has to remember to; a CSV writer of our own wraps its writer in
``SafeWriter``.

**Read by people, in Seoul.** The same patch point makes every such export readable as
staff read the admin, not as the database stores it: a field with choices gives its
label in the active language ("확정", not ``confirmed``), a date and time is Seoul's
wall-clock time ("2026-12-24 19:00", not ``2026-12-24 10:00:00+00:00``; an XLSX cell is
a real date-time in Seoul time, where Wagtail would write UTC), and a CSV starts with a
UTF-8 byte order mark, without which Excel reads Korean as mojibake. Wagtail's own
hooks for this are per view (``to_row_dict``, ``custom_value_preprocess``); patching
the mixin once covers every listing and report, present and future."""

import codecs
import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

SEOUL = zoneinfo.ZoneInfo(settings.TIME_ZONE)  # the portal's one time zone, Asia/Seoul
TIME_FORMAT = "%Y-%m-%d %H:%M"  # CSV text
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"  # Excel's number format for the same

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """``value`` as a spreadsheet should show it: text that would start a formula gets a
    leading single quote; anything else (numbers, dates, ordinary text) is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` or ``csv.DictWriter`` whose rows pass through ``neutralise``."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        if isinstance(row, dict):
            return self.writer.writerow({key: neutralise(value) for key, value in row.items()})
        return self.writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    def __getattr__(self, name):
        return getattr(self.writer, name)


def seoul_time(value):
    """A date-time as Seoul wall-clock text, to the minute."""
    if value.tzinfo is not None:
        value = value.astimezone(SEOUL)
    return value.strftime(TIME_FORMAT)


def seoul_naive(value):
    """A date-time as a naive Seoul time, which a spreadsheet cell can hold."""
    if value.tzinfo is not None:
        value = value.astimezone(SEOUL).replace(tzinfo=None)
    return value


def choice_label(item, path):
    """The label of the choice field that ``path`` (dotted, as in ``list_export``)
    names on ``item``, or None when it names no field with choices."""
    *steps, name = path.split(".")
    for step in steps:
        item = getattr(item, step, None)
    meta = getattr(item, "_meta", None)
    if meta is None:
        return None
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:  # a property or a method: not a choice
        return None
    if not getattr(field, "choices", None) or field.is_relation:
        return None
    return item._get_FIELD_display(field)


def _in_language(language, chunks):
    """Run a streamed response's generator in the language the view ran in (a
    streamed body is written after the view and Wagtail's language override return)."""
    chunks = iter(chunks)
    while True:
        with translation.override(language):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


def install():
    """Make Wagtail's spreadsheet exports (every listing and report) write safe cells,
    choice labels, Seoul times and, for CSV, a byte order mark. The column headings are
    not user text and are written by Wagtail directly."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin as Mixin

    if getattr(Mixin, "portal_exports", False):
        return
    write_csv_row = Mixin.write_csv_row
    to_row_dict = Mixin.to_row_dict
    stream_csv = Mixin.stream_csv
    generate_xlsx_row = Mixin.generate_xlsx_row

    def safe_write_csv_row(self, writer, row_dict):
        return write_csv_row(self, SafeWriter(writer), row_dict)

    def labelled_row_dict(self, item):
        row = to_row_dict(self, item)
        for field in row:
            label = choice_label(item, field)
            if label is not None:
                row[field] = label
        return row

    def stream_csv_with_bom(self, queryset):
        def chunks():
            yield codecs.BOM_UTF8
            yield from stream_csv(self, queryset)

        return _in_language(translation.get_language(), chunks())

    def seoul_xlsx_row(self, worksheet, row_dict, date_format=None):
        return generate_xlsx_row(self, worksheet, row_dict, date_format=XLSX_TIME_FORMAT)

    for patched, original in (
        (safe_write_csv_row, write_csv_row),
        (labelled_row_dict, to_row_dict),
        (stream_csv_with_bom, stream_csv),
        (seoul_xlsx_row, generate_xlsx_row),
    ):
        patched.__doc__ = original.__doc__
    Mixin.write_csv_row = safe_write_csv_row
    Mixin.to_row_dict = labelled_row_dict
    Mixin.stream_csv = stream_csv_with_bom
    Mixin.generate_xlsx_row = seoul_xlsx_row
    Mixin.custom_value_preprocess = {
        **Mixin.custom_value_preprocess,
        dt.datetime: {Mixin.FORMAT_CSV: seoul_time, Mixin.FORMAT_XLSX: seoul_naive},
    }
    Mixin.portal_exports = True
