"""Sanctions in the Wagtail admin: moderators list, impose and revoke them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.core.hooks import USER_DATA_EXPORT
from newsdesk.sanctions.models import Sanction


class SanctionViewSet(SnippetViewSet):
    model = Sanction
    icon = "warning"
    menu_label = _("Sanctions")
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


@hooks.register(USER_DATA_EXPORT)
def sanctions_export(*, user):
    """Warnings, timeouts and bans on the reader (they cascade with the user); who
    imposed them is the newsroom's business, so staff names are left out."""
    return {
        "sanctions": [
            {
                "kind": s.kind,
                "site": s.site.hostname if s.site_id else None,
                "reason": s.reason,
                "created_at": s.created_at.isoformat(),
                "ends_at": s.ends_at.isoformat() if s.ends_at else None,
                "revoked_at": s.revoked_at.isoformat() if s.revoked_at else None,
            }
            for s in Sanction.objects.filter(user=user).select_related("site").order_by("pk")
        ]
    }
