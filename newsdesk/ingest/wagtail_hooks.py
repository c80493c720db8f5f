"""Wire sources in the admin (Settings > Wire sources)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.ingest.models import IngestSource


class IngestSourceViewSet(SnippetViewSet):
    model = IngestSource
    icon = "download"
    menu_label = "Wire sources"
    add_to_settings_menu = True
    list_display = [
        "name",
        "format",
        "section",
        "publish",
        "active",
        "last_polled_at",
        "last_status",
    ]
    list_filter = ["format", "active", "publish"]


register_snippet(IngestSourceViewSet)
