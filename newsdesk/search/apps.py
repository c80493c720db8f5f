from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    # "search" is Wagtail's search app label.
    label = "newsearch"
    verbose_name = "Search"

    def ready(self):
        from newsdesk.search import signals

        signals.connect()
