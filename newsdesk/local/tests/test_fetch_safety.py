"""Traffic feeds, iCalendar listings and weather go through ``core.http``: internal
addresses are refused and a huge answer is cut at the cap (issue #13, row 5)."""

import pytest
from django.core.management import CommandError, call_command

from newsdesk.core.http import OUTBOUND_FETCH_FAILED
from newsdesk.core.tests.servers import local_server
from newsdesk.local.importers import FetchFailed, fetch_bytes, traffic_feeds_import_all
from newsdesk.local.models import Listing, Place, TrafficAlert, TrafficFeed
from newsdesk.local.weather.base import WeatherError
from newsdesk.local.weather.openmeteo import OpenMeteoProvider

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def _hundred_mb(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/calendar")
    handler.end_headers()
    for _ in range(400):
        handler.write(b"X" * (256 * 1024))


def test_a_100_mb_calendar_is_cut_at_the_cap_without_reading_it_all(settings):
    settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ["127.0.0.1/32"]
    settings.NEWSDESK_LOCAL_FETCH_MAX_BYTES = MB
    with (
        local_server({"/events.ics": _hundred_mb}) as server,
        pytest.raises(FetchFailed, match=OUTBOUND_FETCH_FAILED),
    ):
        fetch_bytes(server.url("/events.ics"))
    assert server.bytes_sent < 20 * MB


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://10.1.1.1/traffic.rss"]
)
def test_an_internal_traffic_feed_is_refused_and_stores_nothing(url):
    TrafficFeed.objects.create(url=url, region=Place.objects.get(slug="gauteng"))
    results = traffic_feeds_import_all()
    assert results[url].errors == [f"Could not fetch {url}: {OUTBOUND_FETCH_FAILED}"]
    assert not TrafficAlert.objects.exists()
    assert TrafficFeed.objects.get().last_imported_at is None


def test_the_listings_command_refuses_a_loopback_calendar_that_is_listening():
    with (
        local_server({"/events.ics": lambda h: h.answer(200, b"BEGIN:VCALENDAR")}) as server,
        pytest.raises(CommandError, match=OUTBOUND_FETCH_FAILED),
    ):
        call_command("import_listings", server.url("/events.ics"), "--place", "cape-town")
    assert server.requests == []
    assert not Listing.objects.exists()


def test_a_weather_provider_pointed_inside_fails_soft():
    provider = OpenMeteoProvider(url="http://169.254.169.254/v1/forecast")
    with pytest.raises(WeatherError, match=OUTBOUND_FETCH_FAILED):
        provider.current(place=Place.objects.get(slug="durban"))
