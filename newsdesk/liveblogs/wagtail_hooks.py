"""Live blogs in the admin (the reporter's desk, its button), the LIVE card label, the
blog's feed and the demo's live blogs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from newsdesk.core.hooks import (
    ARTICLE_ADMIN_BUTTONS,
    ARTICLE_CARD_LABELS,
    DEMO_LOADERS,
    FEED_SOURCES,
)
from newsdesk.liveblogs import admin_views
from newsdesk.liveblogs.demo import live_blogs_demo_load
from newsdesk.liveblogs.feeds import feed_source_live_blog
from newsdesk.liveblogs.models import LiveBlogPage
from newsdesk.liveblogs.selectors import live_blog_labels

admin_urlpatterns = [
    path("<id:page_id>/", admin_views.entries_view, name="entries"),
    path("entries/<id:entry_id>/edit/", admin_views.entry_edit_view, name="edit"),
    path("entries/<id:entry_id>/delete/", admin_views.entry_delete_view, name="delete"),
    path("entries/<id:entry_id>/flag/", admin_views.entry_flag_view, name="flag"),
]


@hooks.register("register_admin_urls")
def register_live_blog_admin_urls():
    return [path("live-blogs/", include((admin_urlpatterns, "liveblogs_admin")))]


@hooks.register(ARTICLE_ADMIN_BUTTONS)
def live_entries_button(*, page, user):
    if page.specific_class is None or not issubclass(page.specific_class, LiveBlogPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Live entries"),
        reverse("liveblogs_admin:entries", kwargs={"page_id": page.pk}),
        icon_name="doc-full",
        priority=5,
    )


@hooks.register(ARTICLE_CARD_LABELS)
def live_blog_card_labels(*, articles):
    return live_blog_labels(articles=articles)


@hooks.register(FEED_SOURCES)
def live_blog_feed_sources():
    return {"liveblog": feed_source_live_blog}


@hooks.register(DEMO_LOADERS, order=30)
def live_blogs_demo(*, password):
    live_blogs_demo_load()
