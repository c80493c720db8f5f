from django.apps import AppConfig
from django.core import checks
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from newsdesk.core.checks import check_secret_key
from newsdesk.core.converters import RowIdConverter


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        checks.register(check_secret_key, checks.Tags.security, deploy=True)
        # Before any URLconf is imported: routes say <id:...> for row ids.
        register_converter(RowIdConverter, "id")
