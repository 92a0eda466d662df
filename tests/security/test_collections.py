"""Whose images an operator sees, and what an uploaded photo keeps.

Each operated space has its own Wagtail collection; an operator sees, chooses and uploads
images in their spaces' collections only, never another operator's photos, the demo's
shared pictures or the photos of proposals in review ("Proposals", city staff only).
An approved proposal's photos move into the new space's collection.

Every stored photo — uploaded in the admin (single, multiple, chooser, a second step of
the multiple upload, a replaced file), with a proposal or with a campaign entry — is a
copy without EXIF (GPS position, camera), comments or the file's original name."""

import contextlib
import hashlib
import io
import json
import re
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

import pytest
from PIL import Image as PILImage

from campaigns.forms import EntryForm
from operators.forms import TOKEN_SALT
from spaces import access
from spaces.models import District, SpaceOperator, SpacePage, SpaceType

Image = get_image_model()

PRIVATE_NAME = "kim-minji-home-mangwon"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
CAMERA = "PhoneMaker"
COMMENT = b"Taken at home, 37.5561N 126.9102E"
STORED = re.compile(r"original_images/[0-9a-f]{32}\.(jpg|png|gif)")


# --- photos -------------------------------------------------------------------------------


def phone_jpeg(size=(40, 20)):
    """A JPEG as phones make them: rotated by EXIF, with the camera, the GPS position
    and a comment."""
    image = PILImage.new("RGB", size, (200, 30, 30))
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6  # shown turned by 90°: stored 40×20, seen 20×40
    exif[MAKE] = CAMERA
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 33.0, 21.0), 3: "E", 4: (126.0, 54.0, 36.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=COMMENT)
    return out.getvalue()


def gif_with_comment():
    out = io.BytesIO()
    PILImage.new("P", (12, 8)).save(out, "GIF", comment=COMMENT)
    return out.getvalue()


def upload(data=None, name=f"{PRIVATE_NAME}.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, phone_jpeg() if data is None else data, content_type)


def plain_image(title):
    out = io.BytesIO()
    PILImage.new("RGB", (16, 12), (30, 90, 200)).save(out, "PNG")
    image = Image(title=title, file=ImageFile(io.BytesIO(out.getvalue()), name="plain.png"))
    image.save()
    return image


def stored_bytes(image):
    with image.file.storage.open(image.file.name, "rb") as stored:
        return stored.read()


def assert_stored_clean(image):
    """The stored file has no EXIF, GPS, camera or comment, is upright, sits under a
    random name, and the image's recorded size and hash are the stored file's."""
    image = Image.objects.get(pk=image.pk)
    assert STORED.fullmatch(image.file.name), image.file.name
    data = stored_bytes(image)
    with PILImage.open(io.BytesIO(data)) as opened:
        assert not opened.getexif()
        assert "comment" not in opened.info
        assert opened.size == (20, 40)  # turned upright
    assert CAMERA.encode() not in data
    assert b"37.5561N" not in data
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()


def stored_names():
    names = []
    for folder in ("original_images", "uploaded_files"):
        with contextlib.suppress(FileNotFoundError):
            names += default_storage.listdir(folder)[1]
    return names


# --- people and spaces --------------------------------------------------------------------


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(make_space):
    """operator A runs space A, operator B runs space B; city staff; a resident."""
    users = {}
    for name in ("operator_a", "operator_b", "staff", "resident"):
        users[name] = get_user_model().objects.create_user(
            name, email=f"{name}@example.org", password="changeme"
        )
    access.ensure_roles()
    users["staff"].groups.add(Group.objects.get(name=access.STAFF_GROUP))
    space_a = make_space(title="망원 작은도서관")
    space_b = make_space(title="성수 공유부엌")
    for space, user in ((space_a, users["operator_a"]), (space_b, users["operator_b"])):
        SpaceOperator.objects.create(space=space, user=user, status=SpaceOperator.Status.ACTIVE)
    users = {key: get_user_model().objects.get(pk=user.pk) for key, user in users.items()}
    return type("Cast", (), {**users, "space_a": space_a, "space_b": space_b})


def collection_of(space):
    """The space's own collection: the one its operators' group holds."""
    (collection,) = {
        grant.collection
        for grant in GroupCollectionPermission.objects.filter(
            group__name=access.space_group_name(space.pk)
        )
    }
    return collection


def text(response):
    """A page's HTML; the chooser answers JSON with the HTML inside (Korean escaped)."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def assert_refused(response):
    """Wagtail's ways of saying no: a redirect to the admin's home, 403 or 404."""
    if response.status_code == 302:
        assert response["Location"] == "/admin/", response["Location"]
    else:
        assert response.status_code in (403, 404), response.status_code


def chooser(user):
    return text(client_for(user).get(reverse("wagtailimages_chooser:choose")))


def admin_upload(user, data=None, name=f"{PRIVATE_NAME}.jpg", title="열람실", **fields):
    response = client_for(user).post(
        reverse("wagtailimages:add"), {"title": title, "file": upload(data, name), **fields}
    )
    assert response.status_code == 302, response.context["form"].errors
    return Image.objects.get(title=title)


# --- the admin's uploads ------------------------------------------------------------------


def test_an_operators_upload_is_stored_without_exif_or_name_in_their_spaces_collection(cast):
    image = admin_upload(cast.operator_a)

    assert_stored_clean(image)
    assert PRIVATE_NAME not in " ".join(stored_names())
    assert image.collection == collection_of(cast.space_a)
    assert image.uploaded_by_user == cast.operator_a


def test_the_multiple_upload_stores_a_clean_copy_in_the_spaces_collection(cast):
    response = client_for(cast.operator_a).post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload(), "title": "부엌"}
    )

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["success"], data
    image = Image.objects.get(pk=data["image_id"])
    assert_stored_clean(image)
    assert image.collection == collection_of(cast.space_a)
    assert PRIVATE_NAME not in " ".join(stored_names())


def test_a_multiple_upload_finished_in_a_second_step_keeps_no_original(cast):
    """An upload whose details are refused is kept aside and made an image by a second
    request, which stores the file itself before saving the image."""
    client = client_for(cast.operator_a)
    first = json.loads(
        client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": upload(), "title": ""}
        ).content
    )
    assert "uploaded_file_id" in first, first
    upload_id = first["uploaded_file_id"]

    second = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {f"uploaded-image-{upload_id}-title": "열람실 두 번째"},
    )

    data = json.loads(second.content)
    assert data["success"], data
    image = Image.objects.get(pk=data["image_id"])
    assert_stored_clean(image)
    assert image.collection == collection_of(cast.space_a)
    assert PRIVATE_NAME not in " ".join(stored_names())  # neither kept aside nor copied


def test_the_choosers_upload_stores_a_clean_copy_in_the_spaces_collection(cast):
    response = client_for(cast.operator_a).post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": "창가 자리", "image-chooser-upload-file": upload()},
    )

    assert response.status_code == 200
    image = Image.objects.get(title="창가 자리")
    assert_stored_clean(image)
    assert image.collection == collection_of(cast.space_a)


def test_replacing_an_images_file_stores_a_clean_copy(cast):
    image = admin_upload(cast.operator_a, data=jpeg_without_metadata(), name="first.jpg")
    old_name = image.file.name

    response = client_for(cast.operator_a).post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "file": upload(), "tags": "", "description": ""},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert_stored_clean(image)
    assert not default_storage.exists(old_name)


def jpeg_without_metadata():
    out = io.BytesIO()
    PILImage.new("RGB", (30, 30), (10, 120, 60)).save(out, "JPEG")
    return out.getvalue()


# --- who sees which images ------------------------------------------------------------------


def test_an_operator_sees_and_chooses_only_their_spaces_images(cast):
    mine = admin_upload(cast.operator_a, title="가 공간 사진")
    theirs = admin_upload(cast.operator_b, title="나 공간 사진")
    shared = plain_image("공용 데모 사진")
    staff_only = admin_upload(
        cast.staff, title="직원 사진", collection=Collection.get_first_root_node().pk
    )
    client = client_for(cast.operator_a)

    listing = text(client.get(reverse("wagtailimages:index")))
    choices = text(client.get(reverse("wagtailimages_chooser:choose")))
    results = text(client.get(reverse("wagtailimages_chooser:choose_results")))

    for page in (listing, choices, results):
        assert mine.title in page
        assert theirs.title not in page
        assert shared.title not in page
        assert staff_only.title not in page
    for url in (
        reverse("wagtailimages:edit", args=[theirs.pk]),
        reverse("wagtailimages_chooser:chosen", args=[theirs.pk]),
    ):
        assert_refused(client.get(url))
    # And the other way round.
    other = chooser(cast.operator_b)
    assert theirs.title in other and mine.title not in other
    # City staff choose from every collection.
    everything = chooser(cast.staff)
    assert all(image.title in everything for image in (mine, theirs, shared, staff_only))


def test_an_operator_cannot_upload_into_another_collection(cast):
    before = Image.objects.count()

    response = client_for(cast.operator_a).post(
        reverse("wagtailimages:add"),
        {"title": "남의 공간에", "file": upload(), "collection": collection_of(cast.space_b).pk},
    )

    assert Image.objects.get(title="남의 공간에").collection == collection_of(cast.space_a)
    assert Image.objects.count() == before + 1
    assert response.status_code == 302


def test_with_two_spaces_an_operator_picks_the_collection(cast):
    SpaceOperator.objects.create(
        space=cast.space_b, user=cast.operator_a, status=SpaceOperator.Status.ACTIVE
    )
    client = client_for(get_user_model().objects.get(pk=cast.operator_a.pk))

    form = client.get(reverse("wagtailimages:add")).content.decode()
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "둘째 공간", "file": upload(), "collection": collection_of(cast.space_b).pk},
    )

    assert 'name="collection"' in form
    assert collection_of(cast.space_a).name in form and collection_of(cast.space_b).name in form
    assert response.status_code == 302
    assert Image.objects.get(title="둘째 공간").collection == collection_of(cast.space_b)


def test_a_photo_uploaded_into_another_of_ones_spaces_follows_the_space_that_uses_it(cast):
    """The upload form offers each of an operator's spaces and picks the first; a photo
    filed under the wrong one moves to the space that shows it once that is published,
    where that space's other operators find it."""
    from spaces.models import SpaceGalleryImage

    SpaceOperator.objects.create(
        space=cast.space_b, user=cast.operator_a, status=SpaceOperator.Status.ACTIVE
    )
    operator = get_user_model().objects.get(pk=cast.operator_a.pk)
    # The form's first choice, kept while editing the kitchen.
    image = admin_upload(operator, title="부엌 사진", collection=collection_of(cast.space_a).pk)

    kitchen = SpacePage.objects.get(pk=cast.space_b.pk)
    kitchen.gallery_images.add(SpaceGalleryImage(image=image, alt_text="부엌"))
    kitchen.save_revision().publish()

    assert Image.objects.get(pk=image.pk).collection == collection_of(cast.space_b)
    # The kitchen's other operator now has its photo; the library's chooser no longer
    # counts it as the library's.
    assert image.title in chooser(get_user_model().objects.get(pk=cast.operator_b.pk))


def test_an_operators_documents_are_in_their_spaces_collection_and_theirs_alone(cast):
    response = client_for(cast.operator_a).post(
        reverse("wagtaildocs:add"),
        {"title": "이용 안내서", "file": SimpleUploadedFile("guide.txt", b"Welcome")},
    )

    assert response.status_code == 302
    document = get_document_model().objects.get(title="이용 안내서")
    assert document.collection == collection_of(cast.space_a)
    listing = text(client_for(cast.operator_b).get(reverse("wagtaildocs:index")))
    choices = text(client_for(cast.operator_b).get(reverse("wagtaildocs_chooser:choose")))
    assert document.title not in listing and document.title not in choices
    assert document.title in text(client_for(cast.operator_a).get(reverse("wagtaildocs:index")))


def test_operators_hold_no_permission_on_the_root_collection(cast):
    operators = Group.objects.get(name=access.OPERATORS_GROUP)
    assert not GroupCollectionPermission.objects.filter(group=operators).exists()
    root = Collection.get_first_root_node()
    assert not GroupCollectionPermission.objects.filter(
        collection=root, group__name__startswith="Space #"
    ).exists()


# --- photos a space already uses ------------------------------------------------------------


def test_a_spaces_own_photos_move_into_its_collection_and_shared_ones_stay(make_space, cast):
    own = plain_image("다 공간 열람실")
    shared = plain_image("공용 데모 사진")
    space = make_space(title="다 공간", gallery=[(own, "열람실"), (shared, "입구")])
    make_space(title="라 공간", gallery=[(shared, "입구")])
    root = Collection.get_first_root_node()
    assert own.collection_id == shared.collection_id == root.pk

    SpaceOperator.objects.create(
        space=space, user=cast.operator_b, status=SpaceOperator.Status.ACTIVE
    )

    assert Image.objects.get(pk=own.pk).collection == collection_of(space)
    assert Image.objects.get(pk=shared.pk).collection_id == root.pk
    choices = chooser(get_user_model().objects.get(pk=cast.operator_b.pk))
    assert own.title in choices
    assert shared.title not in choices
    # Both pictures still show on the public page.
    page = Client().get(SpacePage.objects.get(pk=space.pk).url).content.decode()
    for image in (own, shared):
        assert Image.objects.get(pk=image.pk).get_rendition("format-jpeg|fill-640x427").url in page


def test_roles_give_spaces_operated_before_their_collection_once(make_space, cast):
    """A database from before collections: the space's group holds no collection and
    its photo sits in the root collection until the roles are ensured (after migrate)."""
    own = plain_image("마 공간 사진")
    space = make_space(title="마 공간", gallery=[(own, "사진")])
    SpaceOperator.objects.create(
        space=space, user=cast.operator_a, status=SpaceOperator.Status.ACTIVE
    )
    GroupCollectionPermission.objects.filter(group__name=access.space_group_name(space.pk)).delete()
    own.collection = Collection.get_first_root_node()
    own.save()
    operators = Group.objects.get(name=access.OPERATORS_GROUP)
    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.get_or_create(  # as the old roles granted
        group=operators,
        collection=root,
        permission=Permission.objects.get(codename="choose_image"),
    )

    access.ensure_roles()
    access.ensure_roles()

    assert Image.objects.get(pk=own.pk).collection == collection_of(space)
    assert not GroupCollectionPermission.objects.filter(group=operators).exists()
    assert Collection.objects.filter(name__endswith=f"(#{space.pk})").count() == 1


# --- proposals -----------------------------------------------------------------------------


def proposal(name, photo):
    return {
        "name": name,
        "space_type": SpaceType.objects.get(slug="club-room").pk,
        "district": District.objects.get(slug="mapo").pk,
        "address": "서울특별시 마포구 망원로 12",
        "capacity": "20",
        "summary": "동네 주민이 함께 쓰는 사랑방",
        "description": "누구나 와서 책을 읽어요",
        "operator_name": "망원 주민회",
        "operator_kind": "private",
        "consent": "on",
        "leave_empty": "",
        "started": signing.dumps(time.time() - 60, salt=TOKEN_SALT),
        "photo_1": photo,
        "photo_1_alt": "긴 책상이 있는 열람실",
    }


def propose(user, name="망원 주민 사랑방"):
    response = client_for(user).post("/operators/register/", proposal(name, upload()))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = SpacePage.objects.get(title=name)
    return page, page.gallery_images.get().image


def review(staff, page, action):
    task_state = SpacePage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client_for(staff).post(url, {"comment": ""})
    assert response.status_code == 302


def test_proposal_photos_are_for_staff_until_approved_then_the_spaces(cast, committing):
    page, image = propose(cast.resident)

    assert image.collection.name == access.PROPOSALS_COLLECTION
    assert_stored_clean(image)
    assert image.title not in chooser(cast.operator_a)
    assert image.title in chooser(cast.staff)

    with committing():
        review(cast.staff, page, "approve")

    image = Image.objects.get(pk=image.pk)
    assert image.collection == collection_of(page)
    proposer = get_user_model().objects.get(pk=cast.resident.pk)
    assert image.title in text(client_for(proposer).get(reverse("wagtailimages:index")))
    assert image.title in chooser(proposer)
    assert image.title not in chooser(cast.operator_a)


def test_a_rejected_proposals_photos_stay_with_staff(cast):
    page, image = propose(cast.resident)

    review(cast.staff, page, "reject")

    image = Image.objects.get(pk=image.pk)
    assert image.collection.name == access.PROPOSALS_COLLECTION
    for user in (cast.operator_a, cast.operator_b):
        assert image.title not in chooser(user)


# --- campaign entries -----------------------------------------------------------------------


@pytest.mark.django_db  # the form names a live space as its example
@pytest.mark.parametrize(
    "data,name,content_type",
    [
        (phone_jpeg(), f"{PRIVATE_NAME}.jpg", "image/jpeg"),
        (gif_with_comment(), f"{PRIVATE_NAME}.gif", "image/gif"),
    ],
    ids=["jpeg", "gif"],
)
def test_a_campaign_entrys_photo_keeps_no_comment_exif_or_name(data, name, content_type):
    form = EntryForm(data={}, files={"photo": SimpleUploadedFile(name, data, content_type)})
    form.is_valid()

    photo = form.cleaned_data["photo"]
    cleaned = photo.read()
    with PILImage.open(io.BytesIO(cleaned)) as opened:
        assert not opened.getexif()
        assert "comment" not in opened.info
    assert b"37.5561N" not in cleaned
    assert CAMERA.encode() not in cleaned
    assert PRIVATE_NAME not in photo.name
