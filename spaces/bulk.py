"""Saving many spaces at once: the fast path of the bulk import and the demo loader.

``save_spaces()`` gives the same result as calling ``services.save_space()`` for each
item — a page under the directory (created by external_id, or updated), a revision,
the audit log entries, published or left as a draft, opening periods, search and
reference index — but writes each kind of row for a whole batch in a few statements
instead of some fifty queries per page.

Pages whose state needs Wagtail's full machinery (an unpublished draft waiting on a
live page, a new draft of a live page, scheduled publishing) go through
``save_space()`` one at a time."""

import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import CharField, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from modelcluster.models import get_all_child_relations

from core import bulksql, versions

from . import services
from .hours import weekly_periods
from .models import OpeningPeriod, SpaceGalleryImage, SpacePage
from .signals import hours_changed

# Fields a caller never sets through data (the tree and Wagtail's bookkeeping).
NOT_VALIDATED = {
    "path",
    "depth",
    "numchild",
    "url_path",
    "slug",
    "content_type",
    "locale",
    "translation_key",
    "owner",
    "locked_by",
    "latest_revision",
    "live_revision",
    "page_ptr",
    "space_type",
    "district",
    "alias_of",
    "draft_title",
    "latest_revision_created_at",
}


@dataclass
class SpaceItem:
    """One space to save: ``data`` as for ``save_space()``; ``gallery`` an optional list
    of (image, alt text) pairs replacing the photos; ``key`` is the caller's (a row)."""

    data: dict
    gallery: list | None = None
    key: object = None


@dataclass
class Outcome:
    key: object
    page: SpacePage | None = None
    created: bool = False
    error: Exception | None = None


@dataclass
class _Work:
    item: SpaceItem
    page: SpacePage
    created: bool
    m2m: dict = field(default_factory=dict)
    old_title: str = ""
    hours_changed: bool = True
    published_hours: str | None = None  # the live page's rule before the save
    revision: Revision | None = None
    log_uuid: object = None


@transaction.atomic
def save_spaces(items, *, parent=None, publish=True, user=None):
    """Create or update the spaces of ``items`` (``SpaceItem``s) in one transaction.

    Returns one ``Outcome`` per item, in order; an item whose data does not validate
    gets its error there and is not saved, the others are. Database errors propagate
    (the whole batch is rolled back)."""
    items = list(items)
    outcomes = {id(item): Outcome(key=item.key) for item in items}
    if not items:
        return []
    existing = {
        page.external_id: page
        for page in SpacePage.objects.filter(
            external_id__in=[i.data["external_id"] for i in items if i.data.get("external_id")]
        ).prefetch_related("amenities", "accessibility", "gallery_images")
    }
    fast = []
    with services.bulk_saving() as bulk:
        for item in items:
            page = existing.get(item.data.get("external_id"))
            outcome = outcomes[id(item)]
            try:
                work = _prepare(item, page)  # checks the data field by field, on either path
                if not _needs_full_path(item, page, publish):
                    fast.append(work)
                    continue
                with transaction.atomic():  # a savepoint: a bad item spoils nothing else
                    outcome.page, outcome.created = services.save_space(
                        item.data, parent=parent, publish=publish, user=user, gallery=item.gallery
                    )
            except ValidationError as error:
                outcome.error = error
        created = [w for w in fast if w.created]
        updated = [w for w in fast if not w.created]
        now = timezone.now()
        if created:
            parent = parent or services.directory()
            if parent is None:
                raise ValueError("There is no space directory page to put spaces under.")
            _insert_pages(created, parent, publish, user, now)
        if updated:
            _prepare_updates(updated, publish, now)
        _write_related(fast)
        _write_revisions(fast, publish, user, now)
        _write_opening_periods(fast)
        _write_log(fast, publish, user, now)
        for work in fast:
            bulk.note(SpacePage, work.page.pk)
            outcome = outcomes[id(work.item)]
            outcome.page, outcome.created = work.page, work.created
    if publish and fast:
        # Only ids wait for the commit: a demo load commits once for all its batches,
        # and keeping every page and revision until then held over a gigabyte.
        published = [(w.page.pk, w.revision.pk, w.created) for w in fast]
        transaction.on_commit(lambda: _announce(published))
    return [outcomes[id(item)] for item in items]


def _needs_full_path(item, page, publish):
    """Scheduled pages, pages with a draft pending and drafts of live pages (which
    leave the live content as it is) take Wagtail's own path."""
    if item.data.get("go_live_at") or item.data.get("expire_at"):
        return True
    if page is None:
        return False
    return not publish or page.has_unpublished_changes or page.go_live_at is not None


def _prepare(item, page):
    """The page with the item's data applied in memory, checked field by field."""
    data = dict(item.data)
    m2m = {name: data.pop(name) for name in services.M2M_FIELDS if name in data}
    if page is None:
        work = _Work(item=item, page=SpacePage(**data), created=True)
    else:
        work = _Work(item=item, page=page, created=False, old_title=page.title)
        old_hours = page.opening_hours
        for name, value in data.items():
            setattr(page, name, value)
        work.hours_changed = page.opening_hours != old_hours
        work.published_hours = old_hours if page.live else None
    page = work.page
    page.sync_point()
    page.sync_match_text()
    if work.created:  # a new page has no terms, photos or other inline rows but those given
        m2m = {name: m2m.get(name, ()) for name in services.M2M_FIELDS}
        for relation in get_all_child_relations(SpacePage):
            setattr(page, relation.get_accessor_name(), [])
    work.m2m = {name: list(terms) for name, terms in m2m.items()}
    page.clean_fields(exclude=NOT_VALIDATED)
    errors = {}
    if not page.space_type_id:
        errors["space_type"] = ["This field cannot be null."]
    if not page.district_id:
        errors["district"] = ["This field cannot be null."]
    try:
        page.clean_point()
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return work


def _insert_pages(created, parent, publish, user, now):
    """Insert the new pages as the parent's last children, in two tables."""
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    depth = parent.depth + 1
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    slugs = _free_slugs(parent, [w.page for w in created])
    content_type = ContentType.objects.get_for_model(SpacePage)
    for work, slug in zip(created, slugs, strict=True):
        page = work.page
        step += 1
        page.path = Page._get_path(parent.path, depth, step)
        page.depth = depth
        page.numchild = 0
        page.slug = slug
        page.url_path = f"{parent.url_path}{slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
        page.owner = user
        page.latest_revision_created_at = now
        page.live = publish
        page.has_unpublished_changes = not publish
        if publish:
            page.first_published_at = page.last_published_at = now
    bulksql.insert([w.page for w in created], model=Page)  # the Page table's rows
    for work in created:
        work.page.page_ptr_id = work.page.id
        work.page._state.adding = False
    _insert_child_rows([w.page for w in created])
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(created))


def _free_slugs(parent, pages):
    """Slugs from the titles, unique among the parent's children, exactly as saving the
    pages one by one would make them (title, title-2, title-3 …): the siblings whose
    slug could clash are read in one query, then the pages take slugs in order."""
    bases = []
    for page in pages:
        base = slugify(page.slug or page.title, allow_unicode=True)[:240]
        bases.append(base or slugify(page.external_id or "space", allow_unicode=True))
    taken = _sibling_slugs_like(parent, sorted(set(bases)))
    result = []
    for base in bases:
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        taken.add(slug)
        result.append(slug)
    return result


def _sibling_slugs_like(parent, bases):
    """The slugs of the parent's children that are one of ``bases`` or start with one
    and a hyphen. Written out by hand: Django compiled the two hundred alternatives of a
    batch afresh each time, 6 s of a 60,000-space load."""
    connection = connections[router.db_for_read(Page)]
    quote = connection.ops.quote_name
    starts = f"{quote('slug')} {connection.operators['startswith']}"
    sql = "SELECT {slug} FROM {table} WHERE {path} {starts_path} AND {depth} = %s AND ({exact}{like})".format(
        slug=quote("slug"),
        table=quote(Page._meta.db_table),
        path=quote("path"),
        starts_path=connection.operators["startswith"],
        depth=quote("depth"),
        exact=f"{quote('slug')} IN ({', '.join(['%s'] * len(bases))})",
        like="".join(f" OR {starts}" for _ in bases),
    )
    escape = connection.ops.prep_for_like_query
    params = [f"{escape(parent.path)}%", parent.depth + 1, *bases]
    params += [f"{escape(base)}-%" for base in bases]
    return {slug for (slug,) in bulksql.execute(connection, sql, params, fetch=True)}


def _insert_child_rows(pages):
    """Insert the SpacePage table's own rows (Django's bulk_create does not do
    multi-table inheritance), keyed by their pages' ids."""
    fields = SpacePage._meta.local_concrete_fields
    bulksql.insert_rows(
        SpacePage, [f.name for f in fields], ([f.pre_save(p, True) for f in fields] for p in pages)
    )


def _prepare_updates(updated, publish, now):
    for work in updated:
        page = work.page
        page.draft_title = page.title
        page.latest_revision_created_at = now
        if publish:
            page.live = True
            page.expired = False
            page.has_unpublished_changes = False
            page.last_published_at = now
            if page.first_published_at is None:
                page.first_published_at = now
        else:
            page.has_unpublished_changes = True


def _write_related(works):
    """Amenities, accessibility and gallery rows: replaced for updated pages."""
    for name in services.M2M_FIELDS:
        through = SpacePage._meta.get_field(name).remote_field.through
        source, target = _through_columns(through, name)
        touched = [w for w in works if name in w.m2m]
        if not touched:
            continue
        touched_updates = [w.page.pk for w in touched if not w.created]
        if touched_updates:
            through.objects.filter(**{f"{source}__in": touched_updates}).delete()
        bulksql.insert_rows(
            through,
            (source, target),
            ((w.page.pk, term.pk) for w in touched for term in w.m2m[name]),
        )
        for work in touched:
            getattr(work.page, name).set(work.m2m[name])
    with_gallery = [w for w in works if w.item.gallery is not None]
    replaced = [w.page.pk for w in with_gallery if not w.created]
    if replaced:
        SpaceGalleryImage.objects.filter(page_id__in=replaced).delete()
    images = []
    for work in with_gallery:
        rows = [
            SpaceGalleryImage(page_id=work.page.pk, image=image, alt_text=alt, sort_order=n)
            for n, (image, alt) in enumerate(work.item.gallery)
        ]
        images.extend(rows)
        work.page.gallery_images = rows
    bulksql.insert(images)


def _through_columns(through, name):
    """The attnames of the through model's keys: (to the page, to the term)."""
    source = target = None
    for f in through._meta.concrete_fields:
        if not f.is_relation:
            continue
        if f.related_model is SpacePage:
            source = f.attname
        else:
            target = f.attname
    return source, target


def _write_revisions(works, publish, user, now):
    content_type = ContentType.objects.get_for_model(SpacePage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = []
    for work in works:
        page = work.page
        work.revision = Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        revisions.append(work.revision)
    bulksql.insert(revisions)
    pages = []
    for work in works:
        page = work.page
        page.latest_revision = work.revision
        if publish:
            page.live_revision = work.revision
        pages.append(page)
    page_fields = ["latest_revision", "latest_revision_created_at", "draft_title"]
    page_fields += ["live", "live_revision", "has_unpublished_changes", "expired"]
    page_fields += ["first_published_at", "last_published_at"]
    new = [w.page.pk for w in works if w.created]
    if new:
        # Each new page has the one revision just made: set in one short statement
        # (bulk_update's CASE over every page cost more than the insert).
        revision = Subquery(
            Revision.objects.filter(
                base_content_type=base_type, object_id=Cast(OuterRef("pk"), CharField())
            )
            .order_by()
            .values("object_id")
            .annotate(newest=Max("pk"))
            .values("newest")
        )
        links = {"latest_revision": revision}
        if publish:
            links["live_revision"] = revision
        Page.objects.filter(pk__in=new).update(**links)
    old = [w for w in works if not w.created]
    if old:
        fields = set(page_fields)
        for work in old:
            fields.update(name for name in work.item.data if name not in services.M2M_FIELDS)
        fields.update({"location", "latitude", "longitude", "match_text"})
        SpacePage.objects.bulk_update([w.page for w in old], sorted(fields))


def _write_opening_periods(works):
    rebuilt = [w for w in works if w.hours_changed]
    stale = [w.page.pk for w in rebuilt if not w.created]
    if stale:
        OpeningPeriod.objects.filter(space_id__in=stale).delete()
    bulksql.insert_rows(  # hundreds of thousands of small rows in a city-sized load
        OpeningPeriod,
        ("space", "weekday", "opens", "closes"),
        ((w.page.pk, *period) for w in rebuilt for period in weekly_periods(w.page.opening_hours)),
    )
    for work in works:
        work.page._loaded_opening_hours = work.page.opening_hours
    for work in rebuilt:  # the fast path publishes (drafts take Wagtail's own)
        if work.published_hours is not None and work.page.live:
            hours_changed.send(
                sender=SpacePage,
                space=work.page,
                old_rule=work.published_hours,
                new_rule=work.page.opening_hours,
            )


def _write_log(works, publish, user, now):
    """The audit trail the admin's history shows: created or edited, renamed, published."""
    content_type = ContentType.objects.get_for_model(SpacePage)
    entries = []

    def entry(work, action, **extra):
        entries.append(
            PageLogEntry(
                content_type=content_type,
                page_id=work.page.pk,
                label=work.page.title,
                action=action,
                timestamp=now,
                user=user,
                revision=work.revision,
                uuid=work.log_uuid,
                **extra,
            )
        )

    for work in works:
        work.log_uuid = uuid.uuid4()
        entry(work, "wagtail.create" if work.created else "wagtail.edit", content_changed=True)
        if not publish:
            continue
        if not work.created and work.old_title != work.page.title:
            entry(
                work,
                "wagtail.rename",
                data={"title": {"old": work.old_title, "new": work.page.title}},
            )
        entry(work, "wagtail.publish", content_changed=True)
    bulksql.insert(entries)


def _announce(published):
    """Tell the rest of the portal (navigation cache, listeners) what went live (once
    the batch has committed: each cache tag the pages touch is bumped once).
    ``published``: (page id, revision id, created) of each page, read back a chunk at a
    time.

    ``created=True`` marks a page this batch created: nothing can refer to it yet (no
    operator, no space group), so listeners that look for such things skip the query."""
    with versions.bumping_once():
        for chunk in services._chunks(published):
            pages = SpacePage.objects.in_bulk([pk for pk, __, __ in chunk])
            # A revision's content (the whole page as JSON) is read only if asked for.
            revisions = Revision.objects.defer("content").in_bulk([pk for __, pk, __ in chunk])
            for page_pk, revision_pk, created in chunk:
                page_published.send(
                    sender=SpacePage,
                    instance=pages[page_pk],
                    revision=revisions[revision_pk],
                    created=created,
                )
