from django import template
from wagtail.models import Site

from newsdesk.analytics.selectors import most_read_for_site

register = template.Library()


@register.inclusion_tag("analytics/most_read.html", takes_context=True)
def most_read(context):
    request = context["request"]
    site = Site.find_for_request(request)
    return {"most_read": most_read_for_site(site=site, request=request) if site else []}


@register.inclusion_tag("analytics/beacon.html")
def read_beacon(page):
    return {"page": page}
