"""The newest story of every site, as one small JSON document with an ETag.

The document is cached (``NEWSDESK_LIVE_CACHE_SECONDS``) and forgotten when a page is
published or unpublished, so a poll costs a cache read, and a new story shows up on the
next poll. Its ETag is a hash of its bytes: unchanged news means ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage

CACHE_KEY = "live:latest:v1"


@dataclass(frozen=True)
class LatestDocument:
    body: bytes
    etag: str
    sites: dict


def _newest(site: Site) -> dict | None:
    article = (
        ArticlePage.objects.published()
        .descendant_of(site.root_page, inclusive=False)
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at", "-pk")
        .only("id", "title", "url_path", "first_published_at", "path", "depth")
        .first()
    )
    if article is None:
        return None
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.relative_url(site),
        "published_at": article.first_published_at.isoformat(),
        # Milliseconds since the epoch, so scripts compare numbers, not date strings.
        "published_ms": int(article.first_published_at.timestamp() * 1000),
    }


def live_latest_build() -> LatestDocument:
    sites = {}
    for site in Site.objects.select_related("root_page").order_by("pk"):
        sites[str(site.pk)] = {"hostname": site.hostname, "story": _newest(site)}
    body = json.dumps({"sites": sites}, separators=(",", ":"), sort_keys=True).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return LatestDocument(body=body, etag=etag, sites=sites)


def live_latest() -> LatestDocument:
    document = cache.get(CACHE_KEY)
    if document is None:
        document = live_latest_build()
        cache.set(CACHE_KEY, document, settings.NEWSDESK_LIVE_CACHE_SECONDS)
    return document


def live_latest_for_site(site: Site | None) -> dict | None:
    if site is None:
        return None
    return live_latest().sites.get(str(site.pk), {}).get("story")
