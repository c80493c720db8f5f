"""``/sitemap.xml``: Wagtail's pages, and the author pages that list stories on the site."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from newsdesk.authors.selectors import author_list_with_stories


class AuthorSitemap(DjangoSitemap):
    """Author pages with at least one published story on the requested site."""

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        return author_list_with_stories(site_root=site.root_page)

    def lastmod(self, author):
        return author.latest_story_at


def sitemap(request):
    return wagtail_sitemap(
        request, sitemaps={"pages": PageSitemap, "authors": AuthorSitemap(request)}
    )
