from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "newsdesk.caching"
    label = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from newsdesk.caching import signals

        signals.connect()
