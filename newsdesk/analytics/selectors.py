"""Reads for most read: a site's list, cached, in a fixed number of queries."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Site

from newsdesk.analytics.models import MostReadEntry
from newsdesk.analytics.services import most_read_cache_key
from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import article_cards

MOST_READ_CACHE_SECONDS = 120


def most_read_for_site(*, site: Site, request) -> list[dict]:
    """The site's most-read stories as plain data (title, URL, reads), cached briefly."""
    key = most_read_cache_key(site.pk)
    items = cache.get(key)
    if items is None:
        entries = list(MostReadEntry.objects.filter(site=site).order_by("rank"))
        articles = (
            ArticlePage.objects.published()
            .filter(pk__in=[entry.article_id for entry in entries])
            .only("id", "path", "url_path", "title", "depth", "content_type")
        )
        by_id = {
            card.article.pk: card for card in article_cards(articles=articles, request=request)
        }
        items = [
            {"title": by_id[e.article_id].title, "url": by_id[e.article_id].url, "reads": e.reads}
            for e in entries
            if e.article_id in by_id
        ]
        cache.set(key, items, MOST_READ_CACHE_SECONDS)
    return items
