"""Wire sources in the admin (Settings > Wire sources), and each source's run log."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.ingest import views
from newsdesk.ingest.models import IngestSource


class RunsColumn(Column):
    """A link to the source's last runs, item by item."""

    def get_value(self, instance):
        url = reverse("ingest_admin:source_runs", args=[instance.pk])
        return format_html('<a href="{}">Runs</a>', url)


class IngestSourceViewSet(SnippetViewSet):
    model = IngestSource
    icon = "download"
    menu_label = _("Wire sources")
    add_to_settings_menu = True
    list_display = [
        "name",
        "format",
        "section",
        "publish",
        "active",
        "last_polled_at",
        "last_status",
        RunsColumn("runs", label=_("Runs")),
    ]
    list_filter = ["format", "active", "publish"]


register_snippet(IngestSourceViewSet)


@hooks.register("register_admin_urls")
def register_ingest_admin_urls():
    urls = [path("sources/<int:pk>/runs/", views.source_runs, name="source_runs")]
    return [path("ingest/", (urls, "ingest_admin", "ingest_admin"))]
