from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "newsdesk.network"
    label = "network"
    verbose_name = "Network"
