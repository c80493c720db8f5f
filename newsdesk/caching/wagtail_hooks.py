"""Tag every served Wagtail page with its id, for the ``Cache-Tag`` header; purge a site
whose address or branding changed (the ``SITE_CHANGED`` hook)."""

from wagtail import hooks

from newsdesk.caching.services import purge_site
from newsdesk.core.hooks import SITE_CHANGED


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    if not hasattr(request, "cache_tags"):
        request.cache_tags = []
    request.cache_tags.append(f"page-{page.pk}")


@hooks.register(SITE_CHANGED)
def purge_changed_site(*, site):
    purge_site(site=site)
