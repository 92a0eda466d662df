"""Template tags of the design system (templates/patterns/)."""

from django import template
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core import jsonld, links
from core.i18n import active_language, localize_pages, page_language
from core.i18n import language_links as build_language_links
from core.navigation import current_section as find_current_section
from core.navigation import section_for

register = template.Library()


@register.inclusion_tag("patterns/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {"links": []}
    return {
        "links": build_language_links(request, page if hasattr(page, "get_translations") else None)
    }


@register.simple_tag(takes_context=True)
def current_section(context):
    """The header's entry for the section the current page is in, or None."""
    page, request = context.get("page"), context.get("request")
    if request is None or not hasattr(page, "path"):
        return None
    return find_current_section(request, page)


@register.simple_tag(takes_context=True)
def login_next(context):
    """Where the header's log-in link returns to: the page shown, or on the account
    pages (log in, sign up …) the address they were themselves given to return to;
    "" for none (the log-in's own default). Local addresses only."""
    request = context.get("request")
    if request is None:
        return ""
    match = request.resolver_match
    if match and (match.url_name or "").startswith("account_"):
        wanted = request.GET.get("next", "")
    else:
        wanted = request.get_full_path()
    local = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if local and wanted.startswith("/") else ""


@register.inclusion_tag("patterns/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current_title=None):
    """The trail from the home page to the current page (or view), in the active
    language. Pages below the site root only; one query for the whole trail."""
    page = context.get("page")
    request = context.get("request")
    home = context.get("site_home") or {}
    trail = [{"title": _("Home"), "url": home["url"]}] if home.get("url") else []
    if page is not None and hasattr(page, "get_ancestors") and page.depth > 2:
        # The home page comes from the cached navigation; only pages between it and
        # this one cost a query.
        first_uncached_depth = 3
        section = section_for(request, page) if page.depth > 3 else None
        if section:
            trail.append(
                {
                    "title": section["title"],
                    "url": section["url"],
                    "language": section.get("language"),
                }
            )
            first_uncached_depth = 4
        if page.depth > first_uncached_depth:
            between = page.get_ancestors().filter(depth__gte=first_uncached_depth)
            trail += [
                {
                    "title": getattr(p, "display_title", p.title),
                    "url": p.get_url(request),
                    "language": getattr(p, "display_language", None) or page_language(p),
                }
                for p in localize_pages(between.specific())
            ]
        current = getattr(page, "display_title", page.title)
        current_language = getattr(page, "display_language", None) or page_language(page)
        # The same trail for search engines (schema.org BreadcrumbList), pages only.
        json_ld = jsonld.dumps(
            jsonld.breadcrumb_list(
                [(crumb["title"], crumb["url"]) for crumb in trail]
                + [(current, links.page_url(page))]
            )
        )
    elif current_title:
        current, current_language, json_ld = current_title, None, None
    else:
        return {"trail": []}
    return {
        "trail": trail,
        "current": current,
        "current_language": current_language,
        "json_ld": json_ld,
    }


@register.inclusion_tag("patterns/pagination.html", takes_context=True)
def pagination(context, page_obj, label=None):
    """Numbered page links that keep every other query parameter (filters)."""
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return {
        "request": context.get("request"),
        "page_obj": page_obj,
        "numbers": list(numbers),
        "ellipsis": paginator.ELLIPSIS,
        "label": label or _("Pages"),
    }


@register.filter
def content_language(page):
    """The language code of a page's content (no query)."""
    return page_language(page)


@register.filter
def lang_attr(value):
    """` lang="ko"` for words not in the visitor's language — ``value`` is a page (its
    content's language) or a language code — and nothing otherwise (WCAG 3.1.2)."""
    code = value if isinstance(value, str) else page_language(value)
    return format_html(' lang="{}"', code) if code and code != active_language() else ""
