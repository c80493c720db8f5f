"""Counting beacons (story reads, contribution views) that a script cannot inflate.

A beacon is CSRF-exempt (``navigator.sendBeacon`` cannot send a token), so anyone can
POST it in a loop. Two things keep the counters honest: each client may send only so
many beacons a minute (django-ratelimit, in the shared cache), and each reader counts
once per object per day, keyed by the signed-in reader or else the client's address
(an IPv6 client by its /64, which is what one household or attacker gets).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited, user_or_ip

BEACON_RATE_LIMITED = "Too many requests from this client; try again in a minute."
# The day is part of the key, so the entry only has to outlive the day it names.
_SEEN_TIMEOUT = int(timedelta(hours=25).total_seconds())


def beacon_rate_limited(request: HttpRequest, *, group: str) -> bool:
    """Count this beacon against the client's budget; True once the budget is spent."""
    return is_ratelimited(
        request,
        group=f"newsdesk.beacon.{group}",
        key="user_or_ip",
        rate=settings.NEWSDESK_BEACON_RATE,
        method="POST",
        increment=True,
    )


def beacon_too_many() -> HttpResponse:
    response = HttpResponse(BEACON_RATE_LIMITED, status=429, content_type="text/plain")
    response["Retry-After"] = "60"
    response["Cache-Control"] = "private, no-store"
    return response


def beacon_count_once_today(
    request: HttpRequest, *, kind: str, object_id: int, count: Callable[[], object]
) -> bool:
    """Call ``count`` only for this reader's first beacon on this object today.

    Returns whether it counted. If ``count`` raises (not a story, say), the reader's
    mark is taken back, so a later, valid beacon still counts.
    """
    # Hashed so that no address is kept in the cache in the clear.
    reader = hashlib.sha256(user_or_ip(request).encode()).hexdigest()[:32]
    key = f"newsdesk:beacon:{kind}:{object_id}:{timezone.localdate().isoformat()}:{reader}"
    if not cache.add(key, 1, timeout=_SEEN_TIMEOUT):
        return False
    try:
        count()
    except Exception:
        cache.delete(key)
        raise
    return True
