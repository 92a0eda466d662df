"""Creating and updating space pages from plain data — the one path shared by the bulk
import, the demo loader and tests, so all three make pages the way the editor does
(a page under the directory, a revision, published or left as a draft)."""

from django.db import transaction

from core.i18n import default_locale_id

from .models import SpaceIndexPage, SpacePage

M2M_FIELDS = ("amenities", "accessibility")


def directory(locale_id=None):
    """The Korean space directory page, which every space lives under."""
    return SpaceIndexPage.objects.filter(locale_id=locale_id or default_locale_id()).first()


@transaction.atomic
def save_space(data, *, parent=None, publish=True, user=None, gallery=None):
    """Create the space with ``data["external_id"]`` or update it (as a new revision).

    ``data`` holds model field values; ``amenities`` and ``accessibility`` are lists of
    terms; ``gallery`` is an optional list of (image, alt_text) pairs that replaces the
    current photos. Returns (page, created)."""
    data = dict(data)
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    external_id = data.get("external_id")
    page = (
        SpacePage.objects.filter(external_id=external_id).first() if external_id else None
    )
    created = page is None
    if created:
        parent = parent or directory()
        if parent is None:
            raise ValueError("There is no space directory page to put spaces under.")
        page = SpacePage(**data)
        for name, terms in m2m.items():
            getattr(page, name).set(terms)
        if gallery:
            _set_gallery(page, gallery)
        parent.add_child(instance=page)
    else:
        page = page.get_latest_revision_as_object()
        for name, value in data.items():
            setattr(page, name, value)
        for name, terms in m2m.items():
            getattr(page, name).set(terms)
        if gallery is not None:
            _set_gallery(page, gallery)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return page, created


def _set_gallery(page, gallery):
    from .models import SpaceGalleryImage

    page.gallery_images = [
        SpaceGalleryImage(image=image, alt_text=alt_text, sort_order=index)
        for index, (image, alt_text) in enumerate(gallery)
    ]
