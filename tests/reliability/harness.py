"""Shared pieces of the reliability checks: run `newsdesk` in a subprocess, stop it hard.

The server is started in its own session so that `kill -9` of its process group takes
gunicorn's master and every worker down at once, as a power cut or OOM kill would.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]

# Prepares readers with sessions and an open discussion (see bench/comments_post.py);
# prints {"article": id, "sessions": [[sessionid, csrftoken], ...]}.
PREPARE = """
import json, sys
sys.path.insert(0, {repo!r})
from bench.comments_post import prepare
article, sessions, _ = prepare({readers}, {tag!r})
print(json.dumps({{"article": article, "sessions": sessions}}))
"""


def env(data_dir, **extra) -> dict:
    """A SQLite/local-memory environment: no DATABASE_URL or REDIS_URL from the caller."""
    result = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "NEWSDESK_DATA_DIR": str(data_dir),
            "NEWSDESK_LOG_LEVEL": "ERROR",
            **extra,
        }
    )
    return result


def prepare_readers(environment: dict, readers: int, tag: str) -> dict:
    """Migrate, load the demo, create signed-in readers; returns article id and sessions."""
    result = subprocess.run(
        [sys.executable, "-c", PREPARE.format(repo=str(REPO), readers=readers, tag=tag)],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(environment: dict, port: int, *extra: str, wait: float = 240) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--no-worker", *extra],
        env=environment,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"newsdesk serve exited: {process.stderr.read().decode()[-3000:]}")
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
    if process.stderr:
        process.stderr.close()
