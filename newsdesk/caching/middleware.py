"""Cache headers for public pages, and the app-level page cache that serves them.

A response is public only when it is the same for every reader: a GET or HEAD that set
no cookie and did not read the session (Django adds ``Vary: Cookie`` when it did).
Anything personal is loaded by the page from small endpoints that are never cached.

``PageCacheMiddleware`` sits just after WhiteNoise; ``wsgi.PageCacheApp`` answers the same
hits even earlier, before Django builds its request. Signed-in readers get the cached
page like everyone (it holds nothing of theirs), and what Django renders for them is
stored only when it is public by the rule above. Users with admin access (editors,
moderators) carry the ``NEWSDESK_EDITOR_COOKIE`` marker, set at sign-in, and bypass the
cache both ways: they see what Django renders now and nothing rendered for them is
stored. A reader who forges the marker only gets an uncached page of their own.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from newsdesk.caching import pagecache

logger = logging.getLogger(__name__)

CACHEABLE_STATUSES = {200, 301, 404, 410}
PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/django-admin/")
CACHE_TAG_HEADER = "Cache-Tag"
PAGE_CACHE_HEADER = pagecache.PAGE_CACHE_HEADER
# What deploy/varnish/default.vcl accepts in a BAN; anything else would let a slug inject
# tags (a comma) or break the header (a control character).
UNSAFE_TAG_CHARACTERS = re.compile(r"[^A-Za-z0-9_.:-]")
MAX_TAG_LENGTH = 100


def cache_tag(value: str) -> str:
    """A header-safe cache tag: unsafe characters percent-encoded, then spelled with '_'."""
    return UNSAFE_TAG_CHARACTERS.sub("_", quote(value, safe=""))[:MAX_TAG_LENGTH]


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
    return list(dict.fromkeys(cache_tag(str(tag)) for tag in tags))


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


def bypasses_page_cache(environ: dict) -> bool:
    """Requests the page cache neither answers nor stores (the same rule at both layers)."""
    return (
        not settings.NEWSDESK_PAGE_CACHE
        or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or pagecache.request_parts(environ)[1].startswith(PRIVATE_PREFIXES)
        or bypass_cookie_present(environ.get("HTTP_COOKIE", ""))
        or (settings.SECURE_SSL_REDIRECT and not _is_secure(environ))
    )


def _is_secure(environ: dict) -> bool:
    # Plain HTTP must reach SecurityMiddleware's redirect, never a stored page.
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        return environ.get(header, "").split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


def bypass_cookie_present(cookie_header: str) -> bool:
    """Whether the request carries a bypass cookie: the editor marker, or a recent write."""
    # A substring test first: most requests carry no cookie header at all.
    names = {settings.NEWSDESK_EDITOR_COOKIE, settings.NEWSDESK_FRESH_COOKIE}
    if not any(name in cookie_header for name in names):
        return False
    return any(part.strip().split("=", 1)[0] in names for part in cookie_header.split(";"))


def mark_recent_write(request, response) -> None:
    """After a reader's own successful write, show them fresh pages for a while.

    Profile edits and comment moderation purge the pages that show them, but not every
    write has a purge (location settings, a rename on other stories' comment threads);
    this cookie lets the writer read all their own writes at once, while everyone else
    keeps the cached page. Like the editor marker it only skips the cache.
    """
    if (
        request.method in ("GET", "HEAD", "OPTIONS")
        or response.status_code >= 400
        or settings.SESSION_COOKIE_NAME not in request.COOKIES.keys() | response.cookies.keys()
    ):
        return
    response.set_cookie(
        settings.NEWSDESK_FRESH_COOKIE,
        "1",
        max_age=settings.NEWSDESK_CACHE_S_MAXAGE,
        domain=_cookie_domain(request),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


class PageCacheMiddleware:
    """Answer GET and HEAD from the cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bypasses_page_cache(request.META):
            response = self.get_response(request)
            mark_recent_write(request, response)
            return response
        try:
            found = pagecache.lookup(request)
        except Exception:
            # Fail open: a cache outage costs speed, never the page (docs/RELIABILITY.md).
            logger.warning("Page cache unavailable; serving %s uncached", request.path)
            return self.get_response(request)
        if found.entry is not None:
            return pagecache.response_from(found.entry, request, state="hit")
        response = self.get_response(request)
        ttl = pagecache.storable_ttl(request, response)
        if not ttl:
            return response
        try:
            entry = pagecache.store(found, response, ttl=ttl)
        except Exception:
            logger.warning("Page cache unavailable; %s not stored", request.path)
            return response
        return pagecache.response_from(entry, request, state="miss")


class EditorMarkerMiddleware:
    """Set or clear the editor marker cookie when someone signs in or out.

    ``signals`` flags the request on Django's ``user_logged_in``/``user_logged_out``; the
    admin also sets it for editors who signed in before the marker existed. Reading
    ``request.user`` only on those requests keeps every other response free of
    ``Vary: Cookie``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        wanted = getattr(request, "newsdesk_editor_marker", None)
        has_marker = settings.NEWSDESK_EDITOR_COOKIE in request.COOKIES
        if wanted is None and request.path.startswith("/admin/") and not has_marker:
            user = getattr(request, "user", None)
            wanted = bool(user and user.is_authenticated and has_admin_access(user)) or None
        if wanted:
            response.set_cookie(
                settings.NEWSDESK_EDITOR_COOKIE,
                "1",
                domain=_cookie_domain(request),
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        elif wanted is False and has_marker:
            response.delete_cookie(
                settings.NEWSDESK_EDITOR_COOKIE, domain=_cookie_domain(request), samesite="Lax"
            )
        return response


def has_admin_access(user) -> bool:
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def _cookie_domain(request) -> str | None:
    # Follow the session cookie across the network's sites, as far as the browser allows.
    domain = settings.SESSION_COOKIE_DOMAIN
    if not domain or "." not in domain.strip("."):
        return None
    host = request.get_host().split(":", 1)[0].lower()
    bare = domain.lower().strip(".")
    return domain if host == bare or host.endswith("." + bare) else None
