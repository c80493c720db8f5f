"""Tag every served Wagtail page with its id, for the ``Cache-Tag`` header."""

from wagtail import hooks


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    if not hasattr(request, "cache_tags"):
        request.cache_tags = []
    request.cache_tags.append(f"page-{page.pk}")
