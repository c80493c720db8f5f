"""The comments desk in the Wagtail admin: a menu for moderators and a button on articles."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from newsdesk.discussions import admin_views

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


@hooks.register("register_page_header_buttons")
def comments_header_button(page, user, view_name, next_url=None):
    if page.specific_class is None or page.specific_class.__name__ != "ArticlePage":
        return
    if not user.has_perm(admin_views.CHANGE_DISCUSSION):
        return
    yield Button(
        "Comments: close or reopen",
        reverse("discussions_admin:discussion", args=[page.pk]),
        icon_name="comment",
        priority=90,
    )


@hooks.register("register_page_listing_more_buttons")
def comments_listing_button(page, user, next_url=None):
    yield from comments_header_button(page, user, "listing", next_url)
