"""Django's Redis cache, made to degrade instead of erroring when Redis is unreachable.

A cache is an optimisation for reading: when Redis is down, ``get`` is a miss, ``set`` and
``delete`` do nothing (logged), so Wagtail's site lookup, menus and the page cache carry
on against the database. The atomic operations (``add``, ``incr``, ``decr``) are what rate
limits and locks count with; they still raise, so a limit we cannot count fails closed
(``newsdesk.reliability.middleware`` turns that into a clear 503), never open.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

from newsdesk.reliability.faults import CACHE_OUTAGE_ERRORS

logger = logging.getLogger(__name__)
_LOG_EVERY_SECONDS = 30
_last_logged = 0.0


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
                return method(self, *args, **kwargs)
            except CACHE_OUTAGE_ERRORS as error:
                _log_outage(method.__name__, error)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_arg(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    get = _fail_soft(_default_arg)(RedisCache.get)
    get_many = _fail_soft(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    set = _fail_soft(None)(RedisCache.set)
    set_many = _fail_soft(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _fail_soft(False)(RedisCache.touch)
    delete = _fail_soft(False)(RedisCache.delete)
    delete_many = _fail_soft(None)(RedisCache.delete_many)
    # add, incr, decr and clear are left to raise: see the module docstring.

    def delete_or_raise(self, key, version=None) -> bool:
        """``delete`` for callers that must know it happened (signing out)."""
        return RedisCache.delete(self, key, version=version)
