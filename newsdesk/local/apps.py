from django.apps import AppConfig


class LocalConfig(AppConfig):
    name = "newsdesk.local"
    label = "local"
    verbose_name = "Local: places, weather, traffic and listings"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from newsdesk.local.components import builtins, registry
        from newsdesk.local.signals import location_choices_adopt_cookie

        # Built-ins register exactly as an add-on app would, from its own ready().
        for component in builtins.BUILTIN_COMPONENTS:
            registry.register(component)
        user_logged_in.connect(location_choices_adopt_cookie, dispatch_uid="local-adopt-cookie")
