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
``SafeWriter``."""

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


def install():
    """Make Wagtail's CSV exports (every listing and report) write safe cells. The
    column headings are not user text and are written by Wagtail directly."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    write_csv_row = SpreadsheetExportMixin.write_csv_row
    if getattr(write_csv_row, "neutralises", False):
        return

    def safe_write_csv_row(self, writer, row_dict):
        return write_csv_row(self, SafeWriter(writer), row_dict)

    safe_write_csv_row.neutralises = True
    safe_write_csv_row.__doc__ = write_csv_row.__doc__
    SpreadsheetExportMixin.write_csv_row = safe_write_csv_row
