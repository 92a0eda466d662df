"""Saved spaces and programs (찜): which pages can be saved, saving and removing them,
and reading them back.

A saved item always names the Korean page (the source of its translations), as
bookings and registrations do: saving a space from its English page and from the
Korean directory is one saving, and notices about a saved page (``residents.notices``)
find every resident who saved it in one query. Only live spaces and programs that no
view restriction covers (``core.privacy``) can be saved or are listed."""

from wagtail.models import Page

from core.i18n import active_language, default_locale_id, localize_pages, page_language
from core.privacy import restricted

from .models import SavedItem

IDS_ASKED_AT_ONCE = 100  # a directory page shows 24 cards; more is not a page's question
MAX_PAGE_ID = 2**31 - 1  # Wagtail's page ids are 32-bit


def savable_types():
    from events.models import ProgramPage
    from spaces.models import SpacePage

    return (SpacePage, ProgramPage)


def public_pages():
    """Live spaces and programs no view restriction covers."""
    return Page.objects.live().type(*savable_types()).exclude(restricted())


def savable_page(page_id):
    """The page a resident saves when they save page ``page_id``: its Korean source
    (the page itself when it is the Korean one or has no live Korean source), or None
    when ``page_id`` is not a live, public space or program."""
    page = public_pages().filter(pk=page_id).first()
    if page is None:
        return None
    if page.locale_id != default_locale_id():
        source = public_pages().filter(
            translation_key=page.translation_key, locale_id=default_locale_id()
        )
        page = source.first() or page
    return page


def save(user, page):
    """Save ``page`` (from ``savable_page``): saving twice keeps one row, and when two
    requests race the unique constraint settles it (``get_or_create`` reads the row the
    other request wrote after its own insert fails). True when this call saved it."""
    __, created = SavedItem.objects.get_or_create(user=user, page=page)
    return created


def remove(user, page):
    """Remove ``page`` from the saved items (nothing happens when it was not saved)."""
    SavedItem.objects.filter(user=user, page__translation_key=page.translation_key).delete()


def is_saved(user, page):
    """Whether ``user`` saved ``page`` or one of its translations (one query)."""
    if not user.is_authenticated:
        return False
    return SavedItem.objects.filter(user=user, page__translation_key=page.translation_key).exists()


def saved_among(user, page_ids):
    """The ids among ``page_ids`` that ``user`` saved, directly or through a translation
    of the page (one query): the state of a page's save buttons."""
    # Ids no page can have are dropped here: SQLite cannot even take one beyond 64 bits.
    page_ids = [i for i in page_ids if 0 < i <= MAX_PAGE_ID][:IDS_ASKED_AT_ONCE]
    if not page_ids:
        return set()
    mine = SavedItem.objects.filter(user=user).values("page__translation_key")
    found = Page.objects.filter(pk__in=page_ids, translation_key__in=mine)
    return set(found.values_list("pk", flat=True))


def saved_pages(user):
    """The resident's saved spaces and programs still public, most recent first, named
    in the visitor's language (``named``), each with ``saved_at``. A fixed number of
    queries however many there are."""
    items = list(
        SavedItem.objects.filter(user=user, page__in=public_pages()).select_related("page")
    )
    pages = named([item.page for item in items])
    for item, page in zip(items, pages, strict=True):
        page.saved_at = item.created_at
    return pages


def named(pages):
    """``pages`` (Korean sources) as the visitor reads them: the live translation in
    their language (``localize_pages``), else a space's or program's English name on the
    English site, else the Korean page. Each carries ``name`` and ``name_language`` (for its
    ``lang`` attribute), ``kind`` ("space" or "program") and ``source_id`` (the page
    saved). At most three queries, on the English site only."""
    from events.models import ProgramPage
    from spaces.models import SpacePage

    shown = localize_pages(pages)
    language = active_language()
    english_names = {}
    for model, field in ((SpacePage, "name_en"), (ProgramPage, "title_en")):
        untranslated = [
            page.pk
            for page in shown
            if page_language(page) != language and issubclass(page.specific_class, model)
        ]
        if untranslated and language == "en":
            english_names.update(
                model.objects.filter(pk__in=untranslated)
                .exclude(**{field: ""})
                .values_list("pk", field)
            )
    for source, page in zip(pages, shown, strict=True):
        page.source_id = source.pk
        page.kind = "space" if issubclass(page.specific_class, SpacePage) else "program"
        page.name = english_names.get(page.pk, page.title)
        page.name_language = language if page.pk in english_names else page_language(page)
    return shown
