"""Demo traffic alerts and listings, relative to now so they are always current."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from newsdesk.local.models import Listing, Place
from newsdesk.local.places_data import places_seed
from newsdesk.local.services import listing_create, traffic_alert_create

ALERTS = [
    (
        "gauteng",
        "severe",
        "N1 southbound closed at Buccleuch after a truck fire",
        "Use the M1 or the R55; expect long delays into Johannesburg until the road is cleared.",
        -1,
        5,
    ),
    (
        "johannesburg",
        "moderate",
        "Traffic lights out on Jan Smuts Avenue",
        "Load shedding in Stage 2: treat intersections as four-way stops.",
        -0.5,
        3,
    ),
    (
        "cape-town",
        "moderate",
        "N2 inbound: heavy delays near the airport",
        "A broken-down bus blocks the left lane before Borcherds Quarry Road.",
        -0.25,
        2,
    ),
    (
        "western-cape",
        "minor",
        "Roadworks on Sir Lowry's Pass",
        "Stop-and-go controls between 09:00 and 16:00 on weekdays.",
        -24,
        24 * 14,
    ),
    (
        "durban",
        "severe",
        "M4 Ruth First Highway closed after flooding",
        "Avoid the beachfront; use the N2 and Umgeni Road instead.",
        -2,
        10,
    ),
    ("pretoria", "minor", "Slow traffic on the N14 near Centurion", "", -0.5, 4),
]

EVENTS = [
    ("johannesburg", "Joburg Film Festival: opening night", "The Bioscope, Maboneng", 1, 3),
    ("johannesburg", "Soweto Wine and Lifestyle Festival", "Walter Sisulu Square", 3, 6),
    ("cape-town", "Kirstenbosch Summer Sunset Concert", "Kirstenbosch Gardens", 2, 3),
    ("cape-town", "First Thursdays gallery walk", "Bree Street", 5, 4),
    ("durban", "Durban July fashion preview", "Hollywoodbets Greyville", 4, 5),
    ("pretoria", "Jacaranda night market", "Pretoria Botanical Garden", 2, 4),
]

TV = [
    ("gauteng", "Evening news", "SABC 2", 0.5, 1),
    ("gauteng", "Currie Cup final: live", "SuperSport Rugby", 20, 3),
    ("western-cape", "Evening news", "e.tv", 0.5, 1),
    ("kwazulu-natal", "Evening news", "SABC 1", 0.5, 1),
]


def demo_local_load() -> None:
    """Add current traffic alerts and upcoming listings for the main cities."""
    places_seed(Place)
    places = {p.slug: p for p in Place.objects.all()}
    now = timezone.now()
    for slug, severity, headline, details, start_h, length_h in ALERTS:
        starts = now + timedelta(hours=start_h)
        traffic_alert_create(
            region=places[slug],
            severity=severity,
            headline=headline,
            details=details,
            starts_at=starts,
            expires_at=starts + timedelta(hours=length_h),
        )
    for kind, items in ((Listing.Kind.EVENT, EVENTS), (Listing.Kind.TV, TV)):
        for slug, title, venue, in_hours, length_h in items:
            hour = now + timedelta(hours=in_hours if kind == Listing.Kind.TV else in_hours * 24)
            starts = hour.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            listing_create(
                place=places[slug],
                kind=kind,
                title=title,
                venue=venue,
                starts_at=starts,
                ends_at=starts + timedelta(hours=length_h),
            )
