"""Moderation purges the cached thread and the author's profile at once (issue #12)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from newsdesk.caching.middleware import PAGE_CACHE_HEADER
from newsdesk.discussions import services
from newsdesk.discussions.tests.factories import comment_factory, reader_factory
from newsdesk.editorial.roles import MODERATORS

pytestmark = pytest.mark.django_db
HOST = "localhost"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSDESK_PAGE_CACHE = True


@pytest.fixture
def moderator():
    user = reader_factory(username="mo")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def _anonymous(path: str) -> str:
    response = Client().get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def _warm(*paths: str) -> None:
    for path in paths:
        _anonymous(path)
        assert Client().get(path, HTTP_HOST=HOST)[PAGE_CACHE_HEADER] == "hit", path


def test_rejected_comment_leaves_the_cached_thread_and_profile_at_once(
    client, article, moderator, django_capture_on_commit_callbacks
):
    zola = reader_factory(username="zola")
    comment = comment_factory(article=article, author=zola, body="Buy cheap watches here")
    thread, profile = f"/comments/{article.pk}/", "/people/zola/"
    _warm(thread, f"{thread}?after=1", profile)
    assert "cheap watches" in _anonymous(thread) and "cheap watches" in _anonymous(profile)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/comments/?queue=published",
            {"single": f"reject:{comment.pk}", f"reason_{comment.pk}": "spam"},
        )
    comment.refresh_from_db()
    assert comment.status == "rejected"
    assert "cheap watches" not in _anonymous(thread)
    assert "cheap watches" not in _anonymous(f"{thread}?after=1")
    assert "cheap watches" not in _anonymous(profile)
    assert "0 comments" in _anonymous(thread)


def test_approved_comment_shows_on_the_cached_thread_with_its_count(
    article, moderator, django_capture_on_commit_callbacks
):
    held = comment_factory(
        article=article, author=reader_factory(), body="Worth the wait", status="pending"
    )
    thread = f"/comments/{article.pk}/"
    _warm(thread)
    assert "0 comments" in _anonymous(thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=held, moderator=moderator)
    page = _anonymous(thread)
    assert "Worth the wait" in page and "1 comment" in page


def test_hidden_and_deleted_comments_leave_the_cached_thread(
    article, moderator, django_capture_on_commit_callbacks
):
    author = reader_factory()
    hidden = comment_factory(article=article, author=author, body="Held back by the desk")
    deleted = comment_factory(article=article, author=author, body="Regretted at once")
    thread = f"/comments/{article.pk}/"
    _warm(thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_hold(comment=hidden, moderator=moderator)
    assert "Held back by the desk" not in _anonymous(thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_delete(comment=deleted, user=author)
    assert "Regretted at once" not in _anonymous(thread)


def test_closing_comments_shows_on_the_cached_thread_at_once(
    article, moderator, django_capture_on_commit_callbacks
):
    thread = f"/comments/{article.pk}/"
    _warm(thread)
    assert str(services.CLOSED) not in _anonymous(thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.discussion_update(page=article, user=moderator, closed=True)
    assert str(services.CLOSED) in _anonymous(thread)


def test_recommendation_purges_the_cached_thread_at_once(
    client, article, django_capture_on_commit_callbacks
):
    comment = comment_factory(article=article, author=reader_factory(), body="Well argued")
    thread = f"/comments/{article.pk}/"
    _warm(thread, f"{thread}?sort=recommended")
    assert "0 recommends" in _anonymous(f"{thread}?sort=recommended")
    client.force_login(reader_factory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/comments/c/{comment.pk}/recommend/", HTTP_HOST=HOST)
    assert Client().get(thread, HTTP_HOST=HOST)[PAGE_CACHE_HEADER] != "hit"
    assert "1 recommend<" in _anonymous(f"{thread}?sort=recommended")
