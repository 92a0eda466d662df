"""Highlighting the query's words in search results, and what a result shows of
itself in the visitor's language."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import korean
from core.i18n import page_language

register = template.Library()

SNIPPET_LENGTH = 220


@register.filter
def highlight(text, words):
    """``text`` (plain, escaped here) with each of ``words`` marked: ``<mark>``."""
    text = korean.plain(str(text or ""))
    if len(text) > SNIPPET_LENGTH:
        text = text[: SNIPPET_LENGTH - 1].rstrip() + "…"
    wanted = sorted({w for w in words or [] if len(w) >= 2}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 — every piece is escaped above


@register.simple_tag
def result_title(page):
    """A result's name and its language: a space's English name on the English site
    when it has one (``SpacePage.display_title``), else the page's title, marked with
    the page's language (Korean for a page not translated yet)."""
    if hasattr(page, "display_title"):
        return {"text": page.display_title, "lang": page.display_language}
    return {"text": page.title, "lang": page_language(page)}


@register.simple_tag
def result_text(page):
    """The sentence a result shows under its title (a program's in the page's language
    when it has one)."""
    if hasattr(page, "display_summary"):
        return korean.plain(page.display_summary)
    for name in ("summary", "lead", "search_description"):
        value = getattr(page, name, "")
        if value:
            return korean.plain(str(value))
    return ""
