"""Template helpers shared by every page."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def news_time(value, fmt="j M Y, H:i"):
    """A <time> element: machine-readable ISO time, human time in the active zone.

    One format for people everywhere ("3 Oct 2013, 10:07"); lists that need only the day
    pass "j M Y".
    """
    if not value:
        return ""
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="minutes"),
        date_format(local, fmt),
    )


@register.filter
def html_datetime(value) -> str:
    """``value`` for a ``datetime`` attribute: ISO 8601 to the second, in the active zone.

    Django's ``date:'c'`` keeps microseconds, and HTML allows at most three digits of a
    second (the Nu Html Checker refuses six).
    """
    from datetime import datetime

    from django.utils import timezone

    if not isinstance(value, datetime):
        return value.isoformat() if value else ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")


@register.simple_tag
def javascript_catalog_url() -> str:
    """The versioned URL of the site scripts' catalog in the active language."""
    from newsdesk.core.jsi18n import catalog_url

    return catalog_url()
