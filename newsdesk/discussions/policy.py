"""The comments policy, checked automatically on every post and every edit.

The contract: a check is a ``Check`` subclass with a ``code`` and a ``run(submission)``
that returns ``None`` (nothing to say), or a ``Verdict`` to refuse or hold the comment,
or raises ``RateLimited``. ``evaluate`` runs the checks of ``CHECKS`` in order. A check
that fails in any other way holds the comment with ``check_unavailable``: the policy
fails closed, it never publishes what it could not check. Every decision carries the
reason codes that led to it; the comment stores them.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import cached_property

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.discussions import text as comment_text
from newsdesk.discussions import trust
from newsdesk.discussions.models import Comment

logger = logging.getLogger(__name__)

REFUSED_BANNED_WORDS = _(
    "Your comment contains language our comments policy does not allow. Please rephrase it."
)
REFUSED_DUPLICATE = _("You have already posted this comment. Perhaps say something new?")
RATE_LIMITED = _("You are commenting too quickly. Please wait {seconds} seconds and try again.")
SUBMITTED_PUBLISHED = _("Your comment is published.")
SUBMITTED_HELD = _("Thanks! Your comment will appear once a moderator has reviewed it.")

DUPLICATE_WINDOW = timedelta(days=7)


class Outcome(StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    code: str
    message: str = ""


@dataclass
class Decision:
    outcome: Outcome
    reasons: list[str] = field(default_factory=list)
    message: str = SUBMITTED_PUBLISHED


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        self.message = RATE_LIMITED.format(seconds=retry_after)
        super().__init__(self.message)


@dataclass
class Submission:
    author: object
    article: object
    site: object
    text: str
    settings: object  # DiscussionSettings of the site
    article_premoderated: bool = False
    editing: object | None = None  # the Comment being edited

    @property
    def folded(self) -> str:
        return comment_text.fold(self.text)

    @property
    def account_is_new(self) -> bool:
        joined = getattr(self.author, "date_joined", None)
        return trust.account_is_new(date_joined=joined, settings=self.settings)

    @cached_property
    def trust_level(self) -> trust.TrustLevel:
        return trust.trust_level_for(self.author, self.site, settings=self.settings)


class Check:
    code = ""

    def run(self, submission: Submission) -> Verdict | None:
        raise NotImplementedError


class RateLimitCheck(Check):
    """A fixed window per reader in the shared cache; ``add`` + ``incr`` are atomic."""

    code = "rate_limited"
    window = 60

    def run(self, submission):
        limit = (
            submission.settings.new_account_rate_limit_per_minute
            if submission.account_is_new
            else submission.settings.rate_limit_per_minute
        )
        if not limit:
            return None
        now = time.time()
        bucket = int(now // self.window)
        key = f"discussions:rate:{submission.author.pk}:{bucket}"
        cache.add(key, 0, timeout=self.window + 5)
        try:
            hits = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.window + 5)
            hits = 1
        if hits > limit:
            raise RateLimited(retry_after=max(1, math.ceil(self.window - now % self.window)))
        return None


class BannedWordsCheck(Check):
    code = "banned_words"

    def run(self, submission):
        folded = submission.folded
        for phrase in submission.settings.banned_word_list:
            if comment_text.contains_phrase(folded, phrase):
                return Verdict(Outcome.REFUSE, self.code, REFUSED_BANNED_WORDS)
        return None


class DuplicateCheck(Check):
    code = "duplicate"

    def run(self, submission):
        same = Comment.objects.filter(
            author=submission.author,
            fingerprint=comment_text.fingerprint(submission.text),
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        ).exclude(status=Comment.Status.DELETED)
        if submission.editing is not None:
            same = same.exclude(pk=submission.editing.pk)
        if same.exists():
            return Verdict(Outcome.REFUSE, self.code, REFUSED_DUPLICATE)
        return None


class SuspectWordsCheck(Check):
    code = "suspect_words"

    def run(self, submission):
        folded = submission.folded
        for phrase in submission.settings.suspect_word_list:
            if comment_text.contains_phrase(folded, phrase):
                return Verdict(Outcome.HOLD, self.code)
        return None


class TooManyLinksCheck(Check):
    code = "too_many_links"

    def run(self, submission):
        if comment_text.count_links(submission.text) > submission.settings.max_links:
            return Verdict(Outcome.HOLD, self.code)
        return None


class TrustCheck(Check):
    """Hold what the reader's trust level says to hold (``trust.py`` decides)."""

    code = "trust"

    def run(self, submission):
        code = trust.HOLD_CODES.get(submission.trust_level)
        return Verdict(Outcome.HOLD, code) if code else None


class PremoderationCheck(Check):
    code = "premoderated"

    def run(self, submission):
        if submission.article_premoderated:
            return Verdict(Outcome.HOLD, "premoderated_article")
        return None


CHECKS: list[type[Check]] = [
    RateLimitCheck,
    BannedWordsCheck,
    DuplicateCheck,
    SuspectWordsCheck,
    TooManyLinksCheck,
    TrustCheck,
    PremoderationCheck,
]


def evaluate(submission: Submission, checks: list[type[Check]] | None = None) -> Decision:
    """Run every check; the first refusal wins, holds add up, errors hold."""
    holds: list[str] = []
    for check_class in checks if checks is not None else CHECKS:
        try:
            verdict = check_class().run(submission)
        except RateLimited:
            raise
        except Exception:
            logger.exception("Comment check %s failed; holding the comment", check_class.__name__)
            verdict = Verdict(Outcome.HOLD, "check_unavailable")
        if verdict is None:
            continue
        if verdict.outcome == Outcome.REFUSE:
            return Decision(Outcome.REFUSE, [verdict.code], verdict.message)
        if verdict.code not in holds:
            holds.append(verdict.code)
    if holds:
        return Decision(Outcome.HOLD, holds, SUBMITTED_HELD)
    return Decision(Outcome.PUBLISH, [], SUBMITTED_PUBLISHED)
