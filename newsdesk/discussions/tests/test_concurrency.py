"""Many readers posting at once: every accepted comment is stored exactly once.

Runs on whichever database the suite uses, with real transactions and one connection
per thread. PostgreSQL is used as is. On SQLite the threads run against their own copy
of the test database, opened with the site's connection options (WAL, IMMEDIATE, busy
timeout), so the race is exactly what ``newsdesk serve`` sees and leaves the suite's
database untouched.
"""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections

from newsdesk.discussions import services
from newsdesk.discussions.models import Comment, CommentReaction, CommentReport
from newsdesk.discussions.tests.factories import reader_factory

pytestmark = pytest.mark.django_db(transaction=True)
READERS = 8
COMMENTS_EACH = 5


@contextmanager
def deployed_database(tmp_path):
    """Yield a function that runs a callable in a thread on the database as deployed."""
    if connection.vendor != "sqlite":
        yield lambda fn: _in_thread(fn)
        return
    path = tmp_path / "newsdesk.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    settings = connections.settings["default"]
    original = settings["NAME"]
    settings["NAME"] = str(path)
    try:
        yield lambda fn: _in_thread(fn)
    finally:
        settings["NAME"] = original


def _in_thread(fn):
    result = []
    thread = threading.Thread(target=lambda: (result.append(fn()), connection.close()))
    thread.start()
    thread.join()
    return result[0]


def run_in_threads(work, count):
    errors, barrier = [], threading.Barrier(count)

    def runner(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_concurrent_posting_loses_and_duplicates_nothing(article, site, rules, tmp_path):
    rules.rate_limit_per_minute = 0
    rules.new_account_rate_limit_per_minute = 0
    rules.save()
    readers = [reader_factory() for _ in range(READERS)]
    accepted = []

    def work(index):
        for n in range(COMMENTS_EACH):
            comment, _ = services.comment_post(
                author=readers[index], article=article, body=f"reader {index} says {n}"
            )
            accepted.append(comment.pk)

    with deployed_database(tmp_path) as on_db:
        errors = run_in_threads(work, READERS)
        bodies = on_db(lambda: list(Comment.objects.values_list("body", flat=True)))
        stored = on_db(lambda: sorted(Comment.objects.values_list("pk", flat=True)))
    assert errors == []
    assert len(accepted) == READERS * COMMENTS_EACH
    assert sorted(bodies) == sorted(
        f"reader {i} says {n}" for i in range(READERS) for n in range(COMMENTS_EACH)
    )
    assert sorted(accepted) == stored


def test_concurrent_reports_count_each_reader_once(article, site, rules, tmp_path):
    rules.hold_after_reports = 0
    rules.save()
    comment, _ = services.comment_post(author=reader_factory(), article=article, body="Contested")
    reporters = [reader_factory() for _ in range(6)]

    def work(index):
        for _ in range(2):  # a double click: the second is refused
            try:
                services.comment_report(comment=comment, reporter=reporters[index], reason="spam")
            except services.CommentError as error:
                assert error.message == services.ALREADY_REPORTED

    with deployed_database(tmp_path) as on_db:
        errors = run_in_threads(work, len(reporters))
        reports = on_db(lambda: CommentReport.objects.filter(comment=comment).count())
        counted = on_db(lambda: Comment.objects.get(pk=comment.pk).report_count)
    assert errors == []
    assert reports == 6 and counted == 6


RECOMMENDERS = 50


def test_fifty_readers_recommending_at_once_lose_none_and_count_none_twice(article, site, tmp_path):
    comment, _ = services.comment_post(author=reader_factory(), article=article, body="Agreed?")
    readers = [reader_factory() for _ in range(RECOMMENDERS)]
    doubled = set(range(0, RECOMMENDERS, 5))  # every fifth reader clicks twice: undone

    def work(index):
        services.comment_recommend_toggle(comment=comment, user=readers[index])
        if index in doubled:
            services.comment_recommend_toggle(comment=comment, user=readers[index])

    with deployed_database(tmp_path) as on_db:
        errors = run_in_threads(work, RECOMMENDERS)
        stored = on_db(lambda: CommentReaction.objects.filter(comment=comment).count())
        counted = on_db(lambda: Comment.objects.get(pk=comment.pk).recommend_count)
    assert errors == []
    assert stored == counted == RECOMMENDERS - len(doubled)
