"""The Google News sitemap and the corrections page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from wagtail.models import Site

from newsdesk.distribution.selectors import (
    correction_entries,
    correction_list_for_site,
    news_sitemap_entries,
)
from newsdesk.network.models import SiteSettings


def news_sitemap(request):
    """``/news-sitemap.xml``: the site's stories of the last 48 hours, Google News format."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    site_settings = SiteSettings.for_site(site)
    return render(
        request,
        "distribution/news_sitemap.xml",
        {
            "entries": news_sitemap_entries(request=request, site=site),
            "publication_name": site_settings.brand_name,
            "language": (site_settings.language or "en").split("-")[0].lower(),
        },
        content_type="application/xml; charset=utf-8",
    )


def corrections_list(request):
    """``/corrections/``: every correction and update on the site, newest first."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site here.")
    paginator = Paginator(
        correction_list_for_site(site=site, request=request), settings.NEWSDESK_PAGE_SIZE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "distribution/corrections_page.html",
        {
            "page_obj": page_obj,
            "entries": correction_entries(corrections=page_obj.object_list, request=request),
        },
    )
