"""Open-Meteo (https://open-meteo.com/): free, no key, coordinates only."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import requests
from django.conf import settings

from newsdesk.local.weather.base import WeatherError, WeatherProvider, WeatherReport

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"


class OpenMeteoProvider(WeatherProvider):
    name = "openmeteo"

    def __init__(self, *, url: str = FORECAST_URL, session: requests.Session | None = None):
        self.url = url
        self.session = session or requests.Session()

    def current(self, *, place) -> WeatherReport:
        params = {
            "latitude": f"{place.latitude:.4f}",
            "longitude": f"{place.longitude:.4f}",
            "current": "temperature_2m,weather_code,wind_speed_10m",
            "timezone": place.time_zone,
        }
        try:
            response = self.session.get(
                self.url,
                params=params,
                timeout=(
                    settings.NEWSDESK_WEATHER_CONNECT_TIMEOUT,
                    settings.NEWSDESK_WEATHER_READ_TIMEOUT,
                ),
                headers={"User-Agent": "newsdesk (+https://github.com/newsdesk)"},
            )
            response.raise_for_status()
            data = response.json()
        except (requests.RequestException, ValueError) as error:
            raise WeatherError(f"Open-Meteo: {error}") from error
        return parse_current(data)


def parse_current(data) -> WeatherReport:
    """Read Open-Meteo's ``current`` block; local time plus ``utc_offset_seconds``."""
    try:
        current = data["current"]
        offset = dt_timezone(timedelta(seconds=int(data.get("utc_offset_seconds", 0))))
        observed = datetime.fromisoformat(current["time"])
        if observed.tzinfo is None:
            observed = observed.replace(tzinfo=offset)
        return WeatherReport(
            temperature_c=float(current["temperature_2m"]),
            weather_code=int(current["weather_code"]),
            wind_kmh=float(current["wind_speed_10m"]),
            observed_at=observed,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise WeatherError(f"Open-Meteo: unexpected answer ({error!r})") from error
