from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "newsdesk.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self):
        from newsdesk.caching import signals

        signals.connect()
