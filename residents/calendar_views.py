"""Placeholder: being written."""

from django.http import Http404


def feed(request, *args, **kwargs):
    raise Http404


def reset_token(request, *args, **kwargs):
    raise Http404
