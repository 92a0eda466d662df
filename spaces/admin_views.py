"""Staff upload form for the bulk import (same checks and report as import_spaces)."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from spaces import import_staging
from spaces.importer import COLUMNS, EXTENSIONS, REQUIRED_COLUMNS, SpaceImporter

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMPORT_PERMISSION = "spaces.add_spacepage"


def can_import(user):
    return user.is_active and (user.is_superuser or user.has_perm(IMPORT_PERMISSION))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A UTF-8 CSV file or an Excel workbook (.xlsx, first sheet) with a header row; "
            "at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run"),
        required=False,
        help_text=gettext_lazy("Check the file and show what would change, without saving."),
    )
    as_drafts = forms.BooleanField(
        label=gettext_lazy("Save as drafts"),
        required=False,
        help_text=gettext_lazy(
            "Save new versions as drafts for review instead of publishing them."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise ValidationError(
                _("Upload a .csv or .xlsx file (this one is “%(name)s”).") % {"name": upload.name},
                code="file_type",
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s; files may be at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
                code="file_size",
            )
        return upload


def import_spaces_view(request):
    """Upload a file to check it (dry run) or import it; after a dry run, "Import as
    checked" posts only a token and imports the very file that was checked
    (``spaces.import_staging``)."""
    if not can_import(request.user):
        return permission_denied(
            request, PermissionDenied(_("You do not have permission to import spaces."))
        )
    report = apply_token = problem = None
    status = 200
    form = ImportForm()
    if request.method == "POST" and "token" in request.POST:
        try:
            checked = import_staging.take(request.POST["token"], user=request.user)
        except import_staging.StagingError as error:
            problem, status = error.message, error.status
        else:
            importer = SpaceImporter(as_drafts=checked.as_drafts, user=request.user)
            report = importer.run(checked.content, checked.filename)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            importer = SpaceImporter(
                dry_run=form.cleaned_data["dry_run"],
                as_drafts=form.cleaned_data["as_drafts"],
                user=request.user,
            )
            report = importer.run(content, upload.name)
            for message in report.file_errors:
                form.add_error("file", message)
            if report.file_errors:
                report = None
            elif report.dry_run and report.imported:
                apply_token = import_staging.stage(
                    content, upload.name, user=request.user, as_drafts=importer.as_drafts
                )
    return TemplateResponse(
        request,
        "spaces/admin/import.html",
        {
            "form": form,
            "report": report,
            "apply_token": apply_token,
            "problem": problem,
            "columns": COLUMNS,
            "required_columns": REQUIRED_COLUMNS,
        },
        status=status,
    )
