"""`kill -9` the running site in the middle of comment writes, restart it, repeat.

Readers keep posting comments through the page's endpoint while the whole server process
group (gunicorn master and workers) is killed with SIGKILL, as an OOM kill or a power cut
would. After every restart the SQLite file must pass ``PRAGMA integrity_check`` and every
comment that was acknowledged with 201 must be stored exactly once. Comments in flight
when the server died may be stored or not (the reader saw no answer and may retry), but
never twice.

Short form (CI): 3 kills. Long form: ``NEWSDESK_RELIABILITY_LONG=1`` gives 20.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
import uuid

import pytest
import requests

from tests.reliability import harness

pytestmark = pytest.mark.slow

LONG = os.environ.get("NEWSDESK_RELIABILITY_LONG") == "1"
KILLS = 20 if LONG else 3
READERS = 4
PORT = 8931


def _post_until_stopped(url, session_key, csrf, label, stop, results, lock):
    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    http.cookies.set("csrftoken", csrf)
    n = 0
    while not stop.is_set():
        body = f"kill9 {label} comment {n}: the council must publish the audit."
        n += 1
        try:
            response = http.post(
                url,
                data={"body": body},
                headers={"Accept": "application/json", "X-CSRFToken": csrf},
                timeout=20,
            )
            status = response.status_code
        except requests.RequestException:
            status = 0  # no answer: the server died under this request
        with lock:
            results.append((status, body))
        if status == 0:
            time.sleep(0.05)


def test_kill_9_mid_writes_loses_no_acknowledged_comment_and_keeps_sqlite_sound(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    environment = harness.env(data_dir)
    tag = uuid.uuid4().hex[:6]
    prepared = harness.prepare_readers(environment, READERS, tag)
    url = f"http://127.0.0.1:{PORT}/comments/{prepared['article']}/post/"
    results: list[tuple[int, str]] = []
    lock = threading.Lock()
    rng = random.Random(9)

    for round_ in range(KILLS):
        server = harness.start_server(environment, PORT, "--no-demo", "--workers", "2")
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=_post_until_stopped,
                args=(url, sk, csrf, f"{tag} r{round_} reader {i}", stop, results, lock),
            )
            for i, (sk, csrf) in enumerate(prepared["sessions"])
        ]
        for thread in threads:
            thread.start()
        # Kill once some writes were acknowledged this round, at a random moment after.
        acknowledged_before = sum(1 for status, _ in results if status == 201)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with lock:
                if sum(1 for s, _ in results if s == 201) >= acknowledged_before + 5:
                    break
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        harness.stop_server(server, hard=True)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    # One more start proves the site comes back after the last kill, then a clean stop.
    server = harness.start_server(environment, PORT, "--no-demo")
    assert requests.get(f"http://127.0.0.1:{PORT}/", timeout=30).status_code == 200
    harness.stop_server(server)

    database = sqlite3.connect(data_dir / "newsdesk.sqlite3")
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    stored: dict[str, int] = {}
    for (body,) in database.execute(
        "SELECT body FROM discussions_comment WHERE body LIKE ?", (f"kill9 {tag} %",)
    ):
        stored[body] = stored.get(body, 0) + 1
    database.close()

    acknowledged = [body for status, body in results if status == 201]
    in_flight = [body for status, body in results if status == 0]
    server_errors = [status for status, _ in results if status >= 500]
    lost = [body for body in acknowledged if body not in stored]
    duplicated = {body: n for body, n in stored.items() if n > 1}
    unknown = set(stored) - set(acknowledged) - set(in_flight)
    print(
        f"\nkill -9: {KILLS} kills, {len(results)} posts, {len(acknowledged)} acknowledged, "
        f"{len(in_flight)} cut off, {len(server_errors)} 5xx, lost {len(lost)}, "
        f"duplicated {len(duplicated)}, integrity {integrity}"
    )
    assert integrity == "ok"
    assert len(acknowledged) >= KILLS * 5
    assert lost == []
    assert duplicated == {}
    assert unknown == set()
    assert server_errors == []
