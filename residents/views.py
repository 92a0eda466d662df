"""Placeholder: being written."""

from django.http import Http404


def my_page(request, *args, **kwargs):
    raise Http404


def profile(request, *args, **kwargs):
    raise Http404


def notifications(request, *args, **kwargs):
    raise Http404
