"""Cache headers for public pages, so a CDN or Varnish can serve them to everyone.

A response is public only when it is the same for every reader: a GET or HEAD that set
no cookie and did not read the session (Django adds ``Vary: Cookie`` when it did).
Anything personal is loaded by the page from small endpoints that are never cached.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

CACHEABLE_STATUSES = {200, 301, 404, 410}
PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/django-admin/")


def is_public_response(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in CACHEABLE_STATUSES
        and not response.has_header("Cache-Control")
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not request.path.startswith(PRIVATE_PREFIXES)
    )


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
        return response
