from django.apps import AppConfig


class LiveBlogsConfig(AppConfig):
    name = "newsdesk.liveblogs"
    label = "liveblogs"
    verbose_name = "Live blogs"

    def ready(self):
        # Imported here, not at the top: the models cannot load before the app registry.
        from wagtail.signals import page_published, page_unpublished

        from newsdesk.liveblogs.signals import live_blog_changed

        page_published.connect(live_blog_changed, dispatch_uid="liveblogs-changed-on-publish")
        page_unpublished.connect(live_blog_changed, dispatch_uid="liveblogs-changed-on-unpublish")
