"""Weather for a place, cached per place, one upstream call per place per period.

The cache holds the last good report for a long time (``STALE_SECONDS``) and the time it
was fetched; it counts as fresh for ``NEWSDESK_WEATHER_CACHE_SECONDS``. When it is not
fresh, one worker wins ``cache.add`` on a lock key and asks the provider; everyone else
serves the stale report meanwhile (or, with nothing cached yet, waits briefly for the
winner). A failing provider leaves the stale report in place; with none, the reader
sees "unavailable" and the page is served as usual.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

from newsdesk.local.weather.base import WeatherError, WeatherProvider, WeatherReport

logger = logging.getLogger("newsdesk.local.weather")

STALE_SECONDS = 24 * 3600
PROVIDERS = {
    "offline": "newsdesk.local.weather.offline.OfflineProvider",
    "openmeteo": "newsdesk.local.weather.openmeteo.OpenMeteoProvider",
}


@dataclass(frozen=True)
class WeatherState:
    """What the weather box shows: a report, or nothing available.

    ``stale`` means the provider failed and the report is the last good one.
    """

    place: object
    report: WeatherReport | None
    fetched_at: datetime | None
    stale: bool

    @property
    def available(self) -> bool:
        return self.report is not None


def weather_provider() -> WeatherProvider:
    name = settings.NEWSDESK_WEATHER_PROVIDER
    return import_string(PROVIDERS.get(name, name))()


def _keys(provider: WeatherProvider, place) -> tuple[str, str]:
    base = f"local:weather:{provider.name}:{place.pk}"
    return base, f"{base}:lock"


def weather_for_place(*, place, provider: WeatherProvider | None = None) -> WeatherState:
    provider = provider or weather_provider()
    key, lock_key = _keys(provider, place)
    entry = cache.get(key)
    if entry and _is_fresh(entry):
        return _state(place, entry, stale=False)
    lock_seconds = (
        settings.NEWSDESK_WEATHER_CONNECT_TIMEOUT + settings.NEWSDESK_WEATHER_READ_TIMEOUT + 2
    )
    if cache.add(lock_key, 1, timeout=lock_seconds):
        try:
            # Look again now the lock is ours: a winner that finished between our first
            # read and our ``add`` has already stored a fresh report.
            entry = cache.get(key)
            if entry and _is_fresh(entry):
                return _state(place, entry, stale=False)
            return _refresh(provider, place, key, entry)
        finally:
            cache.delete(lock_key)
    if entry is None:
        entry = _wait_for_winner(key, seconds=lock_seconds)
    return _state(place, entry, stale=False)


def _is_fresh(entry) -> bool:
    return time.time() - entry["fetched"] < settings.NEWSDESK_WEATHER_CACHE_SECONDS


def _refresh(provider, place, key, entry) -> WeatherState:
    try:
        report = provider.current(place=place)
    except WeatherError as error:
        logger.warning("Weather for %s failed: %s", place.slug, error)
        # Keep the last good report (or the failure) and ask again after the retry delay,
        # not on every request while the provider is down.
        retry_at = time.time() - settings.NEWSDESK_WEATHER_CACHE_SECONDS
        entry = {
            "report": entry["report"] if entry else None,
            "fetched_at": entry["fetched_at"] if entry else None,
            "fetched": retry_at + settings.NEWSDESK_WEATHER_RETRY_SECONDS,
            "failed": True,
        }
        cache.set(key, entry, STALE_SECONDS)
        return _state(place, entry, stale=True)
    entry = {"report": report, "fetched": time.time(), "fetched_at": timezone.now()}
    cache.set(key, entry, STALE_SECONDS)
    return _state(place, entry, stale=False)


def _wait_for_winner(key, *, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
        entry = cache.get(key)
        if entry is not None:
            return entry
    return None


def _state(place, entry, *, stale: bool) -> WeatherState:
    if entry is None or entry["report"] is None:
        return WeatherState(place=place, report=None, fetched_at=None, stale=False)
    return WeatherState(
        place=place,
        report=entry["report"],
        fetched_at=entry["fetched_at"],
        stale=stale or bool(entry.get("failed")),
    )
