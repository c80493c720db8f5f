"""The run log keeps the newest runs of each source and forgets the rest (issue #15)."""

from pathlib import Path

import pytest

from newsdesk.ingest.models import IngestDecision, IngestRun, IngestSource
from newsdesk.ingest.wire_services import ingest_source_run, wire_run_start

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
FEED_URL = "https://herald.example.co.za/feed/"


def test_a_new_run_prunes_the_sources_oldest_runs_and_their_items(settings, section, wire_http):
    settings.NEWSDESK_INGEST_RUNS_KEPT = 3
    wire_http.get(FEED_URL, body=(FIXTURES / "publisher_rss_media.xml").read_bytes())
    source = IngestSource.objects.create(
        name="Herald", slug="herald", url=FEED_URL, format="rss", section=section
    )
    other = IngestSource.objects.create(
        name="Other", slug="other", url="https://other.example.com/feed/", section=section
    )
    others = [wire_run_start(location=other.url, source=other) for _ in range(2)]
    for _ in range(5):
        ingest_source_run(source=source)
    runs = IngestRun.objects.filter(source=source).order_by("pk")
    assert runs.count() == 3
    assert runs.first().pk > others[-1].pk + 2  # the two oldest of the five were deleted
    assert not IngestDecision.objects.exclude(run__in=runs).exists()
    assert IngestDecision.objects.filter(run__in=runs).count() == 3 * 2
    # Another source's log is its own.
    assert set(IngestRun.objects.filter(source=other)) == set(others)


def test_runs_without_a_source_are_kept_per_location(settings):
    settings.NEWSDESK_INGEST_RUNS_KEPT = 2
    for _ in range(4):
        wire_run_start(location="/tmp/a.xml")
    wire_run_start(location="/tmp/b.xml")
    assert IngestRun.objects.filter(location="/tmp/a.xml").count() == 2
    assert IngestRun.objects.filter(location="/tmp/b.xml").count() == 1
