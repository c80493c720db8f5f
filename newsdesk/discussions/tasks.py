"""Email notifications readers opted in to, sent in the background (django-tasks)."""

from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from newsdesk.discussions.models import Comment, CommenterSettings

REPLY_SUBJECT = "{name} replied to your comment"
REJECTION_SUBJECT = "Your comment was not published"


def _wants(user, flag: str) -> bool:
    settings = CommenterSettings.objects.filter(user=user).first()
    return bool(settings and getattr(settings, flag) and user.email)


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.shown_name if profile else "A reader"


def _comment_url(comment: Comment) -> str:
    """The reply's permalink, which opens the thread page that holds it, at the reply."""
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL + reverse("discussions:permalink", args=[comment.pk])


@task()
def comment_notify_reply(comment_id: int) -> bool:
    comment = (
        Comment.objects.select_related("author__profile", "in_reply_to__author", "article")
        .filter(pk=comment_id, status=Comment.Status.PUBLISHED)
        .first()
    )
    # Either side may have deleted their account since the reply was posted.
    if comment is None or comment.in_reply_to is None or comment.author is None:
        return False
    recipient = comment.in_reply_to.author
    if (
        recipient is None
        or recipient.pk == comment.author_id
        or not _wants(recipient, "notify_on_reply")
    ):
        return False
    send_mail(
        REPLY_SUBJECT.format(name=_name(comment.author)),
        (
            f"{_name(comment.author)} replied to your comment on "
            f"\u201c{comment.article.title}\u201d:\n\n{comment.body}\n\n"
            f"Read the reply: {_comment_url(comment)}\n\n"
            "You get these emails because you asked for them; turn them off on "
            "your comments page (/comments/mine/)."
        ),
        None,
        [recipient.email],
    )
    return True


@task()
def comment_notify_rejection(comment_id: int) -> bool:
    comment = (
        Comment.objects.select_related("author", "article")
        .filter(pk=comment_id, status=Comment.Status.REJECTED)
        .first()
    )
    if comment is None or comment.author is None:
        return False
    if not _wants(comment.author, "notify_on_rejection"):
        return False
    reason = comment.get_rejection_reason_display()
    note = f"\n\nThe moderator's note: {comment.rejection_note}" if comment.rejection_note else ""
    send_mail(
        REJECTION_SUBJECT,
        (
            f"Your comment on \u201c{comment.article.title}\u201d was not published.\n\n"
            f"Reason: {reason}.{note}\n\nYour comment:\n{comment.body}\n\n"
            "See all your comments and the reasons: /comments/mine/"
        ),
        None,
        [comment.author.email],
    )
    return True
