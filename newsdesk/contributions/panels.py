"""An admin panel that shows editors the contributor's history beside the submission."""

from wagtail.admin.panels import Panel

from newsdesk.contributions.selectors import contributor_history


class ContributorHistoryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "contributions/admin/contributor_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["contributor"] = instance.contributor if instance.contributor_id else None
            context["rows"] = contributor_history(submission=instance) if instance.pk else []
            return context
