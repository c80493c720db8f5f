from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    label = "live"
    verbose_name = _("Live: the new-stories signal")

    def ready(self):
        # Imported here, not at the top: the models cannot load before the app registry.
        from wagtail.signals import page_published, page_unpublished

        from newsdesk.live.signals import live_latest_forget

        page_published.connect(live_latest_forget, dispatch_uid="live-forget-on-publish")
        page_unpublished.connect(live_latest_forget, dispatch_uid="live-forget-on-unpublish")
