"""A database outage anywhere in a request is a 503 "try again"; a real bug stays a 500."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from newsdesk.articles.tests.factories import article_factory
from newsdesk.reliability.middleware import DATABASE_OUTAGE_MESSAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def _refused(*args, **kwargs):
    raise OperationalError('connection failed: connection to server at "127.0.0.1" refused')


def _said(response, message):
    return message.encode() in response.content.replace(b"&#x27;", b"'")


def test_database_down_in_a_view_is_a_503_with_retry_after(client, section):
    article = article_factory(section=section)
    with mock.patch.object(type(article), "serve", _refused):
        response = client.get(article.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "private, no-store"
    assert _said(response, DATABASE_OUTAGE_MESSAGE)


def test_database_down_outside_a_view_reaches_the_500_handler_which_answers_503(rf):
    # A middleware's error (the session store, the site lookup) skips process_exception
    # and goes to Django's 500 handler, called inside its ``except`` block.
    from newsdesk import urls
    from newsdesk.reliability.views import server_error

    assert urls.handler500 == "newsdesk.reliability.views.server_error"
    request = rf.get("/comments/1/me.json")
    try:
        _refused()
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert json.loads(response.content) == {"ok": False, "message": DATABASE_OUTAGE_MESSAGE}
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(rf.get("/")).status_code == 500


def test_a_missing_sqlite_column_is_a_bug_and_stays_a_500(client, section):
    import sqlite3

    def missing_column(*args, **kwargs):
        try:
            raise sqlite3.OperationalError("no such column: headline2")
        except sqlite3.OperationalError as error:
            raise OperationalError("no such column: headline2") from error

    article = article_factory(section=section)
    with mock.patch.object(type(article), "serve", missing_column):
        response = client.get(article.url)
    assert response.status_code == 500
    assert not _said(response, DATABASE_OUTAGE_MESSAGE)
