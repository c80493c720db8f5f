"""Readers with profiles, and comments, for the discussions tests."""

from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsdesk.discussions import text as comment_text
from newsdesk.discussions.models import Comment
from newsdesk.profiles.models import Profile
from newsdesk.profiles.usernames import username_key

_seq = count(1)


def reader_factory(*, username: str | None = None, days_old: float = 60, email: str = "", **extra):
    """A signed-up reader with a public profile; ``days_old`` makes the account new or not."""
    name = username or f"reader{next(_seq)}"
    user = get_user_model().objects.create_user(
        username=name,
        email=email or f"{name}@example.org",
        password="x",
        date_joined=timezone.now() - timedelta(days=days_old),
        **extra,
    )
    Profile.objects.create(
        user=user, username=name, username_key=username_key(name), display_name=name.title()
    )
    return user


def comment_factory(*, article, author, body: str = "A thoughtful comment.", **fields):
    fields.setdefault("status", Comment.Status.PUBLISHED)
    comment = Comment(
        article_id=article.pk,
        author=author,
        body=body,
        body_html=comment_text.render_body(body),
        fingerprint=comment_text.fingerprint(body),
        **fields,
    )
    comment.save()
    return comment
