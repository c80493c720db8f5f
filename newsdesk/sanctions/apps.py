from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "newsdesk.sanctions"
    label = "sanctions"
    verbose_name = "Reader sanctions"
