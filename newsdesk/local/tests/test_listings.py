from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk.local.importers import listings_import
from newsdesk.local.models import Listing
from newsdesk.local.selectors import listing_list_upcoming
from newsdesk.local.tests.factories import listing_factory, place

pytestmark = pytest.mark.django_db
ICS = Path(__file__).parent / "fixtures" / "events.ics"


def test_icalendar_events_become_listings_in_the_places_time_zone():
    result = listings_import(data=ICS.read_bytes(), place=place("cape-town"))
    assert (result.created, result.skipped) == (3, 1)
    assert "ends before it starts" in result.errors[0]
    concert = Listing.objects.get(source_id="kirstenbosch-2030-01-05@events.example.org")
    assert concert.starts_at.isoformat() == "2030-01-05T15:30:00+00:00"
    assert concert.venue == "Kirstenbosch National Botanical Garden"
    assert concert.url == "https://events.example.org/kirstenbosch-sunset"
    heritage = Listing.objects.get(title__startswith="Heritage Day")
    assert heritage.starts_at.astimezone(place("cape-town").zone).hour == 0
    jazz = Listing.objects.get(title__startswith="Cape Town International Jazz")
    assert (jazz.ends_at - jazz.starts_at).total_seconds() == 3 * 3600


def test_importing_the_same_calendar_again_updates_instead_of_duplicating():
    listings_import(data=ICS.read_bytes(), place=place("cape-town"))
    again = listings_import(data=ICS.read_bytes(), place=place("cape-town"), kind="event")
    assert (again.created, again.updated) == (0, 3)
    assert Listing.objects.count() == 3


def test_import_listings_command_for_tv(capsys):
    call_command("import_listings", str(ICS), "--place", "cape-town", "--kind", "tv")
    assert "3 new, 0 updated, 1 skipped" in capsys.readouterr().out
    assert set(Listing.objects.values_list("kind", flat=True)) == {"tv"}


def test_import_listings_command_refuses_a_file_that_is_not_a_calendar(tmp_path):
    bad = tmp_path / "notes.ics"
    bad.write_text("this is not a calendar")
    with pytest.raises(CommandError, match="not an iCalendar file"):
        call_command("import_listings", str(bad), "--place", "cape-town")


def test_upcoming_listings_leave_out_what_is_over_and_other_places():
    cape_town = place("cape-town")
    listing_factory(place=cape_town, title="Tomorrow's gig", in_hours=24)
    listing_factory(place=cape_town, title="Last week's gig", in_hours=-24 * 7)
    listing_factory(place=place("western-cape"), title="Province-wide fair", in_hours=48)
    listing_factory(place=place("durban"), title="Durban gig", in_hours=24)
    listing_factory(place=cape_town, title="Late film", in_hours=5, kind="tv")
    events = listing_list_upcoming(place=cape_town, kind="event", now=timezone.now())
    assert [e.title for e in events] == ["Tomorrow's gig", "Province-wide fair"]


def test_listings_component_shows_events_and_tv(client, home_page):
    listing_factory(place=place("durban"), title="Sharks v Bulls", venue="Kings Park")
    listing_factory(place=place("durban"), title="Evening news", venue="SABC 1", kind="tv")
    client.post("/location/", {"listings": "durban"})
    html = client.get("/local/components/listings/").content.decode()
    assert "What's on" in html and "Sharks v Bulls" in html and "Kings Park" in html
    assert "On TV" in html and "Evening news" in html
