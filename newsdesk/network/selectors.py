"""Reads about the sites of the network."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_supported_language_variant
from wagtail.models import Page, Site

from newsdesk.network.models import SiteSettings

NAVIGATION_CACHE_SECONDS = 60
SITE_LANGUAGE_CACHE_SECONDS = 300
SITE_LANGUAGE_GENERATION_KEY = "newsdesk:site-language:generation"
# Per host: (generation, language). Its own prefix: no host can be named like the key above.
SITE_LANGUAGE_HOST_KEY_PREFIX = "newsdesk:site-language:host:"


def site_settings_for(*, site: Site) -> SiteSettings:
    return SiteSettings.for_site(site)


def site_navigation(*, site: Site) -> list[dict]:
    """The site's sections in menu order, as plain data (cached briefly: it is on every page)."""
    key = f"newsdesk:nav:{site.pk}:{site.root_page_id}"
    items = cache.get(key)
    if items is None:
        sections = (
            Page.objects.child_of(site.root_page)
            .live()
            .in_menu()
            .order_by("path")
            .only("id", "title", "url_path", "slug")
        )
        root_path = site.root_page.url_path
        items = [
            {"title": page.title, "url": "/" + page.url_path[len(root_path) :]} for page in sections
        ]
        cache.set(key, items, NAVIGATION_CACHE_SECONDS)
    return items


def site_for_page(*, page: Page, request=None) -> Site | None:
    """The site ``page`` belongs to, reusing the request's site (no query) when it is that one."""
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None and page.path.startswith(site.root_page.path):
            return site
    return page.get_site()


def site_settings_for_page(*, page: Page, request=None) -> SiteSettings:
    """The page's site settings; the request's cached copy when the page is on that site."""
    site = site_for_page(page=page, request=request)
    if request is not None and site is not None and site == Site.find_for_request(request):
        return SiteSettings.for_request(request)
    return SiteSettings.for_site(site)


def site_root_url(*, request) -> str:
    """The public address of the request's site, from its ``Site`` row.

    The Site row is the one source of truth for a site's address: Wagtail builds page URLs,
    the sitemap and canonical links from it, so Django-rendered pages (feeds, the API,
    JSON-LD, images) must too, or a page reached as ``news.localhost`` would name two hosts.
    ``newsdesk serve`` keeps the demo's rows on the host and port it serves.
    """
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url


def site_absolute_url(*, request, url: str) -> str:
    """``url`` on the site's public address when it is a path; other URLs unchanged."""
    if url and url.startswith("/") and not url.startswith("//"):
        return site_root_url(request=request) + url
    return url or ""


def site_language(*, site: Site | None) -> str:
    """The language ``site``'s pages are in: a code of ``settings.LANGUAGES``."""
    if site is None:
        return _supported(settings.LANGUAGE_CODE)
    return _supported(SiteSettings.for_site(site).language)


def site_language_for_request(request) -> str:
    """The language of the site this request is for, from the cache on most requests.

    Every request asks (JSON endpoints and feeds too), so the answer is kept per host with
    the generation it was read in, and checked with the current generation in one round
    trip. Saving site settings or a site starts a new generation (``site_language_forget``).
    """
    host_key = f"{SITE_LANGUAGE_HOST_KEY_PREFIX}{request._get_raw_host()}"
    # ``get_many`` returns {} when Redis is down: the settings are read, the page renders.
    cached = cache.get_many([SITE_LANGUAGE_GENERATION_KEY, host_key])
    # Generation 0 until the first forget stores 1. Not ``get_or_set``: its ``add`` is
    # atomic and fails closed when Redis is down, and a page must still render then.
    generation = cached.get(SITE_LANGUAGE_GENERATION_KEY) or 0
    entry = cached.get(host_key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    site = Site.find_for_request(request)
    # The request's own copy of the settings: the page reads them again at no cost.
    language = _supported(SiteSettings.for_request(request).language) if site else None
    language = language or site_language(site=None)
    # Stored with the generation read *before* the settings: if a save lands in between,
    # the entry is already old and the next request reads the settings again. (A first
    # visit creates the settings row, so its entry lasts one request.)
    cache.set(host_key, (generation, language), SITE_LANGUAGE_CACHE_SECONDS)
    return language


def _supported(code: str) -> str:
    try:
        return get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return get_supported_language_variant(settings.LANGUAGE_CODE)
