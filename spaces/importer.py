"""Bulk import of community spaces from a spreadsheet: a UTF-8 CSV file or the first
sheet of an XLSX workbook, one space a row under a header row (see ``COLUMNS``).

Used by ``manage.py import_spaces`` and by the staff upload form in the admin; both
show the same ``ImportReport``. Every row is checked first and each problem reported
with its spreadsheet row number (the header is row 1) and column; then the valid rows
are saved batch by batch through ``spaces.bulk.save_spaces`` (create by external_id or
update the page as a new revision), one transaction a batch, inside ``bulk_saving()`` so
the search and reference indexes are updated once at the end. A batch the database
refuses is saved again row by row, so only the row at fault is reported."""

import csv
import datetime as dt
import io
import logging
import math
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spaces import geo, hours
from spaces.bulk import Outcome, SpaceItem, save_spaces
from spaces.models import AccessibilityFeature, Amenity, District, SpacePage, SpaceType
from spaces.models.pages import OperatorKind
from spaces.services import bulk_saving, directory, save_space

logger = logging.getLogger(__name__)

COLUMNS = (
    "external_id",
    "name",
    "name_en",
    "space_type",
    "district",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "operator_name",
    "operator_kind",
    "phone",
    "email",
    "website",
    "opening_hours",
    "amenities",
    "accessibility",
    "description",
    "bookable",
)
REQUIRED_COLUMNS = ("external_id", "name", "space_type", "district", "address")
EXTENSIONS = (".csv", ".xlsx")
BATCH_SIZE = 200  # rows saved per transaction
MAX_ROWS = 50_000  # data rows per file

# Column -> model field, where they differ.
FIELD_OF_COLUMN = {"name": "title"}
COLUMN_OF_FIELD = {"title": "name", "location": "latitude/longitude"}
# Optional plain text columns, stored as they are (within the field's max_length).
TEXT_COLUMNS = ("name_en", "operator_name", "phone")

TRUE_WORDS = {"yes", "y", "true", "1", "예", "네", "o"}
FALSE_WORDS = {"no", "n", "false", "0", "아니오", "아니요", "x"}
OPERATOR_KINDS = {
    "public": OperatorKind.PUBLIC,
    "공공": OperatorKind.PUBLIC,
    "private": OperatorKind.PRIVATE,
    "민간": OperatorKind.PRIVATE,
}

TERM_MODELS = {
    "space_type": SpaceType,
    "district": District,
    "amenities": Amenity,
    "accessibility": AccessibilityFeature,
}

XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, no header, missing columns)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number, the header being row 1
    column: str  # "" when the problem is not one column's
    message: str

    def __str__(self):
        if self.column:
            return _("row %(row)d, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    filename: str = ""
    dry_run: bool = False
    as_drafts: bool = False
    rows: int = 0  # data rows read (blank rows are skipped)
    file_errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # RowError
    created: list = field(default_factory=list)  # (row, external_id)
    updated: list = field(default_factory=list)
    seconds: float = 0.0  # time taken by SpaceImporter.run

    def add_error(self, row, column, message):
        self.errors.append(RowError(row, column, str(message)))

    @property
    def failed_rows(self):
        return sorted({error.row for error in self.errors})

    @property
    def imported(self):
        return len(self.created) + len(self.updated)

    @property
    def ok(self):
        return not self.file_errors and not self.errors

    def sorted_errors(self):
        order = {column: index for index, column in enumerate(COLUMNS)}
        order["latitude/longitude"] = order["latitude"]
        return sorted(self.errors, key=lambda e: (e.row, e.column != "", order.get(e.column, 99)))

    def summary(self):
        if self.file_errors:
            return _("The file was not imported: %(reason)s") % {
                "reason": " ".join(self.file_errors)
            }
        counts = {
            "count": self.imported,
            "created": len(self.created),
            "updated": len(self.updated),
        }
        if self.dry_run:
            text = ngettext(
                "dry run: %(count)d row would be imported (%(created)d created, %(updated)d updated)",
                "dry run: %(count)d rows would be imported (%(created)d created, %(updated)d updated)",
                self.imported,
            )
        elif self.as_drafts:
            text = ngettext(
                "imported %(count)d row as drafts (%(created)d created, %(updated)d updated)",
                "imported %(count)d rows as drafts (%(created)d created, %(updated)d updated)",
                self.imported,
            )
        else:
            text = ngettext(
                "imported %(count)d row (%(created)d created, %(updated)d updated)",
                "imported %(count)d rows (%(created)d created, %(updated)d updated)",
                self.imported,
            )
        parts = [text % counts]
        failed = len(self.failed_rows)
        if failed:
            parts.append(
                ngettext("%(count)d row failed", "%(count)d rows failed", failed)
                % {"count": failed}
            )
        summary = ", ".join(parts)
        if self.dry_run:
            summary += _("; nothing was saved")
        return summary


# --- reading the file ---------------------------------------------------------------


def read_table(content, filename):
    """(header, rows) from the bytes of a .csv or .xlsx file: the header's cells and a
    list of (row number, cells) with every cell a stripped string; blank rows are left
    out. Raises ImportFileError when the file cannot be read."""
    extension = PurePath(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not content:
        raise ImportFileError(_("The file is empty."))
    table = _read_xlsx(content) if extension == ".xlsx" else _read_csv(content)
    rows = iter(table)
    header = next(rows, None)
    if header is None or not any(header):
        raise ImportFileError(_("The file has no header row in its first line."))
    body = []
    for number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        if len(body) == MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(count)d rows; split it into smaller files.")
                % {"count": MAX_ROWS}
            )
        body.append((number, cells))
    return header, body


def _read_csv(content):
    if content.startswith(XLSX_MAGIC):
        raise ImportFileError(
            _("The file is an Excel workbook, not a CSV file: upload it with the .xlsx extension.")
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 CSV (byte %(position)d cannot be read as UTF-8). "
                "In Excel, save it as “CSV UTF-8 (comma delimited)”."
            )
            % {"position": error.start + 1}
        ) from error
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV text file (it contains binary data)."))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield [cell.strip() for cell in row]
    except csv.Error as error:
        raise ImportFileError(
            _("The file could not be read as CSV (line %(line)d).") % {"line": reader.line_num}
        ) from error


def _read_xlsx(content):
    from openpyxl import load_workbook

    if not content.startswith(XLSX_MAGIC):
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise ImportFileError(_("The workbook has no sheet."))
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(value) for value in row]
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        raise ImportFileError(_("The file is not a readable Excel workbook (.xlsx).")) from error
    except Exception as error:  # openpyxl raises many kinds of errors on broken files
        logger.warning("Unreadable workbook: %r", error)
        raise ImportFileError(_("The file is not a readable Excel workbook (.xlsx).")) from error


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


# --- checking rows ------------------------------------------------------------------


def plain_text_to_html(text):
    """Rich text from plain text: paragraphs (split at blank lines) as <p>, single line
    breaks as <br/>, everything escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


class RowChecker:
    """Turns a row's cells into ``save_space`` data and a list of (column, message)
    problems. Only the columns the file has are set, so a column left out of the file
    leaves that field of an existing space alone; an empty cell clears it."""

    LIMITED = (*TEXT_COLUMNS, "external_id", "name", "address", "email", "website", "opening_hours")

    def __init__(self, columns):
        columns = set(columns)
        if "longitude" in columns:
            columns.add("latitude")  # the point is checked once, with both columns
        cleaners = {
            "space_type": self._clean_term,
            "district": self._clean_term,
            "amenities": self._clean_terms,
            "accessibility": self._clean_terms,
            "latitude": self._clean_point,
            "capacity": self._clean_capacity,
            "operator_kind": self._clean_operator_kind,
            "email": self._clean_email,
            "website": self._clean_website,
            "opening_hours": self._clean_opening_hours,
            "description": self._clean_description,
            "bookable": self._clean_bookable,
        }
        self._cleaners = [
            (column, cleaners.get(column, self._clean_text))
            for column in COLUMNS
            if column in columns and column != "longitude"
        ]
        self._terms = {}
        self._allowed = {}
        self._email = EmailValidator()
        self._url = URLValidator(schemes=["http", "https"])
        self._max_length = {
            column: SpacePage._meta.get_field(FIELD_OF_COLUMN.get(column, column)).max_length
            for column in self.LIMITED
        }

    def check(self, cells):
        data, errors = {}, []

        def fail(column, message):
            errors.append((column, str(message)))

        for column, clean in self._cleaners:
            clean(column, cells, data, fail)
        return data, errors

    # --- one column each ------------------------------------------------------------

    def _clean_text(self, column, cells, data, fail):
        value = cells.get(column, "")
        if not value and column in REQUIRED_COLUMNS:
            fail(column, _("a value is required"))
        elif not self._too_long(column, value, fail):
            data[FIELD_OF_COLUMN.get(column, column)] = value

    def _clean_term(self, column, cells, data, fail):
        model = TERM_MODELS[column]
        value = cells.get(column, "")
        if not value:
            fail(column, _("a value is required"))
        elif (term := self._term(model, value)) is None:
            fail(column, self._unknown(model, value))
        else:
            data[column] = term

    def _clean_terms(self, column, cells, data, fail):
        model = TERM_MODELS[column]
        terms = []
        for value in cells.get(column, "").split(";"):
            value = value.strip()
            if not value:
                continue
            term = self._term(model, value)
            if term is None:
                fail(column, self._unknown(model, value))
            elif term not in terms:
                terms.append(term)
        data[column] = terms

    def _clean_point(self, column, cells, data, fail):
        texts = {name: cells.get(name, "") for name in ("latitude", "longitude")}
        if not texts["latitude"] and not texts["longitude"]:
            data.update(latitude=None, longitude=None, location="")
            return
        numbers = {}
        for name, text in texts.items():
            if not text:
                fail(name, _("give both latitude and longitude, or neither"))
                continue
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                number = math.nan
            if math.isfinite(number):
                numbers[name] = number
            else:
                fail(name, _("“%(value)s” is not a number") % {"value": text})
        if len(numbers) < 2:
            return
        latitude, longitude = numbers["latitude"], numbers["longitude"]
        if not geo.in_seoul(latitude, longitude):
            south, west, north, east = geo.SEOUL_BOUNDS
            fail(
                "latitude/longitude",
                _(
                    "the point %(latitude)s, %(longitude)s is outside Seoul "
                    "(latitude %(south)s–%(north)s, longitude %(west)s–%(east)s)"
                )
                % {
                    "latitude": texts["latitude"],
                    "longitude": texts["longitude"],
                    "south": south,
                    "north": north,
                    "west": west,
                    "east": east,
                },
            )
            return
        # The map point string wins over the float columns when the page is saved, so
        # it must change with them.
        data.update(
            latitude=latitude,
            longitude=longitude,
            location=geo.point_string(latitude, longitude),
        )

    def _clean_capacity(self, column, cells, data, fail):
        value = cells.get(column, "")
        if not value:
            data[column] = None
        elif (number := _positive_int(value)) is None:
            fail(column, _("“%(value)s” is not a positive whole number") % {"value": value})
        else:
            data[column] = number

    def _clean_operator_kind(self, column, cells, data, fail):
        value = cells.get(column, "")
        if not value:
            data[column] = OperatorKind.PUBLIC
        elif value.lower() in OPERATOR_KINDS:
            data[column] = OPERATOR_KINDS[value.lower()]
        else:
            fail(
                column,
                _("“%(value)s” is not an operator kind — allowed: public, private (공공, 민간)")
                % {"value": value},
            )

    def _clean_email(self, column, cells, data, fail):
        value = cells.get(column, "")
        if self._too_long(column, value, fail):
            return
        try:
            if value:
                self._email(value)
        except ValidationError:
            fail(column, _("“%(value)s” is not a valid e-mail address") % {"value": value})
        else:
            data[column] = value

    def _clean_website(self, column, cells, data, fail):
        value = cells.get(column, "")
        url = f"https://{value}" if value and "://" not in value else value
        if self._too_long(column, url, fail):
            return
        try:
            if url:
                self._url(url)
        except ValidationError:
            fail(column, _("“%(value)s” is not a valid web address") % {"value": value})
        else:
            data[column] = url

    def _clean_opening_hours(self, column, cells, data, fail):
        value = cells.get(column, "")
        if self._too_long(column, value, fail):
            return
        try:
            if value:
                hours.parse(value)
        except ValidationError as error:
            fail(column, " ".join(str(message) for message in error.messages))
        else:
            data[column] = value

    def _clean_description(self, column, cells, data, fail):
        data[column] = plain_text_to_html(cells.get(column, ""))

    def _clean_bookable(self, column, cells, data, fail):
        value = cells.get(column, "").lower()
        if not value or value in FALSE_WORDS:
            data[column] = False
        elif value in TRUE_WORDS:
            data[column] = True
        else:
            fail(
                column,
                _("“%(value)s” is not yes or no — allowed: yes, no, 예, 아니오, true, false, 1, 0")
                % {"value": cells[column]},
            )

    # --- helpers --------------------------------------------------------------------

    def _too_long(self, column, value, fail):
        limit = self._max_length.get(column)
        if limit and len(value) > limit:
            fail(
                column,
                _("is too long: %(length)d characters, at most %(limit)d")
                % {"length": len(value), "limit": limit},
            )
            return True
        return False

    def _term(self, model, value):
        key = (model, value)
        if key not in self._terms:
            self._terms[key] = model.objects.matching(value).first()
        return self._terms[key]

    def _unknown(self, model, value):
        if model not in self._allowed:
            self._allowed[model] = model.allowed_values()
        if model is SpaceType:
            message = _("unknown space type “%(value)s” — allowed: %(allowed)s")
        elif model is District:
            message = _("unknown district “%(value)s” — allowed: %(allowed)s")
        elif model is Amenity:
            message = _("unknown amenity “%(value)s” — allowed: %(allowed)s")
        else:
            message = _("unknown accessibility feature “%(value)s” — allowed: %(allowed)s")
        return message % {"value": value, "allowed": self._allowed[model]}


def _positive_int(text):
    text = text.replace(",", "").replace(" ", "")
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        return None
    if isinstance(number, float):
        if not number.is_integer():
            return None
        number = int(number)
    if number <= 0 or number > 2_147_483_647:
        return None
    return number


def describe_error(error):
    """A one-line, column-named description of an exception raised while saving."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{COLUMN_OF_FIELD.get(name, name)}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or error.__class__.__name__


# --- the import -----------------------------------------------------------------------


class _NoProgress:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        pass

    def close(self):
        pass


class SpaceImporter:
    """Check every row of a spreadsheet, then save the valid ones.

    ``progress`` is a tqdm-like factory, called as ``progress(total=…, desc=…)``; the
    object it returns is used as a context manager with ``update(n)``."""

    def __init__(
        self,
        *,
        dry_run=False,
        as_drafts=False,
        user=None,
        batch_size=BATCH_SIZE,
        progress=None,
    ):
        self.dry_run = dry_run
        self.as_drafts = as_drafts
        self.user = user
        self.batch_size = max(1, batch_size)
        self.progress = progress or _NoProgress

    def run(self, content, filename):
        """Import the file's bytes; returns an ImportReport (never raises for bad input)."""
        started = time.monotonic()
        report = ImportReport(filename=filename, dry_run=self.dry_run, as_drafts=self.as_drafts)
        try:
            self._run(content, filename, report)
        finally:
            report.seconds = time.monotonic() - started
        return report

    def _run(self, content, filename, report):
        try:
            header, rows = read_table(content, filename)
            columns = self._columns(header, report)
        except ImportFileError as error:
            report.file_errors.append(error.message)
            return
        report.rows = len(rows)
        if not rows:
            report.file_errors.append(_("The file has a header row but no data rows."))
            return
        valid = self.check_rows(columns, rows, report)
        if self.dry_run:
            self._predict(valid, report)
        elif valid:
            self._save(valid, report)

    def _columns(self, header, report):
        """Column name (or None, ignored) for each position of the header."""
        names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
        seen = set()
        unknown = []
        columns = []
        for name in names:
            if not name:
                columns.append(None)
            elif name in seen:
                raise ImportFileError(
                    _("The column “%(column)s” appears more than once in the header.")
                    % {"column": name}
                )
            elif name not in COLUMNS:
                unknown.append(name)
                columns.append(None)
            else:
                columns.append(name)
            seen.add(name)
        missing = [name for name in REQUIRED_COLUMNS if name not in seen]
        if missing:
            message = _(
                "Required columns are missing: %(columns)s. The header row must name at "
                "least: %(required)s."
            ) % {"columns": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
            if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
                message += " " + _("Separate the columns with commas (“,”).")
            raise ImportFileError(message)
        if unknown:
            report.warnings.append(
                _("Unknown columns were ignored: %(columns)s. Known columns: %(known)s.")
                % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
            )
        return columns

    def check_rows(self, columns, rows, report):
        """[(row number, data)] of the rows without problems; problems go to the report."""
        checker = RowChecker(c for c in columns if c)
        records = []
        for number, cells in rows:
            named = {
                column: value
                for column, value in zip(columns, cells, strict=False)
                if column is not None
            }
            records.append((number, named))

        by_id = {}
        for number, named in records:
            external_id = named.get("external_id", "")
            if external_id:
                by_id.setdefault(external_id, []).append(number)
        duplicates = {key: numbers for key, numbers in by_id.items() if len(numbers) > 1}

        valid = []
        for number, named in records:
            data, errors = checker.check(named)
            numbers = duplicates.get(named.get("external_id", ""))
            if numbers:
                errors.insert(
                    0,
                    (
                        "external_id",
                        _("“%(value)s” appears more than once in the file (rows %(rows)s)")
                        % {
                            "value": named["external_id"],
                            "rows": ", ".join(str(n) for n in numbers),
                        },
                    ),
                )
            for column, message in errors:
                report.add_error(number, column, message)
            if not errors:
                valid.append((number, data))
                if "latitude" in data and data["latitude"] is None:
                    # Allowed (a place may not be surveyed yet), but it will be missing
                    # from the map and from "near" searches: said per row.
                    report.warnings.append(
                        _(
                            "row %(row)d: no latitude/longitude, so this space will not be "
                            "on the map or found by distance"
                        )
                        % {"row": number}
                    )
        return valid

    def _existing_ids(self, external_ids):
        existing = set()
        external_ids = list(external_ids)
        for start in range(0, len(external_ids), 500):
            existing.update(
                SpacePage.objects.filter(
                    external_id__in=external_ids[start : start + 500]
                ).values_list("external_id", flat=True)
            )
        return existing

    def _predict(self, valid, report):
        existing = self._existing_ids(data["external_id"] for _number, data in valid)
        for number, data in valid:
            target = report.updated if data["external_id"] in existing else report.created
            target.append((number, data["external_id"]))

    def _save(self, valid, report):
        parent = directory()
        if parent is None:
            report.file_errors.append(
                _("There is no space directory page to put spaces under: create it first.")
            )
            return
        publish = not self.as_drafts
        with (
            self.progress(total=len(valid), desc=_("Importing spaces")) as progress,
            bulk_saving(progress=self.progress),
        ):
            for start in range(0, len(valid), self.batch_size):
                batch = valid[start : start + self.batch_size]
                try:
                    outcomes = save_spaces(
                        [SpaceItem(data=data, key=number) for number, data in batch],
                        parent=parent,
                        publish=publish,
                        user=self.user,
                    )
                except Exception:
                    # The batch was rolled back as a whole (the database refused it, or
                    # one row failed deep in saving); save its rows one by one so that
                    # only the row at fault is reported.
                    logger.exception("Import batch from row %s rolled back", batch[0][0])
                    outcomes = self._save_one_by_one(batch, parent, publish)
                for outcome in outcomes:
                    number = outcome.key
                    if outcome.error is not None:
                        logger.info("Import row %s not saved: %r", number, outcome.error)
                        report.add_error(
                            number,
                            "",
                            _("not saved: %(reason)s") % {"reason": describe_error(outcome.error)},
                        )
                    else:
                        target = report.created if outcome.created else report.updated
                        target.append((number, outcome.page.external_id))
                progress.update(len(batch))

    def _save_one_by_one(self, batch, parent, publish):
        outcomes = []
        for number, data in batch:
            outcome = Outcome(key=number)
            try:
                with transaction.atomic():
                    outcome.page, outcome.created = save_space(
                        data, parent=parent, publish=publish, user=self.user
                    )
            except Exception as error:  # reported on its row; the rest go on
                outcome.error = error
            outcomes.append(outcome)
        return outcomes


def import_file(content, filename, **options):
    """Shortcut: ``SpaceImporter(**options).run(content, filename)``."""
    return SpaceImporter(**options).run(content, filename)
