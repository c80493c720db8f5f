"""The cache-isolation check again, through a real Varnish running deploy/varnish/default.vcl."""

import random
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from newsdesk.articles.tests.factories import article_factory
from newsdesk.caching.varnish import (
    VARNISH_NOT_INSTALLED,
    free_port,
    running_varnish,
    varnishd_path,
)
from newsdesk.discussions.tests.factories import reader_factory

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

READERS = {
    "a": ("zanelemokoena", "zanele.private@example.org", "A" * 32),
    "b": ("pieterjoubert", "pieter.private@example.org", "B" * 32),
}


def _session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(timedelta(hours=1))
    store.create()
    return store.session_key


def _get(port: int, path: str, cookie: str = "") -> tuple[int, dict, bytes]:
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def varnish(live_site):
    if varnishd_path() is None:
        pytest.fail(VARNISH_NOT_INSTALLED)
    backend_port = urlsplit(live_site.url).port
    with running_varnish(backend_port=backend_port, port=free_port(range(8980, 8990))) as port:
        yield port


def test_through_varnish_no_reader_gets_another_readers_page(varnish, transactional_db):
    from newsdesk.sections.tests.factories import SectionPageFactory, news_site

    section = SectionPageFactory(parent=news_site().root_page.specific, title="World", slug="world")
    story = article_factory(section=section, title="Water cuts extended", tags=["Water"])
    reader_factory(username="publicvoice")
    cookies = {"anonymous": ""}
    for key, (username, email, csrf) in READERS.items():
        user = reader_factory(username=username, email=email)
        cookies[key] = f"sessionid={_session_for(user)}; csrftoken={csrf}"

    pages = ["/", story.url, "/tags/water/", "/people/publicvoice/", "/world/"]
    fetches = [(who, url) for who in cookies for url in pages] * 2
    random.Random(9).shuffle(fetches)
    hits = 0
    for who, url in fetches:
        status, headers, body = _get(varnish, url, cookies[who])
        assert status == 200, (who, url)
        hits += headers.get("X-Cache") == "HIT"
        assert b"csrfmiddlewaretoken" not in body, url
        for username, email, csrf in READERS.values():
            for secret in (username, username.title(), email, csrf):
                assert secret.encode() not in body, (who, url, secret)
    assert hits > 0  # Varnish really served stored pages

    for key, (username, _, _) in READERS.items():
        other = READERS["b" if key == "a" else "a"]
        for _ in range(2):
            status, headers, body = _get(varnish, "/accounts/status.json", cookies[key])
            assert status == 200
            assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
            assert headers.get("X-Cache") != "HIT"
            assert username.encode() in body and other[0].encode() not in body
