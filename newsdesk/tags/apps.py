from django.apps import AppConfig


class TagsConfig(AppConfig):
    name = "newsdesk.tags"
    label = "tags"
    verbose_name = "Tags"
