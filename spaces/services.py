"""Creating and updating space pages from plain data — the one path shared by the bulk
import, the demo loader and tests, so all three make pages the way the editor does
(a page under the directory, a revision, published or left as a draft)."""

import logging
import threading
from collections import defaultdict
from contextlib import ExitStack, contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from modelsearch import signal_handlers as search_signal_handlers
from wagtail import signal_handlers as wagtail_signal_handlers
from wagtail.models import ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backends_with_name

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations

from core import bulksql
from core.i18n import default_locale_id

from .models import SpaceIndexPage, SpacePage

M2M_FIELDS = ("amenities", "accessibility")

logger = logging.getLogger(__name__)


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
    page = SpacePage.objects.filter(external_id=external_id).first() if external_id else None
    created = page is None
    if created:
        parent = parent or directory()
        if parent is None:
            raise ValueError("There is no space directory page to put spaces under.")
        page = SpacePage(**data)
        # The new page starts as a draft in its parent's locale (as the admin's "save
        # draft" does); only publishing makes it live, so publish=False shows nothing.
        page.live = False
        page.locale_id = parent.locale_id
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
    # Publishing now saves the page, which validates it (full_clean); validating the
    # revision too would repeat that work. Drafts and scheduled pages are validated here.
    publish_now = publish and page.go_live_at is None
    revision = page.save_revision(user=user, log_action=True, clean=not publish_now)
    if publish:
        # Wagtail's publish action works on the page rebuilt from the revision's JSON. The
        # page in memory is exactly that content, so it is published as it is: no query
        # per related object to rebuild it, no second rebuild of the opening periods, and
        # the page returned is the published one.
        revision.as_object = lambda: page
        revision.publish(user=user)
    return page, created


def _set_gallery(page, gallery):
    from .models import SpaceGalleryImage

    page.gallery_images = [
        SpaceGalleryImage(image=image, alt_text=alt_text, sort_order=index)
        for index, (image, alt_text) in enumerate(gallery)
    ]


# --- Bulk saving --------------------------------------------------------------------
#
# Every save of a page normally updates the search index (modelsearch's post_save
# handler) and Wagtail's reference index straight away — three times per save_space(),
# since a page is saved three times. Inside ``bulk_saving()`` that work is only noted
# and done once per touched object when the block ends. Other threads (other admin
# requests) keep indexing as usual: the stand-in handlers check a thread-local flag.

_bulk = threading.local()
_guard_lock = threading.Lock()
_guard_users = 0
_guard_replaced = []  # (signal handler, model) pairs the stand-ins replace

INDEX_CHUNK = 500
# Saves in a block after which the planner's statistics of the tables written are
# refreshed (again after four times as many, and before indexing).
ANALYZE_AFTER = 2_000


class BulkSaving:
    """What a ``bulk_saving()`` block deferred: the objects saved in it, by model."""

    def __init__(self, progress=None):
        self.saved = defaultdict(set)  # model -> primary keys
        self.progress = progress
        self.noted = 0
        self.analyze_at = ANALYZE_AFTER

    def note(self, model, pk):
        if pk is not None:
            self.saved[model].add(pk)
            self.noted += 1
            if self.noted >= self.analyze_at:  # at 2,000, 8,000, 32,000 … saves
                self.analyze_at *= 4
                _refresh_statistics(self.saved)

    def flush(self):
        """Index every noted object that still exists (search and reference index)."""
        saved, self.saved = self.saved, defaultdict(set)
        if not saved:
            return
        total = sum(len(pks) for pks in saved.values())
        progress = self.progress(total=2 * total, desc=_("Indexing")) if self.progress else None
        try:
            self._flush(saved, progress)
        finally:
            if progress is not None:
                progress.close()

    def _flush(self, saved, progress):
        if self.noted >= ANALYZE_AFTER:
            _refresh_statistics(saved)
        search_models = set(_search_indexed_models())
        reference_targets = defaultdict(set)
        for model, pks in saved.items():
            if model in search_models:
                _update_search_index(model, sorted(pks), progress)
            elif progress is not None:
                progress.update(len(pks))
            if model in ReferenceIndex.tracked_models:
                for owner_model, owner_pk in _reference_owners(model, sorted(pks)):
                    reference_targets[owner_model].add(owner_pk)
        for model, pks in reference_targets.items():
            if not ReferenceIndex.is_indexed(model):
                continue
            for chunk in _chunks(sorted(pks)):
                with transaction.atomic():
                    objects = list(model._default_manager.filter(pk__in=chunk))
                    _give_children(model, objects)
                    _index_references(objects)
                if progress is not None:
                    progress.update(len(chunk))


def _give_children(model, objects):
    """Give each of ``objects`` its inline children (photos, closures, comments), which
    its references are read from: one query a relation for all of them, the rows handed
    to each object in memory as the editor's form does (modelcluster's ``set()``).
    Django's ``prefetch_related`` made a queryset per object and relation, a third of
    the indexing's time at 60,000 spaces."""
    if not issubclass(model, ClusterableModel):  # Wagtail reads no children of others
        return
    by_pk = {obj.pk: obj for obj in objects}
    for relation in get_all_child_relations(model):
        key = relation.field.attname
        rows = defaultdict(list)
        for child in relation.related_model._default_manager.filter(**{f"{key}__in": by_pk}):
            rows[getattr(child, key)].append(child)
        name = relation.get_accessor_name()
        for pk, obj in by_pk.items():
            getattr(obj, name).set(rows[pk])


def _refresh_statistics(models):
    """ANALYZE the tables of ``models`` and of their parents, on PostgreSQL.

    A load that writes tens of thousands of pages in one transaction leaves the planner
    with the statistics of the tables as they were before it: the indexing's reads of
    each chunk by id then scanned every page (0.7 s a chunk at 60,000 spaces) instead
    of fetching the chunk by its keys. ANALYZE inside the transaction counts the
    transaction's own new rows."""
    for alias in {router.db_for_write(model) for model in models}:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        tables = {
            m._meta.db_table
            for model in models
            if router.db_for_write(model) == alias
            for m in [model, *model._meta.get_parent_list()]
        }
        with connection.cursor() as cursor:
            for table in sorted(tables):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def current_bulk():
    """The ``BulkSaving`` of the block this thread is in, or None."""
    return getattr(_bulk, "state", None)


@contextmanager
def bulk_saving(progress=None):
    """Defer search-index and reference-index updates of everything saved in the block
    (in this thread) to its end, where each touched object is indexed once. Nested
    blocks join the outermost one. Use it around many ``save_space()`` calls::

        with bulk_saving():
            for batch in batches:
                with transaction.atomic():
                    for data in batch:
                        save_space(data, parent=directory_page)
    """
    state = current_bulk()
    if state is not None:
        yield state
        return
    state = BulkSaving(progress)
    _install_guards()
    _bulk.state = state
    try:
        yield state
    except BaseException:
        del _bulk.state
        _remove_guards()
        # Batches committed before the failure must still reach the indexes.
        try:
            state.flush()
        except Exception:
            logger.exception("Indexing after a failed bulk save failed too")
        raise
    del _bulk.state
    _remove_guards()
    state.flush()


class _DeferredHandler:
    """Stands in for a post_save handler: notes the object while this thread is in a
    ``bulk_saving()`` block, otherwise calls the real handler."""

    def __init__(self, handler):
        self.handler = handler

    def __call__(self, sender, instance, **kwargs):
        state = current_bulk()
        if state is None:
            return self.handler(sender=sender, instance=instance, **kwargs)
        if not kwargs.get("raw", False):
            state.note(type(instance), instance.pk)


_deferred_search = _DeferredHandler(search_signal_handlers.post_save_signal_handler)
_deferred_references = _DeferredHandler(wagtail_signal_handlers.update_reference_index_on_save)


def _search_indexed_models():
    return [m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)]


def _install_guards():
    global _guard_users
    with _guard_lock:
        _guard_users += 1
        if _guard_users > 1:
            return
        pairs = [(_deferred_search, model) for model in _search_indexed_models()]
        pairs += [(_deferred_references, model) for model in ReferenceIndex.tracked_models]
        for stand_in, model in pairs:
            # Connect the stand-in first: for an instant both run, never neither.
            post_save.connect(stand_in, sender=model, weak=False, dispatch_uid="spaces.bulk_saving")
            if post_save.disconnect(stand_in.handler, sender=model):
                _guard_replaced.append((stand_in, model))
            else:  # the real handler is not connected for this model: leave it so
                post_save.disconnect(sender=model, dispatch_uid="spaces.bulk_saving")


def _remove_guards():
    global _guard_users
    with _guard_lock:
        _guard_users -= 1
        if _guard_users > 0:
            return
        while _guard_replaced:
            stand_in, model = _guard_replaced.pop()
            post_save.connect(stand_in.handler, sender=model)
            post_save.disconnect(sender=model, dispatch_uid="spaces.bulk_saving")


def _chunks(items, size=None):
    size = size or INDEX_CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _update_search_index(model, pks, progress=None):
    """Index these objects as modelsearch's handler would, a chunk at a time (the
    progress bar moves with each chunk)."""
    backends = list(get_search_backends_with_name(with_auto_update=True))
    with ExitStack() as bulk:
        for _name, backend in backends:
            if hasattr(backend, "indexing_in_bulk"):  # search.backend
                bulk.enter_context(backend.indexing_in_bulk())
        _index_chunks(model, pks, backends, progress)


def _index_chunks(model, pks, backends, progress):
    for chunk in _chunks(pks):
        for indexed_model, objects in _indexed_objects(model, chunk).items():
            for name, backend in backends if objects else ():
                try:
                    backend.add_bulk(indexed_model, objects)
                except Exception:
                    logger.exception("Could not index %s objects in '%s'", indexed_model, name)
                    if not backend.catch_indexing_errors:
                        raise
        if progress is not None:
            progress.update(len(chunk))


def _indexed_objects(model, pks):
    """What the search index holds for these objects, by model: each object's indexed
    instance (a page's specific page) as its model's ``get_indexed_objects()`` reads it.
    Objects that are their own indexed instance (the spaces of a load) are read once."""
    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    if len(objects) == len(pks) and all(obj.get_indexed_instance() is obj for obj in objects):
        return {model: objects}
    by_model = defaultdict(list)
    for obj in model._default_manager.filter(pk__in=pks):
        indexed = obj.get_indexed_instance()
        if indexed is not None:
            by_model[type(indexed)].append(indexed.pk)
    return {
        indexed_model: list(indexed_model.get_indexed_objects().filter(pk__in=ids))
        for indexed_model, ids in by_model.items()
    }


def _index_references(objects):
    """``ReferenceIndex.create_or_update_for_object()`` for each of ``objects``, with the
    rows already there read in one query, the new ones added in one statement and the
    stale ones removed in one (instead of up to three statements an object)."""
    if not objects:
        return
    content_types = {}  # model -> its content type and its ancestors', most specific first
    for obj in objects:
        if type(obj) not in content_types:
            content_types[type(obj)] = [
                ContentType.objects.get_for_model(m, for_concrete_model=False)
                for m in [type(obj), *obj._meta.get_parent_list()]
            ]
    existing = defaultdict(dict)  # (base type id, object id) -> {reference: (type id, id)}
    by_base = defaultdict(list)
    for obj in objects:
        by_base[content_types[type(obj)][-1].pk].append(str(obj.pk))
    for base_id, object_ids in by_base.items():
        rows = ReferenceIndex.objects.filter(
            base_content_type_id=base_id, object_id__in=object_ids
        ).values_list(
            "object_id",
            "id",
            "content_type_id",
            "to_content_type",
            "to_object_id",
            "model_path",
            "content_path",
        )
        for object_id, pk, type_id, *reference in rows:
            existing[base_id, object_id][tuple(reference)] = (type_id, pk)
    new, stale = [], []
    for obj in objects:
        types = content_types[type(obj)]
        there = existing[types[-1].pk, str(obj.pk)]
        references = set(ReferenceIndex._extract_references_from_object(obj))
        new += [
            ReferenceIndex(
                content_type=types[0],
                base_content_type=types[-1],
                object_id=obj.pk,
                to_content_type_id=to_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_type_id, to_object_id, model_path, content_path in references - there.keys()
        ]
        # A row recorded against a more specific model than this one stays, as Wagtail
        # keeps it: the relation it records may only be seen on that model.
        known = {t.pk for t in types}
        stale += [
            pk
            for reference, (type_id, pk) in there.items()
            if reference not in references and type_id in known
        ]
    connection = connections[router.db_for_write(ReferenceIndex)]
    bulksql.insert(new, ignore_conflicts=connection.features.supports_ignore_conflicts)
    if stale:
        ReferenceIndex.objects.filter(pk__in=stale).delete()


def _reference_owners(model, pks):
    """(model, pk) of the objects whose references cover these: the object itself, or
    for an inline child (ParentalKey) its parent, as Wagtail's own handler does."""
    parental = [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]
    if not parental:
        yield from ((model, pk) for pk in pks)
        return
    key = parental[0]
    parent_model = key.related_model
    for chunk in _chunks(pks):
        parent_pks = model._default_manager.filter(pk__in=chunk).values_list(key.attname, flat=True)
        yield from _reference_owners(
            parent_model, sorted({pk for pk in parent_pks if pk is not None})
        )
