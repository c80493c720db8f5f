"""Several processes write to one database at once: nothing lost, nothing locked.

A control run with SQLite's stock settings shows the "database is locked" errors that
WAL, IMMEDIATE transactions and the busy timeout prevent, so this test is known to be
able to see them. In the PostgreSQL pass the same writers run against a PostgreSQL
database of their own.
"""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability import harness
from tests.reliability.sites import needs_postgres

PROCESSES = 5
WRITES = 20


def _manage(args, env, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory):
    """One migrated SQLite file, copied for each run (migrating is the slow part)."""
    data_dir = tmp_path_factory.mktemp("sqlite-template")
    result = _manage(["migrate", "--noinput", "-v0"], harness.env(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir / "newsdesk.sqlite3"


def _writers(env) -> tuple[list[str], int]:
    def writer(index):
        result = _manage(["exercise_writes", "--writes", str(WRITES), "--label", f"w{index}"], env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    with ThreadPoolExecutor(PROCESSES) as pool:
        reports = list(pool.map(writer, range(PROCESSES)))
    acknowledged = [name for report in reports for name in report["acknowledged"]]
    errors = sum(count for report in reports for count in report["errors"].values())
    return acknowledged, errors


def _run_writers(template, tmp_path, **extra):
    import shutil
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(template, data_dir / "newsdesk.sqlite3")
    acknowledged, errors = _writers(harness.env(data_dir, **extra))
    database = sqlite3.connect(data_dir / "newsdesk.sqlite3")
    stored = [row[0] for row in database.execute("SELECT name FROM tags_tag")]
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    database.close()
    return acknowledged, stored, errors, integrity


@pytest.mark.slow
def test_concurrent_sqlite_writers_lose_nothing_and_never_see_locked(migrated_template, tmp_path):
    acknowledged, stored, errors, integrity = _run_writers(migrated_template, tmp_path)
    assert errors == 0
    assert len(acknowledged) == PROCESSES * WRITES
    assert sorted(stored) == sorted(acknowledged)  # 0 lost, 0 duplicated
    assert integrity == "ok"


@pytest.mark.slow
def test_control_run_without_the_sqlite_tuning_shows_locked_errors(migrated_template, tmp_path):
    acknowledged, stored, errors, integrity = _run_writers(
        migrated_template, tmp_path, NEWSDESK_SQLITE_TUNING="false"
    )
    assert errors > 0, "the harness must be able to see 'database is locked'"
    assert sorted(stored) == sorted(acknowledged)  # what was acknowledged is still there
    assert integrity == "ok"


@pytest.mark.slow
@needs_postgres
def test_concurrent_postgresql_writers_lose_nothing(tmp_path):
    import psycopg

    with harness.postgres_database("newsdesk_writers") as database_url:
        env = harness.env(tmp_path, database_url=database_url)
        result = _manage(["migrate", "--noinput", "-v0"], env)
        assert result.returncode == 0, result.stderr
        acknowledged, errors = _writers(env)
        with psycopg.connect(database_url) as database:
            stored = [row[0] for row in database.execute("SELECT name FROM tags_tag")]
    assert errors == 0
    assert len(acknowledged) == PROCESSES * WRITES
    assert sorted(stored) == sorted(acknowledged)  # 0 lost, 0 duplicated
