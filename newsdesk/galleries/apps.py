from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "newsdesk.galleries"
    label = "galleries"
    verbose_name = _("Galleries")
