"""Saving (찜) in templates: the save control of a space or program, the assets that
make it a toggle, and the resident's saved items for their list.

Space and program templates load this library (template-level links only, as the
space page does with ``booking_tags``): ``spaces`` and ``events`` never import
``residents``."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import pgettext

from .. import saved

register = template.Library()


@register.inclusion_tag("residents/includes/save_button.html", takes_context=True)
def save_button(context, page):
    """On a space's or program's own page: for a resident, a form that saves or
    removes the page (its state read here, one query); for anyone else the link to
    the confirmation page, the same for every visitor, so the anonymous page stays
    shareable in the page cache."""
    request = context.get("request")
    user = getattr(request, "user", None)
    resident = bool(user and user.is_authenticated)
    return {
        "page_id": page.pk,
        "form": resident,
        "saved": resident and saved.is_saved(user, page),
        "next": request.get_full_path() if request is not None else "",
    }


@register.inclusion_tag("residents/includes/save_button.html")
def save_link(page, name=""):
    """The save link of a directory card: no per-visitor state and no CSRF token (the
    card is HTML shared by every visitor, core.fragments); ``save-toggle.js`` makes it
    a toggle for a resident. ``name`` (the space's, as the card's title shows it) is
    its description (``aria-describedby``, a hidden copy beside it): screen readers say
    "찜하기, 망원 작은도서관", while its name stays "찜하기", so a link found by the
    space's name is the space's own."""
    return {"page_id": page.pk, "form": False, "name": name}


@register.simple_tag(takes_context=True)
def saved_assets(context):
    """The save control's style, and for a resident the script that turns save links
    into toggles (anonymous pages have no use for it)."""
    stylesheet = format_html('<link rel="stylesheet" href="{}">', static("css/saved.css"))
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return stylesheet
    return stylesheet + format_html(
        '<script src="{}" defer data-state-url="{}" data-saved="{}" data-removed="{}" '
        'data-failed="{}"></script>',
        static("js/save-toggle.js"),
        reverse("residents:saved"),
        pgettext("saved items", "Saved. You find it on My page."),
        pgettext("saved items", "Removed from your saved items."),
        pgettext("saved items", "That did not work. Please try again."),
    )


@register.simple_tag(takes_context=True)
def saved_items(context):
    """The resident's saved spaces and programs (``residents.saved.saved_pages``)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return []
    return saved.saved_pages(user)
