from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "newsdesk.contributions"
    label = "contributions"
    verbose_name = _("Reader contributions")

    def ready(self):
        # Approval is Wagtail's event (the workflow publishes the submission): react to it.
        # Imported here, not at the top: the models cannot load before the app registry.
        from wagtail.signals import published

        from newsdesk.contributions import signals
        from newsdesk.contributions.models import Submission

        published.connect(signals.on_submission_published, sender=Submission)
