"""Template context shared by every public page of a site: its brand and its sections."""

from wagtail.models import Site

from newsdesk.network.selectors import site_navigation


def network(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {"current_site": site, "navigation": lambda: site_navigation(site=site)}
