"""The portal's sections (the home page's live children shown in menus: spaces,
programs, stories …; a private one is left out, ``core.privacy``) as plain data,
cached per site and language.

Every page shows them in the header, so they come from the cache: publishing,
unpublishing, moving or deleting any page starts a new cache generation."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .i18n import active_language, localize_pages, page_language
from .privacy import restricted, when_privacy_changes

GENERATION_KEY = "portal:navigation:generation"
TIMEOUT = 60 * 60 * 24


def _generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def invalidate(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    signal.connect(invalidate, dispatch_uid=f"portal-navigation-{signal!r}")


# A section made private leaves the menus once the change commits (core.privacy).
when_privacy_changes(invalidate, "portal-navigation-privacy")


@receiver(post_delete, dispatch_uid="portal-navigation-delete")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


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
    key = f"portal:navigation:{_generation()}:{site.pk}:{active_language()}"
    data = cache.get(key)
    if data is None:
        data = _build(request, site)
        cache.set(key, data, TIMEOUT)
    request._portal_navigation = data
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
