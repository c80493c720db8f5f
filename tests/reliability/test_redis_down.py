"""Redis is down (nothing listens at REDIS_URL): reading goes on, limited writes pause.

The policy (docs/RELIABILITY.md): the page cache fails open (pages are served uncached),
sessions fall back to the database, signing in fails closed (503, ``Retry-After``, a
clear message, nothing written), and a comment whose rate limit cannot be counted is
held for review, never published. The shared Redis is never stopped: the cache points
at a port of ours where nothing listens.
"""

import pytest
from django.test import override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError

from newsdesk.articles.tests.factories import article_factory
from newsdesk.discussions.models import Comment
from newsdesk.discussions.policy import SUBMITTED_HELD
from newsdesk.discussions.tests.factories import reader_factory
from newsdesk.reliability.middleware import CACHE_OUTAGE_MESSAGE

DEAD_REDIS = {
    "default": {
        "BACKEND": "newsdesk.reliability.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:8999/9",  # our port range; nothing listens here
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def redis_down():
    with override_settings(
        CACHES=DEAD_REDIS,
        NEWSDESK_PAGE_CACHE=True,
        SESSION_ENGINE="newsdesk.reliability.sessions",
    ):
        from django.core.cache import cache

        with pytest.raises(ConnectionError):  # proves the cache really is down
            cache.add("anything", 1)
        yield


def _sign_in(client, user):
    """A session made while Redis was up: in the database (and the cache, now gone)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    client.cookies["sessionid"] = store.session_key


@pytest.fixture
def story(section):
    return article_factory(section=section, title="Council passes budget", tags=["Budget"])


@pytest.mark.django_db
def test_anonymous_pages_still_serve_when_redis_is_down(client, story, redis_down):
    reader = reader_factory(username="marta")
    pages = [
        "/",
        story.url,
        "/tags/budget/",
        f"/people/{reader.profile.username}/",
        "/feeds/rss/",
        "/search/?q=budget",
        "/live/latest.json",
        "/healthz",
    ]
    statuses = {url: client.get(url).status_code for url in pages}
    assert statuses == dict.fromkeys(pages, 200)
    assert b"Council passes budget" in client.get(story.url).content


@pytest.mark.django_db
def test_signed_in_reader_keeps_reading_when_redis_is_down(client, story, redis_down):
    _sign_in(client, reader_factory(username="sipho"))
    assert client.get(story.url).status_code == 200
    status = client.get("/accounts/status.json")
    assert status.status_code == 200
    assert status.json()["signed_in"] is True


@pytest.mark.django_db
def test_comments_are_held_for_review_not_published_when_redis_is_down(client, story, redis_down):
    _sign_in(client, reader_factory(username="lindiwe", days_old=30))
    for n in range(3):
        response = client.post(
            reverse("discussions:post", args=[story.pk]),
            {"body": f"The budget hides the cost of the new stadium ({n})."},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 201
        assert response.json()["status"] == Comment.Status.PENDING
        assert response.json()["message"] == SUBMITTED_HELD
    assert not Comment.objects.filter(status=Comment.Status.PUBLISHED).exists()
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PENDING}


@pytest.mark.django_db
def test_sign_in_pauses_with_a_clear_message_when_redis_is_down(client, redis_down):
    reader_factory(username="thabo", email="thabo@example.org")
    response = client.post("/accounts/login/", {"login": "thabo@example.org", "password": "x"})
    assert response.status_code == 503
    assert CACHE_OUTAGE_MESSAGE.encode() in response.content.replace(b"&#x27;", b"'")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_pauses_rather_than_leave_a_cached_session_behind(client, redis_down):
    from django.contrib.sessions.models import Session

    _sign_in(client, reader_factory(username="naledi"))
    response = client.post("/accounts/logout/")
    assert response.status_code == 503
    assert Session.objects.count() == 1  # nothing changed: signing out again will work
    assert client.get("/accounts/status.json").json()["signed_in"] is True
