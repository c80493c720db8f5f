"""The one ``newsdesk serve`` that the journeys against the real server share.

Starting serve (migrations, static files, the demo) takes a minute on a busy machine, so
the session starts it once, as the README does, on a free port and a fresh data folder,
with the operator's default logging. Its console is kept in a file for the checks that
read it (the operator's first minute, the mails the demo prints there).

``NEWSDESK_JOURNEY_URL=http://127.0.0.1:8000`` walks the journeys on a server already
running instead (quicker while fixing what they find; the demo content is assumed, and
the checks that read the console skip).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from tests.reliability import harness

READY_LINE = "Press Ctrl-C to stop."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    existing = os.environ.get("NEWSDESK_JOURNEY_URL", "").rstrip("/")
    if existing:
        yield SimpleNamespace(url=existing, port=int(existing.rsplit(":", 1)[1]), log=None)
        return
    data = tmp_path_factory.mktemp("serve")
    port = _free_port()
    environment = harness.env(data)
    environment.pop("NEWSDESK_LOG_LEVEL")  # the operator's default, not the checks' quiet one
    log = data / "console.log"
    with log.open("wb") as console:
        process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port)],
            env=environment,
            cwd=harness.REPO,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 900
        while READY_LINE not in log.read_text():
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "serve did not print its addresses in time"
            time.sleep(0.5)
        # The journeys go where serve says it serves, as a reader of the console would.
        printed = re.search(r"newsdesk is serving at (http://\S+?)/?$", log.read_text(), re.M)
        assert printed, log.read_text()[-3000:]
        yield SimpleNamespace(url=printed.group(1), port=port, log=log)
    finally:
        harness.stop_server(process)
