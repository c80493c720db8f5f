"""A live blog's own feed: its entries, newest first (``/live/blogs/<id>/feed/<fmt>/``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from newsdesk.core.feeds import FeedItem, FeedSource, absolute_url
from newsdesk.liveblogs.selectors import blog_url, entry_list, live_blog_for_polling
from newsdesk.network.selectors import site_settings_for_page

FEED_LENGTH = 50


def feed_source_live_blog(request, site, *, blog_id: int | None = None) -> FeedSource | None:
    blog = live_blog_for_polling(blog_id=blog_id) if blog_id else None
    if blog is None:
        return None
    settings = site_settings_for_page(page=blog, request=request)
    page_url = absolute_url(request, blog_url(blog=blog, request=request))
    items = []
    for entry in entry_list(blog_id=blog.pk)[:FEED_LENGTH]:
        url = page_url + blog.reverse_subpage("entry", kwargs={"entry_id": entry.pk})
        items.append(
            FeedItem(
                unique_id=url,
                title=entry.headline,
                url=url,
                summary=entry.plain_text,
                published=entry.published_at,
                updated=entry.updated_at or entry.published_at,
                author=entry.author.name if entry.author else blog.byline_text,
            )
        )
    return FeedSource(
        title=f"{blog.title} | {settings.brand_name}",
        link=page_url,
        description=blog.summary or _("Live updates: %(title)s") % {"title": blog.title},
        items=items,
        language=settings.language or "en",
        publisher=settings.brand_name,
    )
