"""`kill -9` the running site in the middle of comment writes, restart it, repeat.

Readers keep posting comments through the page's endpoint while the whole server process
group (gunicorn master and workers) is killed with SIGKILL, as an OOM kill or a power cut
would. After every restart the database must pass its own integrity check (SQLite's
``PRAGMA integrity_check``; PostgreSQL's amcheck over every table and index) and every
comment that was acknowledged with 201 must be stored exactly once. Comments in flight
when the server died may be stored or not (the reader saw no answer and may retry), but
never twice.

Short form (CI): 3 kills per database. Long form: ``NEWSDESK_RELIABILITY_LONG=1`` gives 20.
"""

from __future__ import annotations

import os
import random
import time

import pytest
import requests

from tests.reliability import harness
from tests.reliability.sites import needs_postgres, prepared_site

pytestmark = pytest.mark.slow

LONG = os.environ.get("NEWSDESK_RELIABILITY_LONG") == "1"
KILLS = 20 if LONG else 3
READERS = 4
PORTS = {"sqlite": 8931, "postgresql": 8933}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def test_kill_9_mid_writes_loses_no_acknowledged_comment_and_keeps_the_database_sound(
    backend, tmp_path
):
    port = PORTS[backend]
    rng = random.Random(9)
    outcomes = []
    with prepared_site(backend, tmp_path, READERS) as site:
        label = f"kill9 {site.tag}"
        for round_ in range(KILLS):
            server = harness.start_server(site.environment, port, "--no-demo", "--workers", "2")
            traffic = harness.Traffic(
                port, sessions=site.sessions, article=site.article, label=f"{label} r{round_}"
            ).start()
            # Kill once some writes were acknowledged this round, at a random moment after.
            traffic.settle(comments=5)
            time.sleep(rng.uniform(0.0, 0.5))
            harness.stop_server(server, hard=True)
            traffic.stop()
            outcomes += traffic.outcomes

        # One more start proves the site comes back after the last kill, then a clean stop.
        server = harness.start_server(site.environment, port, "--no-demo")
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=30).status_code == 200
        harness.stop_server(server)
        integrity = site.integrity()
        check = harness.written_once(outcomes, site.stored_comments(label))

    server_errors = [o.status for o in outcomes if o.status >= 500]
    cut_off = sum(1 for o in outcomes if o.status == 0)
    print(
        f"\nkill -9 ({backend}): {KILLS} kills, {len(outcomes)} posts, "
        f"{check['acknowledged']} acknowledged, {cut_off} cut off, {len(server_errors)} 5xx, "
        f"lost {len(check['lost'])}, duplicated {len(check['duplicated'])}, integrity {integrity}"
    )
    assert integrity == "ok"
    assert check["acknowledged"] >= KILLS * 5
    assert check["lost"] == []
    assert check["duplicated"] == {}
    assert check["unexplained"] == set()
    assert server_errors == []
