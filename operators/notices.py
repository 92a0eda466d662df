"""Operator e-mails (``OperatorNotice``) through the portal's outbox: written with the
change they announce, sent after commit, retried until they go out.
``manage.py send_operator_notices`` (cron or the worker) sends what is due."""

from django.conf import settings
from django.db import transaction

from core import outbox

from .models import OperatorNotice


def deliver_pending(limit=outbox.BATCH, *, now=None, ignore_pauses=False):
    queryset = OperatorNotice.objects.select_related("space")
    return outbox.deliver(queryset, limit=limit, now=now, ignore_pauses=ignore_pauses)


def language_of(user):
    """The language ``user`` chose for the admin (operators and staff work there), if it
    is one the portal speaks; Korean otherwise."""
    from wagtail.users.models import UserProfile

    chosen = UserProfile.get_for_user(user).preferred_language
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def tell(user, space, kind, comment=""):
    """Queue an e-mail to ``user`` about ``space`` (sent after commit)."""
    from .tasks import send_notices

    if not user.email:
        return None
    notice = OperatorNotice.objects.create(
        recipient=user.email,
        language=language_of(user),
        kind=kind,
        space=space,
        space_title=space.title[:255],
        comment=comment[:4000],
    )
    transaction.on_commit(lambda: send_notices.enqueue(), robust=True)
    return notice
