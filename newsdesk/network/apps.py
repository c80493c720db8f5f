from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "newsdesk.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from wagtail.models import Site

        from newsdesk.network.models import SiteSettings

        # Site settings are saved by Wagtail's settings view and sites by its Sites
        # admin (and ``serve``): whichever way, the cached site languages must go.
        for model in (SiteSettings, Site):
            post_save.connect(_forget_site_languages, sender=model, dispatch_uid=f"lang-{model}")
            post_delete.connect(
                _forget_site_languages, sender=model, dispatch_uid=f"lang-del-{model}"
            )


def _forget_site_languages(sender, instance=None, created=False, **kwargs) -> None:
    from newsdesk.network.models import SiteSettings
    from newsdesk.network.services import site_language_forget

    # A site's settings row is created on its first read, with the default language: the
    # language cached for that site is already this one, so nothing is stale. Forgetting
    # here would make every site's first visit cost a second uncached one.
    if created and sender is SiteSettings and instance.language == _default_language():
        return
    site_language_forget()


def _default_language() -> str:
    from newsdesk.network.models import SiteSettings

    return SiteSettings._meta.get_field("language").default
