from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "newsdesk.profiles"
    label = "profiles"
    verbose_name = _("Profiles")

    def ready(self) -> None:
        # Imported here, not at the top: the models cannot load before the app registry.
        from newsdesk.profiles.signals import tombstone_on_user_delete

        pre_delete.connect(
            tombstone_on_user_delete,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="profiles.tombstone_on_user_delete",
        )
