import pytest
from django.utils import timezone

from newsdesk.local.demo import demo_local_load
from newsdesk.local.selectors import listing_list_upcoming, traffic_alert_list_current
from newsdesk.local.tests.factories import place

pytestmark = pytest.mark.django_db


def test_demo_gives_the_main_cities_current_alerts_and_upcoming_listings():
    demo_local_load()
    now = timezone.now()
    for slug in ("johannesburg", "cape-town", "durban"):
        assert traffic_alert_list_current(place=place(slug), now=now)
        assert listing_list_upcoming(place=place(slug), kind="event", now=now)
    assert listing_list_upcoming(place=place("pretoria"), kind="tv", now=now)  # Gauteng's TV
