"""Fixed-window rate limits kept in the cache (shared by all app servers when the cache
is Redis): ``allow(scope, key, limit, seconds)`` counts one attempt and says whether it
is within the limit. Used by public forms against floods and abuse."""

import hashlib

from django.core.cache import cache
from django.utils import timezone


def client_address(request):
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` proxies, each appending the
    address it saw to X-Forwarded-For, it is the one the outermost of ours appended:
    that many places from the end. Anything before it came from the client and may be
    made up, so it never counts."""
    from django.conf import settings

    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _cache_key(scope, key, seconds):
    window = int(timezone.now().timestamp()) // seconds
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window}"


def allow(scope, key, limit, seconds):
    """Count an attempt; False once more than ``limit`` were made in this window."""
    cache_key = _cache_key(scope, key, seconds)
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds)
        return True
    return count <= limit


def over_limit(request, name):
    """Count one attempt at action ``name`` (``settings.RATE_LIMITS[name]``: limits per
    account and per client address as (count, seconds)); True when one is exceeded."""
    from django.conf import settings

    limits = settings.RATE_LIMITS[name]
    allowed = True
    if "account" in limits and request.user.is_authenticated:
        count, seconds = limits["account"]
        allowed &= allow(f"{name}-account", request.user.pk, count, seconds)
    if "address" in limits:
        count, seconds = limits["address"]
        allowed &= allow(f"{name}-address", client_address(request), count, seconds)
    return not allowed


def attempts(scope, key, seconds):
    """How many attempts were counted in this window, without counting one (a limit
    that counts only failures checks with this, then counts with ``allow``)."""
    return cache.get(_cache_key(scope, key, seconds), 0)


def reset(scope, key, seconds):
    """Forget the attempts counted in this window."""
    cache.delete(_cache_key(scope, key, seconds))
