"""Signal handlers of the residents app: a profile for every account, and notices to
residents who saved a program or a space that changed."""

from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="residents-profile")
def _profile_for_account(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .models import Profile

        Profile.objects.get_or_create(user=instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="residents-anonymise")
def _anonymise_records(sender, instance, **kwargs):
    """However an account goes, the bookings, registrations and entries the city keeps
    are left without a name or free text (``residents.rights``; a no-op after
    ``delete_account``, which did it already)."""
    from .rights import anonymise_records_of

    anonymise_records_of(instance)


# --- saved programs and spaces that changed (residents.notices) ----------------------


def _savers(page):
    """Active accounts that saved ``page`` (or a translation of it) and want to hear of
    changes; their profiles loaded."""
    from django.contrib.auth import get_user_model

    from .models import SavedItem, profile_for

    savers = get_user_model().objects.filter(
        is_active=True,
        pk__in=SavedItem.objects.filter(page__translation_key=page.translation_key).values(
            "user_id"
        ),
    )
    return [user for user in savers.select_related("profile") if profile_for(user).notify_saved]


def _new_dates(sender, program, occurrences, **kwargs):
    """A saved program opened new dates: each resident who saved it is told which
    (keyed by the program and the set of dates, so the same news goes out once)."""
    from .models import ResidentNotice
    from .notices import build, digest, queue

    starts = sorted({o.start.isoformat() for o in occurrences})
    key = digest(*starts)
    queue(
        [
            build(
                user,
                kind=ResidentNotice.Kind.NEW_DATES,
                key=f"new-dates:{program.pk}:{user.pk}:{key}",
                page=program,
                detail={"dates": starts},
            )
            for user in _savers(program)
        ]
    )


def _new_hours(sender, space, old_rule, new_rule, **kwargs):
    """A saved space changed its published opening hours: each resident who saved it is
    told the new hours (the same new hours at most once a day)."""
    from django.utils import timezone

    from .models import ResidentNotice
    from .notices import build, digest, queue

    key = f"{digest(new_rule)}:{timezone.localdate():%Y%m%d}"
    queue(
        [
            build(
                user,
                kind=ResidentNotice.Kind.HOURS_CHANGED,
                key=f"hours-changed:{space.pk}:{user.pk}:{key}",
                page=space,
                detail={"rule": new_rule},
            )
            for user in _savers(space)
        ]
    )


def _connect_saved_notices():
    from events.signals import dates_added
    from spaces.signals import hours_changed

    dates_added.connect(_new_dates, dispatch_uid="residents-saved-new-dates")
    hours_changed.connect(_new_hours, dispatch_uid="residents-saved-new-hours")


_connect_saved_notices()
