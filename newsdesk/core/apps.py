from django.apps import AppConfig
from django.core import checks

from newsdesk.core.checks import check_secret_key


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        checks.register(check_secret_key, checks.Tags.security, deploy=True)
