"""What operators and staff do with spaces, apart from the admin's own editing:
propose a space (a draft page in the "Space review" workflow), verify its details."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.images import get_image_model
from wagtail.log_actions import log

from core import versions
from spaces import access, geo
from spaces.models import SpaceOperator, SpacePage
from spaces.services import directory, save_space
from spaces.tags import details

from . import notices
from .models import OperatorNotice

STALE_AFTER = dt.timedelta(days=183)  # "last verified" older than about six months


def max_open_proposals():
    return getattr(settings, "OPERATOR_MAX_OPEN_PROPOSALS", 3)


def open_proposals(user):
    return SpaceOperator.objects.filter(user=user, status=SpaceOperator.Status.PROPOSED).count()


def paragraphs(text):
    """Plain text → the rich text field's HTML (paragraphs, line breaks kept)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format("<br/>".join(escape(line) for line in block.split("\n")))
        for block in blocks
        if block
    )


def _save_photos(user, photos, title, saved):
    """The proposal's photos as Wagtail images in "Proposals", which only city staff
    see; approval moves them into the space's own collection (``access.sync_space``)."""
    Image = get_image_model()
    collection = access.proposals_collection()
    gallery = []
    for number, (upload, alt_text) in enumerate(photos, start=1):
        image = Image(
            title=f"{title} {number}"[:255],
            file=upload,
            uploaded_by_user=user,
            collection=collection,
        )
        if hasattr(image, "_set_image_file_metadata"):
            image._set_image_file_metadata()
        image.save()
        saved.append(image)
        gallery.append((image, alt_text))
    return gallery


def propose(user, data, photos=()):
    """See ``_propose``; a proposal that fails leaves no photo file behind."""
    saved = []
    try:
        return _propose(user, data, photos, saved)
    except Exception:
        for image in saved:
            image.file.delete(save=False)
        raise


@transaction.atomic
def _propose(user, data, photos, saved):
    """Create the proposed space as a draft, submit it to "Space review" and record
    ``user`` as its proposed operator. Raises ValidationError (field → messages) when
    the page would not be valid; nothing is saved then."""
    parent = directory()
    if parent is None:
        raise ValidationError("There is no space directory to propose a space in.")
    lat, lng = data.get("latitude"), data.get("longitude")
    if lat is None:
        lat, lng = data["district"].latitude, data["district"].longitude
    fields = {
        "title": data["name"].strip(),
        "summary": data["summary"].strip(),
        "description": paragraphs(data["description"]),
        "space_type": data["space_type"],
        "district": data["district"],
        "address": data["address"].strip(),
        "location": geo.point_string(lat, lng),
        "capacity": data["capacity"],
        "opening_hours": data.get("opening_hours", "").strip(),
        "operator_name": data["operator_name"].strip(),
        "operator_kind": data["operator_kind"],
        "is_free": bool(data.get("is_free")),
        "phone": data.get("phone", "").strip(),
        "email": data.get("email", "").strip(),
        "website": data.get("website", "").strip(),
        "owner": user,
    }
    gallery = _save_photos(user, photos, fields["title"], saved)
    page, __ = save_space(fields, parent=parent, publish=False, user=user, gallery=gallery)
    access.review_workflow().start(page, user)
    SpaceOperator.objects.create(space=page, user=user, status=SpaceOperator.Status.PROPOSED)
    notices.tell(user, page, OperatorNotice.Kind.RECEIVED)
    return page


def verify(space, user):
    """Staff verified the details, or the operator confirmed them: "last verified" is
    today on the page and in its current and live revisions (so the next publication
    keeps it)."""
    today = timezone.localdate()
    with transaction.atomic():
        SpacePage.objects.filter(pk=space.pk).update(last_verified=today)
        revisions = {space.latest_revision_id, space.live_revision_id} - {None}
        for revision in space.revisions.filter(pk__in=revisions):
            revision.content["last_verified"] = today.isoformat()
            revision.save(update_fields=["content"])
        log(instance=space, action="spaces.verify", user=user)
        versions.bump_on_commit(details(space.pk))  # the space page shows the date
    space.last_verified = today
    return today


def is_stale(space, today=None):
    today = today or timezone.localdate()
    return space.last_verified is None or today - space.last_verified > STALE_AFTER
