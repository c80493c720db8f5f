"""The comments desk in the Wagtail admin: a menu for moderators and a button on articles."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from newsdesk.core.hooks import (
    ACCOUNT_ERASE,
    ARTICLE_ADMIN_BUTTONS,
    ARTICLE_COMMENT_COUNTS,
    BASELINE_STEPS,
    USER_DATA_EXPORT,
)
from newsdesk.discussions import admin_views
from newsdesk.discussions.models import (
    Comment,
    CommenterSettings,
    CommentReaction,
    CommentReport,
)
from newsdesk.discussions.roles import grant_permissions
from newsdesk.discussions.selectors import comment_counts_for_articles
from newsdesk.discussions.services import comment_author_erase

admin_urlpatterns = [
    path("", admin_views.moderation_queue, name="queue"),
    path("log/", admin_views.moderation_log, name="log"),
    path("readers/<id:user_id>/", admin_views.author_view, name="author"),
    path("articles/<id:page_id>/", admin_views.discussion_settings, name="discussion"),
]


@hooks.register("register_admin_urls")
def register_discussions_admin_urls():
    return [path("comments/", include((admin_urlpatterns, "discussions_admin")))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.MODERATE)


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return ModeratorMenuItem(
        "Comments", reverse("discussions_admin:queue"), icon_name="comment", order=400
    )


@hooks.register(ARTICLE_ADMIN_BUTTONS)
def comments_article_button(*, page, user):
    if not user.has_perm(admin_views.CHANGE_DISCUSSION):
        return
    yield Button(
        "Comments: close or reopen",
        reverse("discussions_admin:discussion", args=[page.pk]),
        icon_name="comment",
        priority=90,
    )


def _iso(value):
    return value.isoformat() if value else None


@hooks.register(USER_DATA_EXPORT)
def discussions_export(*, user):
    """The reader's comments (in any state), reports, recommendations and comment settings."""
    comments = Comment.objects.filter(author=user).select_related("article").order_by("pk")
    reports = CommentReport.objects.filter(reporter=user).order_by("pk")
    settings = CommenterSettings.objects.filter(user=user).first()
    reactions = CommentReaction.objects.filter(user=user).order_by("pk")
    return {
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_id": c.article_id,
                "in_reply_to": c.in_reply_to_id,
                "body": c.body,
                "status": c.status,
                "created_at": _iso(c.created_at),
                "edited_at": _iso(c.edited_at),
            }
            for c in comments
        ],
        "comment_reports": [
            {
                "comment": r.comment_id,
                "reason": r.reason,
                "note": r.note,
                "created_at": _iso(r.created_at),
            }
            for r in reports
        ],
        "comment_recommendations": [
            {"comment": r.comment_id, "created_at": _iso(r.created_at)} for r in reactions
        ],
        "commenter_settings": None
        if settings is None
        else {
            "notify_on_reply": settings.notify_on_reply,
            "notify_on_rejection": settings.notify_on_rejection,
            "premoderated": settings.premoderated,
        },
    }


@hooks.register(ACCOUNT_ERASE, order=20)
def discussions_erase(*, user):
    # Without this, the user row's deletion would take the reader's comments (and, by
    # cascade, other readers' replies to them) or leave them under no one's control.
    comment_author_erase(user=user)


@hooks.register(ARTICLE_COMMENT_COUNTS)
def discussions_comment_counts(*, article_ids):
    return comment_counts_for_articles(article_ids=article_ids)


@hooks.register(BASELINE_STEPS, order=10)
def discussions_baseline(*, apps):
    grant_permissions(apps)
