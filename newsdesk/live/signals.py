"""Receivers for Wagtail's publish events: a new story must reach the next poll."""

from django.core.cache import cache

from newsdesk.live.selectors import CACHE_KEY


def live_latest_forget(sender, **kwargs):
    cache.delete(CACHE_KEY)
