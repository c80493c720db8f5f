"""Per-site settings for the sites of the network (News, Sport, ...)."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("'%(value)s' is not a known time zone (e.g. Africa/Johannesburg)."),
            params={"value": value},
        )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What a site calls itself and how it shows times."""

    brand_name = models.CharField(
        max_length=80, default="News", help_text=_("Shown in the masthead.")
    )
    tagline = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(
        max_length=64,
        default="Africa/Johannesburg",
        validators=[validate_time_zone],
        help_text=_("Times on this site's pages are shown in this zone."),
    )
    language = models.CharField(
        max_length=10,
        default="en",
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of this site's pages: dates, numbers and the interface "
            "are shown in it, for every reader alike."
        ),
    )

    panels = [
        FieldPanel("brand_name"),
        FieldPanel("tagline"),
        FieldPanel("time_zone"),
        FieldPanel("language"),
    ]

    class Meta:
        verbose_name = _("site settings")
