from django.apps import AppConfig


class GalleriesConfig(AppConfig):
    name = "newsdesk.galleries"
    label = "galleries"
    verbose_name = "Galleries"
