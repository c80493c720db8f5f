import threading

import pytest
import requests
import responses
from django.core.cache import cache

from newsdesk.local.tests.factories import place
from newsdesk.local.weather.offline import OfflineProvider
from newsdesk.local.weather.openmeteo import FORECAST_URL, OpenMeteoProvider
from newsdesk.local.weather.service import weather_for_place

pytestmark = pytest.mark.django_db


def open_meteo_json(*, temperature=22.3, code=2, wind=24.5, time="2026-11-29T17:45"):
    """Shaped exactly like Open-Meteo's answer to our query."""
    return {
        "latitude": -33.875,
        "longitude": 18.375,
        "generationtime_ms": 0.0350475311279297,
        "utc_offset_seconds": 7200,
        "timezone": "Africa/Johannesburg",
        "timezone_abbreviation": "GMT+2",
        "elevation": 4.0,
        "current_units": {
            "time": "iso8601",
            "interval": "seconds",
            "temperature_2m": "°C",
            "weather_code": "wmo code",
            "wind_speed_10m": "km/h",
        },
        "current": {
            "time": time,
            "interval": 900,
            "temperature_2m": temperature,
            "weather_code": code,
            "wind_speed_10m": wind,
        },
    }


@pytest.fixture
def openmeteo(settings):
    settings.NEWSDESK_WEATHER_PROVIDER = "openmeteo"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _expire_cache(settings):
    # Jump past the fresh period without sleeping: a fresh period of zero seconds.
    settings.NEWSDESK_WEATHER_CACHE_SECONDS = 0


def test_open_meteo_report_is_read_with_coordinates_only_and_timeouts(openmeteo):
    openmeteo.get(FORECAST_URL, json=open_meteo_json())
    state = weather_for_place(place=place("cape-town"))
    assert state.available and not state.stale
    assert state.report.temperature == 22
    assert state.report.description == "Partly cloudy"
    assert state.report.wind == 24
    assert state.report.observed_at.isoformat() == "2026-11-29T17:45:00+02:00"
    request = openmeteo.calls[0].request
    assert "latitude=-33.9249" in request.url and "longitude=18.4241" in request.url
    assert "current=temperature_2m%2Cweather_code%2Cwind_speed_10m" in request.url
    assert "timezone=Africa%2FJohannesburg" in request.url
    assert "Cookie" not in request.headers
    assert request.req_kwargs["timeout"] == (2.0, 3.0)


def test_weather_is_cached_per_place_so_a_burst_makes_one_call(openmeteo):
    openmeteo.get(FORECAST_URL, json=open_meteo_json())
    for _ in range(20):
        weather_for_place(place=place("cape-town"))
    weather_for_place(place=place("durban"))
    assert len(openmeteo.calls) == 2


def test_concurrent_requests_for_a_place_make_one_upstream_call(openmeteo):
    started, release = threading.Event(), threading.Event()

    def slow_answer(request):
        started.set()
        release.wait(5)
        return 200, {}, __import__("json").dumps(open_meteo_json())

    openmeteo.add_callback("GET", FORECAST_URL, callback=slow_answer)
    cape_town = place("cape-town")
    results = []

    def ask():
        results.append(weather_for_place(place=cape_town))

    first = threading.Thread(target=ask)
    first.start()
    assert started.wait(5)
    others = [threading.Thread(target=ask) for _ in range(8)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert len(openmeteo.calls) == 1
    assert len(results) == 9
    assert all(state.available for state in results)


def test_a_report_stored_between_our_read_and_our_lock_is_used_not_fetched_again(
    openmeteo, monkeypatch
):
    # The race CI once hit: this worker read an empty cache, then another finished its
    # refresh and released the lock before this one took it.
    from newsdesk.local.weather import service

    openmeteo.get(FORECAST_URL, json=open_meteo_json())
    cape_town = place("cape-town")
    weather_for_place(place=cape_town)
    real_get, reads = cache.get, []

    def first_read_misses(key, *args, **kwargs):
        reads.append(key)
        return None if len(reads) == 1 else real_get(key, *args, **kwargs)

    monkeypatch.setattr(service.cache, "get", first_read_misses)
    state = weather_for_place(place=cape_town)
    assert state.available and not state.stale
    assert len(openmeteo.calls) == 1


def test_a_refresh_in_flight_elsewhere_is_not_repeated_and_the_stale_report_is_served(
    openmeteo, settings
):
    openmeteo.get(FORECAST_URL, json=open_meteo_json(temperature=18))
    cape_town = place("cape-town")
    weather_for_place(place=cape_town)
    _expire_cache(settings)
    cache.add(f"local:weather:openmeteo:{cape_town.pk}:lock", 1, 30)
    state = weather_for_place(place=cape_town)
    assert len(openmeteo.calls) == 1
    assert state.report.temperature == 18


@pytest.mark.parametrize(
    "failure",
    [
        {"body": requests.exceptions.ConnectTimeout("connect timed out")},
        {"body": requests.exceptions.ReadTimeout("read timed out (slow provider)")},
        {"status": 500, "json": {"error": True, "reason": "Internal Server Error"}},
        {"status": 200, "body": "<html>Bad gateway</html>"},
        {"status": 200, "json": {"error": True, "reason": "Cannot initialize WeatherVariable"}},
        {"body": requests.exceptions.ConnectionError("name resolution failed")},
    ],
    ids=["timeout", "slow", "http-500", "not-json", "error-json", "offline"],
)
def test_a_failing_provider_keeps_the_stale_report(openmeteo, settings, failure):
    openmeteo.get(FORECAST_URL, json=open_meteo_json(temperature=25))
    cape_town = place("cape-town")
    weather_for_place(place=cape_town)
    _expire_cache(settings)
    openmeteo.replace(responses.GET, FORECAST_URL, **failure)
    state = weather_for_place(place=cape_town)
    assert state.available and state.stale
    assert state.report.temperature == 25


@pytest.mark.parametrize(
    "failure",
    [
        {"body": requests.exceptions.ReadTimeout("read timed out")},
        {"status": 500, "body": "oops"},
        {"status": 200, "body": "{not json"},
    ],
    ids=["slow", "http-500", "bad-json"],
)
def test_a_failing_provider_with_nothing_cached_still_serves_the_page(
    client, home_page, openmeteo, failure
):
    openmeteo.get(FORECAST_URL, **failure)
    assert client.get("/").status_code == 200
    response = client.get("/local/components/weather/")
    assert response.status_code == 200
    assert "weather for Johannesburg is unavailable right now" in response.content.decode()


def test_after_a_failure_the_provider_is_not_asked_again_on_every_request(openmeteo):
    openmeteo.get(FORECAST_URL, status=503)
    for _ in range(5):
        weather_for_place(place=place("cape-town"))
    assert len(openmeteo.calls) == 1


def test_weather_recovers_once_the_provider_answers_again(openmeteo, settings):
    openmeteo.get(FORECAST_URL, status=500)
    cape_town = place("cape-town")
    assert not weather_for_place(place=cape_town).available
    _expire_cache(settings)  # as if the retry delay had passed
    openmeteo.replace(responses.GET, FORECAST_URL, json=open_meteo_json(temperature=30))
    state = weather_for_place(place=cape_town)
    assert state.available and not state.stale and state.report.temperature == 30


def test_offline_provider_is_deterministic_for_a_place_and_a_day():
    cape_town, tokyo = place("cape-town"), place("tokyo")
    provider = OfflineProvider()
    assert provider.current(place=cape_town) == provider.current(place=cape_town)
    assert provider.current(place=cape_town) != provider.current(place=tokyo)
    assert -20 < provider.current(place=cape_town).temperature_c < 45


def test_offline_is_the_default_provider_and_never_touches_the_network(client, home_page):
    with responses.RequestsMock() as mock:  # any request would raise ConnectionError
        html = client.get("/local/components/weather/").content.decode()
        assert len(mock.calls) == 0
    assert "°C" in html


def test_the_open_meteo_client_can_be_used_on_its_own(openmeteo):
    openmeteo.get(FORECAST_URL, json=open_meteo_json(code=95))
    report = OpenMeteoProvider().current(place=place("durban"))
    assert report.description == "Thunderstorm"
