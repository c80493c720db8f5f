"""Feeds under /feeds/: the site, a section, a tag, and any registered source."""

from django.urls import path

from newsdesk.distribution.feeds import feed_view

app_name = "feeds"
urlpatterns = [
    path("rss/", feed_view, {"source_name": "site", "fmt": "rss"}, name="rss"),
    path("atom/", feed_view, {"source_name": "site", "fmt": "atom"}, name="atom"),
    path("json/", feed_view, {"source_name": "site", "fmt": "json"}, name="json"),
    path("section/<slug:slug>/<str:fmt>/", feed_view, {"source_name": "section"}, name="section"),
    path("tag/<str:slug>/<str:fmt>/", feed_view, {"source_name": "tag"}, name="tag"),
    path("author/<slug:slug>/<str:fmt>/", feed_view, {"source_name": "author"}, name="author"),
    # Reader contributions and any other source an app registers (see selectors.py).
    path("<slug:source_name>/<str:fmt>/", feed_view, name="source"),
]
