"""Readers with profiles, and comments, for the discussions tests."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from newsdesk.discussions import text as comment_text
from newsdesk.discussions.models import Comment
from newsdesk.profiles.tests.factories import ProfileFactory

_seq = count(1)


def reader_factory(*, username: str | None = None, days_old: float = 60, email: str = "", **extra):
    """A signed-up reader with a public profile; ``days_old`` makes the account new or not."""
    name = username or f"reader{next(_seq)}"
    user_fields = {f"user__{key}": value for key, value in extra.items()}
    profile = ProfileFactory(
        username=name,
        user__username=name,
        user__email=email or f"{name}@example.org",
        user__date_joined=timezone.now() - timedelta(days=days_old),
        **user_fields,
    )
    return profile.user


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
