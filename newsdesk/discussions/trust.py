"""Trust levels: what a reader's record says about holding their next comment.

The one place that decides whether a reader's comments skip or need pre-moderation. The
policy asks ``trust_level_for`` on every post; the moderation queue computes the same
level for a whole page of authors from their histories (``histories_for``) in a fixed
number of queries. The record is network-wide (a reader is one person on every site);
the thresholds are the article's site's Comments settings.

- ``premoderated``: a moderator turned pre-moderation on for the reader: every comment held.
- ``offender``: K comments rejected in the last D days: every comment held, automatically,
  until the rejections age out of the window.
- ``trusted``: N approved comments and no rejection in the last M days: never held for
  being new.
- ``new``: an account younger than the site's ``new_account_days`` that is not trusted yet:
  its first comments are held.
- ``regular``: everyone else; the other checks (words, links, article) still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.discussions.models import Comment, CommenterSettings, DiscussionSettings


class TrustLevel(models.TextChoices):
    TRUSTED = "trusted", _("Trusted")
    REGULAR = "regular", _("Regular")
    NEW = "new", _("New: first comments held")
    OFFENDER = "offender", _("Repeat offender: every comment held")
    PREMODERATED = "premoderated", _("Pre-moderated by a moderator")


# The policy's reason code for a level that holds the comment (see ``models.REASON_LABELS``).
HOLD_CODES = {
    TrustLevel.PREMODERATED: "premoderated_reader",
    TrustLevel.OFFENDER: "repeat_offender",
    TrustLevel.NEW: "new_account",
}


@dataclass
class CommenterHistory:
    """One reader's record as moderators see it, and what the trust level is made of."""

    user_id: int
    date_joined: datetime | None = None
    approved: int = 0
    rejected: int = 0
    reported: int = 0
    first_comment_at: datetime | None = None
    last_rejected_at: datetime | None = None
    premoderated: bool = False
    # Rejections in the last ``days`` days, for each window asked for.
    rejected_within: dict[int, int] = field(default_factory=dict)
    # Filled by the queue (sanctions in force and the level for the row's site).
    sanctions: list = field(default_factory=list)
    level: TrustLevel | None = None


def account_is_new(*, date_joined, settings: DiscussionSettings, now=None) -> bool:
    days = settings.new_account_days
    now = now or timezone.now()
    return bool(days and date_joined and date_joined > now - timedelta(days=days))


def _rejected_at():
    # A rejection's time is when the moderator rejected it; older rows may lack it.
    return models.functions.Coalesce("moderated_at", "created_at")


def histories_for(*, users, windows: set[int], now=None) -> dict[int, CommenterHistory]:
    """The history of each of ``users`` in two queries, whatever their number.

    ``windows`` are the day counts to count recent rejections over (the offender periods
    of the sites involved); counting happens in the database, one column per window.
    """
    now = now or timezone.now()
    users = [user for user in users if user is not None]
    histories = {
        user.pk: CommenterHistory(user_id=user.pk, date_joined=user.date_joined) for user in users
    }
    if not histories:
        return histories
    rejected = Q(status=Comment.Status.REJECTED)
    window_columns = {
        f"rejected_{days}": Count(
            "pk", filter=rejected & Q(rejected_at__gte=now - timedelta(days=days))
        )
        for days in windows
    }
    rows = (
        Comment.objects.filter(author_id__in=histories)
        .alias(rejected_at=_rejected_at())
        .order_by()
        .values("author_id")
        .annotate(
            approved=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
            rejected=Count("pk", filter=rejected),
            reported=Sum("report_count"),
            first_comment_at=Min("created_at"),
            last_rejected_at=Max("rejected_at", filter=rejected),
            **window_columns,
        )
    )
    for row in rows:
        history = histories[row["author_id"]]
        history.approved = row["approved"]
        history.rejected = row["rejected"]
        history.reported = row["reported"] or 0
        history.first_comment_at = row["first_comment_at"]
        history.last_rejected_at = row["last_rejected_at"]
        history.rejected_within = {days: row[f"rejected_{days}"] for days in windows}
    for user_id in CommenterSettings.objects.filter(
        user_id__in=histories, premoderated=True
    ).values_list("user_id", flat=True):
        histories[user_id].premoderated = True
    return histories


def level_from(history: CommenterHistory, *, settings: DiscussionSettings, now=None) -> TrustLevel:
    """The level a history earns under one site's thresholds (no queries)."""
    now = now or timezone.now()
    if history.premoderated:
        return TrustLevel.PREMODERATED
    offender_at = settings.offender_rejections
    if offender_at and history.rejected_within.get(settings.offender_days, 0) >= offender_at:
        return TrustLevel.OFFENDER
    clean_days = settings.trusted_clean_days
    clean = (
        not clean_days
        or history.last_rejected_at is None
        or history.last_rejected_at < now - timedelta(days=clean_days)
    )
    if clean and history.approved >= settings.trusted_after_approved:
        return TrustLevel.TRUSTED
    if account_is_new(date_joined=history.date_joined, settings=settings, now=now):
        return TrustLevel.NEW
    return TrustLevel.REGULAR


def trust_level_for(user, site, *, settings: DiscussionSettings | None = None) -> TrustLevel:
    """The trust level of ``user`` commenting on ``site`` now."""
    if settings is None:
        settings = DiscussionSettings.for_site(site)
    now = timezone.now()
    history = histories_for(users=[user], windows={settings.offender_days}, now=now)[user.pk]
    return level_from(history, settings=settings, now=now)
