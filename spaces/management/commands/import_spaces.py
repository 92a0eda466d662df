"""``manage.py import_spaces FILE.csv|FILE.xlsx [--dry-run] [--as-drafts]``

Checks every row first and prints each problem with its row number and column, then
creates or updates (by external_id) the valid rows' space pages, published unless
``--as-drafts``. ``--dry-run`` only checks and tells what would change. Exits with
status 1 when any row failed (the valid rows are imported all the same). The columns
are described in ``spaces/importer.py``."""

import sys
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tqdm import tqdm

from spaces.importer import BATCH_SIZE, SpaceImporter


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Import community spaces from a UTF-8 CSV file or an XLSX workbook (first sheet) "
            "with a header row; rows are matched to pages by external_id."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The .csv or .xlsx file."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and report what would be created or updated; save nothing."),
        )
        parser.add_argument(
            "--as-drafts",
            action="store_true",
            help=_("Save new versions as drafts instead of publishing them."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=_("Rows saved per database transaction (default %(default)s)."),
        )

    def handle(self, *args, file, dry_run, as_drafts, batch_size, verbosity=1, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file “%(path)s”.") % {"path": file})
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        progress = partial(tqdm, file=sys.stderr, unit=_("row"), disable=verbosity == 0)
        importer = SpaceImporter(
            dry_run=dry_run, as_drafts=as_drafts, batch_size=batch_size, progress=progress
        )
        report = importer.run(path.read_bytes(), path.name)

        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(_("Warning: %(warning)s") % {"warning": warning}))
        for error in report.sorted_errors():
            self.stderr.write(str(error))
        if report.file_errors:
            raise CommandError(report.summary())

        summary = report.summary()
        if verbosity > 0:
            summary += " " + _("(%(seconds).1f s)") % {"seconds": report.seconds}
        if report.ok:
            self.stdout.write(self.style.SUCCESS(summary))
            return
        self.stdout.write(self.style.WARNING(summary))
        failed = len(report.failed_rows)
        raise CommandError(
            ngettext(
                "%(count)d row failed; see the errors above.",
                "%(count)d rows failed; see the errors above.",
                failed,
            )
            % {"count": failed}
        )
