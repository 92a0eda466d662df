"""Notices to residents about their own things (``ResidentNotice``): reminders before a
booking or a program date (``residents.reminders``), a saved program's new dates and a
saved space's new opening hours (``residents.signals``).

Each is a row written in the same transaction as what it announces, keyed so it is
written once whoever asks twice, and sent after commit through the portal's outbox
(``core.outbox``, ``residents.tasks.send_resident_notices``) by the channel the
resident chose (``core.notify``), in their language, e-mail when the chosen channel has
no address for them."""

import datetime as dt
import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import notify
from core.dates import day_label

from .models import ResidentNotice, profile_for

# A saved program's new dates listed in a notice; more are counted ("외 N개").
DATES_LISTED = 10


def destination(user, profile):
    """(channel name, address) reaching ``user``: the channel of their profile, or
    e-mail when that channel has no address for them; None when nothing reaches them."""
    chosen = notify.channel(profile.channel)
    address = chosen.address_for(user)
    if not address and chosen.name != notify.DEFAULT:
        chosen = notify.channel(notify.DEFAULT)
        address = chosen.address_for(user)
    return (chosen.name, address) if address else None


def build(user, *, kind, key, **fields):
    """An unsaved notice of ``kind`` to ``user`` (None when nothing reaches them)."""
    profile = profile_for(user)
    where = destination(user, profile)
    if where is None:
        return None
    channel, recipient = where
    return ResidentNotice(
        user=user,
        kind=kind,
        key=key,
        channel=channel,
        recipient=recipient,
        language=profile.language,
        **fields,
    )


def queue(notices):
    """Write the notices whose key was not written before and send them after commit;
    how many were new. Two runs at once (two workers) write each key once: the unique
    key settles it, and the loser's row is dropped (``ignore_conflicts``)."""
    from .tasks import send_resident_notices

    new = {n.key: n for n in notices if n is not None}
    if not new:
        return 0
    written = ResidentNotice.objects.filter(key__in=list(new)).values_list("key", flat=True)
    for key in written:
        del new[key]
    if new:
        ResidentNotice.objects.bulk_create(new.values(), ignore_conflicts=True)
        transaction.on_commit(lambda: send_resident_notices.enqueue(), robust=True)
    return len(new)


def digest(*parts):
    """A short fingerprint of ``parts`` for a notice's key."""
    return hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:16]


# --- what a notice says ------------------------------------------------------------------


def when(start, end):
    """ "12월 2일(수) 14:00–16:00" in the active language, Seoul time."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{day_label(start.date())} {start:%H:%M}–{end:%H:%M}"


def moment(start):
    """ "12월 2일(수) 14:00"."""
    start = timezone.localtime(start)
    return f"{day_label(start.date())} {start:%H:%M}"


def _title(page):
    """The page's name in the active language (a translation's, or a space's English
    name), the Korean title otherwise."""
    page = page.specific
    localized = page.localized
    if localized.pk != page.pk:
        return localized.title
    return getattr(page, "display_title", page.title)


def mail_context(notice):
    """What the templates of ``notice``'s e-mail are given (``OutboxMessage.render``)."""
    Kind = ResidentNotice.Kind
    context = {"notice": notice, "kind": notice.kind}
    if notice.kind == Kind.BOOKING_REMINDER:
        booking = notice.booking
        space = booking.space
        context.update(
            booking=booking,
            space=space,
            space_title=_title(space),
            when=when(booking.start, booking.end),
            subject_when=moment(booking.start),
        )
    elif notice.kind == Kind.PROGRAM_REMINDER:
        occurrence = notice.registration.occurrence
        context.update(
            occurrence=occurrence,
            program=occurrence.program,
            program_title=_title(occurrence.program),
            space=occurrence.space,
            space_title=_title(occurrence.space),
            when=when(occurrence.start, occurrence.end),
            subject_when=moment(occurrence.start),
        )
    elif notice.kind == Kind.NEW_DATES:
        starts = sorted(dt.datetime.fromisoformat(d) for d in notice.detail.get("dates", []))
        program = notice.page.specific
        context.update(
            program=program,
            program_title=_title(program),
            space=program.get_parent().specific,
            dates=[moment(start) for start in starts[:DATES_LISTED]],
            more=max(len(starts) - DATES_LISTED, 0),
        )
        context["space_title"] = _title(context["space"])
    else:
        from spaces.hours import describe

        space = notice.page.specific
        rule = notice.detail.get("rule", "")
        text = describe(rule)
        context.update(
            space=space,
            space_title=_title(space),
            hours=text.sentence if text else rule or _("No opening hours given"),
            hours_vary=bool(text and text.varies),
        )
    return context
