"""Writes: readers' location choices, and alerts and listings from editors or feeds."""

from __future__ import annotations

from datetime import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from newsdesk.local.components import local_component_get
from newsdesk.local.models import Listing, LocationChoice, Place, TrafficAlert
from newsdesk.local.selectors import COOKIE_SALT

UNKNOWN_COMPONENT = _("There is no local component called “{name}”.")


def _check_components(choices: dict[str, Place | None]) -> None:
    for name in choices:
        if local_component_get(name=name) is None:
            raise ValidationError(UNKNOWN_COMPONENT.format(name=name))


@transaction.atomic
def location_choices_save(*, user, choices: dict[str, Place | None]) -> None:
    """Store a signed-in reader's places; ``None`` clears a component's choice."""
    _check_components(choices)
    for name, place in choices.items():
        if place is None:
            LocationChoice.objects.filter(user=user, component=name).delete()
            continue
        choice = LocationChoice.objects.filter(user=user, component=name).first()
        choice = choice or LocationChoice(user=user, component=name)
        choice.place = place
        choice.full_clean()
        choice.save()


def location_cookie_value(*, choices: dict[str, Place | None]) -> str:
    """The signed cookie value for an anonymous reader's places."""
    _check_components(choices)
    return signing.dumps(
        {name: place.slug for name, place in choices.items() if place is not None},
        salt=COOKIE_SALT,
        compress=True,
    )


@transaction.atomic
def traffic_alert_create(
    *,
    region: Place,
    headline: str,
    starts_at: datetime,
    expires_at: datetime,
    severity: str = TrafficAlert.Severity.MODERATE,
    details: str = "",
    source_url: str = "",
) -> TrafficAlert:
    alert = TrafficAlert(
        region=region,
        headline=headline,
        details=details,
        severity=severity,
        starts_at=starts_at,
        expires_at=expires_at,
        source_url=source_url,
    )
    alert.full_clean()
    alert.save()
    return alert


def _upsert_by_source_id(model, *, source_id: str, fields: dict):
    """Create or update the row an imported entry became, found again by its source id."""
    row = model.objects.filter(source_id=source_id).first()
    created = row is None
    row = row or model(source_id=source_id)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row, created


@transaction.atomic
def traffic_alert_upsert_from_source(*, source_id: str, **fields) -> tuple[TrafficAlert, bool]:
    """Create or update the alert a feed entry became (found again by its id)."""
    return _upsert_by_source_id(TrafficAlert, source_id=source_id, fields=fields)


@transaction.atomic
def listing_create(
    *,
    place: Place,
    title: str,
    starts_at: datetime,
    kind: str = Listing.Kind.EVENT,
    ends_at: datetime | None = None,
    venue: str = "",
    details: str = "",
    url: str = "",
) -> Listing:
    listing = Listing(
        place=place,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        details=details,
        url=url,
    )
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def listing_upsert_from_source(*, source_id: str, **fields) -> tuple[Listing, bool]:
    """Create or update the listing an iCalendar event became (found again by its UID)."""
    return _upsert_by_source_id(Listing, source_id=source_id, fields=fields)
