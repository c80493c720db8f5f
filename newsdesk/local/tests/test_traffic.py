from datetime import timedelta
from pathlib import Path

import pytest
import responses
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk.local.importers import parse_alert_feed, traffic_alerts_import
from newsdesk.local.models import EXPIRES_BEFORE_START, TrafficAlert, TrafficFeed
from newsdesk.local.selectors import traffic_alert_list_current
from newsdesk.local.services import traffic_alert_create
from newsdesk.local.tests.factories import alert_factory, place

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def test_readers_see_current_alerts_for_their_place_and_its_region(client, home_page):
    alert_factory(region=place("cape-town"), headline="N2 closed at Baden Powell")
    alert_factory(region=place("western-cape"), headline="Snow on Du Toitskloof Pass")
    alert_factory(region=place("durban"), headline="M4 flooded")
    client.post("/location/", {"traffic": "cape-town"})
    html = client.get("/local/components/traffic/").content.decode()
    assert "N2 closed at Baden Powell" in html
    assert "Snow on Du Toitskloof Pass" in html
    assert "M4 flooded" not in html


def test_a_region_sees_the_alerts_of_its_cities():
    alert_factory(region=place("stellenbosch"), headline="R44 roadworks")
    alerts = traffic_alert_list_current(place=place("western-cape"), now=timezone.now())
    assert [a.headline for a in alerts] == ["R44 roadworks"]


def test_expired_and_future_alerts_vanish_by_themselves(client, home_page):
    joburg = place("johannesburg")
    alert_factory(region=joburg, headline="Still on", hours_ago=3, hours_left=1)
    expired = alert_factory(region=joburg, headline="Cleared", hours_ago=3, hours_left=-1)
    alert_factory(region=joburg, headline="Tomorrow", hours_ago=-20, hours_left=30)
    alerts = traffic_alert_list_current(place=joburg, now=timezone.now())
    assert [a.headline for a in alerts] == ["Still on"]
    # Once its expiry passes, the same alert is simply no longer current.
    later = timezone.now() + timedelta(hours=2)
    assert traffic_alert_list_current(place=joburg, now=later) == []
    assert TrafficAlert.objects.filter(pk=expired.pk).exists()  # kept for the record
    html = client.get("/local/components/traffic/").content.decode()
    assert "Cleared" not in html and "Still on" in html


def test_severe_alerts_come_first():
    gauteng = place("gauteng")
    alert_factory(region=gauteng, headline="Minor thing", severity="minor", hours_ago=0.1)
    alert_factory(region=gauteng, headline="Big closure", severity="severe", hours_ago=2)
    alerts = traffic_alert_list_current(place=place("pretoria"), now=timezone.now())
    assert [a.headline for a in alerts] == ["Big closure", "Minor thing"]


def test_an_alert_must_expire_after_it_starts():
    now = timezone.now()
    with pytest.raises(ValidationError, match=str(EXPIRES_BEFORE_START)):
        traffic_alert_create(
            region=place("durban"), headline="Backwards", starts_at=now, expires_at=now
        )
    assert not TrafficAlert.objects.exists()


def test_rss_feed_becomes_alerts_and_a_second_import_updates_them():
    data = (FIXTURES / "traffic.rss").read_bytes()
    now = timezone.now()
    result = traffic_alerts_import(
        data=data, region=place("gauteng"), severity="moderate", hours=6, now=now
    )
    assert (result.created, result.updated) == (3, 0)
    closed = TrafficAlert.objects.get(headline__startswith="N1 North closed")
    assert closed.severity == TrafficAlert.Severity.SEVERE  # "closed" in the title
    assert closed.details == "Both lanes closed after a truck overturned near Allandale."
    assert closed.source_url == "https://traffic.example.org/incidents/4411"
    assert TrafficAlert.objects.get(headline__startswith="Slow").severity == "minor"
    again = traffic_alerts_import(
        data=data, region=place("gauteng"), severity="moderate", hours=6, now=now
    )
    assert (again.created, again.updated) == (0, 3)
    assert TrafficAlert.objects.count() == 3


def test_atom_feeds_are_read_too():
    items = parse_alert_feed((FIXTURES / "traffic.atom").read_bytes())
    assert [item.headline for item in items] == ["Chapman's Peak Drive closed for rockfall"]
    assert items[0].source_id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert items[0].published.isoformat() == "2026-11-29T06:30:00+00:00"


def test_import_command_reads_a_file_for_a_region(capsys):
    call_command(
        "import_traffic_alerts",
        str(FIXTURES / "traffic.rss"),
        "--region",
        "gauteng",
        "--hours",
        "2",
    )
    assert "3 new, 0 updated, 0 skipped" in capsys.readouterr().out
    assert TrafficAlert.objects.filter(region=place("gauteng")).count() == 3


def test_import_command_dry_run_writes_nothing():
    call_command(
        "import_traffic_alerts", str(FIXTURES / "traffic.rss"), "--region", "gauteng", "--dry-run"
    )
    assert not TrafficAlert.objects.exists()


def test_import_command_names_an_unknown_region():
    with pytest.raises(CommandError, match="atlantis"):
        call_command("import_traffic_alerts", str(FIXTURES / "traffic.rss"), "--region", "atlantis")


@responses.activate
def test_periodic_import_reads_every_enabled_feed_and_survives_a_broken_one():
    responses.get(
        "https://feeds.example.org/gauteng.rss", body=(FIXTURES / "traffic.rss").read_bytes()
    )
    responses.get("https://feeds.example.org/broken.rss", status=502)
    TrafficFeed.objects.create(url="https://feeds.example.org/gauteng.rss", region=place("gauteng"))
    TrafficFeed.objects.create(url="https://feeds.example.org/broken.rss", region=place("durban"))
    TrafficFeed.objects.create(
        url="https://feeds.example.org/off.rss", region=place("durban"), enabled=False
    )
    call_command("import_traffic_alerts", verbosity=0)
    assert TrafficAlert.objects.count() == 3
    assert TrafficFeed.objects.get(url__endswith="gauteng.rss").last_imported_at is not None
    assert len(responses.calls) == 2
