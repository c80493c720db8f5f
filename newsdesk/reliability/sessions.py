"""Cached database sessions that keep working when the cache is down.

Django's ``cached_db`` store already survives a failed cache read and a failed cache
write on save, but not the cache write after a database read, ``exists`` or ``delete``.
The database is the record; the cache only saves a query, so every cache call here may
fail without failing the request, except deleting (see ``delete``).
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(CachedDBStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        session = self._get_session_from_db()
        if not session:
            return {}
        data = self.decode(session.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=session.expire_date))
        except Exception:
            logger.warning("Session cache unavailable; read the session from the database")
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            pass
        return DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        # The cached copy goes first: if the cache is down this raises and nothing changes
        # (sign-out answers 503, try again), rather than leaving a cached session that
        # would sign the reader back in once the cache returns.
        if session_key is None and self.session_key is None:
            return
        delete = getattr(self._cache, "delete_or_raise", self._cache.delete)
        delete(self.cache_key_prefix + (session_key or self.session_key))
        DBStore.delete(self, session_key)
