"""Recognising an outage of a backing service: the shared cache (Redis) or the database."""

from __future__ import annotations

import sqlite3

from django.db import InterfaceError, OperationalError

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
# Django wraps the driver's errors: a refused connection, a connection cut by a restart,
# the pool's timeout waiting for one, SQLite's "database is locked". All are passing
# states of the server, not faults in the request, so the reader is asked to retry.
DATABASE_OUTAGE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)


def is_cache_outage(error: BaseException) -> bool:
    return isinstance(error, CACHE_OUTAGE_ERRORS)


def is_database_outage(error: BaseException) -> bool:
    if not isinstance(error, DATABASE_OUTAGE_ERRORS):
        return False
    if isinstance(error.__cause__, sqlite3.OperationalError):
        # SQLite also calls a missing table or column "operational": that is a bug and
        # stays a 500. Only lock contention is a passing state.
        message = str(error).lower()
        return "locked" in message or "busy" in message
    return True
