"""The cached ``/newsletters/`` page lists a site's active newsletters: an editor's change
to one (added, renamed, paused, deleted) must reach readers at once, or they would be
offered a newsletter that refuses sign-ups."""

from __future__ import annotations

from django.urls import reverse

from newsdesk.caching.services import purge_paths


def newsletter_list_purge(sender, instance, **kwargs):
    purge_paths(site=instance.site, paths=[reverse("newsletters:list")])
