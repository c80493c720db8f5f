"""A comment's permalink opens the thread page that holds it, at the comment."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsdesk.discussions import selectors, services
from newsdesk.discussions.models import CommenterSettings
from newsdesk.discussions.tests.factories import comment_factory, reader_factory

pytestmark = pytest.mark.django_db


def _roots(article, n):
    author = reader_factory()
    start = timezone.now() - timedelta(days=1)
    return [
        comment_factory(
            article=article,
            author=author,
            body=f"root {i}",
            created_at=start + timedelta(minutes=i),
        )
        for i in range(n)
    ]


def _follow(client, comment):
    response = client.get(reverse("discussions:permalink", args=[comment.pk]))
    assert response.status_code == 302
    location = response["Location"]
    path, anchor = location.split("#")
    assert anchor == f"comment-{comment.pk}"
    page = client.get(path)
    assert f'id="comment-{comment.pk}"' in page.content.decode(), location
    return location


def test_permalink_of_a_new_comment_opens_the_first_page(client, article):
    newest = _roots(article, 3)[-1]
    assert _follow(client, newest) == f"/comments/{article.pk}/thread/#comment-{newest.pk}"


def test_permalink_of_an_old_comment_opens_its_deep_page(client, article):
    size = selectors.THREAD_PAGE_SIZE
    roots = _roots(article, size * 3 + 1)
    # Newest first: the oldest is alone on the fourth page, the size+1-th newest opens page 2.
    assert "?after=" in _follow(client, roots[0])
    assert "?after=" in _follow(client, roots[-(size + 1)])
    assert "?after=" not in _follow(client, roots[-size])


def test_permalink_of_a_collapsed_reply_opens_its_whole_thread(client, article):
    (root,) = _roots(article, 1)
    reader = reader_factory()
    replies = [
        comment_factory(
            article=article,
            author=reader,
            body=f"reply {n}",
            parent=root,
            in_reply_to=root,
            created_at=timezone.now() + timedelta(seconds=n),
        )
        for n in range(5)
    ]
    assert f"?thread={root.pk}" not in _follow(client, replies[0])
    assert f"?thread={root.pk}" in _follow(client, replies[4])


def test_permalink_of_a_hidden_comment_is_not_found(client, article):
    held = comment_factory(article=article, author=reader_factory(), status="pending")
    assert client.get(reverse("discussions:permalink", args=[held.pk])).status_code == 404


def test_reply_notification_links_to_the_replys_permalink(
    article, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    author = reader_factory(username="ama")
    CommenterSettings.objects.create(user=author, notify_on_reply=True)
    comment = comment_factory(article=article, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        reply, _ = services.comment_post(
            author=reader_factory(username="kofi"), article=article, body="Yes!", reply_to=comment
        )
    (message,) = mail.outbox
    assert f"/comments/c/{reply.pk}/" in message.body
