"""Demo conversation: readers' comments on the lead stories, one thread still going."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.discussions import text as comment_text
from newsdesk.discussions.models import Comment

# (minutes ago, reader's profile username, text, index of the comment it answers or None)
LIVE_THREAD = [
    (
        95,
        "thandi",
        "Our street in Pinetown has had water over the kerb since midnight. "
        "Stay off the M13 if you can.",
        None,
    ),
    (
        80,
        "pieter_vdm",
        "Same in Westville. The council's hotline is busy but the SMS line works.",
        0,
    ),
    (
        64,
        "lindiwe",
        "Thank you for the updates. Schools in our area have sent children home.",
        None,
    ),
    (41, "thandi", "Power is back on in Pinetown. Water is going down slowly.", 0),
    (18, "pieter_vdm", "Anyone know if the N3 is open past Pietermaritzburg?", None),
    (6, "lindiwe", "Open, but one lane only near Mpumalanga township, says the traffic page.", 4),
]
OTHER_COMMENTS = [
    (300, "lindiwe", "Good news for small businesses, if it lasts through winter."),
    (240, "thandi", "Finally. We will see how long the repairs hold."),
]


def _comment(*, article, author, body, at, parent=None, in_reply_to=None) -> Comment:
    comment = Comment(
        article_id=article.pk,
        author=author,
        body=body,
        body_html=comment_text.render_body(body),
        fingerprint=comment_text.fingerprint(body),
        status=Comment.Status.PUBLISHED,
        parent=parent,
        in_reply_to=in_reply_to,
        created_at=at,
    )
    comment.save()
    return comment


@transaction.atomic
def demo_comments_load(*, live_article, other_article, readers: dict) -> int:
    """Comments by the demo readers (``readers`` maps profile usernames to users).

    They are written as rows, as a fixture would, not through ``comment_post``: the policy
    would rightly hold first comments of accounts made a second ago.
    """
    now = timezone.now()
    made = []
    for minutes, username, body, answers in LIVE_THREAD:
        # One level of replies: an answer joins the thread of the comment it answers.
        answered = made[answers] if answers is not None else None
        parent = (answered.parent or answered) if answered is not None else None
        made.append(
            _comment(
                article=live_article,
                author=readers[username],
                body=body,
                at=now - timedelta(minutes=minutes),
                parent=parent,
                in_reply_to=answered,
            )
        )
    for minutes, username, body in OTHER_COMMENTS:
        _comment(
            article=other_article,
            author=readers[username],
            body=body,
            at=now - timedelta(minutes=minutes),
        )
    return len(made) + len(OTHER_COMMENTS)


@transaction.atomic
def demo_comment_list_load(*, article, comments: list[tuple[int, object, str]]) -> int:
    """Top-level comments on ``article``: (minutes ago, author, text), written as rows."""
    now = timezone.now()
    for minutes, author, body in comments:
        _comment(article=article, author=author, body=body, at=now - timedelta(minutes=minutes))
    return len(comments)
