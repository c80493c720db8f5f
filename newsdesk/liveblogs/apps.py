from django.apps import AppConfig


class LiveBlogsConfig(AppConfig):
    name = "newsdesk.liveblogs"
    label = "liveblogs"
    verbose_name = "Live blogs"
