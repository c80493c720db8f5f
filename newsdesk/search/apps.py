from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    # "search" is Wagtail's search app label.
    label = "newsearch"
    verbose_name = _("Search")

    def ready(self):
        from newsdesk.search import signals

        signals.connect()
