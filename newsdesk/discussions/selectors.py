"""Reads of comments: thread pages by keyset, counts, a discussion's state, queues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.discussions import trust
from newsdesk.discussions.models import (
    ArticleDiscussion,
    Comment,
    CommenterSettings,
    CommentReaction,
    CommentReport,
    CommentsPolicyPage,
    DiscussionSettings,
    ModerationAction,
)
from newsdesk.network.selectors import site_for_page
from newsdesk.sanctions.selectors import sanctions_in_force

THREAD_PAGE_SIZE = 20
# Replies shown under each thread; the rest are one link (or click) away.
REPLIES_SHOWN = 3


@dataclass(frozen=True)
class DiscussionState:
    closed: bool
    closed_automatically: bool
    premoderated: bool
    closes_at: datetime | None


@dataclass
class ThreadPage:
    roots: list[Comment]
    next_cursor: str | None = None
    is_first: bool = True


def article_for_comments(*, article_id: int):
    """The live article a comments URL names, or None if unpublished or view-restricted."""
    return ArticlePage.objects.published().filter(pk=article_id).first()


def discussion_site_for(*, article, request=None) -> Site | None:
    """The site whose policy and sanctions govern ``article``'s comments.

    Always the article's own site: the request's host only says which site the reader
    came through, and any site of the network can be asked for any article id. The
    request's site is reused (no query) only when the article is under its root.
    """
    return site_for_page(page=article, request=request)


def discussion_settings_for(*, site) -> DiscussionSettings:
    try:
        return DiscussionSettings.for_site(site)
    except IntegrityError:
        # Two first requests on a new site raced to create the row; the other one won.
        return DiscussionSettings.objects.get(site=site)


def discussion_state(*, article, settings: DiscussionSettings) -> DiscussionState:
    discussion = ArticleDiscussion.objects.filter(page_id=article.pk).first()
    closes_at = None
    if settings.close_after_days and article.first_published_at:
        closes_at = article.first_published_at + timedelta(days=settings.close_after_days)
    by_editor = bool(discussion and discussion.closed)
    automatically = bool(closes_at and closes_at <= timezone.now())
    return DiscussionState(
        closed=by_editor or automatically,
        closed_automatically=automatically and not by_editor,
        premoderated=bool(discussion and discussion.premoderated),
        closes_at=closes_at,
    )


def commenter_settings_for(*, user) -> CommenterSettings | None:
    return CommenterSettings.objects.filter(user=user).first()


def comment_count(*, article) -> int:
    return Comment.objects.filter(article_id=article.pk, status=Comment.Status.PUBLISHED).count()


def comments_policy_page_for(*, site) -> CommentsPolicyPage | None:
    """The site's live comments policy, wherever editors put it and whatever its slug."""
    return CommentsPolicyPage.objects.live().public().descendant_of(site.root_page).first()


def comment_counts_for_articles(*, article_ids: list[int]) -> dict[int, int]:
    """Published comments per article, in one query, for the articles that have any."""
    rows = (
        Comment.objects.filter(article_id__in=article_ids, status=Comment.Status.PUBLISHED)
        .values("article_id")
        .annotate(n=Count("pk"))
        .values_list("article_id", "n")
    )
    return dict(rows)


def cursor_encode(comment: Comment) -> str:
    micros = int(
        (comment.created_at - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1)
    )
    return f"{micros}.{comment.pk}"


# Two runs of ASCII digits that fit a database integer; int() alone would take other
# scripts' digits, signs and 20-digit numbers that overflow the date arithmetic or the query.
_CURSOR = re.compile(r"([0-9]{1,18})\.([0-9]{1,18})", re.ASCII)


def cursor_decode(cursor: str | None) -> tuple[datetime, int] | None:
    """The (time, pk) a cursor names, or None for anything we did not make (first page)."""
    match = _CURSOR.fullmatch(cursor or "")
    if match is None:
        return None
    micros, pk = (int(part) for part in match.groups())
    try:
        return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros), pk
    except OverflowError:  # past the year 9999
        return None


def _visible():
    return Q(status=Comment.Status.PUBLISHED)


def _with_author(queryset):
    return queryset.select_related("author__profile")


# The thread's orders, as named in the URL (``?sort=``): the field each keyset pages on,
# and whether the newest/highest comes first. Each has its index (see Comment.Meta).
SORT_NEWEST, SORT_OLDEST, SORT_RECOMMENDED, SORT_REPLIES = (
    "newest",
    "oldest",
    "recommended",
    "replies",
)
THREAD_SORTS = {
    SORT_NEWEST: ("created_at", True),
    SORT_OLDEST: ("created_at", False),
    SORT_RECOMMENDED: ("recommend_count", True),
    SORT_REPLIES: ("reply_count", True),
}
TAB_ALL, TAB_PICKS = "all", "picks"


def thread_sort(value: str | None) -> str:
    """The order a URL asks for; anything we do not offer reads as the default, newest."""
    return value if value in THREAD_SORTS else SORT_NEWEST


def thread_tab(value: str | None) -> str:
    return TAB_PICKS if value == TAB_PICKS else TAB_ALL


def _sort_cursor(comment: Comment, field: str) -> str:
    if field == "created_at":
        return cursor_encode(comment)
    return f"{getattr(comment, field)}.{comment.pk}"


def _sort_position(cursor: str | None, field: str):
    """The (value, pk) a cursor of this order names, or None (first page)."""
    if field == "created_at":
        return cursor_decode(cursor)
    match = _CURSOR.fullmatch(cursor or "")
    if match is None:
        return None
    value, pk = (int(part) for part in match.groups())
    return value, pk


def _page_by(queryset, *, field: str, descending: bool, cursor: str | None, size: int):
    """One keyset page of ``queryset`` ordered by (field, id): constant cost at any depth.

    The id breaks ties, so comments with equal scores are neither skipped nor repeated
    from one page to the next.
    """
    position = _sort_position(cursor, field)
    if position:
        value, pk = position
        op = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk})
        )
    order = (f"-{field}", "-id") if descending else (field, "id")
    rows = list(queryset.order_by(*order)[: size + 1])
    next_cursor = _sort_cursor(rows[size - 1], field) if len(rows) > size else None
    return rows[:size], next_cursor, position is not None


def _thread_roots(*, article):
    has_replies = Exists(
        Comment.objects.filter(parent_id=OuterRef("pk"), status=Comment.Status.PUBLISHED)
    )
    return _with_author(
        Comment.objects.filter(article_id=article.pk, parent__isnull=True).filter(
            Q(status=Comment.Status.PUBLISHED) | (Q(status=Comment.Status.DELETED) & Q(has_replies))
        )
    )


def thread_page(
    *,
    article,
    cursor: str | None = None,
    size: int = THREAD_PAGE_SIZE,
    sort: str = SORT_NEWEST,
    tab: str = TAB_ALL,
) -> ThreadPage:
    """A page of threads in one of ``THREAD_SORTS``, in a fixed number of queries.

    Threads start at published first comments; a deleted first comment with replies
    stays as a placeholder so its replies keep their place. The editors' picks tab lists
    featured comments (first comments and replies alike), newest first.
    """
    if tab == TAB_PICKS:
        picks = _with_author(
            Comment.objects.filter(article_id=article.pk, featured=True).filter(_visible())
        ).select_related("in_reply_to__author__profile")
        roots, next_cursor, paged = _page_by(
            picks, field="created_at", descending=True, cursor=cursor, size=size
        )
        for comment in roots:
            comment.shown_replies, comment.reply_total = [], 0
        return ThreadPage(roots=roots, next_cursor=next_cursor, is_first=not paged)
    field, descending = THREAD_SORTS[thread_sort(sort)]
    roots, next_cursor, paged = _page_by(
        _thread_roots(article=article),
        field=field,
        descending=descending,
        cursor=cursor,
        size=size,
    )
    _attach_replies(roots)
    return ThreadPage(roots=roots, next_cursor=next_cursor, is_first=not paged)


def comment_permalink_target(*, comment: Comment) -> tuple[Comment, str | None, bool]:
    """Where a comment's permalink leads: (its thread's first comment, the cursor of the
    newest-first page that holds it, whether its replies must all be shown).

    Counting the newer threads is one indexed count; the cursor is the last thread of
    the page before, so the link opens exactly the page the comment is on.
    """
    root = comment if comment.parent is None else comment.parent
    roots = _thread_roots(article=comment.article)
    newer = roots.filter(
        Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk)
    ).count()
    page = newer // THREAD_PAGE_SIZE
    cursor = None
    if page:
        before = (
            roots.select_related(None)
            .order_by("-created_at", "-id")
            .only("pk", "created_at")[page * THREAD_PAGE_SIZE - 1 : page * THREAD_PAGE_SIZE]
            .first()
        )
        cursor = cursor_encode(before) if before else None
    expand = False
    if comment.parent_id:
        earlier = (
            _published_replies(root.pk)
            .filter(
                Q(created_at__lt=comment.created_at)
                | Q(created_at=comment.created_at, pk__lt=comment.pk)
            )
            .count()
        )
        expand = earlier >= REPLIES_SHOWN
    return root, cursor, expand


def _published_replies(root_ref):
    return Comment.objects.filter(parent_id=root_ref, status=Comment.Status.PUBLISHED)


def _attach_replies(roots: list[Comment], limit: int = REPLIES_SHOWN) -> None:
    """The first ``limit`` replies of each thread, in two indexed queries whatever its size.

    The first query finds, per thread, how many replies it has and when its ``limit``-th
    reply was posted; the second reads only the replies up to that point through the
    (parent, status, created_at) index, so a thread of 15,000 replies costs as much as
    one of 15.
    """
    for root in roots:
        root.shown_replies = []
        root.reply_total = 0
    if not roots:
        return
    by_id = {root.pk: root for root in roots}
    bounds = (
        Comment.objects.filter(pk__in=by_id)
        .annotate(
            total=Subquery(
                _published_replies(OuterRef("pk"))
                .order_by()
                .values("parent_id")
                .annotate(n=Count("id"))
                .values("n")[:1]
            ),
            cutoff=Subquery(
                _published_replies(OuterRef("pk"))
                .order_by("created_at", "id")
                .values("created_at")[limit - 1 : limit]
            ),
        )
        .values_list("pk", "total", "cutoff")
    )
    # Each term names parent, status and time so each one is a range of the reply index.
    published = Comment.Status.PUBLISHED
    ranges = Q()
    for pk, total, cutoff in bounds:
        if not total:
            continue
        by_id[pk].reply_total = total
        ranges |= (
            Q(parent_id=pk, status=published, created_at__lte=cutoff)
            if cutoff
            else Q(parent_id=pk, status=published)
        )
    if not ranges:
        return
    replies = (
        _with_author(Comment.objects.filter(ranges))
        .select_related("in_reply_to__author__profile")
        .order_by("parent_id", "created_at", "id")
    )
    for reply in replies:
        shown = by_id[reply.parent_id].shown_replies
        if len(shown) < limit:  # replies posted in the same microsecond as the cutoff
            shown.append(reply)


def thread_for_root(*, root: Comment) -> list[Comment]:
    root.reply_total = 0
    _attach_replies([root], limit=1000)
    return [root]


def comment_recommended_ids(*, user, article) -> list[int]:
    """Which of this article's comments the reader recommended (for the personal state)."""
    return list(
        CommentReaction.objects.filter(user=user, comment__article_id=article.pk).values_list(
            "comment_id", flat=True
        )[:2000]
    )


def comments_by_author(*, user, limit: int = 20) -> list[Comment]:
    """A public profile's comments: only those the story itself still shows everyone."""
    return list(
        Comment.objects.public()
        .filter(author=user)
        .select_related("article")
        .order_by("-created_at")[:limit]
    )


def comments_mine(*, user, limit: int = 100) -> list[Comment]:
    return list(
        Comment.objects.filter(author=user)
        .exclude(status=Comment.Status.DELETED)
        .select_related("article")
        .order_by("-created_at")[:limit]
    )


QUEUES = {
    "pending": _("Held for review"),
    "reported": _("Reported"),
    "rejected": _("Rejected"),
    "published": _("Published"),
    "all": _("All"),
}


_REPORTABLE = [Comment.Status.PUBLISHED, Comment.Status.PENDING]


def _unresolved_report() -> Exists:
    # A join on reports with resolved_at IS NULL also matches comments that have no report
    # at all (the outer join yields a NULL row), so ask for an existing open report instead.
    return Exists(CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True))


def moderation_queue(
    *, queue: str, limit: int = 50, cursor: str | None = None, author_id: int | None = None
):
    """A page of a queue, newest first; ``author_id`` narrows it to one reader's comments."""
    queryset = Comment.objects.select_related("author__profile", "article").prefetch_related(
        "reports"
    )
    if author_id is not None:
        queryset = queryset.filter(author_id=author_id)
    if queue == "all":
        pass
    elif queue == "pending":
        queryset = queryset.filter(status=Comment.Status.PENDING)
    elif queue == "reported":
        queryset = queryset.filter(_unresolved_report(), status__in=_REPORTABLE)
    elif queue == "rejected":
        queryset = queryset.filter(status=Comment.Status.REJECTED)
    else:
        queryset = queryset.filter(status=Comment.Status.PUBLISHED)
    position = cursor_decode(cursor)
    if position:
        at, pk = position
        queryset = queryset.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    rows = list(queryset.order_by("-created_at", "-id")[: limit + 1])
    next_cursor = cursor_encode(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor


def queue_counts() -> dict[str, int]:
    return {
        "pending": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        "reported": Comment.objects.filter(_unresolved_report(), status__in=_REPORTABLE).count(),
    }


def moderation_log(*, limit: int = 100):
    return ModerationAction.objects.select_related(
        "actor__profile", "comment", "target_user__profile", "page"
    )[:limit]


def _sites_by_path() -> list[tuple[str, Site]]:
    sites = Site.objects.select_related("root_page")
    return sorted(((site.root_page.path, site) for site in sites), key=lambda x: -len(x[0]))


def queue_histories(*, comments: list[Comment]) -> dict[int, trust.CommenterHistory]:
    """Each author's history on a queue page, keyed by comment id, in a fixed number of
    queries whatever the page's length: histories (two), sanctions in force, sites and their
    settings (one each). The trust level is the one the comment's own site would give."""
    now = timezone.now()
    sites = _sites_by_path()
    rules = {
        rule.site_id: rule
        for rule in DiscussionSettings.objects.filter(site__in=[site for _, site in sites])
    }

    def rules_for(article) -> DiscussionSettings:
        for path, site in sites:
            if article.path.startswith(path):
                return rules.get(site.pk) or DiscussionSettings(site=site)
        return DiscussionSettings()

    row_rules = {comment.pk: rules_for(comment.article) for comment in comments}
    authors = {comment.author_id: comment.author for comment in comments if comment.author_id}
    histories = trust.histories_for(
        users=list(authors.values()),
        windows={rule.offender_days for rule in row_rules.values()},
        now=now,
    )
    active = sanctions_in_force(now=now).filter(user_id__in=histories).select_related("site")
    for sanction in active:
        histories[sanction.user_id].sanctions.append(sanction)
    by_comment = {}
    for comment in comments:
        if not comment.author_id:
            continue
        # A copy per row: two rows of one author on different sites may differ in level.
        history = trust.CommenterHistory(**vars(histories[comment.author_id]))
        history.level = trust.level_from(history, settings=row_rules[comment.pk], now=now)
        by_comment[comment.pk] = history
    return by_comment
