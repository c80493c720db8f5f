"""robots.txt, the Google News sitemap and the corrections page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Site

from newsdesk.distribution.selectors import (
    correction_entries,
    correction_list_for_site,
    news_sitemap_entries,
)
from newsdesk.network.models import SiteSettings

# Pages that are personal or for staff: nothing a search engine should list. Named, so a
# moved URL moves here too.
ROBOTS_DISALLOWED = ("wagtailadmin_home", "account_login", "profiles:me", "contributions:mine")


def robots_txt(request):
    """``/robots.txt``: crawl rules and the sitemaps, absolute on the address asked for.

    robots.txt belongs to one host, so the host the crawler used is the right one.
    """
    lines = ["User-agent: *"]
    lines += [f"Disallow: {reverse(name)}" for name in ROBOTS_DISALLOWED]
    lines.append("")
    for name in ("sitemap", "news_sitemap"):
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse(name))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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
