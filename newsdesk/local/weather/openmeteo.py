"""Open-Meteo (https://open-meteo.com/): free, no key, coordinates only."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from urllib.parse import urlencode

from django.conf import settings

from newsdesk.core import http
from newsdesk.local.weather.base import WeatherError, WeatherProvider, WeatherReport

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
MAX_BYTES = 64 * 1024  # a current-conditions answer is well under 1 KB


class OpenMeteoProvider(WeatherProvider):
    name = "openmeteo"

    def __init__(self, *, url: str = FORECAST_URL):
        self.url = url

    def current(self, *, place) -> WeatherReport:
        params = {
            "latitude": f"{place.latitude:.4f}",
            "longitude": f"{place.longitude:.4f}",
            "current": "temperature_2m,weather_code,wind_speed_10m",
            "timezone": place.time_zone,
        }
        try:
            answer = http.fetch(
                f"{self.url}?{urlencode(params)}",
                max_bytes=MAX_BYTES,
                timeout=(
                    settings.NEWSDESK_WEATHER_CONNECT_TIMEOUT,
                    settings.NEWSDESK_WEATHER_READ_TIMEOUT,
                ),
                accept="application/json",
            )
            if answer.status != 200:
                raise WeatherError(f"Open-Meteo: the server answered {answer.status}")
            data = json.loads(answer.content)
        except (http.OutboundFetchError, ValueError) as error:
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
