"""The cast and data of the admin security tests (``test_admin_access``,
``test_admin_matrix``), built once per module inside a transaction rolled back after it.

Operator A runs two spaces (so, as for any operator of several spaces, Wagtail's own
"explorable root" is the space directory, above operator B's space); operator B runs
space B, whose latest revision is an unpublished draft under review, a program with a
draft, and a proposed space that was never published. Residents booked and registered
in both; a resident entered a campaign. An image in operator A's own collection; an
image and a document in a collection only city staff hold (``spaces.access`` gives an
operator permissions on their spaces' collections alone). Every string operator A must never read is in ``SECRETS_OF_B`` or
``STAFF_ONLY``; a visitor without admin access must read none of ``ALL_SECRETS``."""

import datetime as dt
from contextlib import contextmanager, suppress
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

from wagtail.models import Collection, Page

# What operator B (and the residents of B's space) have that operator A must not read.
SPACE_B_DRAFT = "비밀초안제목B"  # space B's latest, unpublished revision (in review)
PROPOSAL_B = "비밀제안공간B"  # a space B's operator proposed; never published
PROGRAM_B_DRAFT = "비밀프로그램초안B"
OPERATOR_B = "operator_b_secret"
BOOKER_B = "booker_b_secret"
BOOKING_B_PURPOSE = "비밀모임목적B"
SECRETS_OF_B = (SPACE_B_DRAFT, PROPOSAL_B, PROGRAM_B_DRAFT, OPERATOR_B, BOOKER_B, BOOKING_B_PURPOSE)
# City staff's alone: campaign entries, the staff-only image, documents.
ENTRANT = "entrant_secret"
ENTRY_SPACE = "응모비밀공간"
STAFF_IMAGE = "직원전용사진"
DOCUMENT = "비공개문서"
STAFF_ONLY = (ENTRANT, ENTRY_SPACE, STAFF_IMAGE, DOCUMENT)
# Operator A's own (shown to A, never to someone without admin access).
SPACE_A_DRAFT = "내초안제목A"
OPERATOR_A = "operator_a_own"
ALL_SECRETS = SECRETS_OF_B + STAFF_ONLY + (SPACE_A_DRAFT, OPERATOR_A)


def png():
    from wagtail.images.tests.utils import get_test_image_file

    return get_test_image_file()


def make_user(username, *, groups=()):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="changeme"
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_space(number, title, *, publish=True):
    from spaces.models import District, SpaceType
    from spaces.services import save_space

    page, __ = save_space(
        {
            "external_id": f"security-{number}",
            "title": title,
            "space_type": SpaceType.objects.get(slug="small-library"),
            "district": District.objects.get(slug="mapo"),
            "address": "서울특별시 마포구 망원로 1",
            "latitude": 37.5560 + number / 1000,
            "longitude": 126.9100,
            "bookable": True,
            "opening_hours": "Mo-Su 09:00-21:00",
            "capacity": 12,
        },
        publish=publish,
    )
    return page


def add_program(space, key, today):
    import recurrence

    from events.models import Occurrence, ProgramPage

    program = space.add_child(
        instance=ProgramPage(
            title=f"프로그램 {key}",
            slug=f"security-program-{key.lower()}",
            summary="함께해요.",
            start_date=today + dt.timedelta(days=1),
            start_time=dt.time(19),
            duration_minutes=90,
            capacity=5,
            schedule=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=TU,TH"),
        )
    )
    program.save_revision().publish()
    program = ProgramPage.objects.get(pk=program.pk)
    occurrence = Occurrence.objects.filter(program=program).order_by("start").first()
    return program, occurrence


def save_draft(page, title, user):
    """A new revision with ``title``, not published."""
    draft = page.get_latest_revision_as_object()
    draft.title = title
    return draft.save_revision(user=user)


def build():
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import UploadedFile
    from wagtail.permissions import policy_registry

    from bookings.models import Booking, Status
    from campaigns.models import CampaignEntry, CampaignIndexPage, CampaignPage
    from core.demo import ensure_section, publish
    from events.services import register
    from spaces import access
    from spaces.models import SpaceOperator
    from tests.conftest import build_bilingual_site

    ctx = build_bilingual_site()
    access.ensure_roles()
    now = timezone.now()
    today = timezone.localdate()

    staff = make_user("staff_member", groups=[access.STAFF_GROUP])
    operator_a = make_user(OPERATOR_A)
    operator_b = make_user(OPERATOR_B)
    resident = make_user("resident_plain")
    booker_b = make_user(BOOKER_B)
    entrant = make_user(ENTRANT)

    space_a = make_space(1, "공간 A")
    space_a2 = make_space(2, "공간 A2")
    space_b = make_space(3, "공간 B")
    proposal_b = make_space(4, PROPOSAL_B, publish=False)
    for space, operator in ((space_a, operator_a), (space_a2, operator_a), (space_b, operator_b)):
        SpaceOperator.objects.create(space=space, user=operator, status=SpaceOperator.Status.ACTIVE)
    SpaceOperator.objects.create(
        space=proposal_b, user=operator_b, status=SpaceOperator.Status.PROPOSED
    )
    program_a, occurrence_a = add_program(space_a, "A", today)
    program_b, occurrence_b = add_program(space_b, "B", today)
    save_draft(program_b, PROGRAM_B_DRAFT, operator_b)
    save_draft(space_a, SPACE_A_DRAFT, operator_a)
    save_draft(space_b, SPACE_B_DRAFT, operator_b)
    space_b = Page.objects.get(pk=space_b.pk).specific
    workflow_state = access.review_workflow().start(space_b, operator_b)
    task_state = workflow_state.current_task_state

    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=3), dt.time(14)))
    bookings = {}
    for key, space, user in (("a", space_a, resident), ("b", space_b, booker_b)):
        bookings[key] = Booking.objects.create(
            space=space,
            user=user,
            start=start,
            end=start + dt.timedelta(hours=2),
            headcount=3,
            purpose=BOOKING_B_PURPOSE if key == "b" else "우리 모임",
            status=Status.REQUESTED,
            expires_at=now + dt.timedelta(hours=48),
        )
    registration_a = register(resident, occurrence_a.pk)
    registration_b = register(booker_b, occurrence_b.pk)

    campaigns = ensure_section(
        ctx,
        CampaignIndexPage,
        "campaigns",
        ko={"title": "캠페인", "summary": "캠페인에 참여하세요."},
        en={"title": "Campaigns", "summary": "Take part in campaigns."},
    )
    campaign = CampaignPage(
        title="우리 동네 공간 자랑",
        slug="security-campaign",
        lead="동네에서 가장 아끼는 공간을 알려 주세요.",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )
    campaigns.add_child(instance=campaign)
    publish(campaign)
    entry = CampaignEntry.objects.create(
        campaign=campaign,
        user=entrant,
        space_title=ENTRY_SPACE,
        why="좋아요",
        terms_accepted_at=now,
        privacy_accepted_at=now,
    )

    # Operators hold permissions on their spaces' collections only; staff on the root.
    root = Collection.get_first_root_node()
    staff_photos = root.add_child(name="직원 사진")
    image_policy = policy_registry.get_by_type(get_image_model())
    own_collection = image_policy.collections_user_has_permission_for(operator_a, "choose").first()
    assert own_collection is not None, "operator A may choose images somewhere"
    Image = get_image_model()
    image_a = Image.objects.create(
        title="운영자사진A", file=png(), collection=own_collection, uploaded_by_user=operator_a
    )
    staff_image = Image.objects.create(
        title=STAFF_IMAGE, file=png(), collection=staff_photos, uploaded_by_user=staff
    )
    document = get_document_model().objects.create(
        title=DOCUMENT, file=ContentFile(b"secret", name="secret.txt"), collection=staff_photos
    )
    uploaded = UploadedFile.objects.create(
        file=ContentFile(b"upload", name="upload.txt"),
        for_content_type=ContentType.objects.get_for_model(Image),
        uploaded_by_user=staff,
    )
    editing_session = EditingSession.objects.create(
        user=operator_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(space_b.pk),
        last_seen_at=now,
    )
    query = Query.get("도서관")
    SearchPromotion.objects.create(query=query, page_id=space_a.pk, sort_order=0)
    redirect = Redirect.objects.create(old_path="/old-library", redirect_page_id=space_a.pk)

    return SimpleNamespace(
        ctx=ctx,
        staff=staff,
        operator_a=operator_a,
        operator_b=operator_b,
        resident=resident,
        space_a=space_a,
        space_a2=space_a2,
        space_b=space_b,
        proposal_b=proposal_b,
        program_a=program_a,
        program_b=program_b,
        workflow_state=workflow_state,
        task_state=task_state,
        review_task=task_state.task,
        review_workflow=workflow_state.workflow,
        bookings=bookings,
        registrations={"a": registration_a, "b": registration_b},
        campaign=campaign,
        entry=entry,
        staff_photos=staff_photos,
        image_a=image_a,
        staff_image=staff_image,
        document=document,
        uploaded=uploaded,
        editing_session=editing_session,
        query=query,
        redirect=redirect,
        space_b_group=Group.objects.get(name=access.space_group_name(space_b.pk)),
        role_b=SpaceOperator.objects.get(space=space_b, user=operator_b),
    )


@contextmanager
def world_once(django_db_blocker):
    """For a module-scoped fixture: ``build()`` once, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        for alias in settings.CACHES:
            caches[alias].clear()
        with translation.override(settings.LANGUAGE_CODE):
            world = build()
        world.sessions = {
            role: session_of(getattr(world, role))
            for role in ("staff", "operator_a", "operator_b", "resident")
        }
        yield world
        transaction.set_rollback(True)


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_as(world, role):
    """A fresh client (no cookies left by another test) signed in as ``role``, or an
    anonymous one for ``"anonymous"``."""
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def text_of(response):
    """The body as text, with JSON's escaped Korean decoded, and the messages the
    request left for the next page (a refusal's message shows after its redirect)."""
    import json

    from django.contrib.messages import get_messages

    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        with suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    request = getattr(response, "wsgi_request", None)
    if request is not None and hasattr(request, "_messages"):
        text += "\n" + "\n".join(str(message) for message in get_messages(request))
    return text


def leaked(response, secrets):
    text = text_of(response)
    return [secret for secret in secrets if secret in text]
