from django.urls import path

from newsdesk.distribution.feeds import feed_view
from newsdesk.liveblogs import views

app_name = "liveblogs"

urlpatterns = [
    path("live/blogs/<id:blog_id>/entries.json", views.entries_json, name="entries"),
    # The blog's own feed of entries, served by distribution like every feed source.
    path(
        "live/blogs/<id:blog_id>/feed/<str:fmt>/",
        feed_view,
        {"source_name": "liveblog"},
        name="feed",
    ),
]
