import warnings
from contextlib import contextmanager
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import models, transaction
from django.utils import translation

from wagtail.models import Page, Site

import pytest
import time_machine

from core.demo import DemoContext, ensure_child, ensure_section
from events import demo as events_demo
from home import demo as home_demo
from home.site import ensure_locales, ensure_site
from spaces import demo as spaces_demo
from spaces.models import SpaceIndexPage
from tests import replay

# Tests that take minutes and use no test database (they start their own PostgreSQL
# and gunicorn): run first, so the other worker shares out the rest meanwhile instead of
# waiting for them at the end (pytest-django puts tests without a database last).
LONG_WITHOUT_TEST_DATABASE = ("tests/reliability/test_reliability.py",)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_WITHOUT_TEST_DATABASE))


@pytest.fixture(scope="session", autouse=True)
def _pictures_made_once():
    """Each picture the suite needs is made once per test process.

    Tests roll back the renditions and demo drawings that the previous test saved,
    so every page with pictures would otherwise make them again: decoding a drawing
    and encoding WebP and JPEG renditions of it was the larger part of the time spent
    by tests that show spaces. Both are pure (the same source and filter give the same
    bytes), so their bytes are kept for the session; the rendition rows and files are
    still written as the portal writes them."""
    from wagtail.images.models import Filter

    from spaces import illustrations

    run = Filter.run
    draw = illustrations.draw
    made, drawn = {}, {}

    def run_once(filter, image, output, source=None):
        if not image.file_hash:
            return run(filter, image, output, source=source)
        key = (image.file_hash, image.width, image.height, filter.spec, filter.get_cache_key(image))
        if key not in made:
            generated = run(filter, image, output, source=source)
            generated.f.seek(0)
            made[key] = (generated.f.read(), generated.format_name)
        content, format_name = made[key]
        output.seek(0)
        output.truncate()
        output.write(content)
        output.seek(0)
        return SimpleNamespace(f=output, format_name=format_name)

    def draw_once(slug, variant, colour=None):
        key = (slug, variant, colour)
        if key not in drawn:
            drawn[key] = draw(slug, variant, colour)
        return drawn[key]

    draw_once.__wrapped__ = draw
    Filter.run = run_once
    illustrations.draw = draw_once
    yield
    Filter.run = run
    illustrations.draw = draw


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches (sessions and rate limits; answers, fragments
    and data versions in "derived")."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    translation.activate(settings.LANGUAGE_CODE)  # no language left over from a request
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def home(db):
    """The Korean home page at the site root (rebuilt if a transactional test flushed it)."""
    return ensure_site()


@pytest.fixture
def demo_ctx(db):
    return DemoContext(seed=1, spaces=0, password="changeme")


@pytest.fixture
def taxonomies(db):
    """The seeded space types, districts, amenities and accessibility features (a data
    migration creates them; transactional tests flush them, so seed again)."""
    from spaces.models import AccessibilityFeature, Amenity, District, SpaceType
    from spaces.seed import seed_taxonomies

    if not District.objects.exists():
        seed_taxonomies(SpaceType, District, Amenity, AccessibilityFeature)


def build_bilingual_site(ctx=None):
    """Home, space directory and program listing in Korean, each translated to English
    (for fixtures of any scope)."""
    from spaces.models import AccessibilityFeature, Amenity, District, SpaceType
    from spaces.seed import seed_taxonomies

    if not District.objects.exists():
        seed_taxonomies(SpaceType, District, Amenity, AccessibilityFeature)
    ctx = ctx or DemoContext(seed=1, spaces=0, password="changeme")
    home_demo.load_site(ctx)
    spaces_demo.load(ctx)
    events_demo.load(ctx)
    return ctx


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database; a copy of its rows as migrated, for the tests that commit; and
    a recording of what ``build_bilingual_site`` writes to it (made once, rolled back):
    ``bilingual_site`` writes the same rows again."""
    global _bilingual_recording
    with django_db_blocker.unblock():
        migrated = replay.snapshot()
        try:
            _bilingual_recording = replay.record(build_bilingual_site)
        except replay.Unrecordable as error:  # still correct, only slower
            warnings.warn(f"bilingual_site is built for each test: {error}", stacklevel=1)
    with _committing_tests_start_from(migrated):
        yield
    _bilingual_recording = None


_bilingual_recording = None


@contextmanager
def _committing_tests_start_from(migrated):
    """Tests that commit (a live server, ``transaction=True``) start from the migrated
    database, as with Django's serialized rollback, so that ``bilingual_site`` and the
    other recordings replay for them too, and leave it so for the next test. Faster
    than Django: after such a test only the tables with rows are emptied (``flush``
    truncates them all, then makes the content types and permissions again), and the
    copy is written back a statement a table (Django saves it row by row). A test's
    start writes it again only if an earlier end did not (its check stops at the first
    table with rows).

    The copy is written with its ids: a test that flushes the database itself must keep
    the sequences (``reset_sequences=False``) and empty the content types' cache."""
    from django.test import TransactionTestCase

    setup = TransactionTestCase.__dict__["_fixture_setup"]
    teardown = TransactionTestCase.__dict__["_fixture_teardown"]

    def fixture_setup(cls):
        setup.__func__(cls)
        migrated.replay()  # writes nothing while the tables still have their rows

    def fixture_teardown(self):
        replay.empty()
        # Left as migrated, not empty: a test that does not commit may follow in this
        # process (tests are shared out by work stealing, not in pytest-django's order).
        migrated.replay()

    TransactionTestCase._fixture_setup = classmethod(fixture_setup)
    TransactionTestCase._fixture_teardown = fixture_teardown
    try:
        yield
    finally:
        TransactionTestCase._fixture_setup = setup
        TransactionTestCase._fixture_teardown = teardown


@pytest.fixture
def bilingual_site(demo_ctx, taxonomies):
    """Home, space directory and program listing in Korean, each translated to English.

    Written from the session's recording of ``build_bilingual_site`` when the database
    is as it was recorded (the same rows, with the clock's time now); built otherwise
    (e.g. after a transactional test flushed the database)."""
    recording = _bilingual_recording
    if recording is None or not recording.replay():
        return build_bilingual_site(demo_ctx)
    demo_ctx.locales = ensure_locales()
    demo_ctx.home = type(recording.result.home).objects.get(pk=recording.result.home.pk)
    Site.clear_site_root_paths_cache()
    return demo_ctx


def write_as_recorded(key, build):
    """What ``build()`` writes, recorded the first time in this process (under ``key``)
    and written from the recording afterwards, as ``bilingual_site`` is, when the
    database is as it was then; built for real otherwise. A fixture that tests set up
    after different others gets a recording for each of the (few) starting points.
    Returns what ``build()`` returned, its model instances read afresh from the
    database. For fixtures under a pinned clock, set up after ``bilingual_site`` or other
    recorded ones (otherwise the rows they start from differ from test to test and the
    recordings are never used)."""
    recordings = _recordings.setdefault(key, [])
    for recording in recordings:
        if recording and recording.replay():
            return _handed_out(recording)
    if len(recordings) < RECORDINGS_PER_FIXTURE:
        try:
            recording = replay.record(build)
        except replay.Unrecordable as error:  # still correct, only slower
            warnings.warn(f"{key} is built for each test: {error}", stacklevel=2)
            recordings.extend([None] * RECORDINGS_PER_FIXTURE)
        else:
            # What the rolled-back build cached (renditions, fragments) names rows that
            # are gone, or that the build below writes under other ids.
            for alias in settings.CACHES:
                caches[alias].clear()
            recordings.append(recording)
            if recording.replay():  # it can: the recording was rolled back
                return _handed_out(recording)
    result = build()
    _handed.extend(_instances(result))
    return result


RECORDINGS_PER_FIXTURE = 4
_recordings = {}
_handed = []  # the model instances recorded fixtures gave the current test


@pytest.fixture(autouse=True)
def _forget_handed_out():
    _handed.clear()


def _handed_out(recording):
    """The recording's result for the test. Rows it updated that an earlier recorded
    fixture handed out (a parent page's count of children …) are read again, as the
    build would have changed them in memory."""
    updated = [(change.model, {obj.pk for obj in change.updated}) for change in recording.changes]
    for obj in _handed:
        if any(isinstance(obj, model) and obj.pk in pks for model, pks in updated):
            obj.refresh_from_db()
    result = _fresh(recording.result)
    _handed.extend(_instances(result))
    return result


def _fresh(value):
    """``value`` with each model instance in it read again from the database."""
    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{name: _fresh(item) for name, item in vars(value).items()})
    if isinstance(value, dict):
        return {name: _fresh(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_fresh(item) for item in value)
    return value


def _instances(value):
    if isinstance(value, models.Model):
        yield value
    elif isinstance(value, SimpleNamespace):
        yield from _instances(list(vars(value).values()))
    elif isinstance(value, dict):
        yield from _instances(list(value.values()))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _instances(item)


@pytest.fixture
def korean_only_site(demo_ctx):
    """Korean pages only, nothing translated: the English site must still show them."""
    demo_ctx.locales = ensure_locales()
    demo_ctx.home = ensure_site()
    # ensure_site() makes the English home for the privacy policy; this site has none.
    Page.objects.filter(locale__language_code="en").delete()
    ensure_child(demo_ctx.home, SpaceIndexPage, "spaces", title="공간 찾기", show_in_menus=True)
    return demo_ctx


@pytest.fixture
def make_space(bilingual_site):
    """Create a published space through the same path as the import and the demo (in a
    ``bulk_saving()`` block, as they save: the page is indexed once, not at each save)."""
    from spaces.models import District, SpacePage, SpaceType
    from spaces.services import bulk_saving, save_space

    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        # Past the spaces a recorded fixture wrote with this factory.
        while SpacePage.objects.filter(external_id=f"test-{counter['n']}").exists():
            counter["n"] += 1
        data = {
            "external_id": f"test-{counter['n']}",
            "title": f"테스트 공간 {counter['n']}",
            "space_type": SpaceType.objects.get(slug="small-library"),
            "district": District.objects.get(slug="mapo"),
            "address": "서울특별시 마포구 망원로 1",
            "latitude": 37.5560,
            "longitude": 126.9100,
        }
        for key in ("space_type", "district"):
            if isinstance(fields.get(key), str):
                model = SpaceType if key == "space_type" else District
                fields[key] = model.objects.get(slug=fields[key])
        data.update(fields)
        gallery = data.pop("gallery", None)
        with bulk_saving():
            page, _created = save_space(data, gallery=gallery)
        return page

    return make


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """``with committing(): ...`` runs what waits for the commit (e-mail tasks, purges
    of cached pages), as a real request's commit would; a test's own transaction never
    commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


DEMO_SPACES = 30


def load_demo():
    call_command("load_demo", "--force", "--spaces", str(DEMO_SPACES), "--seed", "1", verbosity=0)


@contextmanager
def demo_loaded_once(django_db_blocker, now):
    """For a module-scoped fixture: the demo, loaded at ``now`` once for the module's
    tests that a worker runs in a row, inside a transaction rolled back after them; what
    a test changes, its own transaction (a savepoint inside this one) rolls back."""
    with django_db_blocker.unblock(), transaction.atomic():
        for alias in settings.CACHES:  # as ``_fresh_cache`` leaves them for a test
            caches[alias].clear()
        with time_machine.travel(now, tick=False), translation.override(settings.LANGUAGE_CODE):
            load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def story_index(bilingual_site):
    """The stories section in Korean, translated to English, in the menu."""
    from stories.models import StoryIndexPage

    return ensure_section(
        bilingual_site,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )


@pytest.fixture
def story(story_index):
    """A published story (dated 2026-12-01) under the stories section, in Korean with
    the section's English translation; modules that need another story define their own."""
    import datetime as dt
    import json

    from stories.models import StoryPage

    index = story_index
    page = StoryPage(
        title="골목 도서관의 겨울",
        slug="winter",
        date=dt.date(2026, 12, 1),
        author="마을기자단 박서연",
        lead="작은도서관 이야기",
    )
    page.body = json.dumps([{"type": "paragraph", "value": "<p>동네 소식입니다.</p>"}])
    index.add_child(instance=page)
    page.save_revision().publish()
    return StoryPage.objects.get(pk=page.pk)
