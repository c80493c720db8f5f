"""Editors review reader contributions as Wagtail snippets, through the workflow."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.contributions.models import Submission
from newsdesk.contributions.selectors import contributor_public_paths, submission_status
from newsdesk.profiles.services import PROFILE_PURGE_PATHS_HOOK


class StatusColumn(Column):
    def get_value(self, instance):
        status = submission_status(submission=instance)
        if status.reason:
            return f"{status.label}: {status.reason}"
        return status.label


class ContributorColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> (@{})',
            instance.contributor.get_absolute_url(),
            instance.contributor.shown_name,
            instance.contributor.username,
        )


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "group"
    menu_label = "Reader contributions"
    menu_name = "reader-contributions"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "title",
        "kind",
        ContributorColumn("contributor", label="Contributor"),
        StatusColumn("status", label="Review status"),
        "submitted_at",
    ]
    list_filter = ["kind", "live"]
    search_fields = ["title", "body", "place"]
    ordering = ["-submitted_at", "-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Submission.objects.select_related("contributor").prefetch_related(
            "workflow_states__task_states"
        )


register_snippet(SubmissionViewSet)


@hooks.register(PROFILE_PURGE_PATHS_HOOK)
def contributor_pages_to_purge(profile):
    """A contributor's new name must show on their stories' bylines and in User Galleries."""
    return contributor_public_paths(profile=profile)
