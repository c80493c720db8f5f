"""Traffic alerts from RSS/Atom (feedparser) and listings from iCalendar (icalendar).

Parsing is pure (bytes in, plain records out) so it is tested on real-shaped files;
``*_import`` functions write through the services, one transaction per entry, and a bad
entry is counted and skipped, never stopping the rest.
"""

from __future__ import annotations

import calendar
import logging
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import feedparser
import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags

from newsdesk.core import http
from newsdesk.local.models import Listing, Place, TrafficAlert, TrafficFeed
from newsdesk.local.services import listing_upsert_from_source, traffic_alert_upsert_from_source

logger = logging.getLogger("newsdesk.local.importers")

FETCH_FAILED = "Could not fetch {url}: {error}"
SEVERITY_WORDS = {
    TrafficAlert.Severity.SEVERE: ("closed", "closure", "fatal", "severe", "major", "blocked"),
    TrafficAlert.Severity.MINOR: ("minor", "slow", "roadworks", "delay"),
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


class FetchFailed(Exception):
    """A feed or calendar could not be fetched; the message is safe to show an editor."""


def fetch_bytes(url: str) -> bytes:
    """The body at ``url`` through ``core.http`` (public addresses only, size-capped)."""
    try:
        answer = http.fetch(
            url,
            max_bytes=settings.NEWSDESK_LOCAL_FETCH_MAX_BYTES,
            timeout=(
                settings.NEWSDESK_LOCAL_FETCH_CONNECT_TIMEOUT,
                settings.NEWSDESK_LOCAL_FETCH_READ_TIMEOUT,
            ),
            headers={"User-Agent": "newsdesk local importer"},
        )
    except http.OutboundFetchError as error:
        raise FetchFailed(str(error)) from None
    if not 200 <= answer.status < 300:
        raise FetchFailed(f"the server answered {answer.status}")
    return answer.content


def severity_from_text(text: str, default: str) -> str:
    lowered = text.lower()
    for severity, words in SEVERITY_WORDS.items():
        if any(word in lowered for word in words):
            return severity
    return default


@dataclass(frozen=True)
class FeedAlert:
    source_id: str
    headline: str
    details: str
    link: str
    published: datetime | None


def parse_alert_feed(data: bytes) -> list[FeedAlert]:
    parsed = feedparser.parse(data)
    alerts = []
    for entry in parsed.entries:
        headline = strip_tags(entry.get("title", "")).strip()
        if not headline:
            continue
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC) if struct else None
        alerts.append(
            FeedAlert(
                source_id=entry.get("id") or entry.get("link") or headline,
                headline=headline[:200],
                details=strip_tags(entry.get("summary", "")).strip(),
                link=entry.get("link", ""),
                published=published,
            )
        )
    return alerts


def traffic_alerts_import(
    *,
    data: bytes,
    region: Place,
    severity: str,
    hours: int,
    now: datetime | None = None,
    dry_run: bool = False,
) -> ImportResult:
    now = now or timezone.now()
    result = ImportResult()
    for item in parse_alert_feed(data):
        starts = min(item.published or now, now)
        fields = dict(
            region=region,
            headline=item.headline,
            details=item.details,
            source_url=item.link[:500],
            severity=severity_from_text(f"{item.headline} {item.details}", severity),
            starts_at=starts,
            expires_at=starts + timedelta(hours=hours),
        )
        if dry_run:
            result.created += 1
            continue
        try:
            _, created = traffic_alert_upsert_from_source(source_id=item.source_id[:500], **fields)
        except ValidationError as error:
            result.skipped += 1
            result.errors.append(f"{item.headline}: {'; '.join(error.messages)}")
            continue
        result.created += created
        result.updated += not created
    return result


def traffic_feeds_import_all(*, now: datetime | None = None) -> dict[str, ImportResult]:
    """Import every enabled TrafficFeed; a feed that fails is logged and skipped."""
    results = {}
    for feed in TrafficFeed.objects.filter(enabled=True).select_related("region"):
        try:
            data = fetch_bytes(feed.url)
        except FetchFailed as error:
            logger.warning(FETCH_FAILED.format(url=feed.url, error=error))
            results[feed.url] = ImportResult(
                errors=[FETCH_FAILED.format(url=feed.url, error=error)]
            )
            continue
        results[feed.url] = traffic_alerts_import(
            data=data, region=feed.region, severity=feed.severity, hours=feed.hours, now=now
        )
        TrafficFeed.objects.filter(pk=feed.pk).update(last_imported_at=timezone.now())
    return results


@dataclass(frozen=True)
class CalendarEvent:
    source_id: str
    title: str
    details: str
    venue: str
    url: str
    starts_at: datetime
    ends_at: datetime | None


def _aware(value, zone: zoneinfo.ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        # An all-day event starts at midnight where it happens.
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    raise ValueError(f"not a date: {value!r}")


def parse_calendar(data: bytes, *, zone: zoneinfo.ZoneInfo) -> list[CalendarEvent]:
    calendar_ = icalendar.Calendar.from_ical(data)
    events = []
    for component in calendar_.walk("VEVENT"):
        title = str(component.get("SUMMARY", "")).strip()
        start = component.get("DTSTART")
        if not title or start is None:
            continue
        starts_at = _aware(start.dt, zone)
        end = component.get("DTEND")
        ends_at = _aware(end.dt, zone) if end is not None else None
        if ends_at is None and component.get("DURATION") is not None:
            ends_at = starts_at + component.get("DURATION").dt
        uid = str(component.get("UID", "")) or f"{title}@{starts_at.isoformat()}"
        events.append(
            CalendarEvent(
                source_id=uid[:500],
                title=title[:200],
                details=str(component.get("DESCRIPTION", "")).strip(),
                venue=str(component.get("LOCATION", "")).strip()[:200],
                url=str(component.get("URL", "")).strip()[:500],
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
    return events


def listings_import(
    *, data: bytes, place: Place, kind: str = Listing.Kind.EVENT, dry_run: bool = False
) -> ImportResult:
    result = ImportResult()
    for event in parse_calendar(data, zone=place.zone):
        if dry_run:
            result.created += 1
            continue
        try:
            _, created = listing_upsert_from_source(
                source_id=event.source_id,
                place=place,
                kind=kind,
                title=event.title,
                details=event.details,
                venue=event.venue,
                url=event.url,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
            )
        except ValidationError as error:
            result.skipped += 1
            result.errors.append(f"{event.title}: {'; '.join(error.messages)}")
            continue
        result.created += created
        result.updated += not created
    return result
