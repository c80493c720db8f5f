"""Readers' comments on articles, their reports, per-article and per-site settings.

A comment's ``status`` is the outcome of the policy check or of a moderator; ``reasons``
keeps the reason codes of the decision that put it there (see ``policy.py``), so a
moderator and the author can always see why.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from newsdesk.core.models import BasePage
from newsdesk.sanctions.models import Sanction

# Why the policy checks or moderators held a comment (the codes of ``Comment.reasons``,
# written by ``policy.py``), as moderators read them.
REASON_LABELS = {
    "banned_words": _("Contains a banned word or phrase"),
    "duplicate": _("The same text was posted before"),
    "suspect_words": _("Contains a word or phrase to check"),
    "too_many_links": _("Contains many links"),
    "new_account": _("First comments of a new account"),
    "premoderated_article": _("The article is pre-moderated"),
    "premoderated_reader": _("The reader is pre-moderated"),
    "repeat_offender": _("The reader had several comments rejected recently"),
    "check_unavailable": _("A policy check could not run"),
    "reported": _("Reported by readers"),
    "moderator": _("Held by a moderator"),
}


# Shown where a comment's author would be, and in place of its text, once it is deleted.
DELETED_ACCOUNT = _("Deleted account")
AUTHOR_DELETED_NOTICE = _("This comment was deleted by its author.")
ACCOUNT_DELETED_NOTICE = _("This comment was removed when its author deleted their account.")


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code.replace("_", " ").capitalize()))


class CommentQuerySet(models.QuerySet):
    def on_public_articles(self):
        """Comments on live articles that no view restriction (password, sign-in, group) covers.

        Every public read and write of comments goes through this, so a story an editor
        unpublished or locked takes its conversation with it.
        """
        return self.filter(article__in=Page.objects.live().public().values("pk"))

    def public(self):
        """What any reader may see: published comments on live, unrestricted articles."""
        return self.on_public_articles().filter(status=Comment.Status.PUBLISHED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Held for review")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted by its author")

    class RejectionReason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abuse, harassment or hate")
        OFF_TOPIC = "off_topic", _("Off topic")
        ILLEGAL = "illegal", _("Illegal content")
        PERSONAL_INFO = "personal_info", _("Someone's personal information")
        OTHER = "other", _("Against the comments policy")

    article = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # Empty once the author deleted their account: the comment then stays only as a
    # placeholder that keeps other readers' replies in place (``comment_author_erase``).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # Replies are one level deep, as on most news sites: ``parent`` is the thread's first
    # comment, ``in_reply_to`` the comment the reader answered (for notifications).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000, blank=True)
    body_html = models.TextField(editable=False)
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    reasons = models.JSONField(default=list, blank=True)
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_note = models.TextField(blank=True)
    # Set by editors and moderators: shown under the thread's "Editors' picks" tab.
    featured = models.BooleanField(default=False)
    report_count = models.PositiveIntegerField(default=0)
    # Denormalised so each sort order is one indexed scan: published replies under a
    # first comment (kept by ``services._recount_replies``) and readers' recommendations
    # (kept by ``services.comment_recommend_toggle``).
    reply_count = models.PositiveIntegerField(default=0)
    recommend_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Set by ``selectors._attach_replies`` on the threads it reads (not columns).
    shown_replies: list[Comment]
    reply_total: int

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The thread's first page: roots of one article, by keyset (created_at, id).
            models.Index(
                fields=["article", "status", "parent", "-created_at", "-id"],
                name="discussions_thread_idx",
            ),
            models.Index(fields=["parent", "status", "created_at"], name="discussions_reply_idx"),
            models.Index(fields=["author", "-created_at"], name="discussions_author_idx"),
            models.Index(fields=["status", "-created_at"], name="discussions_queue_idx"),
            models.Index(
                fields=["article", "-created_at"],
                condition=models.Q(featured=True),
                name="discussions_featured_idx",
            ),
            # One per sort order of the thread (selectors.THREAD_SORTS), for the keyset;
            # without status, which the roots' filter (published, or a deleted placeholder
            # with replies) checks on each row read in order. Oldest reads newest backwards.
            models.Index(
                fields=["article", "parent", "-created_at", "-id"],
                name="discussions_newest_idx",
            ),
            models.Index(
                fields=["article", "parent", "-recommend_count", "-id"],
                name="discussions_recommended_idx",
            ),
            models.Index(
                fields=["article", "parent", "-reply_count", "-id"],
                name="discussions_replies_idx",
            ),
        ]
        permissions = [
            ("moderate_comment", "Can moderate comments"),
            ("feature_comment", "Can pick comments as editors' picks"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author or DELETED_ACCOUNT}"

    @property
    def deleted_notice(self) -> str:
        """What a thread shows in place of a deleted comment's text."""
        return AUTHOR_DELETED_NOTICE if self.author_id else ACCOUNT_DELETED_NOTICE

    def is_editable(self, *, window_minutes: int) -> bool:
        """Its author may still change it: published or held, and inside the edit window.
        The one rule for the edit screen, the thread's Edit links and ``comment_edit``."""
        if self.status not in (self.Status.PUBLISHED, self.Status.PENDING):
            return False
        return timezone.now() <= self.created_at + timedelta(minutes=window_minutes)

    @property
    def more_replies(self) -> int:
        """Replies of a thread read by the selectors that the thread does not show yet."""
        shown = len(getattr(self, "shown_replies", []))
        return max(getattr(self, "reply_total", 0) - shown, 0)

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def reason_labels(self) -> list[str]:
        return [reason_label(code) for code in self.reasons]


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSE = "abuse", _("Abuse or harassment")
        OFF_TOPIC = "off_topic", _("Off topic")
        ILLEGAL = "illegal", _("Illegal content")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    # Empty once the reporter deleted their account: the report still counts towards the
    # comment's hold threshold and stays in the moderators' record, without its reader.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comment_reports",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="discussions_one_report_per_reader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on comment {self.comment_id}"


class CommentReaction(models.Model):
    """One reader recommends one comment; the constraint keeps it to one each."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="discussions_one_reaction_per_reader"
            )
        ]
        indexes = [models.Index(fields=["user", "comment"], name="discussions_reaction_user_idx")]

    def __str__(self) -> str:
        return f"Recommendation of comment {self.comment_id}"


class ArticleDiscussion(models.Model):
    """Per-article settings, kept here so the articles app owns its own table."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="discussion"
    )
    closed = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    premoderated = models.BooleanField(
        default=False, help_text=_("Hold every new comment on this article for review.")
    )

    def __str__(self) -> str:
        return f"Discussion on page {self.page_id}"


class CommenterSettings(models.Model):
    """One reader's choices (notifications) and the moderators' choice about them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commenter_settings"
    )
    notify_on_reply = models.BooleanField(default=False)
    notify_on_rejection = models.BooleanField(default=False)
    premoderated = models.BooleanField(
        default=False, help_text=_("Hold every comment of this reader for review.")
    )

    class Meta:
        verbose_name_plural = _("commenter settings")

    def __str__(self) -> str:
        return f"Comment settings of {self.user}"


REASON_LOG_LABELS = {"reported": _("Reported by readers")}


class ModerationAction(models.Model):
    """The moderation log: who did what to which comment or reader, when and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        HOLD = "hold", _("Held for review")
        FEATURE = "feature", _("Featured")
        UNFEATURE = "unfeature", _("Unfeatured")
        SANCTION = "sanction", _("Sanctioned the author")
        PREMODERATE = "premoderate", _("Pre-moderated the reader")
        CLOSE = "close", _("Closed comments")
        REOPEN = "reopen", _("Reopened comments")
        AUTO_HOLD = "auto_hold", _("Held automatically")

    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor or 'the system'}"

    @property
    def reason_label(self) -> str:
        """The reason as moderators read it, not the stored code ("site_ban", "off_topic")."""
        code = self.reason_code
        if not code:
            return ""
        if self.action == self.Action.REJECT and code in Comment.RejectionReason.values:
            return Comment.RejectionReason(code).label
        if self.action == self.Action.SANCTION and code in Sanction.Kind.values:
            return Sanction.Kind(code).label
        if self.action == self.Action.PREMODERATE:
            return gettext("Pre-moderation on") if code == "on" else gettext("Pre-moderation off")
        return str(REASON_LOG_LABELS.get(code, code.replace("_", " ").capitalize()))


@register_setting(icon="comment")
class DiscussionSettings(BaseSiteSetting):
    """The comments policy's numbers and word lists for one site."""

    close_after_days = models.PositiveIntegerField(
        default=30, help_text=_("Close comments this many days after first publication (0: never).")
    )
    edit_window_minutes = models.PositiveIntegerField(
        default=15, help_text=_("How long authors may edit a comment after posting it.")
    )
    hold_after_reports = models.PositiveIntegerField(
        default=3, help_text=_("Hold a comment for review after this many reports.")
    )
    max_links = models.PositiveIntegerField(
        default=2, help_text=_("Hold comments with more links than this.")
    )
    banned_words = models.TextField(
        blank=True, help_text=_("One word or phrase a line: comments containing them are refused.")
    )
    suspect_words = models.TextField(
        blank=True, help_text=_("One word or phrase a line: comments containing them are held.")
    )
    new_account_days = models.PositiveIntegerField(
        default=7,
        help_text=(
            _(
                "Accounts younger than this are new: their comments are held until one is "
                "approved, and they may post less often."
            )
        ),
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        default=5, help_text=_("Comments a reader may post per minute (0: no limit).")
    )
    new_account_rate_limit_per_minute = models.PositiveIntegerField(
        default=2, help_text=_("Comments a new account may post per minute (0: no limit).")
    )
    # Trust levels (``trust.py``): how a reader's record changes what the policy holds.
    trusted_after_approved = models.PositiveIntegerField(
        _("approved comments to be trusted"),
        default=1,
        help_text=_(
            "A new account's comments are held for review until this many of them were "
            "approved (and none rejected recently, see below). 0: never hold them."
        ),
    )
    trusted_clean_days = models.PositiveIntegerField(
        _("days without a rejection to be trusted"),
        default=30,
        help_text=_(
            "A reader with a comment rejected in this many days is not trusted: a new "
            "account's comments stay held. 0: rejections do not count."
        ),
    )
    offender_rejections = models.PositiveIntegerField(
        _("rejections that make a repeat offender"),
        default=3,
        help_text=_(
            "A reader with this many comments rejected in the period below is pre-moderated "
            "automatically: every comment is held. 0: never."
        ),
    )
    offender_days = models.PositiveIntegerField(
        _("period for repeat offenders (days)"),
        default=30,
        help_text=_("The number of days in which rejections count towards a repeat offender."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("close_after_days"), FieldPanel("edit_window_minutes")],
            heading=_("Closing and editing"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("banned_words"),
                FieldPanel("suspect_words"),
                FieldPanel("max_links"),
                FieldPanel("hold_after_reports"),
            ],
            heading=_("Policy checks"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("new_account_days"),
                FieldPanel("rate_limit_per_minute"),
                FieldPanel("new_account_rate_limit_per_minute"),
            ],
            heading=_("New accounts and posting speed"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("trusted_after_approved"),
                FieldPanel("trusted_clean_days"),
                FieldPanel("offender_rejections"),
                FieldPanel("offender_days"),
            ],
            heading=_("Trust levels"),
        ),
    ]

    class Meta:
        verbose_name = _("comments settings")

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def banned_word_list(self) -> list[str]:
        return self._lines(self.banned_words)

    @property
    def suspect_word_list(self) -> list[str]:
        return self._lines(self.suspect_words)


class CommentsPolicyPage(BasePage):
    """The comments policy, at /comments-policy/, edited by editors."""

    intro = models.TextField(blank=True, max_length=400)
    body = RichTextField(blank=True)

    content_panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["sections.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "discussions/comments_policy_page.html"

    class Meta:
        verbose_name = _("comments policy page")
