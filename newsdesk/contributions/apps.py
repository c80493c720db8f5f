from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "newsdesk.contributions"
    label = "contributions"
    verbose_name = "Reader contributions"

    def ready(self):
        # Approval is Wagtail's event (the workflow publishes the submission): react to it.
        # Imported here, not at the top: the models cannot load before the app registry.
        from wagtail.signals import published

        from newsdesk.contributions import signals
        from newsdesk.contributions.models import Submission

        published.connect(signals.on_submission_published, sender=Submission)
