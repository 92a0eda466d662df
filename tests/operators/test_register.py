"""The public "register your space" form (``/operators/register/``): who may use it,
what a valid proposal creates (a draft space in the "Space review" workflow, a
proposed operator role, a "received" e-mail), every guard against robots and bad
uploads, the per-account and per-address limits, and the review's outcome reaching
the operator (approved, declined, later changes published or declined)."""

import io
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.images import get_image_model
from wagtail.models import WorkflowState

import pytest
import time_machine
from PIL import Image as PILImage

from operators import notices, services
from operators.forms import TOKEN_SALT
from operators.models import OperatorNotice
from operators.views import max_request_bytes
from spaces import access
from spaces.models import District, SpaceOperator, SpacePage, SpaceType
from spaces.services import directory

REGISTER = "/operators/register/"
INDEX = "/operators/"
NAME = "망원 주민 사랑방"


def ko(message, **params):
    """The Korean text of an interface string (as the default-language pages show it)."""
    with translation.override("ko"):
        text = gettext(message)
    return text % params if params else text


def jpeg(size=(24, 16), colour=(200, 90, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def photo(content=None, name="room.jpg"):
    return SimpleUploadedFile(
        name, jpeg() if content is None else content, content_type="image/jpeg"
    )


def token(seconds_ago=60):
    """The form's signed "started" value, as if the form was opened ``seconds_ago``."""
    return signing.dumps(time.time() - seconds_ago, salt=TOKEN_SALT)


def proposal(**overrides):
    """A valid proposal's POST data; an override of None leaves the field out."""
    data = {
        "name": NAME,
        "space_type": SpaceType.objects.get(slug="club-room").pk,
        "district": District.objects.get(slug="mapo").pk,
        "address": "서울특별시 마포구 망원로 12",
        "latitude": "37.556100",
        "longitude": "126.910200",
        "capacity": "20",
        "opening_hours": "Mo-Fr 10:00-18:00; Sa 10:00-14:00",
        "summary": "동네 주민이 함께 쓰는 사랑방",
        "description": "누구나 와서 책을 읽어요 <script>alert(1)</script>\n\n둘째 문단 & 끝",
        "operator_name": "망원 주민회",
        "operator_kind": "private",
        "is_free": "on",
        "phone": "02-123-4567",
        "email": "sarangbang@example.org",
        "website": "https://sarangbang.example.org",
        "consent": "on",
        "leave_empty": "",
        "started": token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def plain_proposal(name, **overrides):
    """What ``services.propose`` takes (the form's cleaned data), for quick setups."""
    data = {
        "name": name,
        "summary": "요약",
        "description": "설명",
        "space_type": SpaceType.objects.get(slug="small-library"),
        "district": District.objects.get(slug="mapo"),
        "address": "서울특별시 마포구 망원로 1",
        "latitude": None,
        "longitude": None,
        "capacity": 10,
        "opening_hours": "",
        "operator_name": "운영 단체",
        "operator_kind": "private",
        "is_free": True,
        "phone": "",
        "email": "",
        "website": "",
    }
    data.update(overrides)
    return data


def saved_counts():
    """What a refused proposal must not have created."""
    return {
        "spaces": SpacePage.objects.count(),
        "images": get_image_model().objects.count(),
        "roles": SpaceOperator.objects.count(),
        "notices": OperatorNotice.objects.count(),
        "workflows": WorkflowState.objects.count(),
    }


def workflow_action_url(page, action):
    task_state = SpacePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


@pytest.fixture
def site(bilingual_site):
    return bilingual_site


@pytest.fixture
def proposer(site, make_user):
    return make_user("proposer1")


@pytest.fixture
def as_proposer(client, proposer):
    client.force_login(proposer)
    return client


@pytest.fixture
def staff_client(site, make_user):
    staff = make_user("staff1", staff_group=True)
    other = Client()
    other.force_login(staff)
    other.user = staff
    return other


def propose_through_form(client, **overrides):
    response = client.post(REGISTER, proposal(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response, SpacePage.objects.get(title=overrides.get("name", NAME))


# --- anonymous visitors ------------------------------------------------------------------


def test_anonymous_visitor_sees_the_intro_with_signup_and_login_links(client, site):
    response = client.get(REGISTER)

    assert response.status_code == 200
    html = response.content.decode()
    assert ko("Sign up and register a space") in html
    assert ko("I have an account: log in") in html
    assert f'href="{reverse("account_signup")}?next=/operators/register/"' in html
    assert f'href="{reverse("account_login")}?next=/operators/register/"' in html
    assert 'name="consent"' not in html  # no form for anonymous visitors


def test_anonymous_post_redirects_to_login_and_creates_nothing(client, site):
    before = saved_counts()

    response = client.post(REGISTER, proposal(), follow=False)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/operators/register/" in response["Location"]
    assert saved_counts() == before


# --- the form in both languages --------------------------------------------------------


def test_the_form_renders_in_korean_with_its_labels(as_proposer):
    response = as_proposer.get(REGISTER)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko"' in html
    for label in (
        "공간 이름",
        "운영 시간",
        "한 줄 소개",
        "사진 1",
        "사진 1 설명",
        "공간 등록 신청",
    ):
        assert label in html
    assert 'name="started"' in html
    assert 'name="leave_empty"' in html
    assert 'name="photo_3"' in html


def test_the_form_renders_in_english_with_its_labels(as_proposer):
    response = as_proposer.get("/en/operators/register/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    for label in (
        "Name of the space",
        "Opening hours",
        "One-line summary",
        "What photo 1 shows",
        "Register your space",
        "Send for review",
    ):
        assert label in html


def test_the_english_intro_links_keep_the_english_path(client, site):
    response = client.get("/en/operators/register/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sign up and register a space" in html
    assert "?next=/en/operators/register/" in html


# --- a valid proposal ------------------------------------------------------------------


def test_a_valid_proposal_creates_a_draft_space_in_review(as_proposer, proposer):
    images_before = get_image_model().objects.count()
    data = proposal(photo_1=photo(), photo_1_alt="긴 책상이 있는 열람실")

    response = as_proposer.post(REGISTER, data)

    assert response.status_code == 302
    assert response["Location"] == INDEX
    page = SpacePage.objects.get(title=NAME)
    assert not page.live
    assert page.get_parent().pk == directory().pk
    assert page.summary == "동네 주민이 함께 쓰는 사랑방"
    assert page.address == "서울특별시 마포구 망원로 12"
    assert page.space_type.slug == "club-room"
    assert page.district.slug == "mapo"
    assert page.capacity == 20
    assert page.opening_hours == "Mo-Fr 10:00-18:00; Sa 10:00-14:00"
    assert page.operator_name == "망원 주민회"
    assert page.operator_kind == "private"
    assert page.is_free is True
    assert page.phone == "02-123-4567"
    assert page.email == "sarangbang@example.org"
    assert page.website == "https://sarangbang.example.org"
    assert page.owner_id == proposer.pk
    assert page.latitude == pytest.approx(37.5561)
    assert page.longitude == pytest.approx(126.9102)
    # The description is plain text made into paragraphs: markup is escaped, not kept.
    assert "<script>" not in page.description
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.description
    assert page.description.count("<p>") == 2
    assert "둘째 문단 &amp; 끝" in page.description

    (gallery_image,) = page.gallery_images.all()
    assert gallery_image.alt_text == "긴 책상이 있는 열람실"
    assert get_image_model().objects.count() == images_before + 1
    assert gallery_image.image.uploaded_by_user_id == proposer.pk
    assert (gallery_image.image.width, gallery_image.image.height) == (24, 16)

    state = page.current_workflow_state
    assert state is not None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == access.REVIEW_WORKFLOW == "공간 검토"
    assert state.requested_by_id == proposer.pk

    role = SpaceOperator.objects.get(space=page)
    assert role.user_id == proposer.pk
    assert role.status == SpaceOperator.Status.PROPOSED
    (notice,) = OperatorNotice.objects.all()
    assert notice.kind == OperatorNotice.Kind.RECEIVED
    assert notice.recipient == "proposer1@example.org"
    assert notice.space_id == page.pk


def test_a_proposal_is_not_on_the_public_site(as_proposer):
    __, page = propose_through_form(as_proposer)
    visitor = Client()

    assert visitor.get(page.url).status_code == 404
    listing = visitor.get("/spaces/")
    assert listing.status_code == 200
    assert NAME not in listing.content.decode()
    # Not even for the proposer, who is not yet its operator.
    assert as_proposer.get(page.url).status_code == 404


def test_after_proposing_the_index_shows_the_space_in_review(as_proposer):
    response, __ = propose_through_form(as_proposer)

    index = as_proposer.get(response["Location"])
    html = index.content.decode()
    assert NAME in html
    assert ko("In review by city staff") in html
    assert (
        ko(
            "Thank you! “%(name)s” is now with city staff for review; we will e-mail you the outcome."
        )
        % {"name": NAME}
        in html
    )


def test_the_received_email_is_sent_after_commit(as_proposer, committing, mailoutbox):
    with committing():
        propose_through_form(as_proposer)

    (message,) = mailoutbox
    assert message.to == ["proposer1@example.org"]
    assert ko("Space proposal received") in message.subject
    assert NAME in message.subject
    assert not OperatorNotice.objects.filter(sent_at__isnull=True).exists()


def test_without_a_map_point_the_district_centre_is_used(as_proposer):
    propose_through_form(
        as_proposer,
        latitude="",
        longitude="",
        district=District.objects.get(slug="jongno").pk,
    )

    page = SpacePage.objects.get(title=NAME)
    jongno = District.objects.get(slug="jongno")
    assert page.district_id == jongno.pk
    assert page.latitude == pytest.approx(jongno.latitude)
    assert page.longitude == pytest.approx(jongno.longitude)


def test_a_proposal_without_photos_has_an_empty_gallery(as_proposer):
    images_before = get_image_model().objects.count()

    __, page = propose_through_form(as_proposer)

    assert page.gallery_images.count() == 0
    assert get_image_model().objects.count() == images_before


# --- guards: each refused with 400, nothing saved, the typed values kept ------------------


def _honeypot(settings):
    return {"leave_empty": "http://spam.example.com"}, {}, ko("Leave this field empty.")


def _too_quick(settings):
    return (
        {"started": token(seconds_ago=0)},
        {},
        ko("That was very quick. Check the details and send the form again."),
    )


def _no_token(settings):
    return {"started": None}, {}, ko("The form has expired. Check the details and send it again.")


def _forged_token(settings):
    forged = signing.dumps(time.time() - 60, salt="something-else")
    return {"started": forged}, {}, ko("The form has expired. Check the details and send it again.")


def _garbage_token(settings):
    return (
        {"started": "12345:abc"},
        {},
        ko("The form has expired. Check the details and send it again."),
    )


def _expired_token(settings):
    with time_machine.travel(time.time() - 2 * 86400, tick=False):
        opened_two_days_ago = token(seconds_ago=0)
    return (
        {"started": opened_two_days_ago},
        {},
        ko("The form has expired. Check the details and send it again."),
    )


def _no_consent(settings):
    return {"consent": None}, {}, None


def _bad_hours(settings):
    return {"opening_hours": "whenever we like"}, {}, "whenever we like"


def _outside_seoul(settings):
    # Busan.
    return (
        {"latitude": "35.1796", "longitude": "129.0756"},
        {},
        ko("The map point must lie in Seoul (latitude 37.41–37.72, longitude 126.76–127.19)."),
    )


def _only_latitude(settings):
    return {"longitude": ""}, {}, ko("Give both latitude and longitude, or neither.")


def _photo_without_alt(settings):
    return (
        {},
        {"photo_1": photo(), "photo_1_alt": "  "},
        ko("Say what the photo shows (for people who cannot see it)."),
    )


def _not_an_image(settings):
    return (
        {},
        {"photo_1": photo(b"hello", name="x.jpg"), "photo_1_alt": "사진"},
        ko("This file is not a photo we can read."),
    )


def _too_many_bytes(settings):
    settings.OPERATOR_PHOTO_MAX_BYTES = 200
    content = jpeg(size=(64, 64))
    assert len(content) > 200
    return {}, {"photo_2": photo(content), "photo_2_alt": "사진"}, None


def _too_many_pixels(settings):
    settings.OPERATOR_PHOTO_MAX_PIXELS = 100
    return (
        {},
        {"photo_3": photo(jpeg(size=(20, 20))), "photo_3_alt": "사진"},
        ko(
            "This photo is %(width)s × %(height)s pixels, which is too large.",
            width=20,
            height=20,
        ),
    )


def _not_a_photo_format(settings):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "BMP")
    return (
        {},
        {"photo_1": photo(buffer.getvalue(), name="x.bmp"), "photo_1_alt": "사진"},
        ko("Upload a JPEG, PNG, WebP or GIF photo."),
    )


GUARDS = [
    pytest.param(_honeypot, "leave_empty", id="honeypot-filled"),
    pytest.param(_too_quick, "started", id="sent-too-quickly"),
    pytest.param(_no_token, "started", id="started-missing"),
    pytest.param(_forged_token, "started", id="started-signed-with-another-salt"),
    pytest.param(_garbage_token, "started", id="started-garbage"),
    pytest.param(_expired_token, "started", id="started-over-a-day-ago"),
    pytest.param(_no_consent, "consent", id="consent-missing"),
    pytest.param(_bad_hours, "opening_hours", id="bad-opening-hours"),
    pytest.param(_outside_seoul, "latitude", id="point-outside-seoul"),
    pytest.param(_only_latitude, "latitude", id="only-latitude"),
    pytest.param(_photo_without_alt, "photo_1_alt", id="photo-without-alt"),
    pytest.param(_not_an_image, "photo_1", id="not-an-image"),
    pytest.param(_too_many_bytes, "photo_2", id="photo-too-many-bytes"),
    pytest.param(_too_many_pixels, "photo_3", id="photo-too-many-pixels"),
    pytest.param(_not_a_photo_format, "photo_1", id="photo-in-another-format"),
]


@pytest.mark.parametrize(("case", "field"), GUARDS)
def test_a_refused_proposal_answers_400_saves_nothing_and_keeps_the_values(
    as_proposer, settings, case, field
):
    overrides, files, message = case(settings)
    before = saved_counts()

    response = as_proposer.post(REGISTER, {**proposal(**overrides), **files})

    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    html = response.content.decode()
    if message:
        assert message in html
    assert saved_counts() == before
    # The re-rendered form keeps what was typed.
    assert f'value="{NAME}"' in html
    assert "서울특별시 마포구 망원로 12" in html
    assert "망원 주민회" in html
    # ... and carries a fresh token, so sending it again at once is not "too quick".
    resent = signing.loads(form.data["started"], salt=TOKEN_SALT)
    assert time.time() - resent >= 3


def test_a_refused_photo_does_not_leave_an_image_behind(as_proposer, settings):
    """A good photo beside a bad one: neither is kept."""
    settings.OPERATOR_PHOTO_MAX_PIXELS = 1000
    before = saved_counts()

    response = as_proposer.post(
        REGISTER,
        proposal(
            photo_1=photo(jpeg(size=(20, 20))),
            photo_1_alt="작은 사진",
            photo_2=photo(jpeg(size=(50, 50))),
            photo_2_alt="큰 사진",
        ),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["photo_2"]
    assert saved_counts() == before


def test_a_corrected_form_can_be_sent_at_once_with_the_new_token(as_proposer):
    refused = as_proposer.post(REGISTER, proposal(consent=None))
    assert refused.status_code == 400
    new_token = refused.context["form"].data["started"]
    assert f'value="{new_token}"' in refused.content.decode()

    response = as_proposer.post(REGISTER, proposal(started=new_token))

    assert response.status_code == 302
    assert SpacePage.objects.filter(title=NAME).exists()


def test_a_proposal_the_page_itself_refuses_is_shown_with_the_fields_error(as_proposer):
    """The form lets any URL length through; the page's field holds 200 characters.
    The page's error comes back on the form's field, and nothing is kept."""
    long_website = "https://example.org/" + "a" * 200
    before = saved_counts()

    response = as_proposer.post(
        REGISTER,
        proposal(website=long_website, photo_1=photo(), photo_1_alt="열람실"),
    )

    assert response.status_code == 400
    assert "website" in response.context["form"].errors
    assert saved_counts() == before
    assert f'value="{NAME}"' in response.content.decode()


def stored_photo_files():
    storage = get_image_model()._meta.get_field("file").storage
    try:
        return set(storage.listdir("original_images")[1])
    except FileNotFoundError:
        return set()


def test_a_proposal_the_page_refuses_leaves_no_photo_file_behind(as_proposer):
    """The photos are stored before the page is validated; when the page is refused
    the database rows roll back, and the files must go too."""
    files_before = stored_photo_files()

    response = as_proposer.post(
        REGISTER,
        proposal(
            website="https://example.org/" + "a" * 200,
            photo_1=photo(name="orphan-check.jpg"),
            photo_1_alt="열람실",
        ),
    )

    assert response.status_code == 400
    assert stored_photo_files() == files_before


# --- limits --------------------------------------------------------------------------------


def test_a_fourth_proposal_while_three_are_in_review_is_refused(as_proposer, proposer):
    for number in range(3):
        services.propose(proposer, plain_proposal(f"검토 중인 공간 {number}"))
    before = saved_counts()

    response = as_proposer.post(REGISTER, proposal())

    assert response.status_code == 429
    html = response.content.decode()
    assert (
        ko(
            "You already have %(count)s spaces waiting for review. Please wait for the "
            "outcome before proposing more."
        )
        % {"count": 3}
        in html
    )
    assert f'value="{NAME}"' in html
    assert saved_counts() == before


def test_declined_proposals_do_not_count_towards_the_open_limit(as_proposer, proposer):
    for number in range(3):
        services.propose(proposer, plain_proposal(f"반려된 공간 {number}"))
    SpaceOperator.objects.filter(user=proposer).update(status=SpaceOperator.Status.DECLINED)

    response = as_proposer.post(REGISTER, proposal())

    assert response.status_code == 302


def test_the_per_account_daily_limit(as_proposer, settings):
    settings.OPERATOR_PROPOSALS_PER_ACCOUNT_PER_DAY = 1
    settings.OPERATOR_MAX_OPEN_PROPOSALS = 50

    first = as_proposer.post(REGISTER, proposal(name="첫 번째 공간"))
    second = as_proposer.post(REGISTER, proposal(name="두 번째 공간"))

    assert first.status_code == 302
    assert second.status_code == 429
    assert (
        ko("Too many proposals have been sent from here today. Please try again tomorrow.")
        in second.content.decode()
    )
    assert SpacePage.objects.filter(title="첫 번째 공간").exists()
    assert not SpacePage.objects.filter(title="두 번째 공간").exists()
    assert SpaceOperator.objects.count() == 1


def test_the_per_address_daily_limit(site, make_user, settings):
    settings.OPERATOR_PROPOSALS_PER_ADDRESS_PER_DAY = 1
    settings.OPERATOR_MAX_OPEN_PROPOSALS = 50
    first_client, second_client = Client(), Client()
    first_client.force_login(make_user("neighbour1"))
    second_client.force_login(make_user("neighbour2"))

    first = first_client.post(REGISTER, proposal(name="첫 번째 공간"), REMOTE_ADDR="203.0.113.7")
    second = second_client.post(REGISTER, proposal(name="두 번째 공간"), REMOTE_ADDR="203.0.113.7")
    elsewhere = second_client.post(
        REGISTER, proposal(name="세 번째 공간"), REMOTE_ADDR="198.51.100.20"
    )

    assert first.status_code == 302
    assert second.status_code == 429
    assert (
        ko("Too many proposals have been sent from here today. Please try again tomorrow.")
        in second.content.decode()
    )
    assert elsewhere.status_code == 302
    assert sorted(SpacePage.objects.values_list("title", flat=True)) == [
        "세 번째 공간",
        "첫 번째 공간",
    ]


def test_a_request_body_above_the_limit_is_refused_with_413(as_proposer):
    before = saved_counts()

    response = as_proposer.post(REGISTER, proposal(), CONTENT_LENGTH=str(max_request_bytes() + 1))

    assert response.status_code == 413
    assert (
        ko("The photos together are too large (at most %(limit)s MB each).", limit="5")
        in response.content.decode()
    )
    assert saved_counts() == before


def test_a_real_oversized_body_is_refused_with_413(as_proposer, settings):
    settings.OPERATOR_PHOTO_MAX_BYTES = 1024  # the limit: 3 KB of photos + 1 MB
    big = photo(b"\xff" * (max_request_bytes() + 10))
    before = saved_counts()

    response = as_proposer.post(REGISTER, proposal(photo_1=big, photo_1_alt="큰 사진"))

    assert response.status_code == 413
    assert saved_counts() == before


# --- the review's outcome ----------------------------------------------------------------


def test_staff_approval_publishes_the_space_and_makes_the_proposer_its_operator(
    as_proposer, proposer, staff_client, committing, mailoutbox
):
    __, page = propose_through_form(as_proposer)

    with committing():
        response = staff_client.post(workflow_action_url(page, "approve"), {"comment": ""})

    assert response.status_code == 302
    page = SpacePage.objects.get(pk=page.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert page.current_workflow_state is None
    role = SpaceOperator.objects.get(space=page, user=proposer)
    assert role.status == SpaceOperator.Status.ACTIVE
    group = Group.objects.get(name=access.space_group_name(page.pk))
    assert group.user_set.filter(pk=proposer.pk).exists()
    fresh = get_user_model().objects.get(pk=proposer.pk)  # no cached permissions
    assert fresh.groups.filter(name=access.OPERATORS_GROUP).exists()
    assert page.permissions_for_user(fresh).can_edit()
    assert not page.permissions_for_user(fresh).can_publish()  # not trusted
    approved = OperatorNotice.objects.get(kind=OperatorNotice.Kind.APPROVED)
    assert approved.recipient == "proposer1@example.org"
    assert approved.space_id == page.pk
    # Only "received" and "approved": the first publication is not also "published".
    assert sorted(OperatorNotice.objects.values_list("kind", flat=True)) == [
        "approved",
        "received",
        "submitted",  # to the reviewer (tests/operators/test_review_mails.py)
    ]
    (message,) = [m for m in mailoutbox if ko("Your space is published") in m.subject]
    assert message.to == ["proposer1@example.org"]
    assert page.full_url in message.body
    # The page is public now, and the proposer's index says they run it.
    assert Client().get(page.url).status_code == 200
    assert ko("Published: you run this space") in as_proposer.get(INDEX).content.decode()
    # Staff checked the details when approving: that confirms them (not "never confirmed").
    assert page.last_verified == timezone.localdate()
    dashboard = as_proposer.get("/admin/").content.decode()
    assert page.title in dashboard and ko("never verified") not in dashboard


def test_staff_rejection_declines_the_proposal_with_the_reviewers_comment(
    as_proposer, proposer, staff_client, mailoutbox
):
    __, page = propose_through_form(as_proposer)
    comment = "주소와 운영 시간을 다시 확인해 주세요."

    response = staff_client.post(workflow_action_url(page, "reject"), {"comment": comment})

    assert response.status_code == 302
    page = SpacePage.objects.get(pk=page.pk)
    assert not page.live
    role = SpaceOperator.objects.get(space=page, user=proposer)
    assert role.status == SpaceOperator.Status.DECLINED
    declined = OperatorNotice.objects.get(kind=OperatorNotice.Kind.DECLINED)
    assert declined.recipient == "proposer1@example.org"
    assert declined.comment == comment
    assert not Group.objects.filter(name=access.space_group_name(page.pk)).exists()
    fresh = get_user_model().objects.get(pk=proposer.pk)
    assert not page.permissions_for_user(fresh).can_edit()

    index = as_proposer.get(INDEX).content.decode()
    assert ko("Not accepted") in index
    assert f"{ko('Comment from the reviewer')}: {comment}" in index

    # The queued e-mails go out when the outbox is delivered.
    notices.deliver_pending(ignore_pauses=True)
    ours = sorted(m.subject for m in mailoutbox if m.to == ["proposer1@example.org"])
    assert ours == [
        f"[{ko('Community Space')}] {ko('Space proposal received')}: {NAME}",
        f"[{ko('Community Space')}] {ko('Your space proposal was not accepted')}: {NAME}",
    ]


def test_the_declined_email_carries_the_comment(as_proposer, staff_client, committing, mailoutbox):
    __, page = propose_through_form(as_proposer)
    comment = "사진 설명을 더 자세히 적어 주세요."

    with committing():
        staff_client.post(workflow_action_url(page, "reject"), {"comment": comment})

    (message,) = [m for m in mailoutbox if ko("Your space proposal was not accepted") in m.subject]
    assert message.to == ["proposer1@example.org"]
    assert comment in message.body
    assert NAME in message.subject


@pytest.fixture
def published_space(as_proposer, proposer, staff_client):
    """The proposer's space, approved by staff: the proposer is its (untrusted) operator."""
    __, page = propose_through_form(as_proposer)
    staff_client.post(workflow_action_url(page, "approve"), {"comment": ""})
    page = SpacePage.objects.get(pk=page.pk)
    assert page.live
    assert access.runs(proposer, page)
    return page


def submit_change(page, user, summary):
    """The operator edits the space and submits it to "Space review" (as the editor's
    "Submit to Space review" does)."""
    draft = page.get_latest_revision_as_object()
    draft.summary = summary
    draft.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_an_operators_approved_change_is_published_and_told(
    published_space, proposer, staff_client, committing, mailoutbox
):
    page = published_space
    submit_change(page, get_user_model().objects.get(pk=proposer.pk), "바뀐 한 줄 소개")
    assert SpacePage.objects.get(pk=page.pk).current_workflow_state.workflow.name == "공간 검토"

    with committing():
        response = staff_client.post(workflow_action_url(page, "approve"), {"comment": ""})

    assert response.status_code == 302
    page = SpacePage.objects.get(pk=page.pk)
    assert page.summary == "바뀐 한 줄 소개"
    published = OperatorNotice.objects.get(kind=OperatorNotice.Kind.PUBLISHED)
    assert published.recipient == "proposer1@example.org"
    assert published.space_id == page.pk
    assert OperatorNotice.objects.filter(kind=OperatorNotice.Kind.APPROVED).count() == 1
    assert [m for m in mailoutbox if ko("Your changes are published") in m.subject]


def test_an_operators_declined_change_is_told_with_the_comment(
    published_space, proposer, staff_client
):
    page = published_space
    submit_change(page, get_user_model().objects.get(pk=proposer.pk), "바뀐 한 줄 소개")
    comment = "요약에 운영 시간을 넣지 말아 주세요."

    response = staff_client.post(workflow_action_url(page, "reject"), {"comment": comment})

    assert response.status_code == 302
    page = SpacePage.objects.get(pk=page.pk)
    assert page.live
    assert page.summary == "동네 주민이 함께 쓰는 사랑방"  # the change is not published
    changes = OperatorNotice.objects.get(kind=OperatorNotice.Kind.CHANGES_DECLINED)
    assert changes.recipient == "proposer1@example.org"
    assert changes.comment == comment
    # The operator keeps running the space.
    assert SpaceOperator.objects.get(space=page, user=proposer).status == "active"
    assert not OperatorNotice.objects.filter(kind=OperatorNotice.Kind.DECLINED).exists()


def test_a_proposal_photo_is_stored_without_its_gps_position(as_proposer):
    from PIL import Image

    from tests.operators.test_photo_metadata import photo_with_exif

    __, page = propose_through_form(as_proposer, photo_1=photo_with_exif(), photo_1_alt="부엌")
    image = page.gallery_images.get().image
    with image.file.open("rb") as stored, Image.open(stored) as opened:
        assert not opened.getexif()
        assert opened.size == (20, 40)  # turned upright
