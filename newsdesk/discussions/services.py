"""Writes on comments: posting, editing, deleting, reporting, moderating, closing.

Every write is one transaction; bad input raises ``CommentError`` (or the policy's
``RateLimited``) with a message for the reader, and stores nothing.

A write that changes what readers see (a comment shown, edited, hidden, removed; comments
closed) purges the cached thread fragment, with every cursor (``?after=``), and the
author's profile, which lists their latest comments. The fragment is cached for seconds
only, but a hidden comment must go at once, and the profile is cached for minutes.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, OuterRef, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.caching.services import purge_network_paths, purge_paths
from newsdesk.discussions import policy
from newsdesk.discussions import text as comment_text
from newsdesk.discussions.models import (
    ArticleDiscussion,
    Comment,
    CommenterSettings,
    CommentReaction,
    CommentReport,
    ModerationAction,
)
from newsdesk.discussions.selectors import (
    discussion_settings_for,
    discussion_site_for,
    discussion_state,
)
from newsdesk.discussions.tasks import comment_notify_rejection, comment_notify_reply
from newsdesk.profiles.selectors import profile_for_user
from newsdesk.sanctions.models import Sanction
from newsdesk.sanctions.selectors import sanction_active_for
from newsdesk.sanctions.services import sanction_create

MAX_LENGTH = 5000
CLOSED = _("Comments have been closed for this article.")
EMPTY = _("Please write a comment first.")
# The limit written as the reader's language writes numbers (5,000; 5 000).
TOO_LONG = lazy(
    lambda: gettext("Comments can be at most {max} characters long.").format(
        max=number_format(MAX_LENGTH, force_grouping=True)
    ),
    str,
)()
SANCTIONED = _("You cannot comment at the moment: {reason}")
SANCTIONED_UNTIL = _("You cannot comment until {until}: {reason}")
BAD_PARENT = _("You can only reply to a published comment on this article.")
NOT_YOURS = _("You can only change your own comments.")
EDIT_WINDOW_OVER = _("The time to edit this comment is over.")
NOT_EDITABLE = _("This comment can no longer be edited.")
SELF_REPORT = _("You cannot report your own comment.")
ALREADY_REPORTED = _("You have already reported this comment. Thank you.")
BAD_REPORT_REASON = _("Please choose why you are reporting this comment.")
REPORT_NOTE_REQUIRED = _("Please tell us what is wrong with this comment.")
REPORTED = _("Thank you. A moderator will review this comment.")
BAD_REJECTION_REASON = _(
    "Choose a reason for the rejection: the reader is told it. Nothing was rejected."
)
DELETED = _("Your comment is deleted.")
RECOMMEND_OWN = _("You cannot recommend your own comment.")
RECOMMEND_UNPUBLISHED = _("You can only recommend a published comment.")


class CommentError(Exception):
    """A request we refuse, with the message the reader sees and an HTTP status."""

    def __init__(
        self, message: str | Promise, *, status: int = 400, reasons: list[str] | None = None
    ):
        message = str(message)  # a lazy translation, in the language of the request raising it
        super().__init__(message)
        self.message = message
        self.status = status
        self.reasons = reasons or []


def _log(*, action, actor=None, comment=None, target_user=None, page=None, code="", note=""):
    entry = ModerationAction(
        action=action,
        actor=actor,
        comment=comment,
        target_user=target_user if target_user is not None else getattr(comment, "author", None),
        page=page if page is not None else getattr(comment, "article", None),
        reason_code=code,
        note=note,
    )
    entry.full_clean()
    entry.save()
    return entry


def _purge_thread(*, article, site=None) -> None:
    site = site or discussion_site_for(article=article)
    if site is not None:
        purge_paths(site=site, paths=[reverse("discussions:fragment", args=[article.pk])])


def _recount_replies(comment: Comment) -> None:
    """Keep the first comment's ``reply_count`` (the "most replies" order) true.

    Counted again under the first comment's row lock rather than moved by one: a reply
    changes state in many ways (posted, held, approved, rejected, deleted, erased), and
    a recount is right whichever happened and however many ran at once.
    """
    if comment.parent_id is None:
        return
    list(Comment.objects.select_for_update().filter(pk=comment.parent_id).values_list("pk"))
    replies = Comment.objects.filter(parent_id=comment.parent_id, status=Comment.Status.PUBLISHED)
    Comment.objects.filter(pk=comment.parent_id).update(reply_count=replies.count())


def _purge_comment(comment: Comment, *, site=None) -> None:
    """Purge the pages that show this comment: its thread and its author's profile.

    Every change readers see passes here, so a reply's thread gets its count again too.
    ``site``: the article's site, when the caller has it already.
    """
    _recount_replies(comment)
    _purge_thread(article=comment.article, site=site)
    profile = profile_for_user(user=comment.author)
    if profile is not None:
        purge_network_paths(paths=[profile.get_absolute_url()])


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise CommentError(EMPTY)
    if len(body) > MAX_LENGTH:
        raise CommentError(TOO_LONG)
    return body


def _refuse_if_sanctioned(*, user, site) -> None:
    sanction = sanction_active_for(user=user, site=site)
    if sanction is None:
        return
    if sanction.kind == Sanction.Kind.TIMEOUT:
        until = timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
        raise CommentError(SANCTIONED_UNTIL.format(until=until, reason=sanction.reason), status=403)
    raise CommentError(SANCTIONED.format(reason=sanction.reason), status=403)


def _submission(*, author, article, body, editing=None, site=None) -> policy.Submission:
    site = site or discussion_site_for(article=article)
    settings = discussion_settings_for(site=site)
    state = discussion_state(article=article, settings=settings)
    if state.closed:
        raise CommentError(CLOSED, status=403)
    _refuse_if_sanctioned(user=author, site=site)
    # The reader's pre-moderation and record are the trust level's to read (trust.py).
    return policy.Submission(
        author=author,
        article=article,
        site=site,
        text=body,
        settings=settings,
        article_premoderated=state.premoderated,
        editing=editing,
    )


@transaction.atomic
def comment_post(
    *, author, article, body: str, reply_to: Comment | None = None, site=None
) -> tuple[Comment, policy.Decision]:
    """Check and store a reader's comment (or reply); published or held by the policy.

    The article's own site decides (its policy, its sanctions), never the request's host;
    ``site`` is that site when the caller has it already (``discussion_site_for``).
    """
    body = _clean_body(body)
    root = None
    if reply_to is not None:
        if reply_to.article_id != article.pk or reply_to.status != Comment.Status.PUBLISHED:
            raise CommentError(BAD_PARENT)
        root = reply_to.parent or reply_to
    submission = _submission(author=author, article=article, body=body, site=site)
    decision = policy.evaluate(submission)
    if decision.outcome == policy.Outcome.REFUSE:
        raise CommentError(decision.message, reasons=decision.reasons)
    comment = Comment(
        article=article,
        author=author,
        parent=root,
        in_reply_to=reply_to,
        body=body,
        body_html=comment_text.render_body(body),
        fingerprint=comment_text.fingerprint(body),
        status=(
            Comment.Status.PUBLISHED
            if decision.outcome == policy.Outcome.PUBLISH
            else Comment.Status.PENDING
        ),
        reasons=decision.reasons,
    )
    # The article, author and parents are rows this call already holds: checking that
    # they exist would cost a query each.
    comment.full_clean(exclude=["article", "author", "parent", "in_reply_to"])
    comment.save()
    if comment.status == Comment.Status.PUBLISHED:
        _purge_comment(comment, site=submission.site)
        if reply_to is not None:
            _notify_reply_on_commit(comment)
    return comment, decision


def _notify_reply_on_commit(comment: Comment) -> None:
    if comment.in_reply_to is None or comment.in_reply_to.author_id == comment.author_id:
        return
    transaction.on_commit(lambda: comment_notify_reply.enqueue(comment_id=comment.pk))


def _own_comment(*, comment: Comment, user) -> Comment:
    comment = Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)
    if comment.author_id != user.pk:
        raise CommentError(NOT_YOURS, status=403)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, user, body: str) -> tuple[Comment, policy.Decision]:
    """The author edits within the edit window; the policy checks the new text again."""
    body = _clean_body(body)
    comment = _own_comment(comment=comment, user=user)
    if comment.status not in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        raise CommentError(NOT_EDITABLE, status=403)
    site = discussion_site_for(article=comment.article)
    window = discussion_settings_for(site=site).edit_window_minutes
    if not comment.is_editable(window_minutes=window):
        raise CommentError(EDIT_WINDOW_OVER, status=403)
    submission = _submission(author=user, article=comment.article, body=body, editing=comment)
    decision = policy.evaluate(submission)
    if decision.outcome == policy.Outcome.REFUSE:
        raise CommentError(decision.message, reasons=decision.reasons)
    comment.body = body
    comment.body_html = comment_text.render_body(body)
    comment.fingerprint = comment_text.fingerprint(body)
    comment.edited_at = timezone.now()
    if decision.outcome == policy.Outcome.HOLD:
        comment.status = Comment.Status.PENDING
        comment.reasons = decision.reasons
    comment.full_clean()
    comment.save()
    _purge_comment(comment)
    return comment, decision


@transaction.atomic
def comment_delete(*, comment: Comment, user) -> Comment:
    """The author deletes their comment: the text goes; replies to it stay."""
    comment = _own_comment(comment=comment, user=user)
    comment.status = Comment.Status.DELETED
    comment.body = ""
    comment.body_html = ""
    comment.featured = False
    comment.full_clean()
    comment.save()
    _purge_comment(comment)
    return comment


@transaction.atomic
def comment_author_erase(*, user) -> None:
    """Erase what discussions keep about a reader whose account is being deleted.

    Their text is their personal data, but other readers' replies are not theirs to take
    away. So a first comment that someone else answered stays as an authorless
    placeholder with no text ("removed when its author deleted their account"), which
    keeps the replies in their thread; every other comment of theirs (including their
    replies) is deleted outright. Their reports on other readers' comments keep counting
    towards the hold threshold and stay in the moderators' record, without the reader or
    their note. Runs in the account deletion's transaction (the ``ACCOUNT_ERASE`` hook).
    """
    # Lock every comment of theirs first (PostgreSQL): a reply being posted to one of them
    # then waits, and fails on the deleted parent rather than vanishing with it.
    list(Comment.objects.select_for_update().filter(author_id=user.pk).values_list("pk"))
    answered_by_others = Exists(
        Comment.objects.filter(parent_id=OuterRef("pk")).exclude(author_id=user.pk)
    )
    placeholders = list(
        Comment.objects.filter(author_id=user.pk, parent__isnull=True)
        .filter(answered_by_others)
        .values_list("pk", flat=True)
    )
    # A rejected comment stays rejected, so replies a moderator hid with it stay hidden.
    Comment.objects.filter(pk__in=placeholders).update(
        author=None,
        body="",
        body_html="",
        fingerprint="",
        rejection_note="",
        featured=False,
        status=Case(
            When(status=Comment.Status.REJECTED, then=Value(Comment.Status.REJECTED)),
            default=Value(Comment.Status.DELETED),
        ),
    )
    # Nothing is left to review in a placeholder.
    CommentReport.objects.filter(comment_id__in=placeholders, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    threads = set(
        Comment.objects.filter(author_id=user.pk, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    Comment.objects.filter(author_id=user.pk).delete()
    for root_id in threads:
        _recount_replies(Comment(parent_id=root_id))
    CommentReport.objects.filter(reporter_id=user.pk).update(reporter=None, note="")
    # Their recommendations are personal data too: each comment counts one fewer.
    recommended = CommentReaction.objects.filter(user_id=user.pk).values("comment_id")
    Comment.objects.filter(pk__in=recommended).update(recommend_count=F("recommend_count") - 1)
    CommentReaction.objects.filter(user_id=user.pk).delete()


@transaction.atomic
def comment_recommend_toggle(*, comment: Comment, user) -> tuple[bool, int]:
    """Recommend a comment, or take the recommendation back; (recommended now, count).

    The (comment, user) constraint keeps one recommendation per reader however many
    requests race, and the count moves with F() in the same transaction as the row it
    counts, so concurrent readers lose none and count none twice.
    """
    comment = Comment.objects.select_related("article").get(pk=comment.pk)
    if comment.author_id == user.pk:
        raise CommentError(str(RECOMMEND_OWN), status=403)
    if comment.status != Comment.Status.PUBLISHED:
        raise CommentError(str(RECOMMEND_UNPUBLISHED), status=403)
    _refuse_if_sanctioned(user=user, site=discussion_site_for(article=comment.article))
    removed, _ = CommentReaction.objects.filter(comment_id=comment.pk, user_id=user.pk).delete()
    if removed:
        change, recommended = -1, False
    else:
        try:
            with transaction.atomic():
                CommentReaction.objects.create(comment_id=comment.pk, user_id=user.pk)
        except IntegrityError:
            # The same reader's other request recommended it a moment ago: it stays so.
            change, recommended = 0, True
        else:
            change, recommended = 1, True
    if change:
        Comment.objects.filter(pk=comment.pk).update(recommend_count=F("recommend_count") + change)
        _purge_thread(article=comment.article)
    count = Comment.objects.values_list("recommend_count", flat=True).get(pk=comment.pk)
    return recommended, count


@transaction.atomic
def comment_report(*, comment: Comment, reporter, reason: str, note: str = "") -> CommentReport:
    """Record one report per reader; hold the comment once it passes the site's threshold."""
    if reporter.pk == comment.author_id:
        raise CommentError(SELF_REPORT, status=403)
    if reason not in CommentReport.Reason.values:
        raise CommentError(BAD_REPORT_REASON)
    note = (note or "").strip()
    if reason == CommentReport.Reason.OTHER and not note:
        raise CommentError(REPORT_NOTE_REQUIRED)
    report = CommentReport(comment=comment, reporter=reporter, reason=reason, note=note[:1000])
    report.full_clean(validate_constraints=False)
    try:
        # The database constraint is the guard: two clicks at once still make one report.
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise CommentError(ALREADY_REPORTED, status=409) from None
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment = Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)
    site = discussion_site_for(article=comment.article)
    threshold = discussion_settings_for(site=site).hold_after_reports
    if threshold and comment.report_count >= threshold and comment.is_visible:
        comment.status = Comment.Status.PENDING
        comment.reasons = [*comment.reasons, "reported"]
        comment.save(update_fields=["status", "reasons"])
        _log(action=ModerationAction.Action.AUTO_HOLD, comment=comment, code="reported")
        _purge_comment(comment)
    return report


# --- Moderation ------------------------------------------------------------------------------


def _locked(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("author", "article")
        .get(pk=comment.pk)
    )


def _resolve_reports(comment: Comment) -> None:
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


@transaction.atomic
def comment_approve(*, comment: Comment, moderator, note: str = "") -> Comment:
    comment = _locked(comment)
    comment.status = Comment.Status.PUBLISHED
    comment.rejection_reason = ""
    comment.rejection_note = ""
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    _resolve_reports(comment)
    _log(action=ModerationAction.Action.APPROVE, actor=moderator, comment=comment, note=note)
    _purge_comment(comment)
    return comment


@transaction.atomic
def comment_reject(*, comment: Comment, moderator, reason: str, note: str = "") -> Comment:
    if reason not in Comment.RejectionReason.values:
        raise CommentError(BAD_REJECTION_REASON)
    comment = _locked(comment)
    comment.status = Comment.Status.REJECTED
    comment.rejection_reason = reason
    comment.rejection_note = (note or "").strip()
    comment.featured = False
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    _resolve_reports(comment)
    _log(
        action=ModerationAction.Action.REJECT,
        actor=moderator,
        comment=comment,
        code=reason,
        note=comment.rejection_note,
    )
    transaction.on_commit(lambda: comment_notify_rejection.enqueue(comment_id=comment.pk))
    _purge_comment(comment)
    return comment


@transaction.atomic
def comment_hold(*, comment: Comment, moderator, note: str = "") -> Comment:
    comment = _locked(comment)
    comment.status = Comment.Status.PENDING
    if "moderator" not in comment.reasons:
        comment.reasons = [*comment.reasons, "moderator"]
    comment.full_clean()
    comment.save()
    _log(action=ModerationAction.Action.HOLD, actor=moderator, comment=comment, note=note)
    _purge_comment(comment)
    return comment


@transaction.atomic
def comment_feature(*, comment: Comment, moderator, featured: bool = True) -> Comment:
    comment = _locked(comment)
    comment.featured = featured and comment.status == Comment.Status.PUBLISHED
    comment.save(update_fields=["featured"])
    action = ModerationAction.Action.FEATURE if featured else ModerationAction.Action.UNFEATURE
    _log(action=action, actor=moderator, comment=comment)
    _purge_comment(comment)
    return comment


@transaction.atomic
def author_sanction(
    *,
    user,
    moderator,
    kind: str,
    reason: str,
    site=None,
    duration: timedelta | None = None,
    comment: Comment | None = None,
):
    """Sanction a comment's author (warning, timeout, site or network ban) and log it."""
    sanction = sanction_create(
        user=user, kind=kind, reason=reason, created_by=moderator, site=site, duration=duration
    )
    _log(
        action=ModerationAction.Action.SANCTION,
        actor=moderator,
        comment=comment,
        target_user=user,
        code=kind,
        note=reason,
    )
    return sanction


@transaction.atomic
def commenter_premoderate(*, user, moderator, premoderated: bool, note: str = ""):
    settings, _ = CommenterSettings.objects.get_or_create(user=user)
    settings.premoderated = premoderated
    settings.full_clean()
    settings.save()
    _log(
        action=ModerationAction.Action.PREMODERATE,
        actor=moderator,
        target_user=user,
        code="on" if premoderated else "off",
        note=note,
    )
    return settings


@transaction.atomic
def commenter_settings_update(*, user, notify_on_reply: bool, notify_on_rejection: bool):
    settings, _ = CommenterSettings.objects.get_or_create(user=user)
    settings.notify_on_reply = notify_on_reply
    settings.notify_on_rejection = notify_on_rejection
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def discussion_update(
    *, page, user, closed: bool, premoderated: bool | None = None
) -> ArticleDiscussion:
    """Close or reopen comments on an article (and set its pre-moderation), logged."""
    discussion, _ = ArticleDiscussion.objects.select_for_update().get_or_create(page_id=page.pk)
    if discussion.closed != closed:
        discussion.closed = closed
        discussion.closed_at = timezone.now() if closed else None
        discussion.closed_by = user if closed else None
        _log(
            action=ModerationAction.Action.CLOSE if closed else ModerationAction.Action.REOPEN,
            actor=user,
            page=page,
            target_user=None,
        )
    if premoderated is not None:
        discussion.premoderated = premoderated
    discussion.full_clean()
    discussion.save()
    _purge_thread(article=page)
    return discussion
