"""Twenty readers claim one username at the same moment: exactly one gets it.

The claims run in real threads, each with its own database connection, against
committed data (``transaction=True``). On SQLite the race runs on its own copy of the
test database opened with the project's settings (WAL, IMMEDIATE transactions, busy
timeout), exactly like ``newsdesk serve``, leaving the suite's database untouched.
"""

import contextlib
import sqlite3
import threading

import pytest
from django.db import connection, connections

from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import ProfileError, profile_create
from newsdesk.profiles.tests.factories import ReaderFactory
from newsdesk.profiles.usernames import TAKEN

pytestmark = pytest.mark.django_db(transaction=True)

CLAIMS = 20


@contextlib.contextmanager
def database_for_threads(tmp_path):
    """Yield once new threads' connections see a real, concurrently writable database."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "race.sqlite3"
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    db_settings = connections.settings["default"]
    original = db_settings["NAME"]
    db_settings["NAME"] = str(path)
    try:
        yield
    finally:
        db_settings["NAME"] = original


def test_twenty_simultaneous_claims_for_one_name_give_it_to_exactly_one(tmp_path):
    users = [ReaderFactory() for _ in range(CLAIMS)]
    results: list[str] = []
    lock = threading.Lock()
    with database_for_threads(tmp_path):
        start = threading.Barrier(CLAIMS)

        def claim(user, index):
            try:
                start.wait()
                # Every claimant writes the name its own way; all are one name.
                name = ["Zodwa", "zodwa", "ZODWA", "ｚｏｄｗａ"][index % 4]
                try:
                    profile_create(user=user, username=name)
                    outcome = "won"
                except ProfileError as error:
                    outcome = error.message
                except Exception as error:  # anything else would be a 500 for a reader
                    outcome = f"crashed: {error!r}"
                with lock:
                    results.append(outcome)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=claim, args=(u, i)) for i, u in enumerate(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        winners = []

        def read_back():
            winners.extend(Profile.objects.filter(username_key="zodwa").values_list("user_id"))
            connections.close_all()

        reader = threading.Thread(target=read_back)
        reader.start()
        reader.join()

    assert results.count("won") == 1, results
    assert sorted(set(results)) == sorted({"won", TAKEN}), results
    assert len(winners) == 1
