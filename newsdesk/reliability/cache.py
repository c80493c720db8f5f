"""Django's Redis cache, made to degrade instead of erroring when Redis is unreachable.

A cache is an optimisation for reading: when Redis is down, ``get`` is a miss, ``set`` and
``delete`` do nothing (logged), so Wagtail's site lookup, menus and the page cache carry
on against the database. The atomic operations (``add``, ``incr``, ``decr``) are what rate
limits and locks count with; they still raise, so a limit we cannot count fails closed
(``newsdesk.reliability.middleware`` turns that into a clear 503), never open.

After a failure the process stops asking Redis for ``BREAKER_SECONDS`` (a circuit
breaker): reads miss, writes are skipped and the atomic operations raise at once. A
Redis that hangs rather than refuses costs one socket timeout per process per period,
not one per cache call; the first call after the period tries Redis again.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from newsdesk.reliability.faults import CACHE_OUTAGE_ERRORS

logger = logging.getLogger(__name__)
_LOG_EVERY_SECONDS = 30
_last_logged = 0.0
BREAKER_SECONDS = 5.0
# Per process and per Redis location, like the connection pools: time.monotonic() until
# which that Redis is not asked.
_skip_until: dict[str, float] = {}


class CacheMarkedDown(RedisConnectionError):
    """Redis failed moments ago; not asked again until the breaker period ends."""


def _breaker_open(cache) -> bool:
    return time.monotonic() < _skip_until.get(cache._location_key, 0.0)


def _trip_breaker(cache, error: BaseException) -> None:
    if not isinstance(error, CacheMarkedDown):
        _skip_until[cache._location_key] = time.monotonic() + BREAKER_SECONDS


def _log_outage(operation: str, error: BaseException) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= _LOG_EVERY_SECONDS:  # one line per half minute, not per call
        _last_logged = now
        logger.error("Redis unavailable (%s failed open): %s", operation, error)


def _fail_soft(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                if _breaker_open(self):
                    raise CacheMarkedDown("Redis failed moments ago")
                return method(self, *args, **kwargs)
            except CACHE_OUTAGE_ERRORS as error:
                _trip_breaker(self, error)
                _log_outage(method.__name__, error)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _fail_closed(method):
    """Raise at once while the breaker is open; trip it when Redis fails."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if _breaker_open(self):
            raise CacheMarkedDown("Redis failed moments ago; not counting")
        try:
            return method(self, *args, **kwargs)
        except CACHE_OUTAGE_ERRORS as error:
            _trip_breaker(self, error)
            raise

    return wrapper


def _default_arg(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location_key = ",".join(self._servers)

    get = _fail_soft(_default_arg)(RedisCache.get)
    get_many = _fail_soft(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    set = _fail_soft(None)(RedisCache.set)
    set_many = _fail_soft(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _fail_soft(False)(RedisCache.touch)
    delete = _fail_soft(False)(RedisCache.delete)
    delete_many = _fail_soft(None)(RedisCache.delete_many)
    # The atomic operations raise: see the module docstring.
    add = _fail_closed(RedisCache.add)
    incr = _fail_closed(RedisCache.incr)
    decr = _fail_closed(RedisCache.decr)
    clear = _fail_closed(RedisCache.clear)

    @_fail_closed
    def delete_or_raise(self, key, version=None) -> bool:
        """``delete`` for callers that must know it happened (signing out)."""
        return RedisCache.delete(self, key, version=version)
