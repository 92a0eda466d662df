"""The e-mails of a space's review: one mail per step to each person concerned (the
reviewers on city staff when a page is submitted, the operator when it is approved or
changes are requested), in the recipient's language, with absolute links from
``PORTAL_BASE_URL`` to the screen to act on. Wagtail's own workflow e-mails, which
repeated each step in English, are off."""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from operators import services
from spaces.models import District, SpacePage, SpaceType

BASE = "https://example.seoul.kr"
NAME = "망원 주민 사랑방"
# What Wagtail's own notifications said; none of it may reach anyone.
WAGTAIL_LEFTOVERS = [
    "moderation stage",
    "submitted for approval",
    "Review by city staff",
    "Space review",
    "거절됐습니다",
    "notification preferences",
]


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PORTAL_BASE_URL = BASE


@pytest.fixture
def people(bilingual_site, make_user):
    """A proposer, a reviewer in "City staff" and a superuser outside it (Wagtail
    e-mailed superusers twice: as superusers and as reviewers)."""
    return {
        "proposer": make_user("proposer1"),
        "staff": make_user("staff1", staff_group=True),
        "admin": make_user("admin9", superuser=True),
    }


def login(user):
    client = Client()
    client.force_login(user)
    return client


def proposal(name=NAME):
    return {
        "name": name,
        "summary": "동네 주민이 함께 쓰는 사랑방",
        "description": "누구나 와서 책을 읽어요",
        "space_type": SpaceType.objects.get(slug="small-library"),
        "district": District.objects.get(slug="mapo"),
        "address": "서울특별시 마포구 망원로 1",
        "latitude": None,
        "longitude": None,
        "capacity": 10,
        "opening_hours": "",
        "operator_name": "망원 주민회",
        "operator_kind": "private",
        "is_free": True,
        "phone": "",
        "email": "",
        "website": "",
    }


def workflow_action(client, page, action, comment=""):
    task_state = SpacePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    return SpacePage.objects.get(pk=page.pk)


def links_in(message):
    """Absolute links, each alone on its line (no particle glued to a URL)."""
    found = [line for line in message.body.splitlines() if "://" in line]
    for line in found:
        assert line == line.strip() and " " not in line, line
        assert line.startswith(BASE + "/"), line
    return found


def path(link):
    return link.removeprefix(BASE)


def assert_one_each(*addresses):
    assert Counter(m.to[0] for m in mail.outbox) == Counter(addresses)
    for message in mail.outbox:
        for text in WAGTAIL_LEFTOVERS:
            assert text not in message.subject + message.body, (text, message.subject)
        assert "localhost" not in message.body and ":8000" not in message.body


def propose(people, committing):
    with committing():
        page = services.propose(people["proposer"], proposal())
    return page


def test_a_proposal_tells_the_proposer_once_and_each_reviewer_once(people, committing):
    page = propose(people, committing)

    assert_one_each("proposer1@example.org", "staff1@example.org", "admin9@example.org")
    for reviewer in ("staff", "admin"):
        (message,) = [m for m in mail.outbox if m.to == [people[reviewer].email]]
        assert message.subject == f"[커뮤니티 공간] 검토 요청: {NAME}"
        assert "승인하거나 변경을 요청하세요" in message.body
        (link,) = links_in(message)
        assert link == f"{BASE}/admin/pages/{page.pk}/edit/"
        screen = login(people[reviewer]).get(path(link))
        assert screen.status_code == 200
        assert NAME in screen.content.decode()
    (received,) = [m for m in mail.outbox if m.to == ["proposer1@example.org"]]
    assert received.subject == f"[커뮤니티 공간] 공간 등록 신청 접수: {NAME}"
    (link,) = links_in(received)
    assert path(link) == "/operators/"
    assert login(people["proposer"]).get(path(link)).status_code == 200


def test_approval_sends_the_proposer_one_mail_with_the_public_page(people, committing):
    page = propose(people, committing)
    mail.outbox.clear()

    with committing():
        page = workflow_action(login(people["staff"]), page, "approve")

    assert page.live
    assert_one_each("proposer1@example.org")
    (message,) = mail.outbox
    assert message.subject.startswith("[커뮤니티 공간] ")
    public, yours = links_in(message)
    assert public == BASE + page.url
    assert Client().get(path(public)).status_code == 200
    assert path(yours) == "/operators/"
    assert NAME in login(people["proposer"]).get(path(yours)).content.decode()


@pytest.fixture
def operated(people, committing):
    """The proposer's space, approved: they run it; the mails so far are cleared."""
    page = propose(people, committing)
    with committing():
        page = workflow_action(login(people["staff"]), page, "approve")
    mail.outbox.clear()
    return page


def submit_change(page, user, summary="바뀐 한 줄 소개"):
    draft = page.get_latest_revision_as_object()
    draft.summary = summary
    draft.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_requested_changes_send_the_operator_one_korean_mail_with_the_edit_screen(
    people, operated, committing
):
    operator = get_user_model().objects.get(pk=people["proposer"].pk)
    with committing():
        submit_change(operated, operator)
    assert_one_each("staff1@example.org", "admin9@example.org")  # the reviewers, once each
    mail.outbox.clear()

    with committing():
        workflow_action(login(people["staff"]), operated, "reject", "운영 시간을 빼 주세요.")

    assert_one_each("proposer1@example.org")
    (message,) = mail.outbox
    assert message.subject == f"[커뮤니티 공간] 변경 요청: {NAME}"
    assert "게시 전에 변경을 요청했습니다" in message.body
    assert "거절" not in message.body + message.subject
    assert "검토 의견: 운영 시간을 빼 주세요." in message.body
    edit, yours = links_in(message)
    assert edit == f"{BASE}/admin/pages/{operated.pk}/edit/"
    assert login(operator).get(path(edit)).status_code == 200

    # Submitted again after the changes: the reviewers hear of it once more, once each.
    mail.outbox.clear()
    with committing():
        SpacePage.objects.get(pk=operated.pk).current_workflow_state.resume(operator)
    assert_one_each("staff1@example.org", "admin9@example.org")


def test_an_approved_change_sends_the_operator_one_mail(people, operated, committing):
    operator = get_user_model().objects.get(pk=people["proposer"].pk)
    with committing():
        submit_change(operated, operator)
    mail.outbox.clear()

    with committing():
        workflow_action(login(people["staff"]), operated, "approve")

    assert_one_each("proposer1@example.org")
    (message,) = mail.outbox
    assert message.subject == f"[커뮤니티 공간] 변경 사항이 게시되었습니다: {NAME}"


def test_the_mail_speaks_the_language_the_operator_chose(people, operated, committing):
    operator = get_user_model().objects.get(pk=people["proposer"].pk)
    profile = UserProfile.get_for_user(operator)
    profile.preferred_language = "en"
    profile.save()
    with committing():
        submit_change(operated, operator)
    mail.outbox.clear()

    with committing():
        workflow_action(login(people["staff"]), operated, "reject", "Please shorten it.")

    (message,) = mail.outbox
    assert message.subject == f"[Community Space] Changes requested: {NAME}"
    assert "requested changes before publishing them" in message.body
    assert "Edit the space:" in message.body
    (edit, yours) = links_in(message)
    assert edit == f"{BASE}/admin/pages/{operated.pk}/edit/"


def test_a_reviewer_who_turned_off_submission_mails_gets_none(people, committing):
    profile = UserProfile.get_for_user(people["admin"])
    profile.submitted_notifications = False
    profile.save()

    propose(people, committing)

    assert_one_each("proposer1@example.org", "staff1@example.org")
