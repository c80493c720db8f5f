"""Factories for local things; places come from the seeding migration."""

from datetime import timedelta

from django.utils import timezone

from newsdesk.local.models import Listing, Place, TrafficAlert


def place(slug: str) -> Place:
    return Place.objects.select_related("region").get(slug=slug)


def alert_factory(*, region: Place, headline="Crash on the N1", hours_ago=1, hours_left=2, **kw):
    now = timezone.now()
    return TrafficAlert.objects.create(
        region=region,
        headline=headline,
        starts_at=now - timedelta(hours=hours_ago),
        expires_at=now + timedelta(hours=hours_left),
        **kw,
    )


def listing_factory(*, place: Place, title="Concert", in_hours=24, kind=Listing.Kind.EVENT, **kw):
    starts = timezone.now() + timedelta(hours=in_hours)
    return Listing.objects.create(
        place=place,
        title=title,
        kind=kind,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **kw,
    )
