"""Recognising a shared-cache outage (Redis down or unreachable)."""

from __future__ import annotations

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency, but keep the check safe
    RedisError = ()

# The errors a cache client raises when the cache server is down, refuses or times out.
CACHE_OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    *((RedisError,) if RedisError else ()),
    ConnectionError,
    TimeoutError,
)


def is_cache_outage(error: BaseException) -> bool:
    return isinstance(error, CACHE_OUTAGE_ERRORS)
