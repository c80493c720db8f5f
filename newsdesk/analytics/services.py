"""Writes for most read: record a read, rebuild each site's 24-hour list."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from newsdesk.analytics.models import MostReadEntry, ReadEvent
from newsdesk.articles.models import ArticlePage

MOST_READ_WINDOW = timedelta(hours=24)
# Events older than this are deleted when the list is rebuilt; they count for nothing.
READ_EVENT_RETENTION = timedelta(hours=48)
NOT_A_STORY = _("That page is not a published story on this site.")


def most_read_cache_key(site_id: int) -> str:
    return f"newsdesk:most-read:{site_id}"


def read_record(*, site: Site, article_id: int, now: datetime | None = None) -> ReadEvent:
    """Count one read of a live story of ``site``; ValueError(NOT_A_STORY) otherwise."""
    is_story = (
        ArticlePage.objects.published().descendant_of(site.root_page).filter(pk=article_id).exists()
    )
    if not is_story:
        raise ValueError(NOT_A_STORY)
    event = ReadEvent(article_id=article_id, site=site, read_at=now or timezone.now())
    event.save()
    return event


@transaction.atomic
def most_read_rebuild(*, site: Site, now: datetime | None = None) -> list[MostReadEntry]:
    """Replace ``site``'s most-read list with the stories read most in the last 24 hours."""
    now = now or timezone.now()
    size = settings.NEWSDESK_MOST_READ_SIZE
    live_ids = ArticlePage.objects.published().descendant_of(site.root_page).values("pk")
    counts = (
        ReadEvent.objects.filter(site=site, read_at__gte=now - MOST_READ_WINDOW)
        .filter(article_id__in=live_ids)
        .values("article_id")
        .annotate(reads=Count("id"))
        .order_by("-reads", "-article_id")[:size]
    )
    entries = [
        MostReadEntry(
            site=site, rank=rank, article_id=row["article_id"], reads=row["reads"], computed_at=now
        )
        for rank, row in enumerate(counts, start=1)
    ]
    MostReadEntry.objects.filter(site=site).delete()
    for entry in entries:
        entry.full_clean(validate_constraints=False)
    MostReadEntry.objects.bulk_create(entries)
    ReadEvent.objects.filter(site=site, read_at__lt=now - READ_EVENT_RETENTION).delete()
    transaction.on_commit(lambda: cache.delete(most_read_cache_key(site.pk)))
    return entries


def most_read_rebuild_all(*, now: datetime | None = None) -> int:
    """Rebuild every site's list; returns how many sites were done."""
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        most_read_rebuild(site=site, now=now)
    return len(sites)
