"""The admin's run log per wire source: the last runs, item by item, decision and reason."""

from pathlib import Path

import pytest
from django.urls import reverse

from newsdesk.ingest.models import IngestSource
from newsdesk.ingest.wire_services import ingest_source_run

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://wire.example.com/rss/liftoff.xml"


@pytest.fixture
def source(section, wire_http):
    wire_http.get(URL, body=(FIXTURES / "rss2sample.xml").read_bytes())
    return IngestSource.objects.create(
        name="Liftoff", slug="liftoff", url=URL, format="rss", section=section, publish=True
    )


def test_the_runs_page_shows_each_item_with_its_decision_and_reason(admin_client, source):
    ingest_source_run(source=source)
    ingest_source_run(source=source)
    listing = admin_client.get(reverse("wagtailsnippets_ingest_ingestsource:list")).content
    runs_url = reverse("ingest_admin:source_runs", args=[source.pk])
    assert runs_url.encode() in listing
    page = admin_client.get(runs_url).content.decode()
    assert page.count("3 created, 0 updated, 0 unchanged, 1 not imported") == 1
    assert page.count("0 created, 0 updated, 3 unchanged, 1 not imported") == 1
    assert page.count("New story") == 3 and page.count("Unchanged") == 3
    assert page.count("title: the item has no title") == 2
    assert page.index("3 unchanged") < page.index("3 created")  # newest run first


def test_a_failed_run_shows_its_reason(admin_client, source, wire_http):
    wire_http.replace("GET", URL, body=(FIXTURES / "rss2sample.xml").read_bytes()[:900])
    ingest_source_run(source=source)
    page = admin_client.get(reverse("ingest_admin:source_runs", args=[source.pk])).content
    assert b"failed: the feed is not well-formed XML" in page


def test_readers_without_the_permission_cannot_see_runs(client, source, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="pw-12345678")
    client.force_login(user)
    response = client.get(reverse("ingest_admin:source_runs", args=[source.pk]))
    assert response.status_code in (302, 403)
