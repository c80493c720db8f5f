"""The demo's newsletters: a daily briefing and breaking alerts per site, a few subscribers."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from newsdesk.newsletters.models import Newsletter, Subscriber, Subscription

DEMO_SUBSCRIBERS = ["thandi@example.com", "pieter@example.com", "lerato@example.com"]


@transaction.atomic
def demo_newsletters_load() -> None:
    now = timezone.now()
    subscribers = [Subscriber.objects.get_or_create(email=email)[0] for email in DEMO_SUBSCRIBERS]
    for site in Site.objects.order_by("pk"):
        name = site.site_name or site.hostname
        daily, _ = Newsletter.objects.get_or_create(
            site=site,
            slug="daily-briefing",
            defaults={
                "name": f"{name} Daily Briefing",
                "kind": Newsletter.Kind.DAILY,
                "description": "The day's top stories, every morning at six.",
                "send_time": datetime.time(6, 0),
            },
        )
        Newsletter.objects.get_or_create(
            site=site,
            slug="breaking-news",
            defaults={
                "name": f"{name} Breaking News",
                "kind": Newsletter.Kind.BREAKING,
                "description": "Big stories as they break. A few a month at most.",
                "sort_order": 1,
            },
        )
        for subscriber in subscribers:
            Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter=daily, defaults={"confirmed_at": now}
            )
