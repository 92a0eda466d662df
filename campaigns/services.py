"""What residents do with campaigns: find the space they mean by its name, and send an
entry (once per campaign — the database's unique constraint settles a double submit)."""

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CampaignEntry

MAX_CANDIDATES = 8

logger = logging.getLogger(__name__)


class EntryRefused(Exception):
    """The entry cannot be taken; ``status`` is the HTTP status to answer with."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


class AlreadyEntered(EntryRefused):
    def __init__(self):
        super().__init__(_("You have already taken part in this campaign. Thank you!"), 409)


def refusal(campaign, now=None):
    """Why ``campaign`` takes no entry now (an ``EntryRefused``), or None when it does."""
    status = campaign.status(now)
    if status == "upcoming":
        return EntryRefused(
            _("This campaign opens on %(date)s. Please come back then; nothing was saved.")
            % {"date": f"{timezone.localtime(campaign.opens_at):%Y-%m-%d %H:%M}"},
            409,
        )
    if status == "closed":
        return EntryRefused(
            _(
                "This campaign closed on %(date)s, so it takes no more entries; nothing was "
                "saved. Thank you for your interest!"
            )
            % {"date": f"{timezone.localtime(campaign.closes_at):%Y-%m-%d %H:%M}"},
            409,
        )
    return None


def entry_of(user, campaign):
    """The resident's entry in ``campaign`` (any language's page), or None."""
    if not user.is_authenticated:
        return None
    return CampaignEntry.objects.for_campaign(campaign).by(user).first()


# --- which space: a name typed by the resident ----------------------------------------


@dataclass
class SpaceMatch:
    space: object = None
    candidates: list = field(default_factory=list)
    problem: str = ""


def live_spaces():
    """The spaces an entry may name: live, Korean, and private in neither language
    (``core.privacy``; a candidate list must not reveal a private space)."""
    from core.i18n import default_locale_id
    from core.privacy import restricted
    from spaces.models import SpacePage

    return SpacePage.objects.live().filter(locale_id=default_locale_id()).exclude(restricted())


def find_space(text, chosen_id=None):
    """The live space the resident means: the one they picked among candidates
    (``chosen_id``), else the one whose Korean or English name is ``text`` or — when
    only one matches — contains it. Several matches give candidates to choose from."""
    spaces = live_spaces().select_related("district")
    if chosen_id:
        space = spaces.filter(pk=chosen_id).first()
        if space is not None:
            return SpaceMatch(space=space)
    name = " ".join((text or "").split())
    if len(name) < 2:
        return SpaceMatch(problem=_("Type at least two characters of the space's name."))
    exact = list(spaces.filter(Q(title__iexact=name) | Q(name_en__iexact=name))[:MAX_CANDIDATES])
    if len(exact) == 1:
        return SpaceMatch(space=exact[0])
    matches = exact or list(
        spaces.filter(Q(title__icontains=name) | Q(name_en__icontains=name)).order_by("title")[
            : MAX_CANDIDATES + 1
        ]
    )
    if not matches:
        return SpaceMatch(
            problem=_(
                "No space in the directory is called “%(name)s”. Check the name in the space "
                "directory and type it as shown there."
            )
            % {"name": name}
        )
    if len(matches) == 1:
        return SpaceMatch(space=matches[0])
    if len(matches) > MAX_CANDIDATES:
        return SpaceMatch(
            candidates=matches[:MAX_CANDIDATES],
            problem=_("Many spaces match “%(name)s”. Choose one below, or type more of its name.")
            % {"name": name},
        )
    return SpaceMatch(
        candidates=matches,
        problem=_("Several spaces match “%(name)s”. Choose the one you mean below.")
        % {"name": name},
    )


# --- sending an entry ------------------------------------------------------------------


def enter(user, campaign, space, why, contact="", photo=None, now=None):
    """Store ``user``'s entry in ``campaign`` with both consents given now. Raises
    ``EntryRefused`` when the campaign is not open and ``AlreadyEntered`` when the
    resident has taken part already (also when a simultaneous request got there first).
    """
    campaign = campaign.source
    now = now or timezone.now()
    problem = refusal(campaign, now)
    if problem is not None:
        raise problem
    entry = CampaignEntry(
        campaign=campaign,
        user=user,
        space=space,
        space_title=space.title,
        why=why,
        contact=contact,
        terms_accepted_at=now,
        privacy_accepted_at=now,
        created_at=now,
    )
    if photo:
        try:
            entry.photo.save(photo.name, photo, save=False)
        except Exception:  # the media storage (e.g. object storage) is unavailable
            logger.exception("Could not store the photo of a campaign entry")
            raise EntryRefused(
                _(
                    "Your photo could not be stored just now; nothing was saved. Please send "
                    "the form again, or without a photo."
                ),
                503,
            ) from None
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        _discard_photo(entry)
        if CampaignEntry.objects.filter(campaign=campaign, user=user).exists():
            raise AlreadyEntered() from None
        raise
    except OperationalError:  # a lock the database gave up waiting for
        _discard_photo(entry)
        raise EntryRefused(
            _("Many entries are arriving right now. Please send the form again."), 503
        ) from None
    except Exception:
        _discard_photo(entry)
        raise
    return entry


def _discard_photo(entry):
    if entry.photo:
        entry.photo.delete(save=False)
