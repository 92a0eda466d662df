"""The portal's sections (the home page's live children shown in menus: spaces,
programs, stories …; a private one is left out, ``core.privacy``) as plain data,
remembered per site and language for the site's data version (core.versions: any
publish, unpublish, move, rename, delete or privacy change starts a new one).
Every page shows them in the header."""

from wagtail.models import Site

from . import versions
from .i18n import active_language, localize_pages, page_language
from .privacy import restricted


def _build(request, site):
    root = site.root_page
    home = localize_pages([root])[0]
    children = list(root.get_children().live().in_menu().exclude(restricted()).specific())
    return {
        "home": {"title": home.title, "url": home.get_url(request)},
        "sections": [
            {
                "title": page.title,
                "url": page.get_url(request),
                "summary": getattr(page, "summary", ""),
                "model": page._meta.label_lower,
                "language": page_language(page),
                # Tree paths of the Korean section and of the page shown, so pages
                # below either can find their section without a query.
                "paths": sorted({source.path, page.path}),
            }
            for source, page in zip(children, localize_pages(children), strict=True)
        ],
    }


def section_for(request, page):
    """The navigation entry of the section ``page`` belongs to, or None."""
    for section in navigation(request)["sections"]:
        if any(page.path.startswith(path) for path in section["paths"]):
            return section
    return None


def navigation(request):
    """{"home": {...}, "sections": [...]} for this request's site and language."""
    if hasattr(request, "_portal_navigation"):
        return request._portal_navigation
    site = Site.find_for_request(request)
    if site is None:
        request._portal_navigation = {"home": None, "sections": []}
        return request._portal_navigation
    request._portal_navigation = versions.remember(
        "navigation",
        site.pk,
        request.get_host(),
        active_language(),
        build=lambda: _build(request, site),
    )
    data = request._portal_navigation
    return data


def current_section(request, page):
    """The section the header marks as the one ``page`` is in: the section whose page
    model ``page.navigation_section`` names (a program lives under its space but is
    found under Programs), else the section it sits under."""
    wanted = getattr(page, "navigation_section", None)
    if wanted:
        for section in navigation(request)["sections"]:
            if section.get("model") == wanted:
                return section
    return section_for(request, page)
