from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "newsdesk.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"
