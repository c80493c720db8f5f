"""Reads for local components and Location Settings; each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db.models import Q

from newsdesk.articles.selectors import article_cards, article_list_published
from newsdesk.local.models import Listing, LocationChoice, Place, TrafficAlert
from newsdesk.tags.models import Tag

COOKIE_SALT = "newsdesk.local.location"


@dataclass(frozen=True)
class PlaceGroup:
    label: str
    places: list[Place]


def place_groups() -> list[PlaceGroup]:
    """Places for a chooser: South Africa's cities, its provinces, then the world."""
    places = list(Place.objects.select_related("region").order_by("name"))
    home = settings.NEWSDESK_LOCAL_HOME_COUNTRY
    groups = [
        PlaceGroup(
            f"{home}: cities and towns",
            [p for p in places if p.country == home and p.kind == Place.Kind.CITY],
        ),
        PlaceGroup(
            f"{home}: provinces",
            [p for p in places if p.country == home and p.kind == Place.Kind.REGION],
        ),
        PlaceGroup("Around the world", [p for p in places if p.country != home]),
    ]
    return [group for group in groups if group.places]


def place_default() -> Place | None:
    return (
        Place.objects.select_related("region")
        .filter(slug=settings.NEWSDESK_LOCAL_DEFAULT_PLACE)
        .first()
    )


def location_cookie_read(value: str | None) -> dict[str, str]:
    """Component name -> place slug from the signed cookie; anything tampered is ignored."""
    if not value:
        return {}
    try:
        data = signing.loads(value, salt=COOKIE_SALT)
    except signing.BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def location_choice_slugs(*, request) -> dict[str, str]:
    """The reader's choices as component name -> place slug (account first, then cookie)."""
    user = request.user
    if user.is_authenticated:
        return dict(
            LocationChoice.objects.filter(user=user).values_list("component", "place__slug")
        )
    return location_cookie_read(request.COOKIES.get(settings.NEWSDESK_LOCATION_COOKIE))


def location_place_for(*, request, component: str) -> tuple[Place | None, bool]:
    """The place to show ``component`` for, and whether it is the site default."""
    user = request.user
    place = None
    if user.is_authenticated:
        choice = (
            LocationChoice.objects.filter(user=user, component=component)
            .select_related("place__region")
            .first()
        )
        place = choice.place if choice else None
    else:
        slug = location_choice_slugs(request=request).get(component)
        if slug:
            place = Place.objects.select_related("region").filter(slug=slug).first()
    if place is not None:
        return place, False
    return place_default(), True


def local_tag_names(*, place: Place) -> list[str]:
    return [p.name for p in place.with_region]


def local_story_cards(*, place: Place, request, limit: int = 5):
    """The latest stories on this site tagged with the place or its region."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    names = Q()
    for name in local_tag_names(place=place):
        names |= Q(name__iexact=name)
    tags = Tag.objects.filter(names, kind=Tag.Kind.PLACE)
    articles = (
        article_list_published(site_root=site.root_page)
        .filter(tagged_items__tag__in=tags)
        .distinct()[:limit]
    )
    return article_cards(articles=articles, request=request)


SEVERITY_RANK = {
    TrafficAlert.Severity.SEVERE: 0,
    TrafficAlert.Severity.MODERATE: 1,
    TrafficAlert.Severity.MINOR: 2,
}


def traffic_alert_list_current(*, place: Place, now: datetime, limit: int = 6):
    """Current alerts for the place, its region, and (for a region) its cities;
    the worst first, then the newest."""
    alerts = list(
        TrafficAlert.objects.current(now=now)
        .filter(Q(region__in=place.with_region) | Q(region__region=place))
        .select_related("region")
        .order_by("-starts_at")[:50]
    )
    alerts.sort(key=lambda alert: SEVERITY_RANK.get(alert.severity, 3))
    return alerts[:limit]


def listing_list_upcoming(*, place: Place, kind: str, now: datetime, limit: int = 4):
    return list(
        Listing.objects.upcoming(now=now)
        .filter(kind=kind)
        .filter(Q(place__in=place.with_region) | Q(place__region=place))
        .select_related("place")
        .order_by("starts_at")[:limit]
    )
