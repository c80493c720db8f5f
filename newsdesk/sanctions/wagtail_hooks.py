"""Sanctions in the Wagtail admin: moderators list, impose and revoke them."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.sanctions.models import Sanction


class SanctionViewSet(SnippetViewSet):
    model = Sanction
    icon = "warning"
    menu_label = "Sanctions"
    menu_order = 410
    add_to_admin_menu = True
    list_display = ["user", "kind", "site", "ends_at", "reason", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]

    def get_queryset(self, request):
        # Each row names the reader by their profile: fetch it with the row, not per row.
        return Sanction.objects.select_related("user__profile", "created_by__profile", "site")

    panels = [
        FieldPanel("user"),
        FieldPanel("kind"),
        FieldPanel("site"),
        FieldPanel("ends_at"),
        FieldPanel("reason"),
        FieldPanel("revoked_at"),
    ]


register_snippet(SanctionViewSet)


@hooks.register("after_create_snippet")
def record_who_imposed(request, instance):
    if isinstance(instance, Sanction) and instance.created_by_id is None:
        Sanction.objects.filter(pk=instance.pk).update(created_by=request.user)
