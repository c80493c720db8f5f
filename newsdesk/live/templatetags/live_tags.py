from django import template
from django.conf import settings
from wagtail.models import Site

from newsdesk.live.selectors import live_latest_for_site

register = template.Library()


@register.inclusion_tag("live/banner_region.html", takes_context=True)
def live_banner(context):
    """The (empty) live region, with the newest story this page was rendered with."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    story = live_latest_for_site(site)
    return {
        "site_id": site.pk if site else "",
        "since_ms": story["published_ms"] if story else 0,
        "interval": settings.NEWSDESK_LIVE_POLL_SECONDS,
    }
