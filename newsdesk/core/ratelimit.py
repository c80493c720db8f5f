"""Per-reader limits on costly writes (uploads, submissions), through allauth's limiter.

The rates live in ``ACCOUNT_RATE_LIMITS`` under an action name (``"contribution_submit"``,
``"avatar_upload"``), next to sign-in's own, and are counted in the shared cache, so
every process of the server sees the same count once ``REDIS_URL`` is set.
"""

from __future__ import annotations

import math
import time

from allauth.core import ratelimit

# allauth's public ``consume`` answers only yes or no. To tell the reader when to try
# again (``Retry-After``) we read the same cache entries it keeps, through the helpers it
# uses itself; they have kept these names and signatures since allauth 0.60.
from allauth.core.internal.ratelimit import get_cache_key, get_rates
from django.core.cache import cache

APP = "allauth.account"  # where allauth's ``ratelimit.consume`` reads its rates


def rate_limit_consume(request, *, action: str, user) -> int | None:
    """Count one write of ``user`` under ``action``.

    ``None`` when it is allowed; otherwise the whole seconds until one more would be.
    """
    if ratelimit.consume(request, action=action, user=user):
        return None
    return rate_limit_retry_after(request, action=action, user=user)


def rate_limit_retry_after(request, *, action: str, user) -> int:
    """Seconds until every exhausted rate of ``action`` has room again (at least 1)."""
    now = time.time()
    wait = 1
    for rate in get_rates(app=APP, action=action):
        key = get_cache_key(request, app=APP, action=action, rate=rate, user=user)
        # allauth keeps the hits newest first; the window is full while ``amount`` of
        # them are younger than ``duration``, and frees a slot as the oldest leaves it.
        recent = [hit for hit in cache.get(key, []) if hit > now - rate.duration]
        if len(recent) >= rate.amount:
            wait = max(wait, math.ceil(recent[rate.amount - 1] + rate.duration - now))
    return wait
