"""Shared pieces of the reliability checks: run `newsdesk` in a subprocess, stop it hard.

The server is started in its own session so that `kill -9` of its process group takes
gunicorn's master and every worker down at once, as a power cut or OOM kill would.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]

# Prepares readers with sessions and an open discussion (see bench/comments_post.py);
# prints {"article": id, "sessions": [[sessionid, csrftoken], ...]}. A rate limit of 0
# switches the per-reader limit off; a high one keeps it counted but never reached.
PREPARE = """
import json, sys
sys.path.insert(0, {repo!r})
from bench.comments_post import prepare
article, sessions, _ = prepare({readers}, {tag!r}, rate_limit={rate_limit})
print(json.dumps({{"article": article, "sessions": sessions}}))
"""


def env(data_dir, *, database_url: str = "", redis_url: str = "", **extra) -> dict:
    """The server's environment: SQLite and local memory unless a database or Redis is given.

    DATABASE_URL and REDIS_URL are never inherited from the caller: each check says which
    services its server uses.
    """
    result = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    if database_url:
        result["DATABASE_URL"] = database_url
    if redis_url:
        result["REDIS_URL"] = redis_url
    result.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_LOG_LEVEL": "ERROR",
            **extra,
        }
    )
    seed_data_folder(Path(data_dir), result)
    return result


# This checkout's collected static files and migrated SQLite database, copied into every
# check's new data folder.
DATA_SEED = Path(tempfile.gettempdir()) / (
    "newsdesk-test-seed-" + hashlib.sha256(str(REPO).encode()).hexdigest()[:12]
)
SQLITE_NAME = "newsdesk.sqlite3"
_seed_checked = False


def seed_data_folder(data_dir: Path, environment: dict) -> None:
    """Give a new data folder this checkout's collected static files and migrated database.

    ``serve`` collects static files only when they changed (``newsdesk.core.staticfiles``)
    and migrates only what is missing, so a server started on the copies skips what every
    check's fresh data folder would otherwise cost: a minute of hashing and compressing
    the same files, and most of a minute of migrations. The copies are brought up to date
    once per test session, with the same calls ``serve`` makes. (``newsdesk serve`` on a
    truly empty folder is run by the production-profile tests and CI's load smoke.)
    """
    global _seed_checked
    if (data_dir / "static").exists():
        return
    DATA_SEED.mkdir(parents=True, exist_ok=True)
    with open(DATA_SEED / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another session of this checkout may be filling it
        if not _seed_checked:
            seed_environment = {
                k: v for k, v in environment.items() if k not in {"DATABASE_URL", "REDIS_URL"}
            }
            seed_environment["NEWSDESK_DATA_DIR"] = str(DATA_SEED)
            subprocess.run(
                [sys.executable, "-c", _SEED],
                cwd=REPO,
                env=seed_environment,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            _seed_checked = True
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(DATA_SEED / "static", data_dir / "static")
        if "DATABASE_URL" not in environment and not (data_dir / SQLITE_NAME).exists():
            shutil.copy2(DATA_SEED / SQLITE_NAME, data_dir / SQLITE_NAME)


# The write-ahead log is folded into the database file, so the file alone is a copy.
_SEED = """
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from newsdesk.core.staticfiles import collectstatic_if_changed
call_command("migrate", interactive=False, verbosity=0)
collectstatic_if_changed()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
"""


def prepare_readers(environment: dict, readers: int, tag: str, rate_limit: int = 0) -> dict:
    """Migrate, load the demo, create signed-in readers; returns article id and sessions."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PREPARE.format(repo=str(REPO), readers=readers, tag=tag, rate_limit=rate_limit),
        ],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def server_log(environment: dict, port: int) -> Path:
    """Where the server's stderr goes: a file, so a chatty outage can never fill a pipe."""
    return Path(environment["NEWSDESK_DATA_DIR"]) / f"server-{port}.log"


def start_server(environment: dict, port: int, *extra: str, wait: float = 240) -> subprocess.Popen:
    log = server_log(environment, port)
    with log.open("ab") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                *("-m", "newsdesk.cli", "serve", "--port", str(port), "--no-worker", *extra),
            ],
            env=environment,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"newsdesk serve exited: {log.read_text()[-3000:]}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop_server(process, hard=True)
    raise AssertionError("newsdesk serve did not answer /healthz in time")


def stop_server(process: subprocess.Popen, *, hard: bool = False) -> None:
    """SIGKILL (hard) or SIGTERM the server's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


# --- Traffic: readers posting comments and fetching pages while faults happen ------------


@dataclass(frozen=True)
class Outcome:
    """One request: what it was, how it ended (0: no answer at all), and when."""

    kind: str  # "comment" or "page"
    target: str  # the comment's text, or the page's path
    status: int
    sent: float  # time.monotonic()
    done: float
    detail: str = ""  # a posted comment's state ("published", "held", ...)

    def overlaps(self, windows) -> bool:
        """Whether the request was open at any moment of the (start, end) ``windows``."""
        return any(self.sent < end and self.done > start for start, end in windows)


class Traffic:
    """Signed-in readers post comments and anonymous readers fetch pages, until stopped.

    Every request is kept as an ``Outcome`` so a check can say which failures happened
    while a service was down and that none happened outside it.
    """

    def __init__(self, port: int, *, sessions=(), article: int = 0, pages=(), label: str = ""):
        self.base = f"http://127.0.0.1:{port}"
        self.sessions, self.article, self.pages, self.label = sessions, article, pages, label
        self.outcomes: list[Outcome] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> Traffic:
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._post, args=(index, key, csrf), daemon=True)
            for index, (key, csrf) in enumerate(self.sessions)
        ] + [
            threading.Thread(target=self._read, args=(index,), daemon=True)
            for index in range(len(self.pages))
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _record(self, kind, target, status, sent, detail="") -> None:
        with self._lock:
            self.outcomes.append(Outcome(kind, target, status, sent, time.monotonic(), detail))

    def _post(self, index: int, session_key: str, csrf: str) -> None:
        http = requests.Session()
        http.cookies.set("sessionid", session_key)
        http.cookies.set("csrftoken", csrf)
        url = f"{self.base}/comments/{self.article}/post/"
        n = 0
        while not self._stop.is_set():
            body = f"{self.label} reader {index} comment {n}: the council must publish the audit."
            n += 1
            sent, detail = time.monotonic(), ""
            try:
                response = http.post(
                    url,
                    data={"body": body},
                    headers={"Accept": "application/json", "X-CSRFToken": csrf},
                    timeout=30,
                )
                status = response.status_code
            except requests.RequestException:
                status = 0
            if status == 201:
                # A 201 that is not the JSON the page's script expects is still a 201.
                with contextlib.suppress(ValueError, AttributeError):
                    detail = response.json().get("status", "")
            self._record("comment", body, status, sent, detail)
            if status != 201:
                time.sleep(0.05)

    def _read(self, index: int) -> None:
        http = requests.Session()
        paths = self.pages[index:] + self.pages[:index]
        n = 0
        while not self._stop.is_set():
            path = paths[n % len(paths)]
            n += 1
            sent = time.monotonic()
            try:
                status = http.get(f"{self.base}{path}", timeout=30).status_code
            except requests.RequestException:
                status = 0
            self._record("page", path, status, sent)

    def count(self, predicate) -> int:
        with self._lock:
            return sum(1 for outcome in self.outcomes if predicate(outcome))

    def settle(self, *, comments: int = 10, pages: int = 30) -> None:
        """Let this many more comments be accepted and pages be answered: a steady state
        to break, so every fault window has readers in it."""
        accepted = self.count(lambda o: o.status == 201)
        fetched = self.count(lambda o: o.kind == "page")
        self.wait_for(lambda o: o.status == 201, at_least=accepted + comments)
        if self.pages:
            self.wait_for(lambda o: o.kind == "page", at_least=fetched + pages)

    def wait_for(self, predicate, at_least: int, seconds: float = 60) -> None:
        """Wait until ``at_least`` outcomes match (at most ``seconds``)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.count(predicate) < at_least:
            time.sleep(0.05)


def written_once(outcomes, stored: dict[str, int]) -> dict:
    """Compare the comments readers were told were saved (201) with what is stored."""
    acknowledged = [o.target for o in outcomes if o.kind == "comment" and o.status == 201]
    # No answer at all, or a 503 from a connection cut around the commit: the reader
    # cannot know, and the 503 says so ("check whether it went through").
    uncertain = {o.target for o in outcomes if o.kind == "comment" and o.status in (0, 503)}
    return {
        "acknowledged": len(acknowledged),
        "lost": [body for body in acknowledged if body not in stored],
        "duplicated": {body: n for body, n in stored.items() if n > 1},
        # Stored without a 201 is allowed only for a post whose outcome was uncertain.
        "unexplained": set(stored) - set(acknowledged) - uncertain,
    }


# --- PostgreSQL: a database of the check's own, and a restart of the server ---------------

POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSDESK_RELIABILITY_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)


@contextlib.contextmanager
def postgres_database(prefix: str):
    """A fresh database for one check's server; dropped afterwards, connections and all."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        _wait_for_postgres(60)
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_cluster() -> tuple[str, str] | None:
    """(version, name) of the local cluster on port 5432 that ``pg_ctlcluster`` controls."""
    if not shutil.which("pg_ctlcluster") or not shutil.which("pg_lsclusters"):
        return None
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    )
    for line in listing.stdout.splitlines():
        version, name, port, status, *_ = line.split()
        if port == "5432" and status == "online":
            return version, name
    return None


def _pg_ctl(cluster: tuple[str, str], action: str) -> None:
    # "fast" cuts every session at once, as a crash or a failover would.
    extra = ["-m", "fast"] if action == "stop" else []
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action, *extra],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _wait_for_postgres(seconds: float) -> float:
    import psycopg

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=2) as connection:
                connection.execute("SELECT 1")
            return time.monotonic()
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise AssertionError("PostgreSQL did not come back")


def restart_postgres(down_seconds: float) -> tuple[float, float]:
    """Stop PostgreSQL (fast: sessions are cut), keep it down, start it; (went, back).

    ``went`` is taken before the stop is asked for and ``back`` once it accepts queries
    again, so the window holds the whole outage.
    """
    cluster = postgres_cluster()
    assert cluster, "no local PostgreSQL cluster online on port 5432"
    went = time.monotonic()
    try:
        _pg_ctl(cluster, "stop")
        time.sleep(down_seconds)
    finally:
        _pg_ctl(cluster, "start")
    return went, _wait_for_postgres(120)
