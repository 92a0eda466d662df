"""Placeholder: being written."""

from django.http import Http404


def export(request, *args, **kwargs):
    raise Http404


def delete_account(request, *args, **kwargs):
    raise Http404
