from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "newsdesk.profiles"
    label = "profiles"
    verbose_name = "Profiles"
