"""Staff upload form for the bulk import (same checks and report as import_spaces)."""

from django.http import HttpResponse


def import_spaces_view(request):  # replaced by the import work
    return HttpResponse("Import is not available yet.", status=501)
