"""A prepared site for a fault check, on SQLite or on a PostgreSQL database of its own.

Each gives its server's environment, the readers' sessions, and two readings taken
straight from the database after the faults: the comments stored (text -> count) and
the database's own integrity check.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability import harness

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
# The PostgreSQL forms run in the suite's PostgreSQL pass (`.ci/run` sets DATABASE_URL),
# where the server is known to be there; the SQLite pass covers the embedded profile.
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="runs in the PostgreSQL pass (DATABASE_URL=postgres://...)"
)
# The check's server keeps its cache, page cache and sessions here, as in production.
REDIS_URL = os.environ.get("NEWSDESK_RELIABILITY_REDIS", "redis://127.0.0.1:6379/13")


@dataclass
class PreparedSite:
    environment: dict
    article: int
    sessions: list
    tag: str
    database_url: str = ""
    sqlite_path: Path | None = None

    def stored_comments(self, prefix: str) -> dict[str, int]:
        query = "SELECT body FROM discussions_comment WHERE body LIKE {}"
        if self.sqlite_path:
            with contextlib.closing(sqlite3.connect(self.sqlite_path)) as database:
                rows = database.execute(query.format("?"), (f"{prefix}%",)).fetchall()
        else:
            import psycopg

            with psycopg.connect(self.database_url) as database:
                rows = database.execute(query.format("%s"), (f"{prefix}%",)).fetchall()
        stored: dict[str, int] = {}
        for (body,) in rows:
            stored[body] = stored.get(body, 0) + 1
        return stored

    def integrity(self) -> str:
        """SQLite's ``integrity_check``; on PostgreSQL, amcheck over every table and index."""
        if self.sqlite_path:
            with contextlib.closing(sqlite3.connect(self.sqlite_path)) as database:
                return database.execute("PRAGMA integrity_check").fetchone()[0]
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as database:
            database.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            tables = [
                row[0]
                for row in database.execute(
                    "SELECT c.oid::regclass::text FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = 'public' AND c.relkind = 'r'"
                )
            ]
            problems = []
            for table in tables:
                problems += database.execute(
                    "SELECT %s, msg FROM verify_heapam(%s::regclass)", (table, table)
                ).fetchall()
            indexes = database.execute(
                "SELECT c.oid::regclass::text FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_am am ON am.oid = c.relam "
                "WHERE n.nspname = 'public' AND c.relkind = 'i' AND am.amname = 'btree'"
            ).fetchall()
            for (index,) in indexes:
                # heapallindexed: every row in the table is found through the index.
                database.execute("SELECT bt_index_check(%s::regclass, true)", (index,))
        return "ok" if not problems else f"{len(problems)} problems: {problems[:3]}"


@contextlib.contextmanager
def prepared_site(
    backend: str, data_dir: Path, readers: int, *, redis_url: str = "", rate_limit: int = 0
):
    """``backend`` "sqlite" (local-memory cache unless ``redis_url``) or "postgresql"
    (with Redis, as in the scale-out profile)."""
    tag = uuid.uuid4().hex[:6]
    if backend == "sqlite":
        environment = harness.env(data_dir, redis_url=redis_url)
        prepared = harness.prepare_readers(environment, readers, tag, rate_limit)
        yield PreparedSite(
            environment,
            prepared["article"],
            prepared["sessions"],
            tag,
            sqlite_path=data_dir / "newsdesk.sqlite3",
        )
        return
    _flush_redis()
    with harness.postgres_database("newsdesk_reliability") as database_url:
        environment = harness.env(
            data_dir, database_url=database_url, redis_url=redis_url or REDIS_URL
        )
        prepared = harness.prepare_readers(environment, readers, tag, rate_limit)
        yield PreparedSite(
            environment, prepared["article"], prepared["sessions"], tag, database_url=database_url
        )
    _flush_redis()


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
