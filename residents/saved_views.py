"""Placeholder: being written."""

from django.http import Http404


def saved_list(request, *args, **kwargs):
    raise Http404


def toggle(request, *args, **kwargs):
    raise Http404
