"""The file of an admin dry run, kept so that staff can import it as checked without
choosing it again.

After a dry run the file's bytes go to the default storage under an unguessable name
(like campaign photos, ``campaigns.models.entry_photo_path``) in ``import-staging/``.
The apply form carries only a signed token naming that file, the user who checked it,
the file's SHA-256, its original name and the "save as drafts" choice. Applying checks
the signature and its age (an hour), the user and the checksum, claims the file once
(a second press of the button imports nothing) and deletes it. Files nobody applied
are deleted by the next dry run after they expire.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_AGE = 60 * 60  # seconds a checked file may wait to be imported
FOLDER = "import-staging"
SALT = "spaces.import-staging"


class StagingError(Exception):
    """The checked file cannot be imported; ``message`` says why and what to do."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Checked:
    content: bytes
    filename: str
    as_drafts: bool


def checksum(content):
    return hashlib.sha256(content).hexdigest()


def stage(content, filename, *, user, as_drafts):
    """Keep ``content`` for ``user``; returns the token of the apply form."""
    purge_expired()
    name = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}", ContentFile(content))
    return signing.dumps(
        {
            "name": name,
            "user": user.pk,
            "sha256": checksum(content),
            "filename": filename,
            "drafts": bool(as_drafts),
        },
        salt=SALT,
    )


def take(token, *, user):
    """The checked file for ``token``, removed from storage (it is imported once), or
    StagingError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        data = signing.loads(token, salt=SALT)
        if data["user"] == user.pk:
            _delete(data["name"])
        raise StagingError(
            _("The checked file was kept for an hour only. Choose it again and check it.")
        ) from None
    except signing.BadSignature:
        raise StagingError(_("This import cannot be applied. Choose the file again.")) from None
    if data["user"] != user.pk:
        raise StagingError(
            _("Another user checked this file. Choose the file yourself and check it."),
            status=403,
        )
    name = data["name"]
    # One import per checked file, even when the button is pressed twice at once.
    if not cache.add(f"{SALT}:{name}", True, MAX_AGE) or not default_storage.exists(name):
        raise StagingError(
            _("This file has already been imported. Check the report, or choose a file again.")
        )
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    _delete(name)
    if checksum(content) != data["sha256"]:
        raise StagingError(
            _("The kept file is not the one that was checked. Choose it again and check it.")
        )
    return Checked(content=content, filename=data["filename"], as_drafts=data["drafts"])


def purge_expired():
    """Delete kept files older than ``MAX_AGE`` (checked, never imported)."""
    try:
        __, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return
    oldest = timezone.now() - timedelta(seconds=MAX_AGE)
    for filename in names:
        name = f"{FOLDER}/{filename}"
        try:
            if default_storage.get_modified_time(name) < oldest:
                _delete(name)
        except (OSError, NotImplementedError):  # a storage that cannot tell: keep it
            logger.warning("Could not check the age of %s", name)


def _delete(name):
    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Could not delete the kept import file %s", name)
