"""Absolute links for e-mails, from ``PORTAL_BASE_URL`` (``core.links``): an e-mail
has no request to take a host from, and must not take one from the Site record."""

from django import template

from core import links

register = template.Library()


@register.simple_tag
def absolute_url(name, *args):
    """``{% absolute_url "bookings:detail" booking.pk %}`` → https://…/accounts/bookings/7/"""
    return links.url(name, *args)


@register.simple_tag
def page_link(page):
    """The page's absolute link in the active language ("" when it has none)."""
    return links.page_url(page) or ""
