"""Whether any page has a view restriction: one cached answer instead of queries per render.

Wagtail checks a page's restrictions on every serve (its ancestors, then their
restrictions: two queries) and ``PageQuerySet.public()`` reads the whole restrictions
table for every listing. A news site almost never restricts a page, so one flag in the
shared cache says whether there are any, and both are skipped while there are none.
"""

from __future__ import annotations

import contextlib

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError
from wagtail.models import PageViewRestriction

FLAG_KEY = "page-view-restrictions:any"
# Bounds how long a restriction could go unseen if it is written without signals
# (``bulk_create``, raw SQL) or the cache write after it fails; and how long the checks
# keep running after the last restriction is removed.
FLAG_TIMEOUT = 300


def page_view_restrictions_exist() -> bool:
    """True when any page on any site has a view restriction (or it is not yet known)."""
    found = cache.get(FLAG_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        # add, not set: a writer that committed meanwhile has already stored True,
        # and this count, begun before its commit, must not overwrite it. With Redis
        # down ``add`` raises (atomic operations fail closed): the count stands for this
        # request, and the next one counts again.
        with contextlib.suppress(RedisError):
            cache.add(FLAG_KEY, found, FLAG_TIMEOUT)
    return found


def _assume_restrictions() -> None:
    cache.set(FLAG_KEY, True, FLAG_TIMEOUT)


def page_view_restrictions_changed(**kwargs) -> None:
    """A restriction was saved or deleted: run the checks again, on every process.

    The flag is set to True (check) rather than deleted: a process that counted the
    restrictions just before this change committed could otherwise store a stale False
    after the delete. It is set at once (the change is visible to this transaction) and
    again after the commit; it falls back to a recount when it expires.
    """
    _assume_restrictions()
    transaction.on_commit(_assume_restrictions)
