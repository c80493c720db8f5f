"""Cache headers for public pages, and the app-level page cache that serves them.

A response is public only when it is the same for every reader: a GET or HEAD that set
no cookie and did not read the session (Django adds ``Vary: Cookie`` when it did).
Anything personal is loaded by the page from small endpoints that are never cached.

``PageCacheMiddleware`` sits just after WhiteNoise, so a hit is answered before
sessions, CSRF, auth, URL routing, the database and templates. Requests carrying the
session cookie always go through to Django: editors and signed-in readers see what
Django renders now (even while a purge is in flight, and on pages a purge does not
cover, such as the menu after a section is renamed), and nothing rendered for them can
be stored for anyone else. See docs/PERFORMANCE.md for the trade-off.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from newsdesk.caching import pagecache

logger = logging.getLogger(__name__)

CACHEABLE_STATUSES = {200, 301, 404, 410}
PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/django-admin/")
CACHE_TAG_HEADER = "Cache-Tag"
PAGE_CACHE_HEADER = "X-Page-Cache"


def is_public_response(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in CACHEABLE_STATUSES
        and not response.has_header("Cache-Control")
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not request.path.startswith(PRIVATE_PREFIXES)
    )


def cache_tags_for(request) -> list[str]:
    """What the response shows, as tags a front cache can ban by (see services.purge_tags)."""
    tags = list(getattr(request, "cache_tags", ()))
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        tags.insert(0, f"site-{site.pk}")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "tags:detail":
        tags.append(f"tag-{match.kwargs.get('slug', '')}")
    return list(dict.fromkeys(tags))


class PublicCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public_response(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.NEWSDESK_CACHE_MAX_AGE,
                s_maxage=settings.NEWSDESK_CACHE_S_MAXAGE,
                stale_while_revalidate=settings.NEWSDESK_CACHE_STALE_WHILE_REVALIDATE,
            )
            patch_vary_headers(response, ["Accept-Encoding"])
            tags = cache_tags_for(request)
            if tags:
                response[CACHE_TAG_HEADER] = ",".join(tags)
        return response


def _bypasses_page_cache(request) -> bool:
    return (
        not settings.NEWSDESK_PAGE_CACHE
        or request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path.startswith(PRIVATE_PREFIXES)
    )


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD from the cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypasses_page_cache(request):
            return self.get_response(request)
        try:
            found = pagecache.lookup(request)
        except Exception:
            # Fail open: a cache outage costs speed, never the page (docs/RELIABILITY.md).
            logger.warning("Page cache unavailable; serving %s uncached", request.path)
            return self.get_response(request)
        if found.response is not None:
            found.response[PAGE_CACHE_HEADER] = "hit"
            return self._conditional(request, found.response)
        response = self.get_response(request)
        ttl = pagecache.storable_ttl(request, response)
        if ttl:
            if not response.has_header("ETag"):
                digest = hashlib.blake2b(response.content, digest_size=12).hexdigest()
                response["ETag"] = f'"{digest}"'
            try:
                pagecache.store(found, response, ttl=ttl)
            except Exception:
                logger.warning("Page cache unavailable; %s not stored", request.path)
                return self._conditional(request, response)
            response[PAGE_CACHE_HEADER] = "miss"
            return self._conditional(request, response)
        return response

    @staticmethod
    def _conditional(request, response):
        if response.status_code != 200:
            return response
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
