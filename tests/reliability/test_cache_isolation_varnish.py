"""The cache-isolation check again, through a real Varnish running deploy/varnish/default.vcl.

Signed-in readers are served stored pages like anonymous ones; editors (the marker
cookie) always reach the app; the anonymous location cookie reaches the location boxes.
"""

import random
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.tests.factories import article_factory
from newsdesk.caching.varnish import (
    VARNISH_NOT_INSTALLED,
    free_port,
    running_varnish,
    varnishd_path,
)
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.editorial import roles

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
    cookies = {"anonymous": "_ga=GA1.2.3"}
    for key, (username, email, csrf) in READERS.items():
        user = reader_factory(username=username, email=email)
        cookies[key] = f"sessionid={_session_for(user)}; csrftoken={csrf}"
    editor = reader_factory(username="nomsadesk", email="nomsa.desk@example.org")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    cookies["editor"] = f"sessionid={_session_for(editor)}; newsdesk_editor=1"

    pages = ["/", story.url, "/tags/water/", "/people/publicvoice/", "/world/"]
    fetches = [(who, url) for who in cookies for url in pages] * 2
    random.Random(9).shuffle(fetches)
    hits = {who: 0 for who in cookies}
    for who, url in fetches:
        status, headers, body = _get(varnish, url, cookies[who])
        assert status == 200, (who, url)
        hits[who] += headers.get("X-Cache") == "HIT"
        if who == "editor":
            continue  # what an editor sees is theirs; what they leave behind is checked
        assert b"csrfmiddlewaretoken" not in body, url
        for username, email, csrf in [*READERS.values(), ("nomsadesk", "nomsa.desk", "")]:
            for secret in filter(None, (username, username.title(), email, csrf)):
                assert secret.encode() not in body, (who, url, secret)
    # Varnish really served stored pages, to signed-in readers too; never to the editor.
    assert hits["anonymous"] > 0 and hits["a"] > 0 and hits["b"] > 0
    assert hits["editor"] == 0

    for key, (username, _, _) in READERS.items():
        other = READERS["b" if key == "a" else "a"]
        for _ in range(2):
            status, headers, body = _get(varnish, "/accounts/status.json", cookies[key])
            assert status == 200
            assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
            assert headers.get("X-Cache") != "HIT"
            assert username.encode() in body and other[0].encode() not in body


def test_through_varnish_the_anonymous_location_cookie_reaches_the_location_box(
    varnish, transactional_db
):
    from newsdesk.local.services import location_cookie_value
    from newsdesk.local.tests.factories import place

    soweto = place("soweto")
    cookie = f"_ga=GA1.2.3; newsdesk_location={location_cookie_value(choices={'weather': soweto})}"
    for _ in range(2):
        status, headers, body = _get(varnish, "/local/components/weather/", cookie)
        assert status == 200 and headers.get("X-Cache") != "HIT"
        assert b"Soweto" in body
    _status, _headers, default = _get(varnish, "/local/components/weather/")
    assert b"Soweto" not in default  # someone else's choice never leaks
