from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "newsdesk.scale"
    label = "scale"
    verbose_name = "Scale data"
