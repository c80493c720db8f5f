import re

import pytest
from django.core.exceptions import ValidationError

from newsdesk.local.models import BAD_TIME_ZONE, REGION_MUST_BE_REGION, Place
from newsdesk.local.places_data import places_seed
from newsdesk.local.tests.factories import place

pytestmark = pytest.mark.django_db


def test_migration_seeds_south_african_cities_with_provinces_and_world_cities():
    cape_town = place("cape-town")
    assert cape_town.region.name == "Western Cape"
    assert cape_town.time_zone == "Africa/Johannesburg"
    assert -34 < cape_town.latitude < -33
    assert place("london").time_zone == "Europe/London"
    assert Place.objects.filter(kind=Place.Kind.REGION, country="South Africa").count() == 9


def test_seeding_again_creates_nothing_new():
    assert places_seed(Place) == 0


def test_place_rejects_an_unknown_time_zone():
    bad = Place(name="Atlantis", slug="atlantis", latitude=0, longitude=0, time_zone="Mars/Base")
    with pytest.raises(ValidationError, match=re.escape(str(BAD_TIME_ZONE))):
        bad.full_clean()


def test_a_city_cannot_have_a_city_as_its_region():
    town = Place(
        name="Sandton", slug="sandton", latitude=-26.1, longitude=28.05, region=place("soweto")
    )
    with pytest.raises(ValidationError, match=re.escape(str(REGION_MUST_BE_REGION))):
        town.full_clean()
