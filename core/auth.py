"""One limit on guessing passwords, shared by every way of logging in.

The site's log-in (allauth), the admin's (Wagtail) and anything else that checks a
password all go through Django's ``authenticate()``, so the limit lives there rather
than in each form:

- ``LoginLimitBackend``, first in ``AUTHENTICATION_BACKENDS``, raises PermissionDenied
  while the account or the client address is over its limit. Django then stops before
  any backend checks the password: during the block even the right password does not
  log in.
- Failures are counted from Django's ``user_login_failed`` signal, sent whichever form
  or backend was used.

Limits are ``settings.RATE_LIMITS["login"]``: failures per account and per client
address, as (count, seconds), counted in the cache (``core.ratelimit``, shared by every
app server with Redis). Only failures count: a resident who logs in now and then is
never limited, and a success does not wipe the count (a guesser could otherwise
interleave logins of their own).

The account is whatever the typed name or address belongs to, found the way allauth's
backend finds it (username or any of the account's e-mail addresses, ignoring case), so
switching between username and e-mail, or changing case, does not start a new count.
A name that belongs to no account is counted under itself, lower-cased.

Forms show ``TOO_MANY_ATTEMPTS`` instead of "wrong password" when ``is_limited()``.
A password reset (which proves the mailbox) lifts the account's block.

The signal receivers are connected when this module is imported: by Django when it
loads the backends (before it can send ``user_login_failed``) and by the URLconf
(``core.accounts``), before any request is answered."""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from allauth.account.internal.userkit import filter_users_by_email, filter_users_by_username
from allauth.account.signals import password_reset

from . import ratelimit

logger = logging.getLogger(__name__)

# The same words allauth uses for its own limit (and its Korean, in our catalogue).
TOO_MANY_ATTEMPTS = _("Too many failed login attempts. Try again later.")

ACCOUNT_SCOPE = "login-account"
ADDRESS_SCOPE = "login-address"


def _limits():
    return settings.RATE_LIMITS["login"]


def account_keys(credentials):
    """The accounts a log-in attempt is about: ``user:<pk>`` for each account the typed
    username or e-mail belongs to, else the typed name itself, lower-cased."""
    typed = {
        str(credentials[field]).strip().lower()
        for field in ("username", "email")
        if credentials.get(field)
    }
    keys = set()
    for name in typed:
        pks = set(filter_users_by_username(name).values_list("pk", flat=True))
        if "@" in name:
            pks.update(user.pk for user in filter_users_by_email(name, for_login=True))
        if pks:
            keys.update(f"user:{pk}" for pk in pks)
        else:
            keys.add(f"name:{name}")
    return keys


def is_over_limit(request, credentials):
    """Whether the account or the client address has used up its failures."""
    limits = _limits()
    count, seconds = limits["account"]
    for key in account_keys(credentials):
        if ratelimit.attempts(ACCOUNT_SCOPE, key, seconds) >= count:
            return True
    if request is not None:
        count, seconds = limits["address"]
        address = ratelimit.client_address(request)
        if ratelimit.attempts(ADDRESS_SCOPE, address, seconds) >= count:
            return True
    return False


def is_limited(request):
    """Whether this request's log-in was refused by the limit (not by the password)."""
    return getattr(request, "login_limited", False)


class LoginLimitBackend:
    """Authenticates nobody; refuses everyone while over the limit. Must come first in
    ``AUTHENTICATION_BACKENDS``. It has no permission methods, so Django never asks it
    about permissions. Code that takes the first backend as "the" backend (Django's
    ``force_login``, Wagtail's test helpers) stores its path in the session, so it
    finds a session's user as Django's ``ModelBackend`` does."""

    def authenticate(self, request, **credentials):
        if is_over_limit(request, credentials):
            if request is not None:
                request.login_limited = True
            raise PermissionDenied
        return None

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)


@receiver(user_login_failed, dispatch_uid="core.auth.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    """Count a wrong password against the account and the client address. An attempt
    refused by the limit itself checked no password and is not counted."""
    if is_limited(request):
        return
    limits = _limits()
    counted = [(ACCOUNT_SCOPE, key, *limits["account"]) for key in account_keys(credentials)]
    if request is not None:
        counted.append((ADDRESS_SCOPE, ratelimit.client_address(request), *limits["address"]))
    for scope, key, count, seconds in counted:
        ratelimit.allow(scope, key, count, seconds)
        if ratelimit.attempts(scope, key, seconds) == count:  # the block starts now
            logger.warning("Log-in limit reached: %s %s, %s failures", scope, key, count)


@receiver(password_reset, dispatch_uid="core.auth.lift_after_reset")
def lift_after_reset(sender, request, user, **kwargs):
    """A new password set from the e-mailed link lifts the account's block (allauth
    did the same for its own limit)."""
    _count, seconds = _limits()["account"]
    ratelimit.reset(ACCOUNT_SCOPE, f"user:{user.pk}", seconds)


def page_password_limited(request, restriction_id):
    """Whether guessing the password of view restriction ``restriction_id`` is over
    the limit, for this restriction (as if it were an account) or this address. A page
    password is a log-in too: it shares the log-in limit's numbers and address count."""
    return is_over_limit(request, {"username": f"page-restriction:{restriction_id}"})


def count_page_password_failure(request, restriction_id):
    """Count a wrong page password as a failed log-in (the same receiver as above)."""
    count_failure(None, {"username": f"page-restriction:{restriction_id}"}, request)
