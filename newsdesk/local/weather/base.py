"""The provider contract: ``current(place) -> WeatherReport`` or raise ``WeatherError``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# WMO weather interpretation codes, as Open-Meteo documents them.
WMO_CODES = {
    0: ("Clear sky", "clear"),
    1: ("Mainly clear", "clear"),
    2: ("Partly cloudy", "cloud"),
    3: ("Overcast", "cloud"),
    45: ("Fog", "fog"),
    48: ("Freezing fog", "fog"),
    51: ("Light drizzle", "rain"),
    53: ("Drizzle", "rain"),
    55: ("Heavy drizzle", "rain"),
    56: ("Freezing drizzle", "rain"),
    57: ("Heavy freezing drizzle", "rain"),
    61: ("Light rain", "rain"),
    63: ("Rain", "rain"),
    65: ("Heavy rain", "rain"),
    66: ("Freezing rain", "rain"),
    67: ("Heavy freezing rain", "rain"),
    71: ("Light snow", "snow"),
    73: ("Snow", "snow"),
    75: ("Heavy snow", "snow"),
    77: ("Snow grains", "snow"),
    80: ("Light showers", "rain"),
    81: ("Showers", "rain"),
    82: ("Violent showers", "rain"),
    85: ("Snow showers", "snow"),
    86: ("Heavy snow showers", "snow"),
    95: ("Thunderstorm", "storm"),
    96: ("Thunderstorm with hail", "storm"),
    99: ("Thunderstorm with heavy hail", "storm"),
}
SYMBOLS = {"clear": "☀", "cloud": "☁", "fog": "🌫", "rain": "🌧", "snow": "❄", "storm": "⛈"}


class WeatherError(Exception):
    """The provider could not give a usable answer (timeout, HTTP error, bad data)."""


@dataclass(frozen=True)
class WeatherReport:
    temperature_c: float
    weather_code: int
    wind_kmh: float
    observed_at: datetime

    @property
    def description(self) -> str:
        return WMO_CODES.get(self.weather_code, ("Unknown", "cloud"))[0]

    @property
    def symbol(self) -> str:
        return SYMBOLS[WMO_CODES.get(self.weather_code, ("", "cloud"))[1]]

    @property
    def temperature(self) -> int:
        return round(self.temperature_c)

    @property
    def wind(self) -> int:
        return round(self.wind_kmh)


class WeatherProvider:
    """Subclasses set ``name`` and implement ``current``; they must use timeouts."""

    name = ""

    def current(self, *, place) -> WeatherReport:
        raise NotImplementedError
