"""Email notifications readers opted in to, sent in the background (django-tasks)."""

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from newsdesk.discussions.models import Comment, CommenterSettings
from newsdesk.network.selectors import site_language

REPLY_SUBJECT = _("%(name)s replied to your comment")
REJECTION_SUBJECT = _("Your comment was not published")


def _wants(user, flag: str) -> bool:
    settings = CommenterSettings.objects.filter(user=user).first()
    return bool(settings and getattr(settings, flag) and user.email)


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.shown_name if profile else str(_("A reader"))


def _comment_url(comment: Comment, site) -> str:
    """The reply's permalink on the story's own site, which opens the thread page that
    holds it, at the reply."""
    from django.conf import settings

    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base + reverse("discussions:permalink", args=[comment.pk])


def _in_site_language(comment: Comment):
    """Mail speaks the language of the site the comment is on, as its pages do (the
    worker has no request to take it from)."""
    site = comment.article.get_site()
    return site, translation.override(site_language(site=site))


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
    site, language = _in_site_language(comment)
    with language:
        _reply_mail_send(comment, recipient, site)
    return True


def _reply_mail_send(comment: Comment, recipient, site) -> None:
    send_mail(
        REPLY_SUBJECT % {"name": _name(comment.author)},
        _(
            "%(name)s replied to your comment on “%(title)s”:\n\n%(body)s\n\n"
            "Read the reply: %(url)s\n\n"
            "You get these emails because you asked for them; turn them off on "
            "your comments page (/comments/mine/)."
        )
        % {
            "name": _name(comment.author),
            "title": comment.article.title,
            "body": comment.body,
            "url": _comment_url(comment, site),
        },
        None,
        [recipient.email],
    )


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
    _site, language = _in_site_language(comment)
    with language:
        _rejection_mail_send(comment)
    return True


def _rejection_mail_send(comment: Comment) -> None:
    reason = comment.get_rejection_reason_display()
    note = (
        "\n\n" + _("The moderator's note: %(note)s") % {"note": comment.rejection_note}
        if comment.rejection_note
        else ""
    )
    send_mail(
        str(REJECTION_SUBJECT),
        _(
            "Your comment on “%(title)s” was not published.\n\n"
            "Reason: %(reason)s.%(note)s\n\nYour comment:\n%(body)s\n\n"
            "See all your comments and the reasons: /comments/mine/"
        )
        % {"title": comment.article.title, "reason": reason, "note": note, "body": comment.body},
        None,
        [comment.author.email],
    )
