from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "newsdesk.discussions"
    label = "discussions"
    verbose_name = "Discussions"
