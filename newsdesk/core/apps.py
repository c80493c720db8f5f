from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_delete, post_save
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from newsdesk.core.checks import check_secret_key
from newsdesk.core.converters import RowIdConverter


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from wagtail.models import Locale, PageViewRestriction, Site

        from newsdesk.core.locales import locale_cache_install, locales_changed
        from newsdesk.core.view_restrictions import page_view_restrictions_changed
        from newsdesk.network.models import SiteSettings

        checks.register(check_secret_key, checks.Tags.security, deploy=True)
        # Before any URLconf is imported: routes say <id:...> for row ids.
        register_converter(RowIdConverter, "id")
        # Here, not in network (which owns SiteSettings): core already reads network, so
        # network may not import the hook names back.
        for model in (Site, SiteSettings):
            post_save.connect(_site_saved, sender=model, dispatch_uid=f"site-changed-{model}")
        for signal in (post_save, post_delete):
            signal.connect(
                page_view_restrictions_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"view-restrictions-changed-{signal}",
            )
            signal.connect(locales_changed, sender=Locale, dispatch_uid=f"locales-changed-{signal}")
        locale_cache_install()


def _site_saved(*, instance, created: bool, **kwargs) -> None:
    """A site's address, settings or language changed: every cached copy of it must go.

    Cached pages (the page cache, Varnish) are keyed by host and path only, so a site's
    pages in its old language or naming its old address would stay until they expire.
    """
    from wagtail import hooks

    from newsdesk.core.hooks import SITE_CHANGED
    from newsdesk.network.models import SiteSettings

    if created:
        # A new site has no cached pages; and a first visit to a site creates its settings
        # row, which must not empty every cache.
        return
    site = instance.site if isinstance(instance, SiteSettings) else instance
    for site_changed in hooks.get_hooks(SITE_CHANGED):
        site_changed(site=site)
