"""newsdesk's own components: local news, weather, traffic alerts and listings."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.local import selectors
from newsdesk.local.components.base import LocalComponent
from newsdesk.local.weather.service import weather_for_place


class LocalNewsComponent(LocalComponent):
    name = "news"
    title = _("Local news")
    description = "The latest stories about your city and its province."
    template_name = "local/components/news.html"
    order = 10

    def get_context(self, *, request, place):
        return {"stories": selectors.local_story_cards(place=place, request=request)}


class WeatherComponent(LocalComponent):
    name = "weather"
    title = _("Weather")
    description = "Current conditions where you are."
    template_name = "local/components/weather.html"
    order = 20

    def get_context(self, *, request, place):
        return {"weather": weather_for_place(place=place)}


class TrafficComponent(LocalComponent):
    name = "traffic"
    title = _("Traffic Alerts")
    description = "Road closures, accidents and delays in your area."
    template_name = "local/components/traffic.html"
    order = 30

    def get_context(self, *, request, place):
        return {"alerts": selectors.traffic_alert_list_current(place=place, now=timezone.now())}


class ListingsComponent(LocalComponent):
    name = "listings"
    title = _("Listings")
    description = "Upcoming events and what is on TV."
    template_name = "local/components/listings.html"
    order = 40

    def get_context(self, *, request, place):
        now = timezone.now()
        return {
            "events": selectors.listing_list_upcoming(place=place, kind="event", now=now),
            "tv": selectors.listing_list_upcoming(place=place, kind="tv", now=now),
        }


BUILTIN_COMPONENTS = [
    LocalNewsComponent(),
    WeatherComponent(),
    TrafficComponent(),
    ListingsComponent(),
]
