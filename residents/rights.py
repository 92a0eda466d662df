"""A resident's rights over what the portal holds about them (Korea's Personal
Information Protection Act, PIPA): take it away, delete the account, and have what the
city keeps anonymised after the retention period.

- ``export_data(user)`` is everything held about the resident, as plain data (the
  download at ``/accounts/export/``: JSON, or ``export_csv_zip`` for a CSV per kind).
  It opens with an "about" entry saying what it holds and what the portal never kept;
  each code (a status, a kind) has its label in the active language beside it, and
  times are ISO 8601 in Seoul time. A fixed number of queries whatever the resident
  holds.
- ``delete_account(user)`` cancels what is still to come through the apps' own
  services (operators are told, waitlists move up), erases every personal field and
  deletes the account, in one transaction.
- ``apply_retention(now)`` (daily, by the worker's schedule, and ``manage.py
  apply_retention``) anonymises bookings, registrations and campaign entries older than
  ``settings.PERSONAL_DATA_RETENTION_DAYS`` the same way, and drops old outbox rows,
  search hits and expired sessions.

What the city keeps, it keeps without a person: a booking stays (its space, time,
headcount and status feed the usage statistics) with ``user`` empty and its purpose
and reason erased; a registration stays as a count; a campaign entry keeps its space
and status, its text, contact, photo and staff notes erased. Operators and staff see
"탈퇴한 회원" ("Deleted member") where the name was."""

import csv
import datetime as dt
import io
import re
import zipfile
from contextlib import suppress
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import ModelLogEntry

from allauth.account.models import EmailAddress

from bookings.models import ACTIVE, Booking, BookingSeries, Notice
from bookings.models import Status as BookingStatus
from campaigns.models import DELETED_MEMBER, CampaignEntry
from core import ratelimit
from core.export import SafeWriter
from events.models import Registration, RegistrationNotice, RegistrationStatus
from operators.models import OperatorNotice
from spaces.access import OPERATORS_GROUP
from spaces.models import SpaceOperator

from .models import Profile, ResidentNotice, SavedItem

# The outbox tables: each row holds an address (or a phone number) it was sent to.
OUTBOXES = (Notice, RegistrationNotice, ResidentNotice, OperatorNotice)
# The groups an operator is in because of their spaces (``OPERATORS_GROUP`` and each
# space's, named by ``spaces.access.space_group_name``): an account in any other group,
# or with permissions of its own, is an administrator's.
SPACE_GROUP = r"^Space #[0-9]+ operators$"


class DeletionRefused(Exception):
    """The account cannot be deleted by its holder (an administrator's)."""


# --- download ------------------------------------------------------------------------

# The columns of each kind, in the order the JSON objects and the CSV files give them.
COLUMNS = {
    "account": ("username", "first_name", "last_name", "email", "date_joined", "last_login"),
    "profile": (
        "phone",
        "language",
        "reminder",
        "reminder_label",
        "channel",
        "notify_saved",
        "privacy_consent_at",
        "news_consent_at",
        "created_at",
    ),
    "email_addresses": ("email", "verified", "primary"),
    "bookings": (
        "id",
        "space",
        "start",
        "end",
        "headcount",
        "purpose",
        "status",
        "status_label",
        "reason",
        "answer_due",
        "decided_at",
        "requested_at",
        "recurring_booking",
    ),
    "recurring_bookings": ("id", "space", "weeks", "requested_at"),
    "registrations": (
        "id",
        "program",
        "start",
        "end",
        "status",
        "status_label",
        "registered_at",
        "moved_up_at",
        "cancelled_at",
    ),
    "campaign_entries": (
        "id",
        "campaign",
        "space",
        "why",
        "contact",
        "photo",
        "status",
        "status_label",
        "terms_accepted_at",
        "privacy_accepted_at",
        "sent_at",
        "status_changed_at",
    ),
    "saved_items": ("kind", "kind_label", "title", "url", "saved_at"),
    "spaces_run": ("space", "status", "status_label", "trusted", "since"),
    "notices": (
        "about",
        "kind",
        "kind_label",
        "recipient",
        "channel",
        "created_at",
        "sent_at",
    ),
}


def _when(moment):
    """A date-time as ISO 8601 in Seoul time to the second, "2026-12-06T14:30:00+09:00"
    (None when there is none)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def _saved_kind(page):
    """("space" or "program", its label) of a saved page, from its content type
    (Django caches content types, so no query per row)."""
    from events.models import ProgramPage

    if issubclass(page.specific_class, ProgramPage):
        return "program", _("Program")
    return "space", _("Space")


def about_export():
    """The download's first entry, in the active language: what the file holds, what
    the portal never kept (so it is not missing by mistake), and how to read it."""
    return {
        "title": _("Community Space: my data"),
        "holds": _(
            "Everything the Community Space portal holds about you: your account and "
            "profile, e-mail addresses, bookings and recurring bookings, program "
            "registrations, campaign entries, saved spaces and programs, spaces you run "
            "and the notices the portal sent you."
        ),
        "not_held": _(
            "E-mails to confirm your address or reset your password are sent without "
            "being stored, so they are not listed here. Your password is stored only in a "
            "form that cannot be read back, and your calendar address is a secret key, not "
            "information about you: neither is included."
        ),
        "how_to_read": _(
            "Codes such as status and kind are for programs; the labels beside them "
            "(status_label, kind_label) say the same in words. Times are ISO 8601 in "
            "Seoul time (+09:00)."
        ),
        "language": translation.get_language(),
    }


def _rows(kind, items, values):
    return [dict(zip(COLUMNS[kind], values(item), strict=True)) for item in items]


def addresses_of(user):
    """The resident's e-mail addresses, lower-cased: the account's and allauth's."""
    found = {user.email} | set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return {address.strip().lower() for address in found if address}


def _addressed_to(addresses):
    """Outbox rows sent to any of ``addresses`` (whatever case they were stored in)."""
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(recipient__iexact=address)
    return condition


def export_data(user, *, now=None):
    """Everything the portal holds about ``user``, as JSON-ready data. Not the calendar
    token (a secret, not information about the resident) nor staff's screening notes."""
    profile = Profile.objects.filter(user=user).first()
    emails = list(EmailAddress.objects.filter(user=user).order_by("pk"))
    addresses = {e.email.lower() for e in emails} | ({user.email.lower()} if user.email else set())
    to_them = _addressed_to(addresses)
    data = {
        "about": about_export(),
        "generated_at": _when(now or timezone.now()),
        "account": dict(
            zip(
                COLUMNS["account"],
                (
                    user.get_username(),
                    user.first_name,
                    user.last_name,
                    user.email,
                    _when(user.date_joined),
                    _when(user.last_login),
                ),
                strict=True,
            )
        ),
        "profile": dict(
            zip(
                COLUMNS["profile"],
                (
                    profile.phone,
                    profile.language,
                    profile.reminder,
                    profile.get_reminder_display(),
                    profile.channel,
                    profile.notify_saved,
                    _when(profile.privacy_consent_at),
                    _when(profile.news_consent_at),
                    _when(profile.created_at),
                ),
                strict=True,
            )
        )
        if profile
        else {},
        "email_addresses": _rows(
            "email_addresses", emails, lambda e: (e.email, e.verified, e.primary)
        ),
        "bookings": _rows(
            "bookings",
            Booking.objects.filter(user=user).select_related("space").order_by("start", "pk"),
            lambda b: (
                b.pk,
                b.space.title,
                _when(b.start),
                _when(b.end),
                b.headcount,
                b.purpose,
                b.status,
                b.get_status_display(),
                b.reason,
                _when(b.expires_at),
                _when(b.decided_at),
                _when(b.created_at),
                b.series_id,
            ),
        ),
        "recurring_bookings": _rows(
            "recurring_bookings",
            BookingSeries.objects.filter(user=user).select_related("space").order_by("pk"),
            lambda s: (s.pk, s.space.title, s.weeks, _when(s.created_at)),
        ),
        "registrations": _rows(
            "registrations",
            Registration.objects.filter(user=user)
            .select_related("occurrence__program")
            .order_by("occurrence__start", "pk"),
            lambda r: (
                r.pk,
                r.occurrence.program.title,
                _when(r.occurrence.start),
                _when(r.occurrence.end),
                r.status,
                r.get_status_display(),
                _when(r.created_at),
                _when(r.promoted_at),
                _when(r.cancelled_at),
            ),
        ),
        "campaign_entries": _rows(
            "campaign_entries",
            CampaignEntry.objects.filter(user=user).select_related("campaign").order_by("pk"),
            lambda e: (
                e.pk,
                e.campaign.title,
                e.space_title,
                e.why,
                e.contact,
                e.photo.name or None,
                e.status,
                e.get_status_display(),
                _when(e.terms_accepted_at),
                _when(e.privacy_accepted_at),
                _when(e.created_at),
                _when(e.decided_at),
            ),
        ),
        "saved_items": _rows(
            "saved_items",
            SavedItem.objects.filter(user=user).select_related("page").order_by("pk"),
            lambda s: (*_saved_kind(s.page), s.page.title, s.page.full_url, _when(s.created_at)),
        ),
        "spaces_run": _rows(
            "spaces_run",
            SpaceOperator.objects.filter(user=user).select_related("space").order_by("pk"),
            lambda o: (
                o.space.title,
                o.status,
                o.get_status_display(),
                o.trusted,
                _when(o.created_at),
            ),
        ),
    }
    notices = []
    for about, rows in (
        ("booking", Notice.objects.filter(to_them, booking__user=user)),
        ("registration", RegistrationNotice.objects.filter(registration__user=user)),
        ("resident", ResidentNotice.objects.filter(user=user)),
        ("space review", OperatorNotice.objects.filter(to_them)),
    ):
        notices += _rows(
            "notices",
            rows.order_by("created_at", "pk"),
            lambda n, about=about: (
                about,
                n.kind,
                n.get_kind_display(),
                n.recipient,
                getattr(n, "channel", "email"),
                _when(n.created_at),
                _when(n.sent_at),
            ),
        )
    data["notices"] = notices
    return data


def export_csv_zip(user, *, now=None):
    """``export_data`` as a zip of one CSV per kind (UTF-8 with a byte order mark, so
    spreadsheet programs read Korean; no cell starts a formula), and the "about" entry
    as ``about.txt``."""
    data = export_data(user, now=now)
    about = data["about"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        lines = [about["title"], data["generated_at"], about["holds"], about["not_held"]]
        lines.append(about["how_to_read"])
        archive.writestr("about.txt", "\ufeff" + "\n\n".join(lines) + "\n")
        for kind, columns in COLUMNS.items():
            rows = data.get(kind) or []
            if isinstance(rows, dict):
                rows = [rows] if rows else []
            text = io.StringIO()
            writer = SafeWriter(csv.DictWriter(text, fieldnames=columns))
            writer.writeheader()
            writer.writerows(
                {key: "" if value is None else value for key, value in row.items()} for row in rows
            )
            archive.writestr(f"{kind}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


# --- deletion ------------------------------------------------------------------------


def deletion_refused(user):
    """Why ``user`` may not delete their own account (a message), or None. Accounts with
    admin access other than as a space operator (staff, superusers, editors) are closed
    by the city, which must hand their work over first; an operator may leave (their
    spaces stay)."""
    administrator = (
        user.is_superuser
        or user.is_staff
        or user.user_permissions.exists()
        or user.groups.exclude(name=OPERATORS_GROUP).exclude(name__regex=SPACE_GROUP).exists()
    )
    if administrator:
        return _(
            "Administrator accounts are closed by the city's staff in charge. Ask them to "
            "close yours; your data stays until then."
        )
    return None


def delete_account(user, *, now=None):
    """Delete ``user``'s account and every personal field the portal holds about them, in
    one transaction: future bookings and registrations are cancelled through their
    apps' services (operators told, waitlists moved up), the records the city keeps are
    anonymised, the outbox rows addressed to them, their sessions, e-mail addresses,
    profile, saved items and notices (cascade) go, and last the account itself. Photos
    leave the storage once the transaction has committed. Raises DeletionRefused for
    an administrator's account."""
    refusal = deletion_refused(user)
    if refusal:
        raise DeletionRefused(refusal)
    now = now or timezone.now()
    addresses = addresses_of(user)
    username, pk = user.get_username(), user.pk
    with transaction.atomic():
        _cancel_what_is_to_come(user, now)
        # After the cancellations, whose e-mails to the resident are queued above.
        for outbox in OUTBOXES:
            outbox.objects.filter(_addressed_to(addresses)).delete()
        RegistrationNotice.objects.filter(registration__user=user).delete()
        counts, photos = _anonymise(
            Booking.objects.filter(user=user),
            Registration.objects.filter(user=user),
            CampaignEntry.objects.filter(user=user),
            BookingSeries.objects.filter(user=user),
        )
        # One by one, so ``spaces.signals`` brings the space's group in step.
        for role in SpaceOperator.objects.filter(user=user).select_related("space"):
            role.delete()
        _end_sessions(pk)
        _forget_search_terms(user, addresses)
        user.delete()
        _relabel_log_entries(username)
        transaction.on_commit(lambda: _delete_files(photos))
    _forget_counters(pk)
    return counts


def anonymise_records_of(user):
    """Before an account is deleted by any other way (the admin's Users screen): the
    rows the city keeps lose their free text too, not only their link to the account."""
    counts, photos = _anonymise(
        Booking.objects.filter(user=user),
        Registration.objects.filter(user=user),
        CampaignEntry.objects.filter(user=user),
        BookingSeries.objects.filter(user=user),
    )
    transaction.on_commit(lambda: _delete_files(photos))
    return counts


def _cancel_what_is_to_come(user, now):
    """Cancel the resident's bookings and registrations still to come, as they would
    themselves: the operator is told of each cancelled booking (a recurring one once),
    and a freed place goes to the first person waiting, who is told."""
    from bookings import services as booking_services
    from events import services as event_services

    # Requests nobody answered in time expire as they would have anyway.
    booking_services.expire_overdue(user=user, now=now)
    series = BookingSeries.objects.filter(
        user=user, bookings__status__in=ACTIVE, bookings__end__gt=now
    ).distinct()
    for recurring in series:
        # Nothing is left to cancel if its dates were answered or expired meanwhile.
        with suppress(booking_services.InvalidTransition):
            booking_services.cancel_series(recurring, by=user, now=now)
    # Single bookings not over yet, and a request still waiting for its answer.
    open_bookings = (
        Booking.objects.filter(user=user)
        .active()
        .filter(Q(end__gt=now) | Q(status=BookingStatus.REQUESTED))
        .select_related("space")
    )
    for booking in open_bookings:
        with suppress(booking_services.InvalidTransition):
            booking_services.decide(booking, "cancel", by=user, now=now)
    to_come = Registration.objects.filter(user=user, occurrence__start__gt=now).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in to_come:
        event_services.cancel(registration, by=user)


def _anonymise(bookings, registrations, entries, series):
    """Empty who and every free text of these rows (those not anonymised already).
    Returns ({kind: rows changed}, names of the entries' photos to delete)."""
    user_model = get_user_model()
    named = {
        Registration: dict(registrations.filter(user__isnull=False).values_list("pk", "user_id")),
        CampaignEntry: dict(entries.filter(user__isnull=False).values_list("pk", "user_id")),
    }
    entries = entries.filter(
        Q(user__isnull=False) | ~Q(why="") | ~Q(contact="") | ~Q(photo="") | ~Q(notes="")
    )
    photos = [name for name in entries.values_list("photo", flat=True) if name]
    usernames = dict(
        user_model.objects.filter(
            pk__in={pk for rows in named.values() for pk in rows.values()}
        ).values_list("pk", user_model.USERNAME_FIELD)
    )
    counts = {
        "bookings": bookings.filter(Q(user__isnull=False) | ~Q(purpose="") | ~Q(reason="")).update(
            user=None, purpose="", reason=""
        ),
        "recurring_bookings": series.filter(user__isnull=False).update(user=None),
        "registrations": registrations.filter(user__isnull=False).update(user=None),
        "campaign_entries": entries.update(user=None, why="", contact="", photo="", notes=""),
        "photos": len(photos),
    }
    # Staff's screening and deletions are logged under the row's name, which gave
    # the resident's (``__str__``): those log entries now read "Deleted member" too.
    for model, rows in named.items():
        for pk, user_id in rows.items():
            _relabel_log_entries(usernames[user_id], model=model, object_id=pk)
    return counts, photos


def _relabel_log_entries(username, *, model=None, object_id=None):
    """Replace ``username`` with "Deleted member" in the labels of Wagtail's log entries
    about rows named after the resident: the account itself, registrations, campaign
    entries, space operator roles (or only ``model``'s row ``object_id``). The name is
    replaced where it stands as a whole (not inside another name)."""
    models = [model] if model else [get_user_model(), Registration, CampaignEntry, SpaceOperator]
    entries = ModelLogEntry.objects.filter(
        content_type__in=ContentType.objects.get_for_models(*models).values(),
        label__contains=username,
    )
    if object_id is not None:
        entries = entries.filter(object_id=str(object_id))
    name = re.compile(rf"(?<![\w.@+-]){re.escape(username)}(?![\w.@+-])")
    for entry in entries:
        label = name.sub(str(DELETED_MEMBER), entry.label)
        if label != entry.label:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=label)


def _end_sessions(user_pk):
    """Log the account out everywhere: delete each stored session that belongs to it.
    Sessions are only readable one by one, so this reads the unexpired ones (an account
    is deleted rarely); a cache-only session store cannot be searched, and there Django
    ends the sessions itself when it no longer finds the account."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return
    rows = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for key, data in rows.values_list("session_key", "session_data").iterator():
        if store_class().decode(data).get(SESSION_KEY) == str(user_pk):
            store_class(session_key=key).delete()


def _forget_search_terms(user, addresses):
    """Remove logged search terms that are the resident's own name, username, address
    or phone number. The search log keeps no link to who searched, so only such exact
    terms can be known to be theirs; terms staff promote are kept."""
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.search.utils import normalise_query_string

    profile = Profile.objects.filter(user=user).first()
    phone = profile.phone if profile else ""
    own = {
        user.get_username(),
        f"{user.last_name}{user.first_name}",
        f"{user.last_name} {user.first_name}",
        f"{user.first_name} {user.last_name}",
        phone,
        re.sub(r"\D", "", phone),
        *addresses,
    }
    terms = {normalise_query_string(term) for term in own if term and term.strip()}
    Query.objects.filter(query_string__in=terms, editors_picks__isnull=True).delete()


# Daily limits counted per account by the search log, proposals and campaign entries.
DAILY_ACCOUNT_SCOPES = ("search-terms", "proposal-account", "campaign-entry-account")


def _forget_counters(pk):
    """Reset the account's rate-limit counters (``core.ratelimit``, in the cache, where
    they would also expire within a day): failed log-ins, the per-account limits of
    ``settings.RATE_LIMITS`` and the daily ones."""
    limits = settings.RATE_LIMITS
    counters = [("login-account", f"user:{pk}", limits["login"]["account"][1])]
    counters += [
        (f"{name}-account", pk, limit["account"][1])
        for name, limit in limits.items()
        if name != "login" and "account" in limit
    ]
    counters += [(scope, pk, 24 * 60 * 60) for scope in DAILY_ACCOUNT_SCOPES]
    for scope, key, seconds in counters:
        ratelimit.reset(scope, key, seconds)


def _delete_files(names):
    for name in names:
        default_storage.delete(name)


# --- retention -----------------------------------------------------------------------


def anonymise_older_than(cutoff):
    """Anonymise the bookings that ended, the registrations whose date ended and the
    entries whose campaign closed before ``cutoff``, as when an account is deleted; delete
    the outbox rows sent (or given up) before it. Returns {kind: rows changed}."""
    with transaction.atomic():
        counts, photos = _anonymise(
            Booking.objects.filter(end__lt=cutoff),
            Registration.objects.filter(occurrence__end__lt=cutoff),
            CampaignEntry.objects.filter(campaign__closes_at__lt=cutoff),
            BookingSeries.objects.filter(created_at__lt=cutoff).exclude(bookings__end__gte=cutoff),
        )
        old = Q(sent_at__lt=cutoff) | Q(sent_at__isnull=True, created_at__lt=cutoff)
        counts["outbox"] = sum(outbox.objects.filter(old).delete()[0] for outbox in OUTBOXES)
        transaction.on_commit(lambda: _delete_files(photos))
    return counts


def apply_retention(now=None):
    """The daily clean-up: personal data older than PERSONAL_DATA_RETENTION_DAYS
    anonymised (``anonymise_older_than``), the search log's daily hits older than
    WAGTAILSEARCH_HITS_MAX_AGE and the terms left without hits removed (Wagtail's own
    garbage collection), expired sessions cleared. Idempotent. Returns {kind: count}."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    now = now or timezone.now()
    counts = anonymise_older_than(retention_cutoff(now))
    hits, queries = QueryDailyHits.objects.count(), Query.objects.count()
    QueryDailyHits.garbage_collect()
    Query.garbage_collect()
    counts["search_hits"] = hits - QueryDailyHits.objects.count()
    counts["search_terms"] = queries - Query.objects.count()
    counts["sessions"] = _clear_expired_sessions()
    return counts


def retention_cutoff(now=None):
    return (now or timezone.now()) - dt.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)


def _clear_expired_sessions():
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        store_class.clear_expired()  # a cache store: nothing to count
        return 0
    model = store_class.get_model_class()
    before = model.objects.count()
    store_class.clear_expired()
    return before - model.objects.count()
