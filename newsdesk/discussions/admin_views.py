"""Moderation in the Wagtail admin: queues, bulk actions, sanctions, the log, closing.

Views call the services; every action is logged there (who, what, when, why).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from newsdesk.core.redirects import next_url_safe
from newsdesk.discussions import selectors, services
from newsdesk.discussions.models import ArticleDiscussion, Comment, CommenterSettings
from newsdesk.sanctions.models import Sanction
from newsdesk.sanctions.selectors import sanctions_for_user

MODERATE = "discussions.moderate_comment"
CHANGE_DISCUSSION = "discussions.change_articlediscussion"
NOTHING_SELECTED = _("Select at least one comment.")
UNKNOWN_ACTION = _("Unknown action.")
# The bulk bar has no default action: Enter in any field submits the form through its first
# button ("Apply to selected"), which must then do nothing rather than approve.
CHOOSE_ACTION = _("Choose an action for the selected comments.")
DONE = {
    "approve": lambda n: ngettext("Approved %(n)d comment.", "Approved %(n)d comments.", n),
    "reject": lambda n: ngettext("Rejected %(n)d comment.", "Rejected %(n)d comments.", n),
    "hold": lambda n: ngettext(
        "Held %(n)d comment for review.", "Held %(n)d comments for review.", n
    ),
    "feature": lambda n: ngettext("Featured %(n)d comment.", "Featured %(n)d comments.", n),
    "unfeature": lambda n: ngettext("Unfeatured %(n)d comment.", "Unfeatured %(n)d comments.", n),
}
SANCTION_DONE = _("Sanction recorded: {kind} for {user}.")
# One whole sentence per state, so each language can say it its own way.
PREMODERATION_ON = _("Pre-moderation for {user} is now on.")
PREMODERATION_OFF = _("Pre-moderation for {user} is now off.")
DISCUSSION_CLOSED = _("Comments on “{title}” are now closed.")
DISCUSSION_OPEN = _("Comments on “{title}” are now open.")
CHOOSE_SANCTION = _("Choose a kind of sanction.")
TIMEOUT_HOURS = [
    (1, _("1 hour")),
    (24, _("24 hours")),
    (72, _("3 days")),
    (168, _("7 days")),
    (720, _("30 days")),
]


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _apply(action: str, comment: Comment, moderator, reason: str, note: str) -> None:
    if action == "approve":
        services.comment_approve(comment=comment, moderator=moderator, note=note)
    elif action == "reject":
        services.comment_reject(comment=comment, moderator=moderator, reason=reason, note=note)
    elif action == "hold":
        services.comment_hold(comment=comment, moderator=moderator, note=note)
    elif action in ("feature", "unfeature"):
        services.comment_feature(comment=comment, moderator=moderator, featured=action == "feature")
    else:
        raise services.CommentError(UNKNOWN_ACTION)


def moderation_queue(request):
    _require(request, MODERATE)
    queue = request.GET.get("queue", "pending")
    if queue not in selectors.QUEUES:
        queue = "pending"
    if request.method == "POST":
        return _moderate(request, queue)
    author = _author_filter(request)
    rows, next_cursor = selectors.moderation_queue(
        queue=queue, cursor=request.GET.get("after"), author_id=author.pk if author else None
    )
    histories = selectors.queue_histories(comments=rows)
    for row in rows:
        row.history = histories.get(row.pk)
    return TemplateResponse(
        request,
        "discussions/admin/queue.html",
        {
            "queue": queue,
            "queues": selectors.QUEUES,
            "counts": selectors.queue_counts(),
            "comments": rows,
            "author_filter": author,
            "next_cursor": next_cursor,
            "rejection_reasons": Comment.RejectionReason.choices,
        },
    )


def _author_filter(request):
    """The reader named by ``?author=``, whose comments alone the queue then lists."""
    author_id = request.GET.get("author", "")
    if not author_id.isdigit():
        return None
    return get_user_model().objects.select_related("profile").filter(pk=author_id).first()


def _moderate(request, queue: str):
    """One form: per-row buttons send ``single=action:pk``, the bulk bar sends ``action``."""
    single = request.POST.get("single", "")
    if single:
        action, _, pk = single.partition(":")
        ids = [pk]
        # Only the row's own fields: a reason chosen in the bulk bar is no default for a row.
        reason = request.POST.get(f"reason_{pk}", "")
        note = request.POST.get(f"note_{pk}", "")
    else:
        action = request.POST.get("action", "")
        if action not in DONE:
            messages.error(request, CHOOSE_ACTION)
            return redirect(_queue_url(request, queue))
        ids = request.POST.getlist("ids")
        reason = request.POST.get("reason", "")
        note = request.POST.get("note", "")
    comments = list(Comment.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]))
    back = _queue_url(request, queue)
    if not comments:
        messages.error(request, NOTHING_SELECTED)
        return redirect(back)
    try:
        for comment in comments:
            _apply(action, comment, request.user, reason, note)
    except services.CommentError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, DONE[action](len(comments)) % {"n": len(comments)})
    return redirect(back)


def _queue_url(request, queue: str) -> str:
    """Back to the same view of the queue (its tab, the reader it is narrowed to, the page)."""
    return f"{reverse('discussions_admin:queue')}?{request.GET.urlencode() or f'queue={queue}'}"


def author_view(request, user_id: int):
    """A reader as moderators see them: comments, sanctions, pre-moderation."""
    _require(request, MODERATE)
    author = get_object_or_404(get_user_model().objects.select_related("profile"), pk=user_id)
    comment = Comment.objects.filter(pk=request.GET.get("comment") or 0, author=author).first()
    if request.method == "POST":
        if "premoderate" in request.POST:
            state = request.POST["premoderate"] == "on"
            services.commenter_premoderate(
                user=author,
                moderator=request.user,
                premoderated=state,
                note=request.POST.get("note", ""),
            )
            done = PREMODERATION_ON if state else PREMODERATION_OFF
            messages.success(request, done.format(user=author))
            return redirect(request.get_full_path())
        kind = request.POST.get("kind", "")
        hours = request.POST.get("hours", "")
        site = Site.objects.filter(pk=request.POST.get("site") or 0).first()
        try:
            if kind not in Sanction.Kind.values:
                raise services.CommentError(CHOOSE_SANCTION)
            services.author_sanction(
                user=author,
                moderator=request.user,
                kind=kind,
                reason=request.POST.get("reason", ""),
                site=site,
                duration=timedelta(hours=int(hours)) if hours.isdigit() else None,
                comment=comment,
            )
        except services.CommentError as error:
            messages.error(request, error.message)
        except ValidationError as error:  # from full_clean: show the moderator its messages
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(
                request, SANCTION_DONE.format(kind=Sanction.Kind(kind).label, user=author)
            )
        return redirect(request.get_full_path())
    commenter = CommenterSettings.objects.filter(user=author).first()
    return TemplateResponse(
        request,
        "discussions/admin/author.html",
        {
            "author": author,
            "comment": comment,
            "commenter": commenter,
            "sanctions": sanctions_for_user(user=author),
            "recent": Comment.objects.filter(author=author).select_related("article")[:20],
            "kinds": Sanction.Kind.choices,
            "hours": TIMEOUT_HOURS,
            "sites": Site.objects.all(),
        },
    )


def moderation_log(request):
    _require(request, MODERATE)
    return TemplateResponse(
        request, "discussions/admin/log.html", {"entries": selectors.moderation_log(limit=200)}
    )


def discussion_settings(request, page_id: int):
    """Close or reopen comments on one article; pre-moderate it."""
    _require(request, CHANGE_DISCUSSION)
    page = get_object_or_404(Page, pk=page_id).specific
    if request.method == "POST":
        closed = request.POST.get("closed") == "on"
        services.discussion_update(
            page=page,
            user=request.user,
            closed=closed,
            premoderated=request.POST.get("premoderated") == "on",
        )
        messages.success(
            request,
            (DISCUSSION_CLOSED if closed else DISCUSSION_OPEN).format(title=page.title),
        )
        return redirect(next_url_safe(request, default=request.get_full_path()))
    discussion = ArticleDiscussion.objects.filter(page_id=page.pk).first()
    site = page.get_site()
    settings = selectors.discussion_settings_for(site=site)
    return TemplateResponse(
        request,
        "discussions/admin/discussion.html",
        {
            "page": page,
            "discussion": discussion,
            "state": selectors.discussion_state(article=page, settings=settings),
            "count": selectors.comment_count(article=page),
            "next": next_url_safe(request, default=""),
        },
    )
