from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalConfig(AppConfig):
    name = "newsdesk.local"
    label = "local"
    verbose_name = _("Local: places, weather, traffic and listings")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        # Imported here, not at the top: the models cannot load before the app registry.
        from newsdesk.local.signals import location_choices_adopt_cookie

        user_logged_in.connect(location_choices_adopt_cookie, dispatch_uid="local-adopt-cookie")
