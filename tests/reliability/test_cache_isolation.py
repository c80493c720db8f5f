"""Through the app page cache, no reader ever gets another reader's page.

Two signed-in readers (different names, emails, places and CSRF secrets), an anonymous
reader, an editor and a moderator fetch the public pages in a shuffled order, twice, so
that pages are stored by one and served to the next. Every public page must be the same
bytes for the three readers, served from the cache to signed-in readers too, and contain
nothing personal of anyone; editors and moderators (who carry the marker cookie set at
sign-in) bypass the cache and leave nothing in it. The personal endpoints must be
``private, no-store`` and show each reader only their own data.
"""

import random

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.editorial import roles
from newsdesk.local.models import LocationChoice
from newsdesk.local.tests.factories import place

pytestmark = pytest.mark.django_db

READERS = {
    # username, email, place slug, place name, CSRF secret (32 characters)
    "a": ("zanelemokoena", "zanele.private@example.org", "stellenbosch", "Stellenbosch", "A" * 32),
    "b": ("pieterjoubert", "pieter.private@example.org", "soweto", "Soweto", "B" * 32),
}
STAFF = {
    # username, email, group, CSRF secret
    "editor": ("nomsadesk", "nomsa.desk@example.org", roles.EDITORS, "E" * 32),
    "moderator": ("thabomod", "thabo.mod@example.org", roles.MODERATORS, "M" * 32),
}


@pytest.fixture
def site(settings, section):
    settings.NEWSDESK_PAGE_CACHE = True
    story = article_factory(section=section, title="Water cuts extended", tags=["Water"])
    reader_factory(username="publicvoice")
    clients = {"anonymous": Client()}
    for key, (username, email, place_slug, _, csrf) in READERS.items():
        user = reader_factory(username=username, email=email)
        LocationChoice.objects.create(user=user, component="weather", place=place(place_slug))
        client = Client()
        client.force_login(user)
        client.cookies["csrftoken"] = csrf
        clients[key] = client
    for key, (username, email, group, csrf) in STAFF.items():
        user = reader_factory(username=username, email=email)
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        client.cookies["csrftoken"] = csrf
        client.cookies[settings.NEWSDESK_EDITOR_COOKIE] = "1"  # as set at sign-in
        clients[key] = client
    return story, clients


def test_public_pages_are_the_same_bytes_for_everyone_and_never_personal(site):
    story, clients = site
    pages = ["/", story.url, "/tags/water/", "/people/publicvoice/", "/world/"]
    fetches = [(who, url) for who in clients for url in pages] * 2
    random.Random(9).shuffle(fetches)
    bodies: dict[str, dict[str, bytes]] = {url: {} for url in pages}
    cache_states = {who: [] for who in clients}
    for who, url in fetches:
        response = clients[who].get(url)
        assert response.status_code == 200, (who, url)
        cache_states[who].append(response.get("X-Page-Cache"))
        if who in STAFF:
            continue  # what editors see is theirs; only what they leave behind matters
        if who in bodies[url]:
            assert response.content == bodies[url][who], (who, url, "changed between fetches")
        bodies[url][who] = response.content

    # The page cache really served stored pages, to signed-in readers too.
    assert "hit" in cache_states["anonymous"]
    assert "hit" in cache_states["a"] and "hit" in cache_states["b"]
    # Editors and moderators always bypass it.
    assert cache_states["editor"] == cache_states["moderator"] == [None] * (2 * len(pages))
    secrets = [
        (username, username.title(), email, csrf, place_name)
        for username, email, _, place_name, csrf in READERS.values()
    ] + [(username, username.title(), email, csrf) for username, email, _, csrf in STAFF.values()]
    for url, by_reader in bodies.items():
        assert len(set(by_reader.values())) == 1, f"{url} differs between readers"
        body = by_reader["anonymous"]
        assert b"csrfmiddlewaretoken" not in body, url
        for secret in (s for group in secrets for s in group):
            assert secret.encode() not in body, (url, secret)


def test_personal_endpoints_are_private_no_store_and_only_the_readers_own(site):
    story, clients = site
    endpoints = [
        "/accounts/status.json",
        f"/comments/{story.pk}/me.json",
        "/local/components/weather/",
    ]
    for key, (username, _email, _, place_name, _) in READERS.items():
        other = READERS["b" if key == "a" else "a"]
        for url in endpoints:
            response = clients[key].get(url)
            assert response.status_code == 200, url
            cache_control = response["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, url
            assert response.get("X-Page-Cache") is None, url
            for secret in (other[0], other[1], other[3], other[4]):
                assert secret.encode() not in response.content, (key, url, secret)
        assert username.encode() in clients[key].get("/accounts/status.json").content
        assert place_name.encode() in clients[key].get("/local/components/weather/").content
