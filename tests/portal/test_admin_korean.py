"""The Korean admin has no English left on the screens city staff and space operators
use: the dashboard, the page explorer, every page type's edit and add forms, the
workflow's action modals and task lists, the snippets (listing and edit form of each),
and the portal's own admin views (space review, bookings, import, statistics, reports).

Each screen is opened as a person of that role would (Korean is the admin's default
language), its visible text is extracted — text nodes outside script, style and
template, plus ``title``/``aria-label``/``placeholder``/``alt`` and the labels of
buttons — and every run of three or more Latin letters is English left behind, unless
``ALLOWED`` says why it belongs there. Our own strings are fixed in the code and
``locale/ko``; Wagtail's missing or wrong Korean is overridden in the same catalogue
(``core/admin_strings.py`` lists those msgids so ``makemessages`` keeps them).

The data is Korean throughout (titles, names, purposes), as an operator's would be, so
anything English on a screen is the interface's."""

import datetime as dt
import json
import re
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page

import pytest

# Words that are not English left behind, and why.
ALLOWED = {
    # Formats and units an operator types or reads as such.
    "CSV",
    "XLSX",
    "csv",  # as in ".csv"
    "xlsx",
    "URL",
    "PNG",
    "JPG",
    "JPEG",
    "GIF",
    "WebP",
    "WEBP",
    "AVIF",
    "HEIC",
    "SVG",
    "PDF",
    "ICS",
    "UTF",  # UTF-8
    # Brand and product names.
    "Wagtail",
    "OpenStreetMap",
    "Google",
    "Outlook",
    # Wagtail's tree root, a page and a collection its own migrations create and name
    # "Root" (home/site.py makes the same page on a flushed database); its title is data
    # that Wagtail shows as it is in breadcrumbs and the collection filters.
    "Root",
}
# Hard-coded English in Wagtail's templates, left as it is (each small enough to miss,
# too large a template to copy for it).
HARD_CODED = {
    # The submit button after the search field (wagtailadmin/home.html and
    # wagtailadmin/shared/header.html: value="Search"), visually hidden.
    "Search",
}
# English that one screen shows because of a Wagtail bug, by screen.
WAGTAIL_BUGS = {
    # Wagtail's page search gives its results header no model name, which prints as
    # "None" (wagtailadmin/pages/listing/_page_title_column_header.html: "… of 5 None").
    "page search": {"None"},
    # A page published by code (the import, the demo) has no publisher: the report
    # prints "None" for it (wagtailadmin/reports/aging_pages_results.html).
    "aging pages": {"None"},
}
# What a screen may show in Latin letters besides words: e-mail addresses, web
# addresses, file names, identifiers such as the import's column names ("external_id")
# and OpenStreetMap opening hours ("Mo-Sa 09:00-21:00").
NOT_WORDS = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail
    r"|https?://\S+"  # web address
    r"|\b[\w-]+\.(png|jpe?g|gif|csv|xlsx|txt|pdf)\b"  # file name
    r"|(?<![A-Za-z])[a-z]+(_[a-z]+)+(?![A-Za-z])"  # identifier
    r"|\b(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?( \d\d:\d\d-\d\d:\d\d)?\b"
)
ENGLISH = re.compile(r"[A-Za-z]{3,}")
QUOTED = re.compile(r"'([^']+)'")
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Not read by anyone (script, style, template), or literal values to type as they are
# (the import's column names and example rows in <code>).
SKIPPED = {"script", "style", "template", "noscript", "code", "kbd", "samp", "pre"}


def content_strings():
    """Whole strings that are data, not interface: the English names and slugs of the
    space lists (their "English name" and "slug" columns), the titles of the English
    pages, the language names Wagtail offers each in its own language, the time zones
    (IANA names) and the model labels Wagtail's page types report prints."""
    from django.apps import apps

    from wagtail.admin.localization import get_available_admin_languages
    from wagtail.models import Page

    from spaces.models import AccessibilityFeature, Amenity, District, SpaceType

    strings = set()
    for model in (AccessibilityFeature, Amenity, District, SpaceType):
        for name_en, slug in model.objects.values_list("name_en", "slug"):
            strings.update((name_en, slug))
    strings.update(Page.objects.exclude(locale__language_code="ko").values_list("title", flat=True))
    strings.update(
        translation.get_language_info(code)["name_local"]
        for code, __ in get_available_admin_languages()
    )
    strings.update(settings.WAGTAIL_USER_TIME_ZONES)
    strings.update(model._meta.label_lower for model in apps.get_models())
    return strings


class VisibleText(HTMLParser):
    """The strings a person reads or hears on a page: text nodes outside the skipped
    elements, the labelling attributes, and the value of input buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.strings = []
        self.skipping = None  # (tag, how many of it are open) while inside a skipped one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping[1] += 1
            return
        if tag in SKIPPED or "hidden" in attrs:
            self.skipping = [tag, 1]
            return
        for name in ATTRIBUTES & attrs.keys():
            self.strings.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.strings.append(attrs.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[0]:
            self.skipping[1] -= 1
            if not self.skipping[1]:
                self.skipping = None

    def handle_data(self, data):
        if not self.skipping:
            self.strings.append(data)


def visible_strings(html):
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return [" ".join(s.split()) for s in parser.strings if s.strip()]


def english_in(html, content=frozenset(), allowed=frozenset()):
    """The visible strings of ``html`` that hold English words (``content`` is data,
    ``allowed`` words this screen may show besides ``ALLOWED``)."""
    found = []
    for string in visible_strings(html):
        if string in content or string in HARD_CODED or string.removeprefix("↳ ") in content:
            continue
        # Data quoted inside a sentence ("'공간 찾기'에서 'Find a space'(으)로 …").
        string = QUOTED.sub(lambda m: " " if m[1] in content else m[0], string)
        words = [
            word
            for word in ENGLISH.findall(NOT_WORDS.sub(" ", string))
            if word not in ALLOWED and word not in allowed
        ]
        if words:
            found.append(string)
    return found


def body_html(response):
    """The HTML of a screen: the page, or a modal's ``html`` in its JSON answer."""
    content = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.loads(content).get("html", "")
    return content


# --- the people and their data ----------------------------------------------------------


def make_user(username, email, *, groups=()):
    user = get_user_model().objects.create_user(
        username, email=email, password="changeme", first_name=username[1:], last_name=username[0]
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def build():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from bookings.models import Booking, Status
    from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
    from core.demo import ensure_section, publish
    from events.services import register
    from spaces import access
    from spaces.models import District, SpaceOperator
    from stories.models import StoryIndexPage, StoryPage
    from tests.conftest import build_bilingual_site
    from tests.security.admin_world import add_program, make_space, save_draft

    ctx = build_bilingual_site()
    access.ensure_roles()
    now = timezone.now()
    today = timezone.localdate()

    staff = make_user("김직원", "staff@example.org", groups=[access.STAFF_GROUP])
    operator = make_user("이운영", "operator@example.org")
    other = make_user("박운영", "other@example.org")
    resident = make_user("최주민", "resident@example.org")

    space = make_space(1, "망원 작은도서관")
    second = make_space(2, "성산 공유부엌")
    reviewed = make_space(3, "합정 마을회관")
    for page, user in ((space, operator), (second, operator), (reviewed, other)):
        SpaceOperator.objects.create(space=page, user=user, status=SpaceOperator.Status.ACTIVE)
    program, occurrence = add_program(space, "가", today)
    save_draft(reviewed, "합정 마을회관 (새 안내)", other)
    reviewed = Page.objects.get(pk=reviewed.pk).specific
    workflow_state = access.review_workflow().start(reviewed, other)

    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=3), dt.time(14)))
    booking = Booking.objects.create(
        space=space,
        user=resident,
        start=start,
        end=start + dt.timedelta(hours=2),
        headcount=3,
        purpose="독서 모임",
        status=Status.REQUESTED,
        expires_at=now + dt.timedelta(hours=48),
    )
    registration = register(resident, occurrence.pk)

    stories = ensure_section(
        ctx,
        StoryIndexPage,
        "stories",
        ko={"title": "이야기", "summary": "이웃들의 이야기"},
        en={"title": "Stories", "summary": "Neighbours' stories"},
    )
    story = StoryPage(
        title="골목 도서관의 겨울",
        slug="winter",
        date=dt.date(2026, 12, 1),
        author="마을기자단 박서연",
        lead="작은도서관 이야기",
        district=District.objects.get(slug="mapo"),
    )
    story.body = json.dumps([{"type": "paragraph", "value": "<p>동네 소식입니다.</p>"}])
    stories.add_child(instance=story)
    publish(story)
    campaigns = ensure_section(
        ctx,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    campaign = CampaignPage(
        title="우리 동네 공간 자랑",
        slug="campaign",
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )
    campaigns.add_child(instance=campaign)
    publish(campaign)
    entry = CampaignEntry.objects.create(
        campaign=campaign,
        user=resident,
        space_title="망원 작은도서관",
        why="책이 많아요",
        terms_accepted_at=now,
        privacy_accepted_at=now,
    )
    get_image_model().objects.create(
        title="도서관 사진", file=get_test_image_file(), uploaded_by_user=staff
    )

    def page(model, **filters):
        return model.objects.filter(locale__language_code="ko", **filters).first()

    from events.models import ProgramIndexPage
    from home.models import HomePage
    from spaces.models import SpaceIndexPage

    return SimpleNamespace(
        staff=staff,
        operator=operator,
        home=page(HomePage),
        space_index=page(SpaceIndexPage),
        program_index=page(ProgramIndexPage),
        story_index=stories,
        campaign_index=campaigns,
        space=space,
        program=program,
        story=story,
        campaign=campaign,
        reviewed=reviewed,
        task_state=workflow_state.current_task_state,
        booking=booking,
        registration=registration,
        entry=entry,
        operator_role=SpaceOperator.objects.get(space=space, user=operator),
    )


@contextmanager
def world_once(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        for alias in settings.CACHES:
            caches[alias].clear()
        with translation.override(settings.LANGUAGE_CODE):
            world = build()
        yield world
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with world_once(django_db_blocker) as world:
        yield world


# --- the screens --------------------------------------------------------------------------


def _first(model_path):
    from django.apps import apps

    return apps.get_model(model_path).objects.order_by("pk").first().pk


def page_screens(w, pages):
    """Edit, and add under its parent where another may be added, for each page."""
    screens = []
    for page in pages:
        model = page.specific_class._meta
        screens.append(
            (f"edit {model.model_name}", reverse("wagtailadmin_pages:edit", args=[page.pk]))
        )
        if not page.specific_class.can_create_at(page.get_parent()):
            continue  # one home page per site
        screens.append(
            (
                f"add {model.model_name}",
                reverse(
                    "wagtailadmin_pages:add",
                    args=[model.app_label, model.model_name, page.get_parent().pk],
                ),
            )
        )
    return screens


def staff_screens(w):
    task = w.task_state
    snippets = {
        "spaces_spaceoperator": w.operator_role.pk,
        "spaces_spacetype": _first("spaces.SpaceType"),
        "spaces_district": _first("spaces.District"),
        "spaces_amenity": _first("spaces.Amenity"),
        "spaces_accessibilityfeature": _first("spaces.AccessibilityFeature"),
        "bookings_booking": w.booking.pk,
        "events_registration": None,  # staff read registrations; nobody edits them
        "campaigns_campaignentry": w.entry.pk,
    }
    screens = [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer: home", reverse("wagtailadmin_explore", args=[w.home.pk])),
        ("explorer: spaces", reverse("wagtailadmin_explore", args=[w.space_index.pk])),
        ("explorer: a space", reverse("wagtailadmin_explore", args=[w.space.pk])),
        ("page search", reverse("wagtailadmin_pages:search") + "?q=도서관"),
        ("page history", reverse("wagtailadmin_pages:history", args=[w.space.pk])),
        (
            "approve with comment",
            reverse("wagtailadmin_pages:workflow_action", args=[w.reviewed.pk, "approve", task.pk]),
        ),
        (
            "request changes",
            reverse("wagtailadmin_pages:workflow_action", args=[w.reviewed.pk, "reject", task.pk]),
        ),
        ("edit a page in review", reverse("wagtailadmin_pages:edit", args=[w.reviewed.pk])),
        ("workflows", reverse("wagtailadmin_workflows:index")),
        ("workflow report", reverse("wagtailadmin_reports:workflow")),
        ("workflow tasks report", reverse("wagtailadmin_reports:workflow_tasks")),
        ("page types usage", reverse("wagtailadmin_reports:page_types_usage")),
        ("aging pages", reverse("wagtailadmin_reports:aging_pages")),
        ("locked pages", reverse("wagtailadmin_reports:locked_pages")),
        ("site history", reverse("wagtailadmin_reports:site_history")),
        ("space review", reverse("operators_review_queue")),
        ("space statistics", reverse("operators_statistics")),
        ("import spaces", reverse("spaces_import")),
        ("verify details", reverse("spaces_verify", args=[w.space.pk])),
        ("decide on a booking", reverse("bookings_decide", args=[w.booking.pk])),
        ("images", reverse("wagtailimages:index")),
        ("documents", reverse("wagtaildocs:index")),
        ("redirects", reverse("wagtailredirects:index")),
        ("promoted search results", reverse("wagtailsearchpromotions:index")),
        ("account", reverse("wagtailadmin_account")),
    ]
    for name, pk in snippets.items():
        screens.append((f"{name} list", reverse(f"wagtailsnippets_{name}:list")))
        if pk is not None:
            screens.append((f"{name} edit", reverse(f"wagtailsnippets_{name}:edit", args=[pk])))
    pages = [
        w.home,
        w.space_index,
        w.space,
        w.program_index,
        w.program,
        w.story_index,
        w.story,
        w.campaign_index,
        w.campaign,
    ]
    return screens + page_screens(w, pages)


def operator_screens(w):
    program = w.program._meta
    return [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer: spaces", reverse("wagtailadmin_explore", args=[w.space_index.pk])),
        ("explorer: own space", reverse("wagtailadmin_explore", args=[w.space.pk])),
        ("edit own space", reverse("wagtailadmin_pages:edit", args=[w.space.pk])),
        ("edit a program", reverse("wagtailadmin_pages:edit", args=[w.program.pk])),
        (
            "add a program",
            reverse(
                "wagtailadmin_pages:add", args=[program.app_label, program.model_name, w.space.pk]
            ),
        ),
        ("confirm details", reverse("spaces_verify", args=[w.space.pk])),
        ("bookings", reverse("wagtailsnippets_bookings_booking:list")),
        ("a booking", reverse("wagtailsnippets_bookings_booking:edit", args=[w.booking.pk])),
        ("decide on a booking", reverse("bookings_decide", args=[w.booking.pk])),
        ("registrations", reverse("wagtailsnippets_events_registration:list")),
        ("images", reverse("wagtailimages:index")),
        ("upload an image", reverse("wagtailimages:add")),
        ("account", reverse("wagtailadmin_account")),
    ]


def visitor_screens(w):
    return [("log in", reverse("wagtailadmin_login"))]


SCREENS = {"staff": staff_screens, "operator": operator_screens, "visitor": visitor_screens}


@pytest.mark.parametrize("role", sorted(SCREENS))
def test_admin_screens_have_no_english_left(world, db, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    if role != "visitor":
        client.force_login(getattr(world, role))
    left = defaultdict(list)
    content = content_strings()
    for screen, url in SCREENS[role](world):
        response = client.get(url)
        assert response.status_code == 200, (screen, url, response.status_code)
        for string in english_in(body_html(response), content, WAGTAIL_BUGS.get(screen, ())):
            if string not in left[screen]:
                left[screen].append(string)
    report = "\n".join(
        f"{screen}: {string!r}" for screen, strings in left.items() for string in strings
    )
    assert not left, f"English left in the Korean admin ({role}):\n{report}"


def test_the_check_finds_english_and_lets_korean_and_allowed_words_pass():
    html = (
        "<main><h1>공간 찾기</h1><button aria-label='More actions'>…</button>"
        "<script>var x = 'Hidden code';</script><template><p>Not shown</p></template>"
        "<p>CSV 파일, operator@example.org, Mo-Sa 09:00-21:00</p><p>Save draft</p></main>"
    )
    assert english_in(html) == ["More actions", "Save draft"]
    assert english_in("<p>'공간 찾기'에서 'Find a space'(으)로</p>", {"Find a space"}) == []
    assert english_in("<p hidden>None</p>") == []
