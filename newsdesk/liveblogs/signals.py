"""Receivers for Wagtail's publish events (which we don't own): a blog published (its
status may have changed to ended) or unpublished must reach polling readers at once.
Caching's own receivers purge the page and its listings; this drops the blog's polling
document, which only this app knows about."""

from __future__ import annotations

from django.db import transaction

from newsdesk.caching.services import purge_paths, site_relative_path
from newsdesk.liveblogs.models import LiveBlogPage
from newsdesk.liveblogs.selectors import entries_json_url, live_blog_version_bump


def live_blog_changed(sender, instance, **kwargs):
    if not isinstance(instance.specific_deferred, LiveBlogPage):
        return
    live_blog_version_bump(blog_id=instance.pk)
    transaction.on_commit(lambda: live_blog_version_bump(blog_id=instance.pk))
    site, _path = site_relative_path(page=instance)
    if site is not None:
        purge_paths(site=site, paths=[entries_json_url(blog_id=instance.pk)])
